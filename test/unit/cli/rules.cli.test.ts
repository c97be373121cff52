/**
 * `courseco-xero rules` (issue 13 §3): rules travel as JSON — export, import (checked whole; a bad file is refused with
 * every reason and changes nothing), list as a table or --json — and the example is offered out of the box.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../../support/cli-bin';
import { makeTempDir } from '../../support/temp-dir';

function cli(dataDir: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8', input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let temp: ReturnType<typeof makeTempDir>;
const file = (name: string) => path.join(temp.dir, name);
beforeEach(() => {
  temp = makeTempDir('ccxa-rules-');
});
afterEach(() => temp.cleanup());

const RULES = {
  version: 1,
  rules: [
    { name: 'Materials', when: { course: 'materials' }, then: { accountCode: '220', taxType: 'TAX001' } },
    { name: 'Cork', when: { venue: 'Cork', transactionType: 'Pay Now' }, then: { tracking: [{ category: 'Venue', option: 'Cork' }] } },
  ],
  default: { accountCode: '200' },
};

describe('courseco-xero rules', () => {
  it('imports a file, lists it as a table and as JSON, and exports the same document', () => {
    writeFileSync(file('in.json'), JSON.stringify(RULES));
    const imported = cli(temp.dir, ['rules', 'import', file('in.json')]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 2 rule(s).');

    const table = cli(temp.dir, ['rules', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+Rule\s+When\s+Then$/);
    expect(lines[1]).toMatch(/^1\s+Materials\s+course contains "materials"\s+account 220, tax TAX001$/);
    expect(lines[2]).toMatch(/^2\s+Cork\s+type contains "Pay Now" and venue contains "Cork"\s+Venue: Cork$/);
    expect(lines[3]).toMatch(/^–\s+default\s+no rule above matches\s+account 200$/);

    const json = cli(temp.dir, ['--json', 'rules', 'list']);
    expect(JSON.parse(json.stdout)).toEqual({ ...RULES, addTrackingOptions: false });

    expect(cli(temp.dir, ['rules', 'export', file('out.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(file('out.json'), 'utf8'))).toEqual(RULES);
  });

  it('refuses a bad file whole, with every reason, and keeps the rules it had', () => {
    writeFileSync(file('in.json'), JSON.stringify(RULES));
    expect(cli(temp.dir, ['rules', 'import', file('in.json')]).code).toBe(0);
    const bad = { version: 1, rules: [RULES.rules[0], { name: 'Too many', when: { course: 'x' }, then: { tracking: [{ category: 'A', option: '1' }, { category: 'B', option: '2' }, { category: 'C', option: '3' }] } }, { name: 'No condition', when: {}, then: {} }] };
    writeFileSync(file('bad.json'), JSON.stringify(bad));
    const refused = cli(temp.dir, ['rules', 'import', file('bad.json')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('The rules were refused and nothing changed: 2 problems.');
    expect(refused.stderr).toContain('rules[1].then.tracking: Xero takes at most 2 tracking categories on a line');
    expect(refused.stderr).toContain('rules[2].when: a rule needs at least one condition');
    writeFileSync(file('not.json'), '{"version": 1, "rules": [');
    const notJson = cli(temp.dir, ['rules', 'import', file('not.json')]);
    expect(notJson.code).not.toBe(0);
    expect(notJson.stderr).toMatch(/not\.json is not JSON .*Nothing changed\./);
    expect(JSON.parse(cli(temp.dir, ['--json', 'rules', 'list']).stdout).rules).toEqual(RULES.rules);
  });

  it('offers the example: accredited training exempt from VAT, course materials at 23 %', () => {
    const example = cli(temp.dir, ['rules', 'import', '--example']);
    expect(example.code).toBe(0);
    expect(example.stdout).toMatch(/Accredited training: exempt from VAT\s+category contains "accredited"\s+account 210, tax Exempt/);
    expect(example.stdout).toMatch(/Course materials at 23%\s+course contains "materials"\s+account 220, tax 23% VAT on Income/);
  });

  it('keeps rules away from config set, which would skip the check', () => {
    const set = cli(temp.dir, ['config', 'set', 'rules.lines', '{"version":1,"rules":[{}]}']);
    expect(set.code).not.toBe(0);
    expect(set.stderr).toContain('courseco-xero rules import FILE');
    expect(cli(temp.dir, ['config', 'get', 'rules.lines']).stdout.trim()).toBe('');
  });
});
