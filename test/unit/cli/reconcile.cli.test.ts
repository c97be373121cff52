/**
 * `courseco-xero reconcile` over a stand-in reconcile service (the real one reads Xero: its spec runs against the
 * sandbox): the JSON document in exactly the shape, exit code 0 when the books match and 3 when they do not,
 * 1 on errors and wrong dates, the table and drift in plain words, progress only when slow, and the close pack export.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../contract/features/reconcile';
import { createCliContext } from '../../../main/cli/cli-context';
import { EXIT_BOOKS_DIFFER, reconcileCommand, reconcileProgressPrinter } from '../../../main/cli/commands/reconcile';
import { buildProgram, runCli } from '../../../main/cli/program';
import { DomainError } from '../../../main/errors';
import type { ReconcileService } from '../../../main/sync/reconcile';
import { fakeReconcileService, fixtureReport } from '../../support/reconcile-fixture';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('ccxa-reconcile-cli-');
afterAll(() => temp.cleanup());

async function reconcile(service: ReconcileService, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } } as unknown as { stdout: typeof process.stdout; stderr: typeof process.stderr };
  let disposed = 0;
  const program = buildProgram((options) => createCliContext(options, io), [reconcileCommand(() => ({ service, dispose: async () => void disposed++ }))]);
  const code = await runCli(['--data-dir', temp.dir, 'reconcile', ...args], io.stderr, program);
  return { code, stdout, stderr, disposed };
}

const clean = (): ReconcileReport => fixtureReport({ matches: true, drift: [], unexplained: 0 });

describe('courseco-xero reconcile --json', () => {
  it('prints exactly {from, to, periods, drift} with decimal strings, and exits 3 when the books differ', async () => {
    const service = fakeReconcileService();
    const r = await reconcile(service, '--json');
    expect(r.code).toBe(EXIT_BOOKS_DIFFER);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['from', 'to', 'periods', 'drift']);
    expect(doc).toEqual({
      from: '2026-09-01',
      to: '2026-10-31',
      periods: [
        { period: '2026-09', courseco: { count: 2, net: '200.00', tax: '46.00', gross: '246.00', paid: '123.00' }, xero: { count: 1, net: '100.00', tax: '23.00', gross: '123.00', paid: '123.00' }, difference: { count: -1, net: '-100.00', tax: '-23.00', gross: '-123.00', paid: '0.00' } },
        { period: '2026-10', courseco: { count: 3, net: '1150.00', tax: '264.50', gross: '1414.50', paid: '1230.00' }, xero: { count: 3, net: '1100.00', tax: '253.00', gross: '1353.00', paid: '0.00' }, difference: { count: 0, net: '-50.00', tax: '-11.50', gross: '-61.50', paid: '-1230.00' } },
      ],
      // The accepted re-dating is left out: the list is what a scheduled job must alert on, as the exit code is.
      drift: [
        { transactionId: '1002', xeroId: 'inv-1002', kind: 'voided', detail: 'Status Authorised → Voided' },
        { transactionId: '1003', xeroId: 'inv-1003', kind: 'amount-changed', detail: 'Total changed' },
        { transactionId: '1004', xeroId: 'inv-1004', kind: 'payment-removed', detail: 'Payment of €1,230.00 on 26/10/2026 removed' },
      ],
    });
    expect(r.stderr).toContain("The books do not match: 3 changes in Xero to resolve; Xero's total is €184.50 lower than CourseCo's.");
    expect(r.disposed).toBe(1);
  });

  it('exits 0 when the books match, with no drift listed', async () => {
    const r = await reconcile(fakeReconcileService(clean()), '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { drift: unknown[] }).drift).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('exits 0 when every difference was accepted, 3 for a difference without drift', async () => {
    const accepted = fixtureReport({ matches: true, drift: fixtureReport().drift.map((d) => ({ ...d, accepted: true })) });
    expect((await reconcile(fakeReconcileService(accepted), '--json')).code).toBe(0);
    const unexplained = fixtureReport({ matches: false, drift: [], unexplained: 2 });
    const r = await reconcile(fakeReconcileService(unexplained), '--json');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('2 lines that differ without an explanation');
  });
});

describe('courseco-xero reconcile (range and errors)', () => {
  it('passes the range it is given, and none when it is given none (the service takes last month)', async () => {
    const service = fakeReconcileService(clean());
    await reconcile(service, '--from', '2026-10-01', '--to', '2026-10-31');
    await reconcile(service);
    expect(service.ranWith).toEqual([{ from: '2026-10-01', to: '2026-10-31' }, {}]);
  });

  it('refuses a date that is not one, or a range that ends before it starts, without reading Xero', async () => {
    const service = fakeReconcileService(clean());
    const wrong = await reconcile(service, '--from', '2026-02-30');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('--from must be a date as YYYY-MM-DD (for example 2026-10-01), not "2026-02-30".\n');
    const irish = await reconcile(service, '--to', '31/10/2026');
    expect(irish.code).toBe(1);
    expect(irish.stderr).toContain('--to must be a date as YYYY-MM-DD');
    const backwards = await reconcile(service, '--from', '2026-10-31', '--to', '2026-10-01');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('the start date must be on or before the end date');
    expect(service.ranWith).toEqual([]);
  });

  it('says an error with its fix and exits 1 (not 3: the books were not compared)', async () => {
    const failing = { ...fakeReconcileService(), run: async () => {
      throw new DomainError('TenantNotConnected', { message: 'The assistant is not connected to Xero.', fix: 'Run courseco-xero connect.' });
    } };
    const r = await reconcile(failing, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('The assistant is not connected to Xero. Run courseco-xero connect.\n');
    expect(r.disposed).toBe(1);
  });
});

describe('courseco-xero reconcile (for a person)', () => {
  it('prints a short table per month and the drift in plain words', async () => {
    const r = await reconcile(fakeReconcileService());
    expect(r.code).toBe(3);
    const out = r.stdout;
    expect(out).toContain('Reconciliation of Dublin <Dance> & "Drama" School, 01/09/2026 to 31/10/2026');
    expect(out).toMatch(/^September 2026 +Count +Before VAT +VAT +Total +Paid +Outstanding$/m);
    expect(out).toMatch(/^ {2}Difference +-1 +-€100\.00 +-€23\.00 +-€123\.00 +€0\.00 +-€123\.00$/m);
    expect(out).toContain('All months');
    expect(out).toContain('Changes in Xero to resolve (3):');
    expect(out).toContain('✗ Voided in Xero: CourseCo 1002, CC-1002, Seán "The Boss" Ó Briain <CEO> & Co');
    expect(out).toContain('What to do: Send it again, or accept that it is voided.');
    expect(out).toContain('Accepted earlier, not counted against the books (1): Date changed in Xero (CourseCo 1005).');
    expect(out).toContain('Read from Xero: 4 call(s), 5 document(s) (a full read');
    expect(out).not.toMatch(/amount-changed|payment-removed|\b(GET|PUT|POST)\b/);
  });

  it('says progress on stderr only once a reconciliation is slow', () => {
    const notes: string[] = [];
    let now = 0;
    const print = reconcileProgressPrinter({ note: (l) => notes.push(l) }, () => now);
    print({ phase: 'reading', documents: 0, calls: 1 });
    now = 2500;
    print({ phase: 'reading', documents: 1000, calls: 2 });
    now = 2600;
    print({ phase: 'reading', documents: 2000, calls: 3 });
    now = 3700;
    print({ phase: 'reading', documents: 3000, calls: 4 });
    print({ phase: 'comparing', documents: 3000, calls: 4 });
    expect(notes).toEqual(['reconcile: reading Xero · 1,000 documents · 2 Xero calls', 'reconcile: reading Xero · 3,000 documents · 4 Xero calls', 'reconcile: comparing · 3,000 documents · 4 Xero calls']);
  });
});

describe('courseco-xero reconcile --export', () => {
  it('writes the CSV alone for FILE.csv, and still exits 3 when the books differ', async () => {
    const file = path.join(temp.dir, 'out', 'october.csv');
    const r = await reconcile(fakeReconcileService(), '--export', file);
    expect(r.code).toBe(3);
    expect(readFileSync(file, 'utf8')).toContain('Voided in Xero');
    expect(r.stderr).toContain(`Close pack CSV written: ${file} (5 line(s)).`);
  });

  it('writes FILE.pdf with FILE.csv beside it, printed by the Chromium it finds', async () => {
    const chromium = path.join(temp.dir, 'fake-chromium');
    writeFileSync(chromium, `#!/bin/sh\nfor a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done\nprintf '%%PDF-1.4\\n<</Type /Page>>\\n<</Type /Page>>\\n%%%%EOF' > "$out"\n`);
    chmodSync(chromium, 0o755);
    const before = process.env.COURSECO_XERO_CHROMIUM;
    process.env.COURSECO_XERO_CHROMIUM = chromium;
    try {
      const file = path.join(temp.dir, 'packs', 'Close pack October.pdf');
      const r = await reconcile(fakeReconcileService(clean()), '--export', file, '--json');
      expect(r.code).toBe(0);
      expect(readFileSync(file, 'latin1').startsWith('%PDF-')).toBe(true);
      expect(existsSync(path.join(temp.dir, 'packs', 'Close pack October.csv'))).toBe(true);
      expect(r.stderr).toContain('(2 page(s))');
      // stdout stays one JSON document.
      expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    } finally {
      if (before === undefined) delete process.env.COURSECO_XERO_CHROMIUM;
      else process.env.COURSECO_XERO_CHROMIUM = before;
    }
  });

  it('refuses any other kind of file before reading Xero', async () => {
    const service = fakeReconcileService();
    const r = await reconcile(service, '--export', path.join(temp.dir, 'pack.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--export takes a file ending in .pdf or .csv');
    expect(service.ranWith).toEqual([]);
  });
});
