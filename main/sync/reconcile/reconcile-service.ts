/**
 * One reconciliation, end to end: read what changed in Xero into the journal's cache (`xero-mirror.ts`), link
 * CourseCo's own push (`link-push.ts`), gather CourseCo's side from the journal and compare (`compare-books.ts`, pure),
 * keep the report. Drill-down, the close pack's lines and a drift item's action compare again from the cache, never
 * reading Xero: only `run` calls Xero.
 */
import type { Settings } from '../../../contract/contract';
import type { DriftAction, LinesQuery, ReconcileLine, ReconcileProgress, ReconcileRange, ReconcileReport } from '../../../contract/features/reconcile';
import type { Clock } from '../../clock';
import { DomainError } from '../../errors';
import { silentLogger, type Logger } from '../../log';
import type { Journal, JournalEntry } from '../journal';
import { plannerSettingsFor, tenantNotChosen, type OrgReference, type SyncGateway, type XeroReader } from '../run';
import { compareBooks } from './compare-books';
import { driftResolution } from './drift-resolution';
import { linkCourseCoPush } from './link-push';
import type { CachedDocument, CompareInput, ReconcileService, XeroDocumentKind } from './types';
import { refreshMirror } from './xero-mirror';

export interface ReconcileServiceDeps {
  journal(): Journal;
  gateway: SyncGateway;
  /** Reads through the rate limiter, and the organisation's reference (run/xero-reader.ts). */
  reader: XeroReader;
  settings(): Settings;
  clock: Clock;
  log?: Logger;
  /** How to open a document in Xero (the host knows the organisation's short code), asked once per comparison. */
  documentLinks(): Promise<(kind: XeroDocumentKind, id: string) => string | null>;
}

