/**
 * The sync engine of one profile: runs (one at a time, across processes too), pause / resume / cancel, the state
 * and last progress, run history, and the read-only views of a plan — `preview` (per transaction, for the console's
 * drawer and the wizard) and `dryRun` (the requests, batch by batch, for `sync --dry-run`). Everything it touches
 * comes in as a dependency: the journal, settings, the Xero gateway, the clock and how to wait.
 *
 * Start reading at `run-sync.ts` for what a run does, `engine-calls.ts` for how each request is made safe.
 */
import { userInfo } from 'node:os';
import type { Clock } from '../../clock';
import type { Settings } from '../../../contract/contract';
import { silentLogger, type Logger } from '../../log';
import { batches, clampBatchSize } from '../plan';
import { dailyQuota, type DailyQuota } from './daily-quota';
import { read, type CallContext } from './engine-calls';
import { ProgressTracker } from './engine-progress';
import { ENGINE_DEFAULTS, type SyncEngineOptions, type SyncProgress, type SyncSelection, type SyncSummary } from './engine-types';
import type { Journal } from '../journal';
import type { SyncRun } from '../journal';
import { OrgReferenceCache, type OrgReference } from './org-reference';
import type { PlannedDocument, SyncPlan, TransactionPlan } from '../plan';
import { RateLimiters, realSleep, type TenantRateLimiter } from './rate-limiter';
import { acquireRunLock, syncAlreadyRunning } from './run-lock';
import { callContext, planAgainstXero, runSync, selectEntries, tenantNotChosen, type RunPlace, type RunSyncDeps } from './run-sync';
import { WRITE_REQUESTS, writeQuery, type SyncGateway, type WriteKind } from './xero-gateway';

export type { SyncProgress, SyncSummary, SyncSelection, SyncEngineOptions } from './engine-types';

export interface SyncEngineDeps {
  /** The profile's data dir (for the run lock). */
  dataDir: string;
  journal: () => Journal;
  settings: () => Settings;
  gateway: SyncGateway;
  clock: Clock;
  log?: Logger;
  /** Which host runs it (recorded in the run history): electron, web, cli. */
  host: string;
  /** Who runs it (recorded in the run history); defaults to the OS user name. */
  actor?: string;
  options?: SyncEngineOptions;
  onProgress?: (progress: SyncProgress) => void;
  onFinished?: (summary: SyncSummary) => void;
}

export type EngineState = 'idle' | 'running' | 'paused' | 'cancelling';

export interface SyncStateView {
  state: EngineState;
  runId?: number;
  progress?: SyncProgress;
  lastRun?: SyncRun;
  /** The sync stopped at Xero's daily limit and goes on by itself at this time (ISO). */
  continuesAt?: string;
}

/** A planned document as it would be sent (ids of documents created earlier in the run are filled in then). */
export interface PreviewDocument {
  kind: PlannedDocument<unknown>['kind'];
  operation: PlannedDocument<unknown>['operation'];
  key: string;
  idempotencyKey: string;
  request: { method: 'PUT' | 'POST'; path: string; query: string };
  payload: Record<string, unknown>;
  /** Fields filled in at send time, in words. */
  bindsAtSend: string[];
}

export interface PreviewTransaction {
  transactionId: string;
  kind: TransactionPlan['kind'];
  outcome: TransactionPlan['outcome'];
  errors: string[];
  warnings: string[];
  reason?: string;
  contact: TransactionPlan['contact'];
  totals: TransactionPlan['totals'];
  courseCo: TransactionPlan['courseCo'];
  documents: PreviewDocument[];
}

export interface SyncPreview {
  transactions: PreviewTransaction[];
  /** Ids the journal does not hold. */
  unknownIds: string[];
  summary: SyncPlan['summary'];
  /** What sending these needs against what Xero's daily limit leaves today, in plain words. */
  quota: DailyQuota;
}

export interface DryRunRequest {
  phase: 'contacts' | 'invoices' | 'payments' | 'credit-notes';
  method: 'PUT' | 'POST';
  path: string;
  query: string;
  documents: number;
  body: Record<string, unknown[]>;
  /** Fields filled in at send time from documents earlier requests create. */
  bindsAtSend: string[];
}

