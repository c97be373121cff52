/**
 * Guards before sending, against the sandbox (which refuses what Xero refuses): with a lock date set in Xero, nothing
 * dated in the locked period is sent while the profile holds such documents, and it lands on the first open day once
 * the profile chooses that; euro transactions for a sterling organisation without multi-currency are named and never
 * sent, while the sterling ones go.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STERLING_SEED } from '../../../sandbox/index';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import { startEngineHarness, type EngineHarness } from './engine-support';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const tx = (id: string, date: string, currency?: string, taxRate = '23'): CourseCoTransaction => ({
  transactionId: id,
  kind: 'invoice',
  contact: { name: `Guard Customer ${id}` },
  date,
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'Manual Handling', quantity: '1', unitAmount: '100.00', taxRate }],
  ...(currency ? { currency } : {}),
});
const pay = (id: string, date: string, amount: string): CourseCoPayment => ({ paymentId: `${id}-p`, transactionId: id, date, amount, method: 'Card', row: 2 });
const msDay = (day: string) => `/Date(${Date.parse(`${day}T00:00:00Z`)}+0000)/`;
const ours = (docs: Array<Record<string, unknown>>, id: string) => docs.filter((d) => String(d.Reference).startsWith(`CourseCo Tx ${id}`) || String(d.Reference).startsWith(`CourseCo payment ${id}-`));

async function setOrganisation(hh: EngineHarness, body: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${hh.sandbox.baseUrl}/sandbox/organisation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-admin': hh.sandbox.adminToken },
    body: JSON.stringify({ tenantId: hh.tenantId, ...body }),
  });
  expect(r.status).toBe(200);
}

describe('lock dates', () => {
  it('holds what is dated in the locked period, sends nothing of it, then dates it on the first open day when chosen', async () => {
    h = await startEngineHarness();
    await setOrganisation(h, { periodLockDate: '2026-08-31', endOfYearLockDate: '2025-12-31' });
    // L1 and its deposit are locked; L2 is on the lock date itself; O1 is open but its payment is locked; O2 is open.
    h.put([tx('L1', '2026-08-20'), tx('L2', '2026-08-31'), tx('O1', '2026-09-02'), tx('O2', '2026-09-03')], [pay('L1', '2026-08-25', '123.00'), pay('O1', '2026-08-30', '50.00'), pay('O2', '2026-09-04', '123.00')]);

    const held = await h.engine().run({ all: true });
    expect(held).toMatchObject({ synced: 1, failed: 3, outcome: 'completed' });
    expect(held.failures.map((f) => f.transactionId).sort()).toEqual(['L1', 'L2', 'O1']);
    for (const f of held.failures) expect(f.reason).toMatch(/on or before the organisation's period lock date \(2026-08-31\).*held/);
    // Caught in the plan: Xero refused nothing, and only O2's documents reached it.
    expect(h.apiRequests().filter((r) => r.status >= 400)).toEqual([]);
    for (const id of ['L1', 'L2', 'O1']) expect([...ours(h.org().Invoices, id), ...ours(h.org().Payments, id)], id).toEqual([]);
    expect(ours(h.org().Invoices, 'O2')).toHaveLength(1);

    h.services.settings.set('sync.lockedPeriod', 'first-open-day');
    // Retried as the console's Retry does (failed transactions are sent again only when asked for by id).
    const moved = await h.engine().run({ transactionIds: ['L1', 'L2', 'O1'] });
    expect(moved).toMatchObject({ synced: 3, failed: 0, outcome: 'completed' });
    const invoices = h.org().Invoices;
    expect(ours(invoices, 'L1')).toEqual([expect.objectContaining({ Date: msDay('2026-09-01'), Status: 'PAID' })]);
    expect(ours(invoices, 'L2')).toEqual([expect.objectContaining({ Date: msDay('2026-09-01'), Status: 'AUTHORISED' })]);
    expect(ours(invoices, 'O1')).toEqual([expect.objectContaining({ Date: msDay('2026-09-02') })]);
    const payments = h.org().Payments;
    expect(ours(payments, 'L1')).toEqual([expect.objectContaining({ Date: msDay('2026-09-01'), Amount: 123 })]);
    expect(ours(payments, 'O1')).toEqual([expect.objectContaining({ Date: msDay('2026-09-01'), Amount: 50 })]);
    expect(h.apiRequests().filter((r) => r.status >= 400)).toEqual([]);
  });
});

describe('currencies', () => {
  it('names euro transactions a sterling organisation cannot take, sends none of them, and sends the sterling ones', async () => {
    h = await startEngineHarness({ seed: STERLING_SEED });
    h.services.settings.update({ 'xero.taxRateName': '20% (VAT on Income)' });
    h.put([tx('E1', '2026-09-01', 'EUR', '20'), tx('E2', '2026-09-02', 'EUR', '20'), tx('G1', '2026-09-03', 'GBP', '20')]);

    const preview = await h.engine().preview(['E1', 'E2', 'G1']);
    expect(preview.summary.notices).toEqual([expect.stringMatching(/^2 transactions are in euro, which this organisation cannot take: its currency is British Pound and it has no euro enabled.*add euro under Settings → Currencies/)]);

    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ synced: 1, failed: 2 });
    for (const f of summary.failures) expect(f.reason).toMatch(/in euro, but the Xero organisation's currency is British Pound and it has no euro enabled/);
    expect(ours(h.org().Invoices, 'E')).toEqual([]);
    expect(ours(h.org().Invoices, 'G1')).toEqual([expect.objectContaining({ CurrencyCode: 'GBP' })]);
    // The organisation's currencies were asked (there was foreign data), and Xero refused nothing.
    expect(h.apiRequests().filter((r) => r.path.endsWith('/Currencies')).length).toBeGreaterThan(0);
    expect(h.apiRequests().filter((r) => r.status >= 400)).toEqual([]);
  });
});
