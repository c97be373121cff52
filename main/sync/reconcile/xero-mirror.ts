/**
 * Reading Xero back into the journal's cache, economically (issue 14's budget: at most one call per 100 documents
 * plus a constant; a second reconciliation with nothing changed, a handful of calls).
 *
 * - The first time, or when a range starts before the date the cache is complete from: full paged reads (page=N,
 *   pageSize 1000; an unpaged multi-document read is a summary without lines or payments, xero-facts.md §9) of
 *   ACCREC invoices and ACCRECCREDIT credit notes dated from 31 days before the range (a document is counted in its
 *   CourseCo transaction's month, and may be dated a little earlier in Xero), down to the date already complete.
 * - Every read of documents names every status, DELETED included (`EVERY_STATUS`): whether a list read includes
 *   deleted documents unasked is not documented, and a document deleted in Xero must be read as DELETED, not missing.
 * - Then, every time: only what changed, with If-Modified-Since = the largest UpdatedDateUTC seen per collection, and
 *   GET /Payments modified since, applied to the cached documents' payments (with a dated read of documents, the
 *   payments of the same dates are read too: only GET /Payments says which account each payment went to). A deleted payment comes back there with
 *   Status DELETED; whether deleting it bumps its invoice's UpdatedDateUTC is not documented, so this never relies on
 *   the invoice being read again.
 * - Linked documents of transactions in the range that the cache has never seen: one targeted read by id; those
 *   Xero does not return are marked not found.
 * Every call goes through `call` (the engine's rate limiter and retries, when the host gives it) and is counted.
 */
import Decimal from 'decimal.js';
import type { Clock } from '../../clock';
import type { Journal } from '../journal';
import { transactionIdFromReference } from '../plan';
import type { ReadPayment, SyncGateway } from '../run';
import type { DocumentOrigin, XeroDocumentKind, XeroDocumentSnapshot } from './types';

/** A read through the host's call wrapper (rate limits, retries), or straight to the gateway. */
export type MirrorCall = <T>(run: () => Promise<T>) => Promise<T>;

export interface MirrorDeps {
  journal: Journal;
  gateway: Pick<SyncGateway, 'readDocuments' | 'readPayments'>;
  clock: Clock;
  call?: MirrorCall;
}

export interface MirrorRange {
  /** YYYY-MM-DD */
  from: string;
  to: string;
}

export interface MirrorResult {
  /** Calls made to Xero. */
  calls: number;
  /** Documents read (payments applied to cached documents count as their documents). */
  documents: number;
  /** A full read of documents by date was needed (first time, or a range before what the cache covered). */
  full: boolean;
}

export type MirrorProgress = (progress: { documents: number; calls: number }) => void;

/** The reconcile_marks this file keeps. */
export const MIRROR_MARKS = {
  completeFrom: 'mirror.complete-from',
  watermark: (collection: XeroDocumentKind | 'payments') => `mirror.watermark.${collection}`,
} as const;

/** How far before the range documents are read: a document may be dated in Xero a little before its CourseCo month. */
export const LOOKBACK_DAYS = 31;
/** Ids per targeted read (the request URL stays short: ~40 characters per id). */
const IDS_PER_READ = 40;

const TYPE: Record<XeroDocumentKind, string> = { invoice: 'ACCREC', 'credit-note': 'ACCRECCREDIT' };
/**
 * Every status a document can have (OpenAPI `Invoice.Status` and `CreditNote.Status`), named in every read. Whether a
 * list read includes DELETED documents unasked is not documented (getInvoices has `Statuses` and includeArchived,
 * BankTransfers an explicit includeDeleted, default off), so a read that names no status might miss a document
 * deleted in Xero (and leave it "missing"); naming them all costs no call and reads the same whichever way Xero does.
 */
const EVERY_STATUS = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'] as const;

