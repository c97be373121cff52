/**
 * A settings file damaged behind the app's back, as the person meets it on the command line (issue 17, finding 6):
 * every command names the problem and the way out on stderr, nothing is silently reset or erased, and the one write
 * to a damaged file is the `config repair` the person asks for.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';


function cli(dataDir: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8', input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let temp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  temp = makeTempDir('ccxa-config-');
  file = path.join(temp.dir, 'settings.json');
});
afterEach(() => temp.cleanup());

describe('courseco-xero config with a damaged settings file', () => {
  it('names a value that does not fit on every command, and a later config set keeps it', () => {
    expect(cli(temp.dir, ['config', 'set', 'xero.invoiceAccountCode', '200']).code).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.settings['xero.tenantId'] = 42;
    writeFileSync(file, JSON.stringify(raw));

    const get = cli(temp.dir, ['config', 'get', 'xero.tenantId']);
    expect(get.code).toBe(0);
    expect(get.stderr).toContain(`Warning: ${file} holds a value that does not fit its setting: xero.tenantId = 42`);
    expect(get.stderr).toContain('config set xero.tenantId VALUE');

    expect(cli(temp.dir, ['config', 'set', 'xero.paymentAccountCode', '090']).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).settings).toMatchObject({ 'xero.tenantId': 42, 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090' });
  });

  it('a truncated file: named with its path, nothing overwritten by config set, config repair brings back the last good copy', () => {
    expect(cli(temp.dir, ['config', 'set', 'xero.invoiceAccountCode', '200']).code).toBe(0);
    const cut = readFileSync(file, 'utf8').slice(0, 30);
    writeFileSync(file, cut);

    const get = cli(temp.dir, ['config', 'get']);
    expect(get.code).toBe(0);
    expect(get.stderr).not.toContain('SyntaxError');
    expect(get.stderr).toContain(`The settings file ${file} cannot be read`);
    expect(get.stderr).toContain('courseco-xero config repair');

    const set = cli(temp.dir, ['config', 'set', 'xero.taxRateName', 'Tax on Sales']);
    expect(set.code).not.toBe(0);
    expect(set.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(cut);

    const repair = cli(temp.dir, ['--json', 'config', 'repair']);
    expect(repair.code).toBe(0);
    const { restored, setAside } = JSON.parse(repair.stdout) as { restored: string; setAside: string };
    expect(restored).toBe('last-good');
    expect(readFileSync(setAside, 'utf8')).toBe(cut);
    const after = cli(temp.dir, ['config', 'get', 'xero.invoiceAccountCode']);
    expect(after).toMatchObject({ code: 0, stdout: '200\n', stderr: '' });
  });
});
