/**
 * The comparison, on hand-built journals and Xero documents (main/sync/reconcile/compare-books.ts): every kind of
 * drift named exactly once with its words, the period totals differing by exactly the drift's amounts, CourseCo's own
 * push linked and never drift, accepted items, excluded transactions, credit notes negative, empty months, and the
 * breakdowns by VAT rate, account and payment method.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { DRIFT_KINDS, ReconcileLine, ReconcileReport, type DriftItem, type DriftKind } from '../../../contract/features/reconcile';
import type { CourseCoTransaction } from '../../../main/courseco/types';
import type { AllocationRecord, JournalEntry } from '../../../main/sync/journal';
import type { PlannerSettings } from '../../../main/sync/plan';
import { compareBooks, driftResolution, type CachedDocument, type CompareInput, type XeroDocumentSnapshot } from '../../../main/sync/reconcile';

const planner: PlannerSettings = { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001', '13.5': 'TAX002', '0': 'NONE' }, defaultTaxRate: '23' };
const taxRates = [
  { taxType: 'TAX001', name: '23% VAT on Income', rate: '23' },
  { taxType: 'TAX003', name: '23% VAT on Services', rate: '23' },
  { taxType: 'TAX002', name: '13.5% VAT on Income', rate: '13.5' },
  { taxType: 'NONE', name: 'No VAT', rate: '0' },
];
const accounts = [
  { code: '200', name: 'Sales' },
  { code: '210', name: 'Course Fees' },
];

/** A CourseCo transaction of one line at 23 % VAT, before VAT `net`. */
function tx(id: string, net: string, extra: Partial<CourseCoTransaction> = {}): CourseCoTransaction {
  return {
    transactionId: id,
    kind: 'invoice',
    contact: { name: `Customer ${id}` },
    invoiceNumber: `INV-${id}`,
    date: '2026-10-05',
    currency: 'EUR',
    amountsIncludeTax: false,
    lines: [{ row: 2, description: 'Safe Pass', quantity: '1', unitAmount: net, taxRate: '23' }],
    ...extra,
  };
}

type Payment = { id: string; amount: string; method?: string; xeroId?: string | null };

/** A journal entry synced to Xero as document `x-<id>`, with its payments recorded as sent (unless xeroId null). */
function synced(t: CourseCoTransaction, payments: Payment[] = [], extra: Partial<JournalEntry> = {}): JournalEntry {
  const credit = t.kind === 'credit';
  return {
    transaction: t,
    status: 'synced',
    contentHash: `h-${t.transactionId}`,
    syncedHash: `h-${t.transactionId}`,
    approvedHash: null,
    xero: { contactId: `c-${t.transactionId}`, invoiceId: credit ? null : `x-${t.transactionId}`, creditNoteId: credit ? `x-${t.transactionId}` : null, number: t.invoiceNumber ?? null },
    payments: payments.map((p) => ({
      payment: { paymentId: p.id, transactionId: t.transactionId, date: '2026-10-06', amount: p.amount, ...(p.method ? { method: p.method } : {}), row: 2 },
      contentHash: `ph-${p.id}`,
      syncedHash: p.xeroId === null ? null : `ph-${p.id}`,
      xeroPaymentId: p.xeroId === null ? null : (p.xeroId ?? `xp-${p.id}`),
      lastError: null,
    })),
    ...extra,
  };
}

