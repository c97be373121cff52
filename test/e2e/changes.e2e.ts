/**
 * A change after sync in Chromium through the web host (issue 13 part 5): two bookings are sent to the sandbox, one
 * of them paid; CourseCo reprices both; the console flags them, the drawer shows each difference field by field and
 * exactly which documents approving it changes in Xero; nothing is sent before Approve change; after it, Xero holds
 * the updated invoice, and for the paid one the old invoice, its credit note and the new invoice.
 * Screenshots: test-results/changes-*.png; axe finds no serious or critical violations.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { saveScreenshot } from './support/screenshots';
import { connectThroughSandbox } from './support/connect';
import { useSandboxSessions } from './support/sandbox-session';
import { navButton } from './support/shell';

type Json = Record<string, unknown>;

const sessions = useSandboxSessions({
  settings: { 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' },
});

const HEADER = 'Transaction ID,Invoice Date,Organization,Course,Nominal Code,Quantity,Unit price,VAT Rate,VAT,Total,Currency,Invoice Number';
const bookings = (unit: string, vat: string, total: string) =>
  Buffer.from(
    `${HEADER}\n` +
      `7101,01/10/2026,Acme Safety Ltd,Manual Handling,200,1,${unit},23%,${vat},${total},EUR,INV-7101\n` +
      `7102,02/10/2026,Birch Care Ltd,Manual Handling,200,1,${unit},23%,${vat},${total},EUR,INV-7102\n`,
  );

async function importFile(page: Page, name: string, buffer: Buffer, says: string | RegExp) {
  await page.getByLabel('CourseCo export file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  const report = page.getByRole('region', { name: 'Import' });
  await report.getByText(name).first().waitFor();
  await report.getByText(says).first().waitFor();
  await report.getByRole('button', { name: 'Dismiss' }).click();
}

const row = (page: Page, id: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: `Details of transaction ${id}`, exact: true }) });

function documents(reference: string): { invoices: Json[]; creditNotes: Json[] } {
  const org = (sessions.sandbox().state().organisations as Array<Json & { Invoices: Json[]; CreditNotes: Json[] }>).find((o) => (o.Invoices ?? []).some((i) => String(i.Reference).startsWith('CourseCo Tx 71')))!;
  const ours = (d: Json) => String(d.Reference).startsWith(reference);
  return {
    invoices: org.Invoices.filter(ours).map((d) => ({ Status: d.Status, Total: d.Total, AmountDue: d.AmountDue })),
    creditNotes: (org.CreditNotes ?? []).filter(ours).map((d) => ({ Status: d.Status, Total: d.Total, Reference: d.Reference })),
  };
}

describe('changes after sync in the console (web host + Chromium + sandbox)', () => {
  it('flags a change, shows the difference and the documents it changes, sends nothing until approved, then applies it', async () => {
    const session = await sessions.open();
    const { page } = session;
    await connectThroughSandbox(page, sessions);
    await navButton(page, 'Transactions').click();
    await page.getByRole('heading', { name: 'No transactions yet' }).waitFor();

    await importFile(page, 'october.csv', bookings('400.00', '92.00', '492.00'), '2 new transactions');
    await importFile(page, 'payments.csv', Buffer.from('Transaction ID,Payment Amount,Payment Date,Payment Type\n7102,492.00,05/10/2026,Card\n'), /1 new payment/);
    await page.getByRole('button', { name: /^Sync all ready/ }).click();
    await expect.poll(() => row(page, '7102').textContent(), { timeout: 60_000 }).toMatch(/In Xero/);
    await expect.poll(() => row(page, '7101').textContent()).toMatch(/In Xero/);

    // CourseCo reprices both bookings: €400 + VAT becomes €500 + VAT.
    await importFile(page, 'october-repriced.csv', bookings('500.00', '115.00', '615.00'), /2 changed since sync/);
    await expect.poll(() => row(page, '7101').textContent()).toMatch(/Changed since sync/);
    const requestsBefore = sessions.sandbox().requestLog().filter((r) => r.method !== 'GET').length;

    await page.getByRole('button', { name: 'Review the change to transaction 7101' }).click();
    const drawer7101 = page.getByRole('complementary', { name: 'Transaction 7101' });
    await drawer7101.getByRole('heading', { name: 'Changed in CourseCo since it was synced' }).waitFor();
    const text7101 = await drawer7101.textContent();
    expect(text7101).toContain('Total €492.00 → €615.00');
    expect(text7101).toContain('Update invoice INV-7101 in place (no payments on it in Xero)');
    await saveScreenshot(page, 'changes-update');
    await expectNoSeriousA11yProblems(page);
    await drawer7101.getByRole('button', { name: 'Approve change' }).click();
    await expect.poll(() => row(page, '7101').textContent()).toMatch(/Ready/);
    await drawer7101.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Review the change to transaction 7102' }).click();
    const drawer7102 = page.getByRole('complementary', { name: 'Transaction 7102' });
    await drawer7102.getByRole('heading', { name: 'Changed in CourseCo since it was synced' }).waitFor();
    const text7102 = await drawer7102.textContent();
    expect(text7102).toContain('Create a credit note of €492.00 for invoice INV-7102');
    expect(text7102).toContain('Create a new invoice of €615.00 for the new version (Xero gives it its next number: INV-7102 stays taken)');
    // Paid in full: the customer's €492.00 moves to the new invoice, which owes only the difference.
    expect(text7102).toContain('Allocate €492.00 of the credit note to the new invoice, which then owes €123.00');
    expect(text7102).not.toContain("stays on the credit note as the customer's credit");
    await saveScreenshot(page, 'changes-reissue');
    // Looking is not approving: nothing went to Xero yet.
    expect(sessions.sandbox().requestLog().filter((r) => r.method !== 'GET').length).toBe(requestsBefore);
    await drawer7102.getByRole('button', { name: 'Approve change' }).click();
    await expect.poll(() => row(page, '7102').textContent()).toMatch(/Ready/);
    await drawer7102.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: /^Sync all ready/ }).click();
    await expect.poll(() => row(page, '7102').textContent(), { timeout: 60_000 }).toMatch(/In Xero/);
    await expect.poll(() => row(page, '7101').textContent()).toMatch(/In Xero/);
    expect(documents('CourseCo Tx 7101')).toEqual({ invoices: [{ Status: 'AUTHORISED', Total: 615, AmountDue: 615 }], creditNotes: [] });
    expect(documents('CourseCo Tx 7102')).toEqual({
      invoices: [
        { Status: 'PAID', Total: 492, AmountDue: 0 },
        { Status: 'AUTHORISED', Total: 615, AmountDue: 123 },
      ],
      creditNotes: [{ Status: 'PAID', Total: 492, Reference: 'CourseCo Tx 7102 | credits INV-7102' }],
    });
    await saveScreenshot(page, 'changes-applied');

    // The old invoice stays findable: the drawer names what the change did.
    await page.getByRole('button', { name: 'Details of transaction 7102', exact: true }).click();
    const history = page.getByRole('complementary', { name: 'Transaction 7102' }).getByRole('region', { name: 'Earlier changes carried to Xero' });
    await expect.poll(() => history.textContent()).toMatch(/Invoice INV-7102 was replaced by a new invoice.*Credit note CN-\d+ was raised for the invoice a change retired/);
    await saveScreenshot(page, 'changes-history');
    await expectNoSeriousA11yProblems(page);
    expect(session.problems).toEqual([]);
  });
});
