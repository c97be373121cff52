/**
 * A small, realistic reconciliation (two months; a voided invoice, an edited total, a payment removed, an accepted
 * re-dating; names that hold quotes, <, & and a would-be formula), validated against the contract, plus a fake
 * ReconcileService over it: for the close pack's and the CLI's specs, which must not depend on reading Xero.
 */
import { ReconcileLine, ReconcileReport, type Comparison, type DriftItem, type Figures } from '../../contract/features/reconcile';
import type { ReconcileService } from '../../main/sync/reconcile';

const fig = (count: number, net: string, tax: string, gross: string, paid: string, outstanding: string): Figures => ({ count, net, tax, gross, paid, outstanding });

function diff(a: Figures, b: Figures): Figures {
  const d = (x: string, y: string) => (Number(y) - Number(x)).toFixed(2);
  return { count: b.count - a.count, net: d(a.net, b.net), tax: d(a.tax, b.tax), gross: d(a.gross, b.gross), paid: d(a.paid, b.paid), outstanding: d(a.outstanding, b.outstanding) };
}

const cmp = (courseco: Figures, xero: Figures): Comparison => ({ courseco, xero, difference: diff(courseco, xero) });

const XERO = 'https://go.xero.com/app/!abc12/invoicing/view/';

function line(partial: Partial<ReconcileLine> & Pick<ReconcileLine, 'transactionId' | 'date' | 'contactName'>, courseco: Figures, xero: Figures): ReconcileLine {
  return ReconcileLine.parse({
    period: partial.date.slice(0, 7),
    documentNumber: partial.transactionId ? `CC-${partial.transactionId}` : null,
    xeroId: partial.transactionId ? `inv-${partial.transactionId}` : null,
    xeroStatus: 'AUTHORISED',
    xeroUrl: partial.transactionId ? `${XERO}inv-${partial.transactionId}` : null,
    origin: 'assistant',
    drift: [],
    note: null,
    ...partial,
    ...cmp(courseco, xero),
  });
}

export function fixtureLines(): ReconcileLine[] {
  return [
    line({ transactionId: '1001', date: '2026-09-03', contactName: 'Acme Training Ltd' }, fig(1, '100.00', '23.00', '123.00', '123.00', '0.00'), fig(1, '100.00', '23.00', '123.00', '123.00', '0.00')),
    line({ transactionId: '1002', date: '2026-09-17', contactName: 'Seán "The Boss" Ó Briain <CEO> & Co', drift: ['voided'], xeroStatus: 'VOIDED' }, fig(1, '100.00', '23.00', '123.00', '0.00', '123.00'), fig(0, '0.00', '0.00', '0.00', '0.00', '0.00')),
    line({ transactionId: '1003', date: '2026-10-02', contactName: '=HYPERLINK("http://evil.example","click")', drift: ['amount-changed'] }, fig(1, '200.00', '46.00', '246.00', '0.00', '246.00'), fig(1, '150.00', '34.50', '184.50', '0.00', '184.50')),
    line({ transactionId: '1004', date: '2026-10-26', contactName: '@Mary Murphy', drift: ['payment-removed'] }, fig(1, '1000.00', '230.00', '1230.00', '1230.00', '0.00'), fig(1, '1000.00', '230.00', '1230.00', '0.00', '1230.00')),
    line({ transactionId: '1005', date: '2026-10-30', contactName: 'Credit Corner', documentNumber: 'CN-1005', drift: ['date-changed'] }, fig(1, '-50.00', '-11.50', '-61.50', '0.00', '-61.50'), fig(1, '-50.00', '-11.50', '-61.50', '0.00', '-61.50')),
  ];
}

function drift(partial: Partial<DriftItem> & Pick<DriftItem, 'kind' | 'transactionId' | 'detail'>): DriftItem {
  return {
    key: `${partial.kind}:${partial.transactionId}`,
    xeroId: `inv-${partial.transactionId}`,
    paymentId: null,
    period: '2026-10',
    documentNumber: `CC-${partial.transactionId}`,
    contactName: null,
    was: null,
    now: null,
    changedAt: '2026-11-02T10:15:00Z',
    whatToDo: 'Look into it in Xero.',
    actions: ['accept-xero'],
    xeroUrl: `${XERO}inv-${partial.transactionId}`,
    accepted: false,
    ...partial,
  };
}

