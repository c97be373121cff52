/**
 * The journal's cache of Xero (migration 6, journal-reconcile.ts) and the pure merge of payments read from
 * GET /Payments: a document read back is tied to the transaction holding it, its baseline is kept, a deleted payment
 * survives a fresh read, marks and accepted drift persist, and a found document is linked only to a transaction that
 * has none.
 */
import { describe, expect, it } from 'vitest';
import type { CourseCoTransaction } from '../../../main/courseco/types';
import { openJournalFile } from '../../../main/sync/journal';
import { migrate, migrations } from '../../../main/sync/journal/migrations';
import { withPayments, type XeroDocumentSnapshot } from '../../../main/sync/reconcile';
import Database from 'libsql';

const clock = { now: () => Date.parse('2026-10-05T09:00:00Z') };

function tx(id: string, extra: Partial<CourseCoTransaction> = {}): CourseCoTransaction {
  return { transactionId: id, kind: 'invoice', contact: { name: `Payer ${id}` }, date: '2026-09-03', amountsIncludeTax: false, lines: [{ row: 2, description: 'Course', quantity: '1', unitAmount: '100.00', taxRate: '23' }], invoiceNumber: `INV-${id}`, ...extra };
}

function snap(id: string, extra: Partial<XeroDocumentSnapshot> = {}): XeroDocumentSnapshot {
  return {
    id,
    kind: 'invoice',
    number: `INV-${id}`,
    reference: null,
    status: 'AUTHORISED',
    date: '2026-09-03',
    contactId: 'c-1',
    contactName: 'Payer',
    currency: 'EUR',
    subTotal: '100.00',
    totalTax: '23.00',
    total: '123.00',
    amountPaid: '0.00',
    amountDue: '123.00',
    amountCredited: '0.00',
    lines: [{ accountCode: '200', taxType: 'TAX001', net: '100.00', tax: '23.00', description: 'Course' }],
    payments: [],
    updatedAt: '2026-09-03T10:00:00.000Z',
    ...extra,
  };
}

const payment = (id: string, amount: string, status: 'AUTHORISED' | 'DELETED' = 'AUTHORISED') => ({ id, amount, date: '2026-09-05', reference: null, status, account: null, updatedAt: '2026-09-05T10:00:00.000Z' });