export interface DryRun {
  dryRun: true;
  summary: SyncPlan['summary'] & { requests: number; reads: number };
  requests: DryRunRequest[];
  transactions: Array<{ transactionId: string; outcome: TransactionPlan['outcome']; errors: string[]; warnings: string[]; reason?: string }>;
  unknownIds: string[];
  /** What the run needs against what Xero's daily limit leaves today, in plain words. */
  quota: DailyQuota;
}

export interface SyncEngine {
  run(selection: SyncSelection, hooks?: { onProgress?: (progress: SyncProgress) => void }): Promise<SyncSummary>;
  preview(transactionIds: readonly string[]): Promise<SyncPreview>;
  dryRun(selection: SyncSelection): Promise<DryRun>;
  pause(): SyncStateView;
  resume(): SyncStateView;
  /** Stops after the requests in flight (or drops a wait for Xero's daily reset); false when nothing runs or waits. */
  cancel(): boolean;
  /** The continuation waiting for Xero's daily reset, if any: resolves with its summary once it has run. */
  continuation(): Promise<SyncSummary | undefined> | undefined;
  state(): SyncStateView;
  runs(limit?: number): SyncRun[];
}

function bindsOf(doc: PlannedDocument<unknown>): string[] {
  const binds: string[] = [];
  if (doc.needs?.contactRef) binds.push(`Contact.ContactID: the new contact ${doc.needs.contactRef} (created by the contacts request)`);
  if (doc.needs?.invoiceOf) binds.push(`Invoice.InvoiceID: the invoice of CourseCo Tx ${doc.needs.invoiceOf} (created by the invoices request)`);
  return binds;
}

/** The same, once per request: which placeholders in its body get Xero's ids when it is sent. */
function batchBinds(batch: readonly PlannedDocument<unknown>[]): string[] {
  const binds: string[] = [];
  if (batch.some((d) => d.needs?.contactRef)) binds.push('Contact: { ContactNumber } becomes { ContactID } of the contact the contacts request creates');
  if (batch.some((d) => d.needs?.invoiceOf)) binds.push('Invoice becomes { InvoiceID } of the invoice the invoices request creates for that transaction');
  return binds;
}

function writeKindOf(doc: PlannedDocument<unknown>): WriteKind {
  switch (doc.kind) {
    case 'contact':
      return 'contacts';
    case 'payment':
      return 'payments';
    case 'invoice':
      return doc.operation === 'update' ? 'invoice-updates' : 'invoices';
    case 'credit-note':
      return doc.operation === 'update' ? 'credit-note-updates' : 'credit-notes';
  }
}

interface PendingContinuation {
  abort: AbortController;
  /** When Xero's daily window resets (ms). */
  at: number;
  /** The continuation's summary (undefined when it was dropped or had nothing to do). */
  done: Promise<SyncSummary | undefined>;
}