/** What Xero holds for a transaction as we sent it: the same lines, totals and payments. */
function snapshot(t: CourseCoTransaction, payments: Payment[] = [], extra: Partial<XeroDocumentSnapshot> = {}): XeroDocumentSnapshot {
  const net = t.lines.reduce((s, l) => s.plus(l.unitAmount), new Decimal(0));
  const tax = net.times('0.23').toDecimalPlaces(2);
  const total = net.plus(tax);
  const paid = payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  return {
    id: `x-${t.transactionId}`,
    kind: t.kind === 'credit' ? 'credit-note' : 'invoice',
    number: t.invoiceNumber ?? null,
    reference: `CourseCo Tx ${t.transactionId}`,
    status: paid.equals(total) ? 'PAID' : 'AUTHORISED',
    date: t.date,
    contactId: `c-${t.transactionId}`,
    contactName: t.contact.name,
    currency: 'EUR',
    subTotal: net.toFixed(2),
    totalTax: tax.toFixed(2),
    total: total.toFixed(2),
    amountPaid: paid.toFixed(2),
    amountDue: total.minus(paid).toFixed(2),
    amountCredited: '0.00',
    lines: t.lines.map((l) => ({ accountCode: '200', taxType: 'TAX001', net: new Decimal(l.unitAmount).toFixed(2), tax: new Decimal(l.unitAmount).times('0.23').toDecimalPlaces(2).toFixed(2), description: l.description })),
    payments: payments.map((p) => ({
      id: p.xeroId ?? `xp-${p.id}`,
      amount: new Decimal(p.amount).toFixed(2),
      date: '2026-10-06',
      reference: `CourseCo payment ${p.id}${p.method ? ` | ${p.method}` : ''}`,
      status: 'AUTHORISED' as const,
      account: '090',
      updatedAt: '2026-10-06T10:00:00Z',
    })),
    updatedAt: '2026-10-06T10:00:00Z',
    ...extra,
  };
}

/** Xero's answer to our write, and what a later read found (`now` changes it). */
function cached(t: CourseCoTransaction, payments: Payment[] = [], now?: (s: XeroDocumentSnapshot) => XeroDocumentSnapshot | null, origin: CachedDocument['origin'] = 'assistant'): CachedDocument {
  const baseline = snapshot(t, payments);
  const current = now ? now(structuredClone(baseline)) : structuredClone(baseline);
  return { xeroId: baseline.id, kind: baseline.kind, transactionId: t.transactionId, origin, baseline, current, readAt: '2026-11-01T09:00:00Z' };
}

function input(entries: JournalEntry[], docs: CachedDocument[], extra: Partial<CompareInput> = {}): CompareInput {
  return {
    from: '2026-08-01',
    to: '2026-11-30',
    generatedAt: '2026-12-01T09:00:00Z',
    organisationName: 'Irish Training Co',
    currency: 'EUR',
    entries,
    documents: new Map(docs.map((d) => [d.xeroId, d])),
    allocations: [],
    planner,
    taxRates,
    accounts,
    accepted: new Set(),
    documentUrl: (kind, id) => `https://go.xero.com/${kind === 'invoice' ? 'AccountsReceivable/View.aspx?InvoiceID' : 'AccountsReceivable/ViewCreditNote.aspx?creditNoteID'}=${id}`,
    ...extra,
  };
}

const grossDiff = (report: { total: { difference: { gross: string } } }) => report.total.difference.gross;
const paidDiff = (report: { total: { difference: { paid: string } } }) => report.total.difference.paid;

/** One transaction changed one way in Xero; what the comparison must say about it. */
interface Case {
  kind: DriftKind;
  build(): { entries: JournalEntry[]; docs: CachedDocument[] };
  detail: string;
  gross: string;
  paid: string;
}