function dayMinus(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Xero's filter language for a date: DateTime(2026, 09, 01). */
const dateTime = (day: string) => `DateTime(${day.slice(0, 4)}, ${day.slice(5, 7)}, ${day.slice(8, 10)})`;

const maxIso = (a: string | undefined, b: string | null | undefined): string | undefined => (!b ? a : !a || b > a ? b : a);

/** How far Xero's clock and ours may be apart before the clock-skew check of diagnostics complains. */
const SETTLED_AFTER_MS = 5 * 60_000;

/**
 * Where the next If-Modified-Since read starts. Xero compares to the second and returns what changed in that second or
 * later (xero-facts.md §3), so a watermark on the last change's second reads that whole second again next time —
 * thousands of documents when a sync wrote them in one second. Once that second is safely past (five minutes, beyond
 * any clock skew diagnostics tolerates), nothing more can change in it: the next read starts at the following second.
 */
export function nextWatermark(latest: string, now: number, multiPageReadStartedAt?: number): string {
  const second = Math.floor(Date.parse(latest) / 1000) * 1000;
  const next = Number.isNaN(second) || now - second < SETTLED_AFTER_MS ? latest : new Date(second + 1000).toISOString();
  if (multiPageReadStartedAt === undefined) return next;
  // A read of several pages: a document changed while it ran moves to the end of Xero's order (UpdatedDateUTC) and
  // shifts the rest forward, so one at a page's edge can be skipped while later pages show newer changes. The next
  // read then starts no later than this one began (less the clock allowance), and sees whatever was skipped.
  const cap = new Date(multiPageReadStartedAt - SETTLED_AFTER_MS).toISOString();
  return next > cap ? cap : next;
}

/** Who put a document read back in Xero, when the journal ties it to a transaction by its id. */
const originOf = (snapshot: XeroDocumentSnapshot): DocumentOrigin => (transactionIdFromReference(snapshot.reference ?? undefined) ? 'assistant' : 'courseco-push');

export async function refreshMirror(deps: MirrorDeps, range: MirrorRange, onProgress?: MirrorProgress): Promise<MirrorResult> {
  const { journal, gateway } = deps;
  const call: MirrorCall = deps.call ?? ((run) => run());
  const result: MirrorResult = { calls: 0, documents: 0, full: false };
  const startedAt = new Date(deps.clock.now()).toISOString();
  const counted = async <T>(run: () => Promise<T>): Promise<T> => {
    result.calls++;
    try {
      return await call(run);
    } finally {
      onProgress?.({ documents: result.documents, calls: result.calls });
    }
  };

  const windowStart = dayMinus(range.from, LOOKBACK_DAYS);
  const completeFrom = journal.mark(MIRROR_MARKS.completeFrom);
  const gap = !completeFrom || windowStart < completeFrom;
  result.full = gap;

  /** Every page of one read, cached as it arrives; returns the largest UpdatedDateUTC seen. */
  const readAll = async (query: { kind: XeroDocumentKind; where?: string; modifiedSince?: string; ids?: readonly string[] }): Promise<{ latest: string | undefined; ids: Set<string>; pages: number }> => {
    let latest: string | undefined;
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const { documents, pageCount } = await counted(() => gateway.readDocuments({ ...query, statuses: EVERY_STATUS, page }));
      journal.cacheDocuments(withKnownPaymentDetails(journal, documents), { originOf });
      result.documents += documents.length;
      for (const d of documents) {
        latest = maxIso(latest, d.updatedAt);
        ids.add(d.id.toLowerCase());
      }
      if (page >= pageCount || documents.length === 0) return { latest, ids, pages: page };
    }
  };

  let documentsWatermark: string | undefined;
  for (const kind of ['invoice', 'credit-note'] as const) {
    const markName = MIRROR_MARKS.watermark(kind);
    const before = completeFrom ? journal.mark(markName) : undefined;
    let latest = before;
    let pages = 0;
    const type = `Type=="${TYPE[kind]}"`;
    if (gap) {
      // Dated from the window's start up to what the cache already holds in full (everything, the first time).
      const upTo = completeFrom && before ? ` AND Date<${dateTime(completeFrom)}` : '';
      const dated = await readAll({ kind, where: `${type} AND Date>=${dateTime(windowStart)}${upTo}` });
      latest = maxIso(latest, dated.latest);
      pages = Math.max(pages, dated.pages);
    }
    if (before) {
      const changed = await readAll({ kind, where: type, modifiedSince: before });
      latest = maxIso(latest, changed.latest);
      pages = Math.max(pages, changed.pages);
    }
    // Nothing in Xero yet: changes from now on are what the next read needs (our clock, a day early for skew).
    journal.setMark(markName, latest ? nextWatermark(latest, deps.clock.now(), pages > 1 ? Date.parse(startedAt) : undefined) : new Date(deps.clock.now() - 86_400_000).toISOString());
    documentsWatermark = maxIso(documentsWatermark, latest);
  }

  const dated = gap ? { from: windowStart, ...(completeFrom ? { before: completeFrom } : {}) } : undefined;
  await applyPaymentChanges(deps, counted, result, { documentsWatermark: documentsWatermark ?? startedAt, startedAt: Date.parse(startedAt), ...(dated ? { dated } : {}) });
  await readUnseen(deps, counted, result, range);

  if (!completeFrom || windowStart < completeFrom) journal.setMark(MIRROR_MARKS.completeFrom, windowStart);
  return result;
}

