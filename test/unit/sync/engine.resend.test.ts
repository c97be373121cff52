/**
 * "Send again" against the sandbox: a person deletes a synced payment, or voids a synced invoice, in Xero; the user
 * chooses to send it again (journal-resend.ts); the next sync sends the payment under a new Idempotency-Key (the old
 * key would have Xero replay the answer that created the deleted payment) and the invoice as a new one that leaves
 * the number to Xero (Xero keeps a voided invoice's number taken).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import type { SyncGateway, WriteKind } from '../../../main/sync/run';
import { startEngineHarness, type EngineHarness, type Json } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

interface Write {
  kind: WriteKind;
  key: string;
  payloads: Json[];
}

function spy(writes: Write[]) {
  return (gateway: SyncGateway): SyncGateway => ({
    ...gateway,
    write: (kind, payloads, options) => {
      writes.push({ kind, key: options.idempotencyKey, payloads: payloads as Json[] });
      return gateway.write(kind, payloads, options);
    },
  });
}

const booking = (id: string): CourseCoTransaction => ({
  transactionId: id,
  kind: 'invoice',
  contact: { name: `Customer ${id}` },
  invoiceNumber: `INV-${id}`,
  date: '2026-09-01',
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'Manual Handling (1 day)', quantity: '1', unitAmount: '100', taxRate: '23' }],
});
const paid = (id: string): CourseCoPayment => ({ paymentId: `${id}-p`, transactionId: id, date: '2026-09-05', amount: '123.00', method: 'Card', row: 2 });

/** A person working in Xero: the API with the organisation's access, outside the assistant. */
async function inXero(path: string, body: Json): Promise<void> {
  const token = await h.services.connection.tokens.accessToken();
  const response = await fetch(`${h.sandbox.apiBaseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': h.tenantId, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

const invoicesOf = (id: string) => h.org().Invoices.filter((d) => String(d.Reference).startsWith(`CourseCo Tx ${id}`));
const paymentsOn = (invoiceId: unknown) => h.org().Payments.filter((p) => (p.Invoice as Json | undefined)?.InvoiceID === invoiceId || p.InvoiceID === invoiceId);

describe('send again (sandbox)', () => {
  it('sends a payment deleted in Xero again, under a new Idempotency-Key', async () => {
    h.put([booking('R1')], [paid('R1')]);
    const first: Write[] = [];
    expect(await h.engine({}, spy(first)).run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const firstPayment = first.find((w) => w.kind === 'payments')!;
    const [entry] = h.journal().entries({ ids: ['R1'] });
    const xeroPaymentId = entry!.payments[0]!.xeroPaymentId!;

    await inXero(`/Payments/${xeroPaymentId}`, { Payments: [{ Status: 'DELETED' }] });
    expect(h.journal().resendPayment('R1-p').updated).toEqual(['R1']);

    const again: Write[] = [];
    expect(await h.engine({}, spy(again)).run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    expect(again.map((w) => w.kind)).toEqual(['payments']);
    expect(again[0]!.key).not.toBe(firstPayment.key);
    const [invoice] = invoicesOf('R1');
    expect(invoice).toMatchObject({ Status: 'PAID' });
    const payments = paymentsOn(invoice!.InvoiceID).map((p) => p.Status);
    expect(payments.sort()).toEqual(['AUTHORISED', 'DELETED']);
    const [after] = h.journal().entries({ ids: ['R1'] });
    expect(after!.payments[0]!.xeroPaymentId).not.toBe(xeroPaymentId);
    expect(h.journal().get('R1')!.status).toBe('synced');
  });

  it('sends an invoice voided in Xero again as a new invoice, leaving the taken number to Xero', async () => {
    h.put([booking('R2')], [paid('R2')]);
    const first: Write[] = [];
    expect(await h.engine({}, spy(first)).run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const [entry] = h.journal().entries({ ids: ['R2'] });
    const oldId = entry!.xero.invoiceId!;
    expect(entry!.xero.number).toBe('INV-R2');

    // Xero voids an invoice only once its payments are removed: a person does both.
    await inXero(`/Payments/${entry!.payments[0]!.xeroPaymentId}`, { Payments: [{ Status: 'DELETED' }] });
    await inXero(`/Invoices/${oldId}`, { Invoices: [{ InvoiceID: oldId, Status: 'VOIDED' }] });
    expect(h.journal().resendDocument('R2', oldId).updated).toEqual(['R2']);

    const again: Write[] = [];
    expect(await h.engine({}, spy(again)).run({ all: true })).toMatchObject({ synced: 1, failed: 0 });
    const invoiceWrite = again.find((w) => w.kind === 'invoices')!;
    expect(invoiceWrite.payloads[0]).not.toHaveProperty('InvoiceNumber');
    expect(invoiceWrite.key).not.toBe(first.find((w) => w.kind === 'invoices')!.key);
    expect(again.find((w) => w.kind === 'payments')!.key).not.toBe(first.find((w) => w.kind === 'payments')!.key);

    const invoices = invoicesOf('R2');
    expect(invoices.map((i) => i.Status).sort()).toEqual(['PAID', 'VOIDED']);
    const fresh = invoices.find((i) => i.Status === 'PAID')!;
    expect(fresh.InvoiceNumber).not.toBe('INV-R2');
    const [after] = h.journal().entries({ ids: ['R2'] });
    expect(after!.xero).toMatchObject({ invoiceId: fresh.InvoiceID, number: fresh.InvoiceNumber });
    expect(after!.changeDocuments).toMatchObject([{ role: 'resent', xeroId: oldId, number: 'INV-R2' }]);
    expect(h.journal().get('R2')!.status).toBe('synced');
  });
});
