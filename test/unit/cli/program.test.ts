import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve('bin/courseco-xero.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('courseco-xero CLI', () => {
  it('lists every command in --help', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    for (const command of ['demo', 'sandbox', 'credentials', 'config', 'connect', 'disconnect', 'status', 'import', 'transactions', 'sync', 'reconcile', 'diagnose']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(result.stdout).toContain('--data-dir');
    expect(result.stdout).toContain('--json');
  });

  it('fails an unknown command with a non-zero exit and a reason', () => {
    const result = run('frobnicate');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
