/**
 * The deposits setting on the command line (issue 13 part 7): off in a new profile, turned on with `config set`,
 * and a value other than on/off refused with the choices named, leaving the setting as it was.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';

function cli(dataDir: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8', input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('ccxa-deposits-');
});
afterEach(() => temp.cleanup());

describe('courseco-xero config set xero.batchDeposits', () => {
  it('is off by default, turns on, and refuses anything but on or off', () => {
    expect(cli(temp.dir, ['config', 'get', 'xero.batchDeposits']).stdout.trim()).toBe('off');
    expect(cli(temp.dir, ['config', 'set', 'xero.batchDeposits', 'on']).code).toBe(0);
    expect(cli(temp.dir, ['config', 'get', 'xero.batchDeposits']).stdout.trim()).toBe('on');
    const wrong = cli(temp.dir, ['config', 'set', 'xero.batchDeposits', 'yes']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('expected one of "off"|"on"');
    expect(cli(temp.dir, ['config', 'get', 'xero.batchDeposits']).stdout.trim()).toBe('on');
  });
});
