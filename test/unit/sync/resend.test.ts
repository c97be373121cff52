/**
 * "Send again" after someone removed a document or a payment in Xero (journal-resend.ts, migration 7): the journal
 * forgets the Xero ids of what is gone, keeps the removed document as 'resent', and the planner then sends it under a
 * new Idempotency-Key (Xero replays a key's first answer for 6 minutes) and without the number Xero keeps taken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import { documentIds, openJournalFile, type Journal } from '../../../main/sync/journal';
import { planSync, type PlannerSettings } from '../../../main/sync/plan';

const settings: PlannerSettings = { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001' }, defaultTaxRate: '23' };
const tx = (id: string, extra: Partial<CourseCoTransaction> = {}): CourseCoTransaction => ({
  transactionId: id,
  kind: 'invoice',
  contact: { name: `Customer ${id}` },
  invoiceNumber: `INV-${id}`,
  date: '2026-10-01',
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'Safe Pass', quantity: '1', unitAmount: '100', taxRate: '23' }],
  ...extra,
});
const payment = (id: string, transactionId: string): CourseCoPayment => ({ paymentId: id, transactionId, date: '2026-10-02', amount: '123.00', method: 'Card', row: 2 });

let journal: Journal;
beforeEach(() => {
  journal = openJournalFile(':memory:');
});
afterEach(() => journal.close());

/** What a sync run records: the invoice (number INV-<id>) and the payment, then settled. */
function syncedInJournal(id: string, withPayment = true) {
  journal.importTransactions([tx(id)]);
  if (withPayment) journal.importPayments([payment(`P${id}`, id)]);
  const plan = planSync({ entries: journal.entries({ ids: [id] }), settings });
  const [entry] = journal.entries({ ids: [id] });
  journal.markInFlight([id], 1);
  journal.recordDocument(id, documentIds('invoice', entry!.contentHash, { id: `xi-${id}`, number: `INV-${id}`, contactId: `xc-${id}` }));
  if (withPayment) journal.recordPaymentSynced(`P${id}`, `xp-${id}`, entry!.payments[0]!.contentHash);
  expect(journal.settle(id)).toBe('synced');
  return plan;
}

describe('a payment removed in Xero, sent again', () => {
  it('goes with the next sync under a new Idempotency-Key, to the invoice Xero still holds', () => {
    const first = syncedInJournal('1');
    expect(planSync({ entries: journal.entries({ ids: ['1'] }), settings }).payments).toEqual([]);

    expect(journal.resendPayment('P1')).toEqual({ updated: ['1'], refused: [] });
    expect(journal.get('1')!.status).toBe('ready');
    const [entry] = journal.entries({ ids: ['1'] });
    expect(entry!.payments[0]).toMatchObject({ xeroPaymentId: null, syncedHash: null, resends: 1 });
    const again = planSync({ entries: [entry!], settings });
    expect(again.invoices).toEqual([]);
    expect(again.payments).toHaveLength(1);
    expect(again.payments[0]!.payload.Invoice).toEqual({ InvoiceID: 'xi-1' });
    expect(again.payments[0]!.idempotencyKey).not.toBe(first.payments[0]!.idempotencyKey);
    expect(again.payments[0]!.idempotencyKey).toMatch(/^payment:P1:/);

    // Sent again, then removed again: yet another key.
    journal.recordPaymentSynced('P1', 'xp-1b', entry!.payments[0]!.contentHash);
    journal.resendPayment('P1');
    const third = planSync({ entries: journal.entries({ ids: ['1'] }), settings });
    expect(third.payments[0]!.idempotencyKey).not.toBe(again.payments[0]!.idempotencyKey);
  });

  it('refuses what it cannot do, in words', () => {
    syncedInJournal('2');
    expect(journal.resendPayment('nope').refused[0]!.reason).toBe('payment nope is not in the journal');
    journal.resendPayment('P2');
    expect(journal.resendPayment('P2').refused[0]!.reason).toMatch(/not recorded as sent/);
  });
});

