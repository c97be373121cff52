/**
 * `courseco-xero reconcile` as a scheduled job runs it: a child process on a profile synced to a sandbox started
 * here. Right after the sync the books match (exit 0, no drift); once a person voids an invoice in Xero, the next
 * reconciliation names exactly that change (exit 3, kind `voided`), in the JSON and in plain words.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personInXero } from '../../support/sandbox-person';
import { runCli, startEngineHarness, workload, type EngineHarness } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({ appClock: 'real' });
});
afterEach(async () => {
  await h.stop();
});

interface ReconcileJson {
  from: string;
  to: string;
  periods: Array<{ period: string; courseco: Record<string, unknown>; xero: Record<string, unknown>; difference: Record<string, unknown> }>;
  drift: Array<{ transactionId: string | null; xeroId: string | null; kind: string; detail: string }>;
}

const cli = (...args: string[]) => runCli(h, ...args);

const SEPTEMBER = ['--from', '2026-09-01', '--to', '2026-09-30'];

describe('courseco-xero reconcile (CLI, against the sandbox)', () => {
  it('exits 0 right after a sync, and 3 naming the invoice a person voided in Xero', async () => {
    const { transactions, payments } = workload('R', 12);
    h.put(transactions, payments);
    expect((await h.engine().run({ all: true })).failed).toBe(0);

    const clean = await cli('--json', 'reconcile', ...SEPTEMBER);
    expect(clean.code, clean.stderr).toBe(0);
    const matching = JSON.parse(clean.stdout) as ReconcileJson;
    expect(matching.from).toBe('2026-09-01');
    expect(matching.to).toBe('2026-09-30');
    expect(matching.drift).toEqual([]);
    expect(matching.periods.map((p) => p.period)).toEqual(['2026-09']);
    expect(matching.periods[0]!.courseco).toEqual(matching.periods[0]!.xero);
    expect(matching.periods[0]!.courseco.count).toBe(12);
    expect(matching.periods[0]!.difference).toEqual({ count: 0, net: '0.00', tax: '0.00', gross: '0.00', paid: '0.00' });

    // R5 carries no payment (the workload leaves every fifth unpaid), so a person may void it.
    const r5 = h.journal().get('R5')!.xeroInvoiceId!;
    const total = (h.org().Invoices.find((i) => i.InvoiceID === r5)!.Total as number).toFixed(2);
    await personInXero(h.sandbox, h.tenantId).voidInvoice(r5);

    const drifted = await cli('--json', 'reconcile', ...SEPTEMBER);
    expect(drifted.code, drifted.stderr).toBe(3);
    const report = JSON.parse(drifted.stdout) as ReconcileJson;
    expect(report.drift.map((d) => [d.transactionId, d.xeroId, d.kind])).toEqual([['R5', r5, 'voided']]);
    expect(report.periods[0]!.difference).toMatchObject({ count: -1, gross: `-${total}` });
    expect(drifted.stderr).toMatch(/^The books do not match: 1 change in Xero to resolve; Xero's total is €[\d,.]+ lower than CourseCo's\.$/m);

    // The same for a person at a terminal: the change in plain words, and the same exit code.
    const words = await cli('reconcile', ...SEPTEMBER);
    expect(words.code).toBe(3);
    expect(words.stdout).toContain('Changes in Xero to resolve (1):');
    expect(words.stdout).toMatch(/✗ Voided in Xero: CourseCo R5/);
    expect(words.stdout).not.toContain('voided,');

    // The accountant's CSV of every line, from the same report: the voided invoice's line says what happened.
    const file = path.join(h.dataDir, 'exports', 'september.csv');
    const exported = await cli('reconcile', ...SEPTEMBER, '--export', file);
    expect(exported.code).toBe(3);
    const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r['CourseCo transaction'] === 'R5')).toMatchObject({ 'Changes in Xero': 'Voided in Xero', 'Xero status': 'VOIDED', 'Difference total': `-${total}` });
    expect(rows.filter((r) => r['Changes in Xero'] !== '')).toHaveLength(1);
  });
});