/**
 * Payments read from GET /Payments, applied to the cached documents they are on. With the documents' dated reads
 * (first time, or a range further back) the payments dated in the same window are read too: a document lists its
 * payments without the account the money went to, which the payment-method breakdown needs for payments that carry
 * no Reference of ours. Then, every time after the first: only payments changed since the last read.
 */
async function applyPaymentChanges(deps: MirrorDeps, counted: MirrorCall, result: MirrorResult, read: { documentsWatermark: string; startedAt: number; dated?: { from: string; before?: string } }): Promise<void> {
  const { journal, gateway } = deps;
  const markName = MIRROR_MARKS.watermark('payments');
  const since = journal.mark(markName);
  let latest: string | undefined = since ?? read.documentsWatermark;
  let pages = 0;
  const readAll = async (query: { modifiedSince?: string; where?: string }) => {
    for (let page = 1; ; page++) {
      const { payments, pageCount } = await counted(() => gateway.readPayments({ ...query, page }));
      latest = maxIso(latest, payments.reduce<string | undefined>((m, p) => maxIso(m, p.updatedAt), undefined));
      applyToCache(journal, payments, result);
      if (page >= pageCount || payments.length === 0) {
        pages = Math.max(pages, page);
        return;
      }
    }
  };
  if (read.dated) await readAll({ where: `Date>=${dateTime(read.dated.from)}${read.dated.before ? ` AND Date<${dateTime(read.dated.before)}` : ''}` });
  if (since) await readAll({ modifiedSince: since });
  journal.setMark(markName, nextWatermark(latest, deps.clock.now(), pages > 1 ? read.startedAt : undefined));
}

function applyToCache(journal: Journal, payments: readonly ReadPayment[], result: MirrorResult): void {
  const byDocument = new Map<string, ReadPayment[]>();
  for (const p of payments) {
    const docId = (p.invoiceId ?? p.creditNoteId)?.toLowerCase();
    if (docId) byDocument.set(docId, [...(byDocument.get(docId) ?? []), p]);
  }
  if (byDocument.size === 0) return;
  const cached = journal.cachedDocuments({ ids: [...new Set(payments.map((p) => p.invoiceId ?? p.creditNoteId).filter((id): id is string => !!id))] });
  const changed: XeroDocumentSnapshot[] = [];
  for (const doc of cached) {
    if (!doc.current) continue;
    const next = withPayments(doc.current, byDocument.get(doc.xeroId.toLowerCase()) ?? []);
    if (next !== doc.current) changed.push(next);
  }
  journal.cacheDocuments(changed);
  result.documents += changed.length;
}

/**
 * Documents read again keep what GET /Payments told about their payments: a document lists its payments without the
 * account the money went to (and without their UpdatedDateUTC), and the payments read that told it may not come back
 * (nothing changed since), so a re-read document must not forget it.
 */
function withKnownPaymentDetails(journal: Journal, documents: readonly XeroDocumentSnapshot[]): XeroDocumentSnapshot[] {
  if (!documents.some((d) => d.payments.some((p) => p.account === null || p.updatedAt === null))) return [...documents];
  const known = new Map<string, XeroDocumentSnapshot['payments'][number]>();
  for (const doc of journal.cachedDocuments({ ids: documents.map((d) => d.id) })) for (const p of doc.current?.payments ?? []) known.set(p.id.toLowerCase(), p);
  return documents.map((d) => {
    if (!d.payments.some((p) => known.has(p.id.toLowerCase()))) return d;
    const payments = d.payments.map((p) => {
      const was = known.get(p.id.toLowerCase());
      return was ? { ...p, account: p.account ?? was.account, updatedAt: p.updatedAt ?? was.updatedAt } : p;
    });
    return { ...d, payments };
  });
}