describe('a document voided, deleted or lost in Xero, sent again', () => {
  it('is sent as a new invoice without the number Xero keeps taken, under a new key, with its payments', () => {
    const first = syncedInJournal('3');
    expect(first.invoices[0]!.payload.InvoiceNumber).toBe('INV-3');

    expect(journal.resendDocument('3', 'xi-3')).toEqual({ updated: ['3'], refused: [] });
    const [entry] = journal.entries({ ids: ['3'] });
    expect(entry!.xero).toMatchObject({ invoiceId: null, number: null, contactId: 'xc-3' });
    expect(entry!.changeDocuments).toMatchObject([{ role: 'resent', kind: 'invoice', xeroId: 'xi-3', number: 'INV-3' }]);
    expect(entry!.payments[0]).toMatchObject({ xeroPaymentId: null, resends: 1 });
    expect(journal.get('3')!.status).toBe('ready');

    const again = planSync({ entries: [entry!], settings });
    expect(again.invoices).toHaveLength(1);
    expect(again.invoices[0]!.operation).toBe('create');
    expect(again.invoices[0]!.payload).not.toHaveProperty('InvoiceNumber');
    expect(again.invoices[0]!.payload.Reference).toBe('CourseCo Tx 3');
    expect(again.invoices[0]!.idempotencyKey).not.toBe(first.invoices[0]!.idempotencyKey);
    // Its payment goes to the new invoice (bound at send time), never by the taken number.
    expect(again.payments[0]!.needs).toEqual({ invoiceOf: '3' });
    expect(again.payments[0]!.payload.Invoice).not.toHaveProperty('InvoiceNumber');
    expect(again.payments[0]!.idempotencyKey).not.toBe(first.payments[0]!.idempotencyKey);
  });

  it('retries a never-sent transaction whose last attempt failed, and refuses the rest in words', () => {
    journal.importTransactions([tx('4')]);
    journal.markInFlight(['4'], 1);
    journal.recordFailure('4', { message: 'Xero said no' });
    expect(journal.resendDocument('4', null)).toEqual({ updated: ['4'], refused: [] });
    expect(journal.get('4')).toMatchObject({ status: 'ready', lastError: null });

    syncedInJournal('5');
    expect(journal.resendDocument('5', 'someone-else').refused[0]!.reason).toMatch(/not the one the journal keeps/);
    expect(journal.resendDocument('5', null).refused[0]!.reason).toMatch(/say which of its documents/);
    journal.markInFlight(['4'], 2);
    expect(journal.resendDocument('4', null).refused[0]!.reason).toMatch(/sync run is sending it/);
  });
});

describe('an invoice with credit allocated, voided in Xero and sent again', () => {
  it('puts the credit note\'s allocation back to planned, so the next sync allocates it to the new invoice', () => {
    syncedInJournal('7', false);
    journal.importTransactions([tx('8', { kind: 'credit', invoiceNumber: 'CN-8', lines: [{ row: 2, description: 'Refund', quantity: '1', unitAmount: '-50', taxRate: '23' }] })]);
    const [credit] = journal.entries({ ids: ['8'] });
    journal.markInFlight(['8'], 2);
    journal.recordDocument('8', documentIds('credit-note', credit!.contentHash, { id: 'xc-8', number: 'CN-8', contactId: 'xc-7' }));
    journal.expectAllocations('8', [{ invoiceTransactionId: '7', amount: '61.50', date: '2026-10-03' }]);
    journal.recordAllocation({ creditTransactionId: '8', invoiceTransactionId: '7', amount: '61.50', date: '2026-10-03', xeroAllocationId: 'xa-1' });
    expect(journal.settle('8')).toBe('synced');

    expect(journal.resendDocument('7', 'xi-7')).toEqual({ updated: ['7'], refused: [] });
    expect(journal.allocationRecords(['8'])).toEqual([expect.objectContaining({ invoiceTransactionId: '7', xeroAllocationId: null })]);
    expect(journal.get('8')!.status).toBe('ready');
  });
});