// 100.00 before VAT → 123.00 with VAT, throughout.
const CASES: Case[] = [
  {
    kind: 'voided',
    build: () => ({ entries: [synced(tx('2', '100'))], docs: [cached(tx('2', '100'), [], (s) => ({ ...s, status: 'VOIDED', amountDue: '0.00', updatedAt: '2026-10-20T08:00:00Z' }))] }),
    detail: 'Invoice INV-2 (123.00 EUR) was voided in Xero',
    gross: '-123.00',
    paid: '0.00',
  },
  {
    kind: 'deleted',
    build: () => ({ entries: [synced(tx('3', '100'))], docs: [cached(tx('3', '100'), [], (s) => ({ ...s, status: 'DELETED' }))] }),
    detail: 'Invoice INV-3 (123.00 EUR) was deleted in Xero',
    gross: '-123.00',
    paid: '0.00',
  },
  {
    kind: 'amount-changed',
    build: () => ({
      entries: [synced(tx('4', '100'))],
      docs: [cached(tx('4', '100'), [], (s) => ({ ...s, subTotal: '81.30', totalTax: '18.70', total: '100.00', amountDue: '100.00', lines: [{ ...s.lines[0]!, net: '81.30', tax: '18.70' }] }))],
    }),
    detail: 'Total 123.00 EUR → 100.00 EUR',
    gross: '-23.00',
    paid: '0.00',
  },
  {
    kind: 'contact-changed',
    build: () => ({ entries: [synced(tx('5', '100'))], docs: [cached(tx('5', '100'), [], (s) => ({ ...s, contactId: 'c-other', contactName: 'Someone Else Ltd' }))] }),
    detail: 'Contact Customer 5 → Someone Else Ltd',
    gross: '0.00',
    paid: '0.00',
  },
  {
    kind: 'account-changed',
    build: () => ({ entries: [synced(tx('6', '100'))], docs: [cached(tx('6', '100'), [], (s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, accountCode: '210' })) }))] }),
    detail: 'Accounts 200 → 210',
    gross: '0.00',
    paid: '0.00',
  },
  {
    kind: 'tax-changed',
    build: () => ({ entries: [synced(tx('7', '100'))], docs: [cached(tx('7', '100'), [], (s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, taxType: 'TAX003' })) }))] }),
    detail: 'VAT rates 23% VAT on Income → 23% VAT on Services',
    gross: '0.00',
    paid: '0.00',
  },
  {
    kind: 'date-changed',
    build: () => ({ entries: [synced(tx('8', '100'))], docs: [cached(tx('8', '100'), [], (s) => ({ ...s, date: '2026-11-02' }))] }),
    detail: 'Date 05/10/2026 → 02/11/2026',
    gross: '0.00',
    paid: '0.00',
  },
  {
    kind: 'payment-removed',
    build: () => {
      const pays = [{ id: 'P9', amount: '50.00', method: 'Card' }];
      return {
        entries: [synced(tx('9', '100'), pays)],
        docs: [cached(tx('9', '100'), pays, (s) => ({ ...s, amountPaid: '0.00', amountDue: '123.00', status: 'AUTHORISED', payments: s.payments.map((p) => ({ ...p, status: 'DELETED' as const, updatedAt: '2026-10-21T08:00:00Z' })) }))],
      };
    },
    detail: 'Payment of 50.00 EUR on 06/10/2026 was deleted in Xero',
    gross: '0.00',
    paid: '-50.00',
  },
  {
    kind: 'payment-added',
    build: () => ({
      entries: [synced(tx('10', '100'))],
      docs: [
        cached(tx('10', '100'), [], (s) => ({
          ...s,
          amountPaid: '23.00',
          amountDue: '100.00',
          payments: [{ id: 'xp-someone', amount: '23.00', date: '2026-10-22', reference: 'cash at desk', status: 'AUTHORISED', account: '090', updatedAt: '2026-10-22T08:00:00Z' }],
        })),
      ],
    }),
    detail: 'Payment of 23.00 EUR on 22/10/2026 was recorded in Xero',
    gross: '0.00',
    paid: '23.00',
  },
  {
    kind: 'missing-in-xero',
    build: () => ({ entries: [{ ...synced(tx('11', '100')), status: 'failed', syncedHash: null, xero: { contactId: null, invoiceId: null, creditNoteId: null, number: null } }], docs: [] }),
    detail: 'Not in Xero: its last sync failed (123.00 EUR, dated 05/10/2026)',
    gross: '-123.00',
    paid: '0.00',
  },
  {
    kind: 'only-in-xero',
    build: () => {
      const duplicate = cached(tx('1', '100'), [], (s) => ({ ...s, id: 'x-dup', number: 'INV-0042' }));
      return { entries: [synced(tx('1', '100'))], docs: [cached(tx('1', '100')), { ...duplicate, xeroId: 'x-dup', transactionId: null, origin: null, baseline: null }] };
    },
    detail: 'Invoice INV-0042 (123.00 EUR, dated 05/10/2026) is in Xero but not linked to CourseCo transaction 1',
    gross: '123.00',
    paid: '0.00',
  },
];

