/**
 * `npx courseco-xero demo`: the README's main job on the built-in sandbox, run as a user runs it (a child process,
 * a fresh temporary profile). It must end with exit 0 and a summary that accounts for every sample row.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';


function demo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Report {
  dataDir: string;
  kept: boolean;
  sandbox: { baseUrl: string; limits: string };
  organisation: { name: string; countryCode: string };
  settings: { invoiceAccount: string; paymentAccount: string; taxRate: string };
  imports: Array<{ file: string; kind: string; imported: number; rejected: Array<{ row: number; column: string; reason: string }>; notes: Array<{ row: number }> }>;
  sync: { outcome: string; synced: number; failed: number; skipped: number; calls: number; failures: Array<{ transactionId: string; reason: string }> };
  verify: { invoices: number; creditNotes: number; payments: number; problems: string[] };
  durationMs: number;
}

describe('courseco-xero demo', () => {
  it('--json: connects, configures from the org, imports the samples, syncs, verifies, and cleans up', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await demo(['demo', '--json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.sandbox.limits).toBe('xero');
    expect(report.organisation).toMatchObject({ name: 'Liffey Training Academy', countryCode: 'IE' });
    expect(report.settings).toEqual({ invoiceAccount: '200 Sales', paymentAccount: '090 Business Bank Account', taxRate: '23% VAT on Income' });
    const [transactions, payments] = report.imports;
    expect(transactions).toMatchObject({ kind: 'transactions', imported: 37 });
    expect(transactions!.rejected.map((r) => [r.row, r.column])).toEqual([
      [40, 'Organization'],
      [41, 'Unit price'],
      [43, 'Invoice Date'],
      [44, 'Total'],
    ]);
    expect(payments).toMatchObject({ kind: 'payments', imported: 32, rejected: [] });
    expect(payments!.notes.map((n) => n.row)).toEqual([31, 32, 33]);
    expect(report.sync).toMatchObject({ outcome: 'completed', synced: 35, failed: 2, skipped: 0 });
    expect(report.sync.failures.map((f) => f.transactionId).sort()).toEqual(['5035', '5039']);
    expect(report.sync.failures.find((f) => f.transactionId === '5039')!.reason).toMatch(/Account code '4999'/);
    // Reads (tax rates, accounts, the organisation, contacts) + one request per phase: the sample is small. The
    // cancelled delegate's credit note (5034) is allocated to its booking's invoice (5004): one read of the credit
    // note, one allocation.
    expect(report.sync.calls).toBe(10);
    expect(report.verify).toEqual({ invoices: 34, creditNotes: 1, payments: 26, problems: [] });
    expect(stderr).toMatch(/^sync: finishing · 74\/74 documents · 35 synced · 2 failed · 10 calls/m);
    expect(existsSync(report.dataDir)).toBe(false);
  });

  it('runs without a usable keychain (credentials kept in memory for the run), and refuses a data dir that holds a profile', { timeout: 60_000 }, async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const noKeyring = await demo(['demo'], env);
    expect(noKeyring.code, noKeyring.stderr).toBe(0);
    expect(noKeyring.stdout).toMatch(/^Synced 35 transaction\(s\), 2 failed, 0 skipped; 10 Xero call\(s\)/m);
    expect(noKeyring.stdout).toMatch(/^Verified in Xero: 34 invoice\(s\), 1 credit note\(s\) and 26 payment\(s\)/m);

    const temp = makeTempDir('ccxa-demo-refuse-');
    try {
      writeFileSync(path.join(temp.dir, 'settings.json'), '{}');
      const refused = await demo(['--data-dir', temp.dir, 'demo']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/The demo needs an empty --data-dir/);
      expect(existsSync(path.join(temp.dir, 'journal.sqlite'))).toBe(false);
    } finally {
      temp.cleanup();
    }
  });
});
