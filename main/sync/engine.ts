/**
 * The sync engine of one profile: runs (one at a time, across processes too), pause / resume / cancel, the state
 * and last progress, run history, and the read-only views of a plan — `preview` (per transaction, for the console's
 * drawer and the wizard) and `dryRun` (the requests, batch by batch, for `sync --dry-run`). Everything it touches
 * comes in as a dependency: the journal, settings, the Xero gateway, the clock and how to wait.
 *
 * Start reading at `run-sync.ts` for what a run does, `engine-calls.ts` for how each request is made safe.
 */
import { userInfo } from 'node:os';
import type { Clock } from '../clock';
import type { Settings } from '../contract/contract';
import { silentLogger, type Logger } from '../log';
import { batches, clampBatchSize } from './batcher';
import { read, type CallContext } from './engine-calls';
import { ProgressTracker } from './engine-progress';
import { ENGINE_DEFAULTS, type SyncEngineOptions, type SyncProgress, type SyncSelection, type SyncSummary } from './engine-types';
import type { Journal } from './journal';
import type { SyncRun } from './journal-types';
import { OrgReferenceCache, type OrgReference } from './org-reference';
import type { PlannedDocument, SyncPlan, TransactionPlan } from './planner';
import { RateLimiters, realSleep, type TenantRateLimiter } from './rate-limiter';
import { acquireRunLock, syncAlreadyRunning } from './run-lock';
import { callContext, planAgainstXero, runSync, selectEntries, tenantNotChosen, type RunSyncDeps } from './run-sync';
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
}

export interface SyncEngine {
  run(selection: SyncSelection, hooks?: { onProgress?: (progress: SyncProgress) => void }): Promise<SyncSummary>;
  preview(transactionIds: readonly string[]): Promise<SyncPreview>;
  dryRun(selection: SyncSelection): Promise<DryRun>;
  pause(): SyncStateView;
  resume(): SyncStateView;
  /** Stops after the requests in flight; false when nothing runs. */
  cancel(): boolean;
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
    return view;
  };

  const wakePaused = () => {
    if (!active) return;
    const waiting = active.resume;
    active.resume = [];
    for (const resume of waiting) resume();
  };

  return {
    async run(selection, hooks) {
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
        const summary = await runSync(runDeps(progress, counter, abort.signal, limiter), selection);
        deps.onFinished?.(summary);
        return summary;
      } finally {
        if (limiter) limiter.onChange = undefined;
        wakePaused();
        active = undefined;
        lock.release();
      }
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
        };
      });
    },

    async dryRun(selection) {
      return readOnly(async (d, ctx) => {
        const { entries, unknown } = selectEntries(d.journal, selection, false);
        const plan = await planAgainstXero(d, ctx, entries);
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
        return {
          dryRun: true as const,
          summary: { ...plan.summary, requests: requests.length, reads: d.counter.calls },
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
      if (!active) return false;
      active.cancelling = true;
      active.paused = false;
      active.progress.paused = false;
      active.abort.abort();
      wakePaused();
      log.info('sync: cancel requested (requests in flight finish and are recorded)');
      return true;
    },

    state,
    runs: (limit = 50) => deps.journal().listRuns(Math.min(500, Math.max(1, Math.trunc(limit)))),
  };
}