describe('drift, one change in Xero at a time', () => {
  it('covers every kind of drift', () => {
    expect(CASES.map((c) => c.kind).sort()).toEqual([...DRIFT_KINDS].sort());
  });

  for (const c of CASES) {
    it(`${c.kind}: named once, in words, and the totals differ by exactly its amount`, () => {
      const { entries, docs } = c.build();
      const { report, lines } = compareBooks(input(entries, docs));
      expect(report.drift.map((d) => d.kind)).toEqual([c.kind]);
      const item = report.drift[0]!;
      expect(item.detail).toBe(c.detail);
      expect(item.whatToDo).not.toMatch(/GET|PUT|POST|https?:|\.ts\b|\d{4}-\d{2}-\d{2}T/);
      expect(item.accepted).toBe(false);
      expect(grossDiff(report)).toBe(c.gross);
      expect(paidDiff(report)).toBe(c.paid);
      expect(report.matches).toBe(false);
      expect(report.unexplained).toBe(0);
      expect(lines.filter((l) => l.drift.includes(c.kind))).toHaveLength(1);
      ReconcileReport.parse({ ...report, reads: { calls: 0, documents: 0, full: true }, linked: { courseCoPush: 0, justNow: 0 } });
      for (const line of lines) ReconcileLine.parse(line);
    });
  }

  it('names every change made in one period exactly once, and the period differs by exactly their sum', () => {
    const built = CASES.map((c) => c.build());
    // The only-in-xero case brings its own in-sync transaction 1; the rest each bring one transaction.
    const { report } = compareBooks(input(built.flatMap((b) => b.entries), built.flatMap((b) => b.docs)));
    const kinds = report.drift.map((d) => d.kind);
    expect([...kinds].sort()).toEqual([...DRIFT_KINDS].sort());
    const sum = (of: (c: Case) => string) => CASES.reduce((s, c) => s.plus(of(c)), new Decimal(0)).toFixed(2);
    const october = report.periods.find((p) => p.period === '2026-10')!;
    expect(october.difference.gross).toBe(sum((c) => c.gross));
    expect(october.difference.paid).toBe(sum((c) => c.paid));
    expect(report.total.difference.gross).toBe(sum((c) => c.gross));
    // The re-dated document still counts in its CourseCo month: no difference moves to November.
    expect(report.periods.find((p) => p.period === '2026-11')!.difference).toEqual({ count: 0, net: '0.00', tax: '0.00', gross: '0.00', paid: '0.00', outstanding: '0.00' });
    expect(new Set(report.drift.map((d) => d.key)).size).toBe(report.drift.length);
  });

  it('gives each kind the actions the design allows, and says what doing them means', () => {
    const built = CASES.map((c) => c.build());
    const { report } = compareBooks(input(built.flatMap((b) => b.entries), built.flatMap((b) => b.docs)));
    const byKind = new Map(report.drift.map((d) => [d.kind, d]));
    for (const kind of ['voided', 'deleted', 'missing-in-xero', 'payment-removed'] as const) expect(byKind.get(kind)!.actions).toEqual(['send-again', 'accept-xero']);
    for (const kind of ['amount-changed', 'contact-changed', 'account-changed', 'tax-changed', 'date-changed', 'payment-added', 'only-in-xero'] as const) {
      expect(byKind.get(kind)!.actions).toEqual(['accept-xero']);
      expect(byKind.get(kind)!.whatToDo).toMatch(/^Look into it in Xero/);
    }
    expect(byKind.get('voided')!.changedAt).toBe('2026-10-20T08:00:00Z');
    expect(byKind.get('voided')!.xeroUrl).toBe('https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=x-2');
    expect(byKind.get('payment-removed')!.paymentId).toBe('P9');

    expect(driftResolution(byKind.get('payment-removed')!, 'send-again')).toEqual({ do: 'resend-payment', paymentId: 'P9', transactionId: '9', message: 'The payment of 50.00 EUR will be recorded in Xero again with the next sync.' });
    expect(driftResolution(byKind.get('voided')!, 'send-again')).toMatchObject({ do: 'resend-document', transactionId: '2', xeroId: 'x-2' });
    expect(driftResolution(byKind.get('voided')!, 'send-again').message).toContain("Xero keeps the number INV-2 taken, so the new one gets Xero's next number");
    expect(driftResolution(byKind.get('missing-in-xero')!, 'send-again')).toEqual({ do: 'resend-document', transactionId: '11', xeroId: null, message: 'CourseCo transaction 11 will be sent to Xero with the next sync.' });
    expect(driftResolution(byKind.get('amount-changed')!, 'send-again').do).toBe('nothing');
    expect(driftResolution(byKind.get('amount-changed')!, 'accept-xero')).toMatchObject({ do: 'accept', key: byKind.get('amount-changed')!.key });
  });
});