function sum(lines: readonly ReconcileLine[], side: 'courseco' | 'xero'): Figures {
  const add = (key: 'net' | 'tax' | 'gross' | 'paid' | 'outstanding') => lines.reduce((s, l) => s + Number(l[side][key]), 0).toFixed(2);
  return fig(lines.reduce((s, l) => s + l[side].count, 0), add('net'), add('tax'), add('gross'), add('paid'), add('outstanding'));
}

export function fixtureReport(overrides: Partial<ReconcileReport> = {}): ReconcileReport {
  const lines = fixtureLines();
  const month = (p: string) => ({ period: p, ...cmp(sum(lines.filter((l) => l.period === p), 'courseco'), sum(lines.filter((l) => l.period === p), 'xero')) });
  const all = cmp(sum(lines, 'courseco'), sum(lines, 'xero'));
  return ReconcileReport.parse({
    from: '2026-09-01',
    to: '2026-10-31',
    generatedAt: '2026-11-03T09:30:00Z',
    organisationName: 'Dublin <Dance> & "Drama" School',
    currency: 'EUR',
    periods: [month('2026-09'), month('2026-10')],
    total: all,
    breakdowns: [
      { dimension: 'vat-rate', key: '23', label: '23 % (23% VAT on Income)', ...all },
      { dimension: 'account', key: '200', label: '200 Sales', ...all },
      { dimension: 'payment-method', key: 'Card', label: 'Card', ...cmp(fig(2, '0.00', '0.00', '0.00', '1353.00', '0.00'), fig(1, '0.00', '0.00', '0.00', '123.00', '0.00')) },
    ],
    drift: [
      drift({ kind: 'voided', transactionId: '1002', period: '2026-09', contactName: 'Seán "The Boss" Ó Briain <CEO> & Co', detail: 'Status Authorised → Voided', whatToDo: 'Send it again, or accept that it is voided.', actions: ['send-again', 'accept-xero'] }),
      drift({ kind: 'amount-changed', transactionId: '1003', detail: 'Total changed', was: '€246.00', now: '€184.50' }),
      drift({ kind: 'payment-removed', transactionId: '1004', paymentId: 'pay-1', detail: 'Payment of €1,230.00 on 26/10/2026 removed', whatToDo: 'Send it again, or accept Xero’s version.', actions: ['send-again', 'accept-xero'] }),
      drift({ kind: 'date-changed', transactionId: '1005', documentNumber: 'CN-1005', detail: 'Date 30/10/2026 → 31/10/2026', accepted: true }),
    ],
    matches: false,
    unexplained: 0,
    excluded: 2,
    linked: { courseCoPush: 3, justNow: 1 },
    reads: { calls: 4, documents: 5, full: true },
    ...overrides,
  });
}

/** A ReconcileService over the fixture; `report` may be swapped to play a clean reconciliation. */
export function fakeReconcileService(report: ReconcileReport = fixtureReport(), lines: ReconcileLine[] = fixtureLines()): ReconcileService & { ranWith: unknown[] } {
  let last: ReconcileReport | null = null;
  const ranWith: unknown[] = [];
  return {
    ranWith,
    async run(range, onProgress) {
      ranWith.push(range);
      onProgress?.({ phase: 'reading', documents: 0, calls: 0 });
      onProgress?.({ phase: 'comparing', documents: lines.length, calls: report.reads.calls });
      last = { ...report, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
      return last;
    },
    last: () => last,
    lines: async () => ({ rows: lines, total: lines.length, nextCursor: null }),
    allLines: async () => lines,
    async snapshot(range) {
      const wanted = { ...(last ? { from: last.from, to: last.to } : {}), ...range };
      const report = last && last.from === wanted.from && last.to === wanted.to ? last : await this.run(wanted);
      return { report, lines };
    },
    resolve: async () => {
      throw new Error('not used');
    },
  };
}