describe('the journal’s cache of Xero (migration 6)', () => {
  it('migrates a version-5 journal without touching what it holds', () => {
    const db = new Database(':memory:');
    migrate(db, () => 'now', migrations.filter((m) => m.version <= 5));
    db.exec("INSERT INTO refused_keys VALUES ('k', 'then')");
    expect(migrate(db, () => 'now')).toEqual({ from: 5, to: migrations[migrations.length - 1]!.version });
    expect(db.prepare('SELECT COUNT(*) AS n FROM refused_keys').get()).toMatchObject({ n: 1 });
    for (const table of ['xero_documents', 'reconcile_marks', 'drift_acceptances']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toMatchObject({ n: 0 });
  });

  it('ties a document read back to the transaction holding it, keeps its baseline, and keeps a deleted payment through a fresh read', () => {
    const journal = openJournalFile(':memory:', { clock });
    journal.importTransactions([tx('1'), tx('2')]);
    const hash = journal.entries({ ids: ['1'] })[0]!.contentHash;
    journal.recordDocument('1', { sentHash: hash, invoiceId: 'doc-1' });
    journal.recordBaseline('1', snap('doc-1', { reference: 'CourseCo Tx 1' }), 'assistant');

    // A later read: doc-1 changed (paid, then its payment deleted); doc-9 nobody holds.
    journal.cacheDocuments([snap('doc-1', { reference: 'CourseCo Tx 1', payments: [payment('p-1', '123.00', 'DELETED')], updatedAt: '2026-10-01T00:00:00.000Z' }), snap('doc-9')]);
    const [one] = journal.cachedDocuments({ transactionIds: ['1'] });
    expect(one).toMatchObject({ xeroId: 'doc-1', transactionId: '1', origin: 'assistant', readAt: '2026-10-05T09:00:00.000Z' });
    expect(one!.baseline!.updatedAt).toBe('2026-09-03T10:00:00.000Z');
    expect(journal.cachedDocuments({ unlinked: true }).map((d) => d.xeroId)).toEqual(['doc-9']);

    // Xero lists only live payments: a fresh read without p-1 keeps it, deleted.
    journal.cacheDocuments([snap('doc-1', { reference: 'CourseCo Tx 1', updatedAt: '2026-10-02T00:00:00.000Z' })]);
    expect(journal.cachedDocuments({ ids: ['doc-1'] })[0]!.current!.payments).toEqual([payment('p-1', '123.00', 'DELETED')]);

    // A document the journal holds but the cache never tied (synced before reconciliation): tied on first read,
    // which becomes its baseline; the origin comes from the caller's rule.
    journal.recordDocument('2', { sentHash: journal.entries({ ids: ['2'] })[0]!.contentHash, invoiceId: 'doc-2' });
    journal.cacheDocuments([snap('doc-2')], { originOf: () => 'courseco-push' });
    expect(journal.cachedDocuments({ ids: ['doc-2'] })[0]).toMatchObject({ transactionId: '2', origin: 'courseco-push', baseline: snap('doc-2') });

    journal.markNotFound([{ xeroId: 'doc-2', kind: 'invoice' }]);
    expect(journal.cachedDocuments({ ids: ['doc-2'] })[0]).toMatchObject({ current: null, baseline: snap('doc-2') });
    expect(journal.cachedDocuments({ from: '2026-09-01', to: '2026-09-30' }).map((d) => d.xeroId)).toEqual(['doc-1', 'doc-2', 'doc-9']);
    expect(journal.cachedDocuments({ from: '2026-10-01' })).toEqual([]);
  });

  it('keeps marks, accepted drift and the last report', () => {
    const journal = openJournalFile(':memory:', { clock });
    expect(journal.mark('mirror.watermark.invoice')).toBeUndefined();
    journal.setMark('mirror.watermark.invoice', '2026-10-01T00:00:00.000Z');
    journal.setMark('mirror.watermark.invoice', '2026-10-02T00:00:00.000Z');
    expect(journal.mark('mirror.watermark.invoice')).toBe('2026-10-02T00:00:00.000Z');
    journal.acceptDrift('voided:1:doc-1:abc');
    journal.acceptDrift('voided:1:doc-1:abc');
    expect(journal.acceptedDrift()).toEqual(new Set(['voided:1:doc-1:abc']));
    expect(journal.lastReport()).toBeNull();
    const report = { from: '2026-09-01', to: '2026-09-30', matches: true } as never;
    journal.saveLastReport(report);
    expect(journal.lastReport()).toEqual(report);
  });

  it('links a found document only to a transaction holding none, with its payments, as synced', () => {
    const journal = openJournalFile(':memory:', { clock });
    journal.importTransactions([tx('1'), tx('2')]);
    journal.importPayments([{ paymentId: '1-a', transactionId: '1', date: '2026-09-05', amount: '123.00', method: 'Card', row: 2 }]);
    const pushed = snap('doc-1', { payments: [payment('xp-1', '123.00')], amountPaid: '123.00', amountDue: '0.00', status: 'PAID' });
    expect(journal.linkDocument({ transactionId: '1', snapshot: pushed, origin: 'courseco-push', payments: [{ paymentId: '1-a', xeroPaymentId: 'xp-1' }] })).toBe(true);
    expect(journal.get('1')).toMatchObject({ status: 'synced', xeroInvoiceId: 'doc-1', xeroNumber: 'INV-doc-1', xeroContactId: 'c-1', paymentsSynced: 1 });
    expect(journal.cachedDocuments({ transactionIds: ['1'] })[0]).toMatchObject({ origin: 'courseco-push', baseline: pushed, current: pushed });
    // Holding a document already, excluded, or a credit note for an invoice transaction: refused.
    expect(journal.linkDocument({ transactionId: '1', snapshot: snap('doc-x'), origin: 'courseco-push', payments: [] })).toBe(false);
    journal.exclude(['2']);
    expect(journal.linkDocument({ transactionId: '2', snapshot: snap('doc-2'), origin: 'courseco-push', payments: [] })).toBe(false);
    journal.include(['2']);
    expect(journal.linkDocument({ transactionId: '2', snapshot: snap('cn-2', { kind: 'credit-note' }), origin: 'courseco-push', payments: [] })).toBe(false);
    expect(journal.linkDocument({ transactionId: 'nope', snapshot: snap('doc-3'), origin: 'courseco-push', payments: [] })).toBe(false);
    expect(journal.get('2')).toMatchObject({ status: 'ready', xeroInvoiceId: null });
  });
});

describe('payments read from GET /Payments, applied to a cached document', () => {
  const paid = snap('doc-1', { status: 'PAID', amountPaid: '123.00', amountDue: '0.00', payments: [payment('p-1', '100.00'), payment('p-2', '23.00')] });

  it('a deletion is kept as DELETED and the paid and due amounts follow it', () => {
    const next = withPayments(paid, [payment('p-2', '23.00', 'DELETED')]);
    expect(next).toMatchObject({ status: 'AUTHORISED', amountPaid: '100.00', amountDue: '23.00' });
    expect(next.payments.map((p) => [p.id, p.status])).toEqual([['p-1', 'AUTHORISED'], ['p-2', 'DELETED']]);
  });

  it('a payment added in Xero is added; a deletion the document already shows changes no amount; nothing new gives the same document', () => {
    const open = snap('doc-1');
    expect(withPayments(open, [payment('p-9', '123.00')])).toMatchObject({ status: 'PAID', amountPaid: '123.00', amountDue: '0.00' });
    const afterRead = withPayments(open, [payment('p-8', '50.00', 'DELETED')]);
    expect(afterRead).toMatchObject({ amountPaid: '0.00', amountDue: '123.00' });
    expect(afterRead.payments).toEqual([payment('p-8', '50.00', 'DELETED')]);
    expect(withPayments(paid, [payment('p-1', '100.00')])).toBe(paid);
  });
});

describe('where the next modified-since read starts', () => {
  it('re-reads the last change\'s second while it may still see changes, and starts after it once that second is long past', async () => {
    const { nextWatermark } = await import('../../../main/sync/reconcile/xero-mirror');
    const latest = '2026-09-30T10:00:00.400Z';
    expect(nextWatermark(latest, Date.parse('2026-09-30T10:02:00Z'))).toBe(latest);
    expect(nextWatermark(latest, Date.parse('2026-09-30T11:00:00Z'))).toBe('2026-09-30T10:00:01.000Z');
  });

  it('after a read of several pages during which something changed, starts again no later than that read began', async () => {
    const { nextWatermark } = await import('../../../main/sync/reconcile/xero-mirror');
    const began = Date.parse('2026-09-30T10:00:00Z');
    // A document edited while the pages were read: the next read goes back to before the read began (less 5 minutes).
    expect(nextWatermark('2026-09-30T10:00:02.000Z', Date.parse('2026-09-30T10:00:05Z'), began)).toBe('2026-09-30T09:55:00.000Z');
    // Everything seen was older than that: the cap changes nothing.
    expect(nextWatermark('2026-09-30T08:00:00.000Z', Date.parse('2026-09-30T10:00:05Z'), began)).toBe('2026-09-30T08:00:01.000Z');
  });
});