describe('what is not drift', () => {
  it('links documents of CourseCo\'s own push and counts them like ours, never as drift', () => {
    const pushed = tx('20', '100', { invoiceNumber: 'CC-20' });
    const doc = cached(pushed, [], (s) => ({ ...s, reference: null }), 'courseco-push');
    const { report, lines } = compareBooks(input([synced(pushed)], [doc]));
    expect(report.drift).toEqual([]);
    expect(report.matches).toBe(true);
    expect(lines[0]).toMatchObject({ origin: 'courseco-push', drift: [], note: null, documentNumber: 'CC-20' });
    expect(report.total.xero).toEqual(report.total.courseco);
  });

  it('counts payments already on a pushed document when it was linked as known, not as added', () => {
    const pushed = tx('21', '100', { invoiceNumber: 'CC-21' });
    const theirs = [{ id: 'P21', amount: '123.00', method: 'Card', xeroId: 'xp-by-courseco' }];
    const doc = cached(pushed, theirs, (s) => s, 'courseco-push');
    const { report } = compareBooks(input([synced(pushed, [{ ...theirs[0]!, xeroId: null }])], [doc]));
    expect(report.drift).toEqual([]);
  });

  it('offers only to accept when a document an earlier change retired is voided in Xero', () => {
    const t = tx('22', '100');
    const replaced = cached(t, [], (s) => ({ ...s, id: 'x-old', status: 'VOIDED' }));
    const entry = synced(t, [], {
      changeDocuments: [{ role: 'replaced', kind: 'invoice', xeroId: 'x-old', number: 'INV-22', contentHash: 'h-22', content: null, recordedAt: '2026-10-10T00:00:00Z' }],
    });
    const { report } = compareBooks(input([entry], [cached(t), { ...replaced, xeroId: 'x-old' }]));
    expect(report.drift).toMatchObject([{ kind: 'voided', xeroId: 'x-old', actions: ['accept-xero'] }]);
    expect(report.drift[0]!.whatToDo).toMatch(/^Look into it in Xero .*a change retired it/);
  });

  it('keeps an accepted item accepted until Xero changes again; then it comes back', () => {
    const t = tx('4', '100');
    const changed = (total: string) => cached(t, [], (s) => ({ ...s, total, amountDue: total }));
    const first = compareBooks(input([synced(t)], [changed('100.00')])).report;
    const key = first.drift[0]!.key;
    const accepted = compareBooks(input([synced(t)], [changed('100.00')], { accepted: new Set([key]) })).report;
    expect(accepted.drift).toMatchObject([{ kind: 'amount-changed', accepted: true }]);
    expect(accepted.matches).toBe(true);
    expect(accepted.unexplained).toBe(0);
    const again = compareBooks(input([synced(t)], [changed('90.00')], { accepted: new Set([key]) })).report;
    expect(again.drift).toMatchObject([{ kind: 'amount-changed', accepted: false, detail: 'Total 123.00 EUR → 90.00 EUR' }]);
    expect(again.matches).toBe(false);
  });

  it('leaves excluded transactions out of both sides and counts them apart', () => {
    const kept = tx('30', '100');
    const { report, lines } = compareBooks(input([synced(kept), { ...synced(tx('31', '500')), status: 'excluded', syncedHash: null, xero: { contactId: null, invoiceId: null, creditNoteId: null, number: null } }], [cached(kept)]));
    expect(report.excluded).toBe(1);
    expect(report.drift).toEqual([]);
    expect(lines.map((l) => l.transactionId)).toEqual(['30']);
    expect(report.total.courseco.gross).toBe('123.00');
  });

  it('does not report a void an approved change made, nor a document already sent again', () => {
    const t = tx('40', '100', { transactionType: 'Journal Cancel Booking' });
    const entry = synced(t, [], {
      changeDocuments: [{ role: 'voided', kind: 'invoice', xeroId: 'x-40', number: 'INV-40', contentHash: 'h-40', content: null, recordedAt: '2026-10-10T00:00:00Z' }],
    });
    const { report, lines } = compareBooks(input([entry], [cached(t, [], (s) => ({ ...s, status: 'VOIDED' }))]));
    expect(report.drift).toEqual([]);
    expect(lines[0]!.difference.gross).toBe('0.00');
    expect(report.matches).toBe(true);
  });

  it('says why a line differs when no drift explains it', () => {
    const sent = tx('50', '100');
    const now = tx('50', '200');
    const entry: JournalEntry = { ...synced(now), status: 'changed', contentHash: 'h-50-new', synced: sent };
    const { report, lines } = compareBooks(input([entry], [cached(sent)]));
    expect(report.drift).toEqual([]);
    expect(report.unexplained).toBe(1);
    expect(report.matches).toBe(false);
    expect(lines[0]!.note).toBe('Changed in CourseCo since it was synced: review and approve the change in Transactions.');
    expect(lines[0]!.difference.gross).toBe('-123.00');
  });
});