/**
 * A cached document with payments read from GET /Payments: each replaces its entry (a deletion is kept as DELETED),
 * and the document's paid and due amounts follow a payment that appeared or went, since the document itself may not
 * have been read again. Same document back when nothing differs.
 */
export function withPayments(doc: XeroDocumentSnapshot, payments: ReadonlyArray<XeroDocumentSnapshot['payments'][number]>): XeroDocumentSnapshot {
  let paid = new Decimal(doc.amountPaid);
  let due = new Decimal(doc.amountDue);
  let list = [...doc.payments];
  let touched = false;
  for (const p of payments) {
    const { invoiceId: _i, creditNoteId: _c, ...payment } = p as typeof p & { invoiceId?: string; creditNoteId?: string };
    const at = list.findIndex((q) => q.id.toLowerCase() === payment.id.toLowerCase());
    const was = at >= 0 ? list[at]! : undefined;
    const merged = { ...payment, account: payment.account ?? was?.account ?? null };
    if (was && JSON.stringify(was) === JSON.stringify(merged)) continue;
    touched = true;
    const counted = was?.status === 'AUTHORISED';
    const counts = merged.status === 'AUTHORISED';
    if (counted && !counts) {
      paid = paid.minus(was.amount);
      due = due.plus(was.amount);
    } else if (!counted && counts && !was) {
      paid = paid.plus(merged.amount);
      due = due.minus(merged.amount);
    }
    list = at >= 0 ? list.map((q, i) => (i === at ? merged : q)) : [...list, merged];
  }
  if (!touched) return doc;
  let status = doc.status;
  if (status === 'PAID' && due.gt(0)) status = 'AUTHORISED';
  else if (status === 'AUTHORISED' && due.lte(0) && new Decimal(doc.total).gt(0)) status = 'PAID';
  return { ...doc, status, amountPaid: paid.toFixed(2), amountDue: due.toFixed(2), payments: list };
}

/** Linked documents of the range's transactions the cache has never seen: read by id; the rest are not in Xero. */
async function readUnseen(deps: MirrorDeps, counted: MirrorCall, result: MirrorResult, range: MirrorRange): Promise<void> {
  const { journal, gateway } = deps;
  const wanted: Record<XeroDocumentKind, string[]> = { invoice: [], 'credit-note': [] };
  for (let after: string | undefined, more = true; more; ) {
    const page = journal.list({ from: range.from, to: range.to, limit: 5000, ...(after ? { after } : {}) });
    const ids = page.rows.flatMap((r) => [
      ...(r.xeroInvoiceId ? [{ kind: 'invoice' as const, id: r.xeroInvoiceId }] : []),
      ...(r.xeroCreditNoteId ? [{ kind: 'credit-note' as const, id: r.xeroCreditNoteId }] : []),
    ]);
    const seen = new Set(journal.cachedDocuments({ ids: ids.map((i) => i.id) }).filter((d) => d.readAt !== null).map((d) => d.xeroId.toLowerCase()));
    for (const i of ids) if (!seen.has(i.id.toLowerCase())) wanted[i.kind].push(i.id);
    after = page.nextCursor ?? undefined;
    more = page.nextCursor !== null;
  }
  for (const kind of ['invoice', 'credit-note'] as const) {
    const ids = wanted[kind];
    for (let i = 0; i < ids.length; i += IDS_PER_READ) {
      const part = ids.slice(i, i + IDS_PER_READ);
      const found = new Set<string>();
      for (let page = 1; ; page++) {
        const { documents, pageCount } = await counted(() => gateway.readDocuments({ kind, ids: part, statuses: EVERY_STATUS, page }));
        journal.cacheDocuments(withKnownPaymentDetails(journal, documents), { originOf });
        result.documents += documents.length;
        for (const d of documents) found.add(d.id.toLowerCase());
        if (page >= pageCount || documents.length === 0) break;
      }
      const missing = part.filter((id) => !found.has(id.toLowerCase()));
      if (missing.length > 0) journal.markNotFound(missing.map((xeroId) => ({ xeroId, kind })));
    }
  }
}
