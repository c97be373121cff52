/** The real xero-node AccountingApi (20.0.0), pointed at the sandbox, creates and reads contacts, invoices and payments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountingApi, Invoice, LineAmountTypes } from 'xero-node';
import type { RunningSandbox } from '../../../sandbox/index';
import { connectWeb, sandbox } from './helpers';

let sb: RunningSandbox;
let accounting: AccountingApi;
let tenantId: string;

beforeAll(async () => {
  sb = await sandbox();
  accounting = new AccountingApi(sb.apiBaseUrl);
  accounting.accessToken = (await connectWeb(sb)).access_token;
  tenantId = sb.tenants[0]!.tenantId;
});
afterAll(() => sb.stop());

describe('xero-node AccountingApi against the sandbox', () => {
  it('reads the organisation, accounts and tax rates', async () => {
    const org = await accounting.getOrganisations(tenantId);
    expect(org.body.organisations?.[0]?.name).toBe('Liffey Training Academy');
    const banks = await accounting.getAccounts(tenantId, undefined, 'Type=="BANK"');
    expect(banks.body.accounts?.map((a) => a.code ?? a.name)).toEqual(['090', '091', 'Course Bookings Current Account']);
    const rates = await accounting.getTaxRates(tenantId, 'Status=="ACTIVE"');
    expect(rates.body.taxRates?.find((r) => r.taxType === 'TAX001')?.name).toBe('23% VAT on Income');
  });

  it('creates and reads contacts, invoices and payments', async () => {
    // Move past the seeded documents' UpdatedDateUTC so If-Modified-Since sees only what this test creates.
    sb.advanceClock(120);
    const created = await accounting.createContacts(tenantId, { contacts: [{ name: 'Xero Node Training Ltd', emailAddress: 'ap@xnt.example.ie', contactNumber: 'CC-XN-1' }] }, false, 'contact-xn-1');
    const contactID = created.body.contacts![0]!.contactID!;
    expect(contactID).toMatch(/^[0-9a-f-]{36}$/);
    const found = await accounting.getContacts(tenantId, undefined, 'ContactNumber=="CC-XN-1"');
    expect(found.body.contacts?.map((c) => c.contactID)).toEqual([contactID]);

    const inv = await accounting.createInvoices(
      tenantId,
      {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { contactID },
            date: '2026-10-01',
            dueDate: '2026-10-15',
            reference: 'CourseCo TX 2001',
            lineAmountTypes: LineAmountTypes.Exclusive,
            status: Invoice.StatusEnum.AUTHORISED,
            lineItems: [{ description: 'Safe Pass (2 delegates)', quantity: 2, unitAmount: 95, accountCode: '200', taxType: 'TAX001' }],
          },
        ],
      },
      false,
      undefined,
      'inv-xn-1',
    );
    const invoice = inv.body.invoices![0]!;
    expect(invoice.invoiceNumber).toBe('INV-0003');
    expect(invoice.total).toBe(233.7);
    expect(invoice.status).toBe(Invoice.StatusEnum.AUTHORISED);
    // MS-JSON dates become Date objects in xero-node, whatever the TS type says.
    expect(new Date(invoice.date as unknown as Date).toISOString()).toBe('2026-10-01T00:00:00.000Z');

    const byNumber = await accounting.getInvoices(tenantId, undefined, undefined, undefined, undefined, ['INV-0003', 'INV-0001'], undefined, ['AUTHORISED'], 1);
    expect(byNumber.body.invoices?.map((i) => i.invoiceNumber).sort()).toEqual(['INV-0001', 'INV-0003']);
    expect(byNumber.body.pagination?.itemCount).toBe(2);
    const since = await accounting.getInvoices(tenantId, new Date(sb.now() - 60_000));
    expect(since.body.invoices?.map((i) => i.invoiceNumber)).toEqual(['INV-0003']);

    const one = await accounting.createPayment(tenantId, { invoice: { invoiceID: invoice.invoiceID }, account: { code: '090' }, amount: 100, date: '2026-10-05', reference: 'EFT' }, 'pay-xn-1');
    expect(one.body.payments![0]!.amount).toBe(100);
    const batch = await accounting.createPayments(tenantId, { payments: [{ invoice: { invoiceID: invoice.invoiceID }, account: { code: '615' }, amount: 133.7, date: '2026-10-06' }] }, false, 'pay-xn-2');
    expect(batch.body.payments![0]!.invoice?.status).toBe(Invoice.StatusEnum.PAID);
    const payments = await accounting.getPayments(tenantId, undefined, `Invoice.InvoiceID==guid("${invoice.invoiceID!}")`);
    expect(payments.body.payments?.map((p) => p.amount).sort()).toEqual([100, 133.7]);
  });

  it('rejects with xero-node\'s JSON string carrying the status, Xero body and rate-limit headers', async () => {
    let raw: unknown;
    try {
      await accounting.createInvoices(tenantId, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { name: 'Someone' }, lineItems: [{ description: 'x', unitAmount: 1, accountCode: '999', taxType: 'TAX001' }] }] });
    } catch (e) {
      raw = e;
    }
    expect(typeof raw).toBe('string');
    const parsed = JSON.parse(raw as string) as { response: { statusCode: number; headers: Record<string, string> }; body: { Elements: { ValidationErrors: { Message: string }[] }[] } };
    expect(parsed.response.statusCode).toBe(400);
    expect(parsed.body.Elements[0]!.ValidationErrors[0]!.Message).toBe("Account code '999' is not a valid code for this document.");
    expect(parsed.response.headers['x-minlimit-remaining']).toMatch(/^\d+$/);
  });
});