describe('figures', () => {
  it('counts credit notes negative on both sides, refunds and allocations included', () => {
    const invoice = tx('60', '100');
    const credit = tx('61', '50', { kind: 'credit', invoiceNumber: 'CN-61' });
    const allocation: AllocationRecord = { creditTransactionId: '61', invoiceTransactionId: '60', amount: '61.50', date: '2026-10-07', xeroAllocationId: 'xa-1' };
    const invoiceDoc = cached(invoice, [], (s) => ({ ...s, amountDue: '61.50', amountCredited: '61.50' }));
    const creditDoc = cached(credit, [], (s) => ({ ...s, amountDue: '0.00', amountCredited: '61.50' }));
    const { report, lines } = compareBooks(input([synced(invoice), synced(credit)], [invoiceDoc, creditDoc], { allocations: [allocation] }));
    const creditLine = lines.find((l) => l.transactionId === '61')!;
    expect(creditLine.courseco).toEqual({ count: 1, net: '-50.00', tax: '-11.50', gross: '-61.50', paid: '0.00', outstanding: '0.00' });
    expect(creditLine.xero).toEqual(creditLine.courseco);
    expect(lines.find((l) => l.transactionId === '60')!.courseco.outstanding).toBe('61.50');
    expect(report.total.courseco).toEqual({ count: 2, net: '50.00', tax: '11.50', gross: '61.50', paid: '0.00', outstanding: '61.50' });
    expect(report.matches).toBe(true);
  });

  it('has a row for every month of the range, empty ones at zero, then the total', () => {
    const sept = tx('70', '100', { date: '2026-09-30' });
    const oct = tx('71', '200', { date: '2026-10-01' });
    const { report } = compareBooks(input([synced(sept), synced(oct)], [cached(sept), cached(oct)], { from: '2026-08-15', to: '2026-12-31' }));
    expect(report.periods.map((p) => p.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(report.periods.map((p) => p.courseco.gross)).toEqual(['0.00', '123.00', '246.00', '0.00', '0.00']);
    expect(report.periods[0]!.xero).toEqual({ count: 0, net: '0.00', tax: '0.00', gross: '0.00', paid: '0.00', outstanding: '0.00' });
    expect(report.total.courseco).toMatchObject({ count: 2, gross: '369.00' });
    expect(report.total.xero).toEqual(report.total.courseco);
  });

  it('breaks the figures down by VAT rate, account and payment method, Xero − CourseCo', () => {
    const a = tx('80', '100', { lines: [{ row: 2, description: 'Safe Pass', quantity: '1', unitAmount: '100', taxRate: '23' }, { row: 3, description: 'Book', quantity: '1', unitAmount: '20', taxRate: '13.5' }] });
    const pays = [{ id: 'P80a', amount: '100.00', method: 'Card' }, { id: 'P80b', amount: '45.70', method: 'EFT' }];
    const doc = cached(a, pays, (s) => ({
      ...s,
      subTotal: '120.00',
      totalTax: '25.70',
      total: '145.70',
      amountPaid: '145.70',
      amountDue: '0.00',
      status: 'PAID',
      // Someone moved the book to another account in Xero.
      lines: [
        { accountCode: '200', taxType: 'TAX001', net: '100.00', tax: '23.00', description: 'Safe Pass' },
        { accountCode: '210', taxType: 'TAX002', net: '20.00', tax: '2.70', description: 'Book' },
      ],
    }));
    doc.baseline = { ...doc.current!, lines: [
      { accountCode: '200', taxType: 'TAX001', net: '100.00', tax: '23.00', description: 'Safe Pass' },
      { accountCode: '200', taxType: 'TAX002', net: '20.00', tax: '2.70', description: 'Book' },
    ] };
    const { report } = compareBooks(input([synced(a, pays)], [doc]));
    expect(report.drift.map((d) => d.kind)).toEqual(['account-changed']);
    const rows = Object.fromEntries(report.breakdowns.map((r) => [`${r.dimension}:${r.key}`, r]));
    expect(Object.keys(rows)).toEqual(['vat-rate:13.5', 'vat-rate:23', 'account:200', 'account:210', 'payment-method:Card', 'payment-method:EFT']);
    // Named by the rates the lines used (23% VAT on Services, the same percentage, is not used here).
    expect(rows['vat-rate:23']!.label).toBe('23 % (23% VAT on Income)');
    expect(rows['vat-rate:13.5']).toMatchObject({ courseco: { net: '20.00', tax: '2.70', gross: '22.70' }, difference: { gross: '0.00' } });
    expect(rows['account:200']).toMatchObject({ label: '200 Sales', courseco: { net: '120.00', count: 2 }, xero: { net: '100.00', count: 1 }, difference: { net: '-20.00', gross: '-22.70' } });
    expect(rows['account:210']).toMatchObject({ label: '210 Course Fees', courseco: { net: '0.00' }, difference: { net: '20.00', tax: '2.70' } });
    expect(rows['payment-method:Card']).toMatchObject({ courseco: { count: 1, paid: '100.00' }, difference: { paid: '0.00' } });
    expect(rows['payment-method:EFT']).toMatchObject({ xero: { paid: '45.70' }, difference: { paid: '0.00' } });
  });

  it('is the same report for the same input, and sorts its lines and drift', () => {
    const built = CASES.map((c) => c.build());
    const make = () => compareBooks(input(built.flatMap((b) => b.entries), built.flatMap((b) => b.docs)));
    expect(make()).toEqual(make());
    const reversed = compareBooks(input([...built.flatMap((b) => b.entries)].reverse(), [...built.flatMap((b) => b.docs)].reverse()));
    expect(reversed).toEqual(make());
  });
});

describe('words', () => {
  it('writes amounts with the currency code and dates as a bookkeeper reads them', () => {
    const t = tx('90', '1000', { date: '2026-10-26' });
    const { report } = compareBooks(input([synced(t)], [cached(t, [], (s) => ({ ...s, status: 'VOIDED' }))]));
    const item: DriftItem = report.drift[0]!;
    expect(item.detail).toBe('Invoice INV-90 (1,230.00 EUR) was voided in Xero');
    expect([item.was, item.now]).toEqual(['Awaiting payment', 'Voided']);
    expect(item.whatToDo).toContain("Xero keeps the old number taken, so the new one gets Xero's next number");
  });
});