/** The months a reconciliation covers by default: the last full month before today. */
export function defaultRange(now: number): { from: string; to: string } {
  const today = new Date(now);
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const PAGE = 5000;

/** Every journal entry whose CourseCo date is in the range, in the journal's order. */
function entriesBetween(journal: Journal, from: string, to: string): JournalEntry[] {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = journal.list({ from, to, limit: PAGE, ...(after ? { after } : {}) });
    ids.push(...page.rows.map((r) => r.transactionId));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids.length ? journal.entries({ ids }) : [];
}

interface Compared {
  from: string;
  to: string;
  report: ReconcileReport;
  lines: ReconcileLine[];
}

export function createReconcileService(deps: ReconcileServiceDeps): ReconcileService {
  const log = deps.log ?? silentLogger;
  let last: Compared | undefined;

  const requireTenant = () => {
    if (!deps.gateway.tenantId()) throw tenantNotChosen();
  };

  /** CourseCo's side from the journal, Xero's from the cache: compared without a call to Xero. */
  const compare = async (from: string, to: string, reference: OrgReference, reads: ReconcileReport['reads'], linked: ReconcileReport['linked'], keep = true): Promise<Compared> => {
    const journal = deps.journal();
    const entries = entriesBetween(journal, from, to);
    const ids = entries.map((e) => e.transaction.transactionId);
    const documents = new Map<string, CachedDocument>();
    for (const doc of journal.cachedDocuments({ transactionIds: ids })) documents.set(doc.xeroId, doc);
    for (const doc of journal.cachedDocuments({ unlinked: true, from, to })) documents.set(doc.xeroId, doc);
    const url = await deps.documentLinks();
    const input: CompareInput = {
      from,
      to,
      generatedAt: new Date(deps.clock.now()).toISOString(),
      organisationName: reference.organisation?.name ?? null,
      currency: reference.organisation?.baseCurrency ?? null,
      entries,
      documents,
      allocations: journal.allocationRecords(ids).filter((a) => a.xeroAllocationId !== null),
      planner: plannerSettingsFor(deps.settings(), reference),
      taxRates: reference.taxRates.map((r) => ({ taxType: r.TaxType, name: r.Name, rate: String(r.EffectiveRate ?? 0) })),
      accounts: reference.accounts.filter((a): a is typeof a & { Code: string } => Boolean(a.Code)).map((a) => ({ code: a.Code, name: a.Name ?? '' })),
      accepted: journal.acceptedDrift(),
      documentUrl: url,
    };
    const { report, lines } = compareBooks(input);
    const full: ReconcileReport = { ...report, reads, linked };
    const compared = { from, to, report: full, lines };
    if (!keep) return compared;
    journal.saveLastReport(full);
    last = compared;
    return last;
  };

  /**
   * The last comparison, compared again from the cache when this process has not made one yet. With a range (a
   * drill-down of another tab's range): that range, compared from the cache, never replacing the last report.
   */
  const current = async (range?: { from: string; to: string }): Promise<Compared> => {
    if (last && (!range || (range.from === last.from && range.to === last.to))) return last;
    const saved = deps.journal().lastReport();
    if (!saved && !range) {
      throw new DomainError('NotReconciled', { message: 'There is no reconciliation yet.', fix: 'Compare CourseCo with Xero first.' });
    }
    requireTenant();
    const reads = saved?.reads ?? { calls: 0, documents: 0, full: false };
    const linked = saved?.linked ?? { courseCoPush: 0, justNow: 0 };
    if (range && !(saved && saved.from === range.from && saved.to === range.to)) return compare(range.from, range.to, await deps.reader.reference(), reads, linked, false);
    return compare(saved!.from, saved!.to, await deps.reader.reference(), reads, linked);
  };

  const service: ReconcileService = {
    async run(range: ReconcileRange, onProgress?: (progress: ReconcileProgress) => void) {
      requireTenant();
      const { from, to } = { ...defaultRange(deps.clock.now()), ...range };
      const before = deps.reader.calls();
      const journal = deps.journal();
      const reference = await deps.reader.reference();
      const mirror = await refreshMirror({ journal, gateway: deps.gateway, clock: deps.clock, call: (run) => deps.reader.call(run) }, { from, to }, (p) =>
        onProgress?.({ phase: 'reading', documents: p.documents, calls: deps.reader.calls() - before }),
      );
      onProgress?.({ phase: 'linking', documents: mirror.documents, calls: deps.reader.calls() - before });
      const linked = linkCourseCoPush({ journal, planner: plannerSettingsFor(deps.settings(), reference), log });
      onProgress?.({ phase: 'comparing', documents: mirror.documents, calls: deps.reader.calls() - before });
      const compared = await compare(
        from,
        to,
        reference,
        { calls: deps.reader.calls() - before, documents: mirror.documents, full: mirror.full },
        { courseCoPush: linked.courseCoPush, justNow: linked.linked.length },
      );
      log.info('reconcile: compared CourseCo with Xero', { from, to, calls: compared.report.reads.calls, drift: compared.report.drift.length, matches: compared.report.matches });
      return compared.report;
    },

    last: () => last?.report ?? deps.journal().lastReport(),

    async lines(query: LinesQuery) {
      const { lines } = await current({ from: query.from, to: query.to });
      let rows = lines;
      if (query.period) rows = rows.filter((l) => l.period === query.period);
      if (query.differencesOnly) rows = rows.filter((l) => l.drift.length > 0 || Object.values(l.difference).some((v) => typeof v === 'string' && Number(v) !== 0));
      if (query.dimension && query.key !== undefined) rows = rows.filter((l) => lineInGroup(l, query.dimension!, query.key!));
      const start = query.after ? Number(query.after) : 0;
      const limit = query.limit ?? 100;
      const page = rows.slice(start, start + limit);
      return { rows: page, total: rows.length, nextCursor: start + limit < rows.length ? String(start + limit) : null };
    },

    async allLines() {
      return (await current()).lines;
    },

    async snapshot(range) {
      const was = last ?? undefined;
      const wanted = { ...(was ? { from: was.from, to: was.to } : defaultRange(deps.clock.now())), ...range };
      const saved = deps.journal().lastReport();
      // The range asked for was never compared: read Xero for it (as `run`); else the report and its lines together.
      if (!(was && was.from === wanted.from && was.to === wanted.to) && !(saved && saved.from === wanted.from && saved.to === wanted.to)) await service.run(wanted);
      const { report, lines } = await current(wanted);
      return { report, lines };
    },

    async resolve(key: string, action: DriftAction) {
      const was = await current();
      const item = was.report.drift.find((d) => d.key === key);
      if (!item) {
        throw new DomainError('DriftNotFound', { message: 'That difference is no longer reported.', fix: 'Compare CourseCo with Xero again to see what is left.' });
      }
      const decision = driftResolution(item, action);
      const journal = deps.journal();
      if (decision.do === 'accept') journal.acceptDrift(decision.key);
      else if (decision.do !== 'nothing') {
        const result = decision.do === 'resend-payment' ? journal.resendPayment(decision.paymentId) : journal.resendDocument(decision.transactionId, decision.xeroId);
        // Never say "it will be sent" when the journal refused (a run holds it, an earlier change retired it).
        const [refused] = result.refused;
        if (refused) throw new DomainError('SendAgainRefused', { message: `This cannot be sent again now: ${refused.reason}.`, fix: 'Do what the reason says, then compare again.' });
      }
      const again = await compare(was.from, was.to, await deps.reader.reference(), was.report.reads, was.report.linked);
      return { message: decision.message, report: again.report };
    },
  };
  return service;
}

/** Whether a line belongs to a breakdown group: asked of the comparison's own grouping (`groupKeys`). */
function lineInGroup(line: ReconcileLine, dimension: NonNullable<LinesQuery['dimension']>, key: string): boolean {
  return (line.groups?.[dimension] ?? []).includes(key);
}
