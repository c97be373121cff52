/**
 * Issue 13 §3 end to end against the sandbox: a rule sends one course exempt from VAT with a Venue tracking option,
 * and Xero (the sandbox) holds exactly that; an option Xero lacks is an error in the plan unless the user agreed to
 * add it, and adding it needs the `accounting.settings` scope, asked for only then.
 */
import { describe, expect, it } from 'vitest';
import { connectToSandbox } from '../../../main/app/sandbox-profile';
import type { CourseCoTransaction } from '../../../main/courseco/types';
import { saveRules, setAddTrackingOptions } from '../../../main/settings/rules-settings';
import { harnessPerTest, type Json } from './engine-support';

const harness = harnessPerTest();

function booking(id: string, venue: string): CourseCoTransaction {
  return {
    transactionId: id,
    kind: 'invoice',
    transactionType: 'Billed Booking',
    contact: { name: 'Munster Care Services', externalRef: `P-${id}` },
    date: '2026-10-05',
    amountsIncludeTax: false,
    lines: [
      { row: 2, description: 'QQI Level 5 Care Skills', quantity: '2', unitAmount: '300.00', taxAmount: '0.00', category: 'Accredited (QQI)', venue },
      { row: 3, description: 'Course materials pack', quantity: '2', unitAmount: '25.00', taxAmount: '11.50', category: 'Accredited (QQI)', venue },
    ],
  };
}

const rulesFor = (venue: string) => ({
  version: 1,
  rules: [
    { name: 'Course materials at 23%', when: { course: 'materials' }, then: { accountCode: '220', taxType: '23% VAT on Income' } },
    { name: 'Accredited training: exempt', when: { category: 'accredited' }, then: { accountCode: '210', taxType: 'Exempt', tracking: [{ category: 'Venue', option: venue }] } },
  ],
});

const invoiceOf = (invoices: Json[], id: string) => invoices.find((i) => i.Reference === `CourseCo Tx ${id}`);

describe('rules per course sent to Xero', () => {
  it('sends the accredited course exempt with its Venue option and the materials at 23 %, and Xero holds exactly that', async () => {
    const h = await harness.start();
    saveRules(h.services.settings, rulesFor('Cork'));
    h.put([booking('7001', 'Cork')]);
    const preview = await h.engine().preview(['7001']);
    expect(preview.transactions[0]!.lineRules).toEqual(['Accredited training: exempt', 'Course materials at 23%']);
    // The organisation's names of what the documents use, so the drawer says "210 Course Fees" and "Exempt", not codes.
    expect(preview.names?.accounts).toMatchObject({ '210': '210 Course Fees', '220': '220 Course Materials' });
    expect(preview.names?.taxRates).toEqual({ TAX005: 'Exempt', TAX001: '23% VAT on Income' });

    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ synced: 1, failed: 0 });
    const sent = invoiceOf(h.org().Invoices, '7001')!;
    expect(sent).toMatchObject({ SubTotal: 650, TotalTax: 11.5, Total: 661.5 });
    const lines = sent.LineItems as Json[];
    expect(lines.map((l) => [l.AccountCode, l.TaxType, (l.Tracking as Json[]).map((t) => `${String(t.Name)}: ${String(t.Option)}`)])).toEqual([
      ['210', 'TAX005', ['Venue: Cork']],
      ['220', 'TAX001', []],
    ]);
  });

  it('without the user agreeing, a line naming an option Xero lacks is a plan error with its fix, and nothing is sent', async () => {
    const h = await harness.start();
    saveRules(h.services.settings, rulesFor('Galway'));
    h.put([booking('7002', 'Galway')]);
    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ synced: 0, failed: 1 });
    const entry = h.journal().get('7002')!;
    expect(entry.lastError).toMatch(/tracking category 'Venue' has no option 'Galway' in Xero: let the assistant add it \(the Rules page → "Tracking options missing in Xero"/);
    expect(entry.lastError).not.toMatch(/Setup →/);
    expect(invoiceOf(h.org().Invoices, '7002')).toBeUndefined();
    expect(h.apiRequests().filter((r) => r.path.includes('/TrackingCategories/'))).toEqual([]);
  });

  it('with the user agreeing: refused without accounting.settings (the transaction fails with why); after reconnecting, the option is added once and the invoice carries it', async () => {
    const h = await harness.start();
    saveRules(h.services.settings, rulesFor('Galway'));
    setAddTrackingOptions(h.services.settings, true);
    h.put([booking('7003', 'Galway')]);

    // Still signed in with accounting.settings.read: Xero answers 401, the transaction fails with the way out.
    const refused = await h.engine().run({ all: true });
    expect(refused).toMatchObject({ synced: 0, failed: 1 });
    expect(h.journal().get('7003')!.lastError).toMatch(/Xero did not add the tracking option 'Galway' to 'Venue'.*connect to Xero again and approve changing settings \(needed to add the tracking options your rules name\)/);
    expect(invoiceOf(h.org().Invoices, '7003')).toBeUndefined();

    // Reconnecting now asks for accounting.settings (and only now).
    await connectToSandbox(h.services, h.sandbox);
    const authorize = h.sandbox.requestLog().filter((r) => r.path === '/identity/connect/authorize').at(-1)!;
    expect(new URLSearchParams(authorize.query).get('scope')!.split(' ')).toContain('accounting.settings');

    // Retry, as the console's Retry does: a failed transaction goes again when asked for by id.
    const summary = await h.engine().run({ transactionIds: ['7003'] });
    expect(summary).toMatchObject({ synced: 1, failed: 0 });
    const lines = invoiceOf(h.org().Invoices, '7003')!.LineItems as Json[];
    expect((lines[0]!.Tracking as Json[])[0]).toMatchObject({ Name: 'Venue', Option: 'Galway' });
    expect(h.apiRequests().filter((r) => r.method === 'PUT' && r.path.endsWith('/Options') && r.status === 200)).toHaveLength(1);
  });
});