/** Two legs of one sync (before and after Xero's daily reset) as one summary; the second's run id and outcome. */
function merged(first: SyncSummary, second: SyncSummary): SyncSummary {
  // Transactions the first leg left unfinished are taken up (and reported) by the second.
  const redone = new Set([...second.failures, ...second.skippedReasons].map((f) => f.transactionId));
  const skippedReasons = [...first.skippedReasons.filter((r) => !redone.has(r.transactionId) && !/daily limit ran out/.test(r.reason)), ...second.skippedReasons];
  const { dailyLimit, message, ...rest } = second;
  return {
    ...rest,
    ...(message ? { message } : {}),
    ...(dailyLimit ? { dailyLimit } : {}),
    synced: first.synced + second.synced,
    failed: first.failed + second.failed,
    failures: [...first.failures, ...second.failures],
    skippedReasons,
    skipped: skippedReasons.length,
    calls: first.calls + second.calls,
    durationMs: first.durationMs + second.durationMs,
    linked: first.linked + second.linked,
  };
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const log = deps.log ?? silentLogger;
  const options = { ...ENGINE_DEFAULTS, ...deps.options };
  const batchSize = clampBatchSize(options.batchSize);
  const concurrency = Math.min(5, Math.max(1, Math.trunc(options.concurrency)));
  const sleep = options.sleep ?? realSleep;
  const limiters = new RateLimiters({ clock: deps.clock, sleep, concurrent: 5, perMinute: options.perMinute });
  const references = new OrgReferenceCache(options.referenceTtlMs, () => deps.clock.now());
  const actor = deps.actor ?? (() => {
    try {
      return userInfo().username;
    } catch {
      return 'unknown';
    }
  })();

  let active: { abort: AbortController; progress: ProgressTracker; paused: boolean; cancelling: boolean; resume: Array<() => void> } | undefined;
  const afterDailyLimit = options.afterDailyLimit ?? 'stop';
  /** A wait for Xero's daily reset (`wait` inside run, `continue` in the background). */
  let pending: PendingContinuation | undefined;

  const limiterFor = (): TenantRateLimiter => {
    const tenant = deps.gateway.tenantId();
    if (!tenant) throw tenantNotChosen();
    return limiters.forTenant(tenant);
  };

  const reference = (ctx: CallContext): Promise<OrgReference> =>
    references.get(deps.gateway.tenantId() ?? '', async () => ({
      taxRates: await read(ctx, () => deps.gateway.taxRates()),
      accounts: await read(ctx, () => deps.gateway.accounts()),
    }));

  const runDeps = (progress: ProgressTracker, counter: { calls: number }, signal: AbortSignal, limiter: TenantRateLimiter): RunSyncDeps => ({
    journal: deps.journal(),
    gateway: deps.gateway,
    settings: deps.settings,
    clock: deps.clock,
    sleep,
    log,
    limiter,
    progress,
    counter,
    signal,
    waitWhilePaused: () => (active?.paused && !signal.aborted ? new Promise<void>((resolve) => active!.resume.push(resolve)) : Promise.resolve()),
    reference,
    actor,
    host: deps.host,
    batchSize,
    concurrency,
    maxWaitSeconds: options.maxWaitSeconds,
    maxAttempts: options.maxAttempts,
    retryBaseMs: options.retryBaseMs,
    planner: options.planner ?? {},
  });

  /** The write requests a plan makes, batch by batch, in the order a run sends them. */
  const planRequests = (plan: SyncPlan): DryRunRequest[] => {
    const requests: DryRunRequest[] = [];
    const phases: Array<[DryRunRequest['phase'], PlannedDocument<unknown>[]]> = [
      ['contacts', plan.contacts],
      ['invoices', plan.invoices],
      ['payments', plan.payments],
      ['credit-notes', plan.creditNotes],
    ];
    for (const [phase, docs] of phases) {
      for (const operation of ['create', 'update'] as const) {
        const selected = docs.filter((doc) => doc.operation === operation);
        for (const batch of batches(selected, batchSize, (doc) => JSON.stringify(doc.payload).length)) {
          const kind = writeKindOf(batch[0]!);
          const { method, path, collection } = WRITE_REQUESTS[kind];
          requests.push({
            phase,
            method,
            path,
            query: writeQuery(kind, plan.unitdp4),
            documents: batch.length,
            body: { [collection]: batch.map((doc) => doc.payload) },
            bindsAtSend: batchBinds(batch),
          });
        }
      }
    }
    return requests;
  };

  /** The run's calls (the reads this plan took, which a run makes too, and its writes) against what Xero leaves today. */
  const quotaOf = (d: RunSyncDeps, writes: number): DailyQuota => {
    const calls = writes === 0 ? 0 : writes + d.counter.calls;
    return dailyQuota(calls, d.limiter.state(), deps.clock.now());
  };

  /** A read-only context for previews and dry runs (their calls are not part of any run). */
  const readOnly = async <T>(use: (d: RunSyncDeps, ctx: CallContext) => Promise<T>): Promise<T> => {
    const counter = { calls: 0 };
    const limiter = limiterFor();
    const progress = new ProgressTracker(deps.clock, counter, () => limiter, batchSize, options.perMinute, () => undefined);
    const d = runDeps(progress, counter, new AbortController().signal, limiter);
    return use(d, callContext(d));
  };

  const state = (): SyncStateView => {
    const view: SyncStateView = { state: 'idle' };
    if (active) {
      view.state = active.cancelling ? 'cancelling' : active.paused ? 'paused' : 'running';
      if (active.progress.runId) view.runId = active.progress.runId;
      const progress = active.progress.latest();
      if (progress) view.progress = progress;
    }
    const last = deps.journal().listRuns(1)[0];
    if (last) view.lastRun = last;
    if (pending && !active) view.continuesAt = new Date(pending.at).toISOString();
    return view;
  };

  const wakePaused = () => {
    if (!active) return;
    const waiting = active.resume;
    active.resume = [];
    for (const resume of waiting) resume();
  };

  /** One run (one record in the run history), start to end. */
  const runLeg = async (selection: SyncSelection, hooks?: { onProgress?: (progress: SyncProgress) => void }): Promise<SyncSummary> => {
    if (active) throw syncAlreadyRunning('in this window or command');
    const lock = acquireRunLock(deps.dataDir, deps.host, () => new Date(deps.clock.now()).toISOString());
    const abort = new AbortController();
    const counter = { calls: 0 };
    let limiter: TenantRateLimiter | undefined;
    const emit = (p: SyncProgress) => {
      if (!p.runId) return;
      hooks?.onProgress?.(p);
      deps.onProgress?.(p);
    };
    const progress = new ProgressTracker(deps.clock, counter, () => limiter, batchSize, options.perMinute, emit);
    active = { abort, progress, paused: false, cancelling: false, resume: [] };
    try {
      limiter = limiterFor();
      limiter.onChange = () => progress.publish(true);
      const place: RunPlace = { unfinished: [], planned: true };
      let summary = await runSync(runDeps(progress, counter, abort.signal, limiter), selection, place);
      if (summary.dailyLimit) {
        lastPlace = place;
        summary = { ...summary, dailyLimit: { ...summary.dailyLimit, continuesByItself: afterDailyLimit !== 'stop' } };
      }
      deps.onFinished?.(summary);
      return summary;
    } finally {
      if (limiter) limiter.onChange = undefined;
      wakePaused();
      active = undefined;
      lock.release();
    }
  };

  /** Where the last leg stopped at the daily limit: its unfinished transactions, or (no plan yet) the same selection. */
  let lastPlace: RunPlace | undefined;
  const continuationOf = (selection: SyncSelection): SyncSelection => {
    const place = lastPlace;
    lastPlace = undefined;
    if (!place || !place.planned || selection.all) return selection;
    return { transactionIds: place.unfinished };
  };
  /** A little after Xero's reset, so the first call does not reach Xero a hair early. */
  const resetWait = (continueAt: string) => Math.max(0, Date.parse(continueAt) - deps.clock.now()) + 1000;

  /** `continue`: go on by itself after Xero's reset while this engine lives; cancel() or a new run drops it. */
  const scheduleContinuation = (summary: SyncSummary, selection: SyncSelection): void => {
    if (!summary.dailyLimit) return;
    const next = continuationOf(selection);
    if (next.transactionIds && next.transactionIds.length === 0) return;
    const abort = new AbortController();
    const wait = resetWait(summary.dailyLimit.continueAt);
    log.info(`sync: Xero's daily limit is used up; the sync goes on by itself at ${summary.dailyLimit.continueAt}`);
    const entry: PendingContinuation = { abort, at: Date.parse(summary.dailyLimit.continueAt), done: Promise.resolve(undefined) };
    entry.done = (async () => {
      await sleep(wait, abort.signal);
      if (abort.signal.aborted) return undefined;
      if (pending === entry) pending = undefined;
      if (active) {
        log.info('sync: another run is going; the continuation after the daily reset is left to it');
        return undefined;
      }
      try {
        const after = await runLeg(next);
        scheduleContinuation(after, next);
        return after;
      } catch (error) {
        log.warn('sync: the continuation after the daily reset could not run', { error: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    })();
    pending = entry;
  };

  return {
    async run(selection, hooks) {
      if (active) throw syncAlreadyRunning('in this window or command');
      // A run asked for now replaces a continuation waiting for Xero's daily reset.
      pending?.abort.abort();
      pending = undefined;
      if (afterDailyLimit === 'continue') {
        const summary = await runLeg(selection, hooks);
        scheduleContinuation(summary, selection);
        return summary;
      }
      let summary = await runLeg(selection, hooks);
      // `wait`: wait for the reset (cancel ends the wait), then go on from where the run stopped, as often as needed.
      while (afterDailyLimit === 'wait' && summary.dailyLimit) {
        const next = continuationOf(selection);
        const abort = new AbortController();
        pending = { abort, at: Date.parse(summary.dailyLimit.continueAt), done: Promise.resolve(undefined) };
        log.info(`sync: waiting for Xero's daily reset (${summary.dailyLimit.continueAt})`);
        await sleep(resetWait(summary.dailyLimit.continueAt), abort.signal);
        pending = undefined;
        if (abort.signal.aborted) break;
        summary = merged(summary, await runLeg(next, hooks));
      }
      return summary;
    },

    async preview(transactionIds) {
      return readOnly(async (d, ctx) => {
        const { entries, unknown } = selectEntries(d.journal, { transactionIds }, false);
        const plan = await planAgainstXero(d, ctx, entries);
        const byTransaction = new Map<string, PreviewDocument[]>();
        const add = (tx: string, doc: PlannedDocument<unknown>) => {
          const kind = writeKindOf(doc);
          const { method, path } = WRITE_REQUESTS[kind];
          const list = byTransaction.get(tx) ?? [];
          list.push({ kind: doc.kind, operation: doc.operation, key: doc.key, idempotencyKey: doc.idempotencyKey, request: { method, path, query: writeQuery(kind, plan.unitdp4) }, payload: doc.payload as Record<string, unknown>, bindsAtSend: bindsOf(doc) });
          byTransaction.set(tx, list);
        };
        for (const doc of [...plan.contacts, ...plan.invoices, ...plan.payments, ...plan.creditNotes] as PlannedDocument<unknown>[]) for (const tx of doc.transactionIds) add(tx, doc);
        return {
          transactions: plan.transactions.map((t) => ({
            transactionId: t.transactionId,
            kind: t.kind,
            outcome: t.outcome,
            errors: t.errors,
            warnings: t.warnings,
            ...(t.reason ? { reason: t.reason } : {}),
            contact: t.contact,
            totals: t.totals,
            courseCo: t.courseCo,
            documents: t.outcome === 'planned' ? (byTransaction.get(t.transactionId) ?? []) : [],
          })),
          unknownIds: unknown,
          summary: plan.summary,
          quota: quotaOf(d, planRequests(plan).length),
        };
      });
    },

    async dryRun(selection) {
      return readOnly(async (d, ctx) => {
        const { entries, unknown } = selectEntries(d.journal, selection, false);
        const plan = await planAgainstXero(d, ctx, entries);
        const requests = planRequests(plan);
        return {
          dryRun: true as const,
          summary: { ...plan.summary, requests: requests.length, reads: d.counter.calls },
          quota: quotaOf(d, requests.length),
          requests,
          transactions: plan.transactions.map((t) => ({ transactionId: t.transactionId, outcome: t.outcome, errors: t.errors, warnings: t.warnings, ...(t.reason ? { reason: t.reason } : {}) })),
          unknownIds: unknown,
        };
      });
    },

    pause() {
      if (active && !active.cancelling) {
        active.paused = true;
        active.progress.paused = true;
        active.progress.publish(true);
        log.info('sync: paused (requests in flight finish first)');
      }
      return state();
    },

    resume() {
      if (active?.paused) {
        active.paused = false;
        active.progress.paused = false;
        wakePaused();
        active.progress.publish(true);
        log.info('sync: resumed');
      }
      return state();
    },

    cancel() {
      if (pending) {
        pending.abort.abort();
        pending = undefined;
        log.info("sync: the wait for Xero's daily reset was cancelled; what was not sent stays ready");
        if (!active) return true;
      }
      if (!active) return false;
      active.cancelling = true;
      active.paused = false;
      active.progress.paused = false;
      active.abort.abort();
      wakePaused();
      log.info('sync: cancel requested (requests in flight finish and are recorded)');
      return true;
    },

    continuation: () => pending?.done,
    state,
    runs: (limit = 50) => deps.journal().listRuns(Math.min(500, Math.max(1, Math.trunc(limit)))),
  };
}
