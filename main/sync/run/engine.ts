/**
 * The sync engine of one profile: runs (one at a time, across processes too), pause / resume / cancel, the state
 * and last progress, run history, a continuation after Xero's daily reset, and the read-only views of a plan —
 * `preview` and `dryRun` (built in `engine-views.ts`). Everything it touches comes in as a dependency: the journal,
 * settings, the Xero gateway, the clock and how to wait.
 *
 * Start reading at `run-sync.ts` for what a run does (its phases over a run ledger), `engine-calls.ts` for how each
 * request is made safe.
 */
import { userInfo } from 'node:os';
import type { Settings } from '../../../contract/contract';
import type { SyncStateView as ContractSyncStateView } from '../../../contract/features/sync';
import type { Clock } from '../../clock';
import { silentLogger, type Logger } from '../../log';
import type { Journal, SyncRun } from '../journal';
import { clampBatchSize, settingNamesTracking } from '../plan';
import { dailyQuota, type DailyQuota } from './daily-quota';
import { read, type CallContext } from './engine-calls';
import { ProgressTracker } from './engine-progress';
import { ENGINE_DEFAULTS, type SyncEngineOptions, type SyncProgress, type SyncSelection, type SyncSummary } from './engine-types';
import { dryRunOf, planRequests, previewNamesOf, previewOf, type DryRun, type SyncPreview } from './engine-views';
import { OrgReferenceCache, type OrgReference } from './org-reference';
import { RateLimiters, realSleep, type TenantRateLimiter } from './rate-limiter';
import { callContext, type RunDeps } from './run-context';
import { acquireRunLock, syncAlreadyRunning } from './run-lock';
import { withDepositPeers } from './deposit-peers';
import { planAgainstXero, selectEntries, tenantNotChosen } from './run-prepare';
import { runSync, type RunPlace } from './run-sync';
import type { SyncGateway } from './xero-gateway';

export type { SyncProgress, SyncSummary, SyncSelection, SyncEngineOptions } from './engine-types';
export type { DryRun, DryRunRequest, PreviewDocument, PreviewTransaction, SyncPreview } from './engine-views';

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

/** The engine's state, its last progress and run (the contract's `sync.state` result). */
export type SyncStateView = ContractSyncStateView;
export type EngineState = SyncStateView['state'];

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

  const reference = async (ctx: CallContext): Promise<OrgReference> => {
    // Tracking categories cost a call: read only when rules name tracking (and again once they do).
    const tracking = deps.gateway.trackingCategories && settingNamesTracking(deps.settings()['rules.lines']) ? () => deps.gateway.trackingCategories!() : undefined;
    const load = async () => ({
      taxRates: await read(ctx, () => deps.gateway.taxRates()),
      accounts: await read(ctx, () => deps.gateway.accounts()),
      organisation: await read(ctx, () => deps.gateway.organisation()),
      ...(tracking ? { trackingCategories: await read(ctx, tracking) } : {}),
    });
    const cached = await references.get(deps.gateway.tenantId() ?? '', load);
    if (!tracking || cached.trackingCategories) return cached;
    references.clear();
    return references.get(deps.gateway.tenantId() ?? '', load);
  };

  const runDeps = (progress: ProgressTracker, counter: { calls: number }, signal: AbortSignal, limiter: TenantRateLimiter): RunDeps => ({
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
    forgetReference: () => references.clear(),
    actor,
    host: deps.host,
    batchSize,
    concurrency,
    maxWaitSeconds: options.maxWaitSeconds,
    maxAttempts: options.maxAttempts,
    retryBaseMs: options.retryBaseMs,
    planner: options.planner ?? {},
  });

  /** The run's calls (the reads this plan took, which a run makes too, and its writes) against what Xero leaves today. */
  const quotaOf = (d: RunDeps, writes: number): DailyQuota => {
    const calls = writes === 0 ? 0 : writes + d.counter.calls;
    return dailyQuota(calls, d.limiter.state(), deps.clock.now());
  };

  /** A read-only context for previews and dry runs (their calls are not part of any run). */
  const readOnly = async <T>(use: (d: RunDeps, ctx: CallContext) => Promise<T>): Promise<T> => {
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
        const plan = await planAgainstXero(d, ctx, withDepositPeers(d.journal, d.settings(), entries));
        const view = previewOf(plan, unknown, quotaOf(d, planRequests(plan, batchSize).length));
        const asked = new Set(entries.map((e) => e.transaction.transactionId));
        const transactions = plan.deposits ? view.transactions.filter((t) => asked.has(t.transactionId)) : view.transactions;
        // The reference the plan was made against (cached, no call): nothing was read when nothing was planned.
        const names = transactions.some((t) => t.documents.length > 0) ? previewNamesOf(transactions, await d.reference(ctx)) : undefined;
        return { ...view, transactions, ...(names ? { names } : {}) };
      });
    },

    async dryRun(selection) {
      return readOnly(async (d, ctx) => {
        const { entries, unknown } = selectEntries(d.journal, selection, false);
        const plan = await planAgainstXero(d, ctx, entries);
        const requests = planRequests(plan, batchSize);
        return dryRunOf(plan, unknown, requests, d.counter.calls, quotaOf(d, requests.length));
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
