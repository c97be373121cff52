/**
 * What one run (or a preview or dry run) is given by the engine, and the small context every call to Xero is made
 * with (`engine-calls.ts`). The engine builds both; a run's phases read them and never build their own.
 */
import type { Settings } from '../../../contract/contract';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import type { Journal } from '../journal';
import type { PlannerSettings } from '../plan';
import type { CallContext } from './engine-calls';
import type { ProgressTracker } from './engine-progress';
import type { OrgReference } from './org-reference';
import type { Sleep, TenantRateLimiter } from './rate-limiter';
import type { SyncGateway } from './xero-gateway';

export interface RunDeps {
  journal: Journal;
  gateway: SyncGateway;
  settings: () => Settings;
  clock: Clock;
  sleep: Sleep;
  log: Logger;
  limiter: TenantRateLimiter;
  progress: ProgressTracker;
  /** Accounting API calls made so far by this run (or preview). */
  counter: { calls: number };
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
  /** Resolves at once, or when a paused run is resumed (or cancelled). */
  waitWhilePaused: () => Promise<void>;
  /** The organisation's tax rates and accounts (cached by the engine across runs). */
  reference: (ctx: CallContext) => Promise<OrgReference>;
  /** Drops the cached reference (after this run added tracking options, the next plan reads them afresh). */
  forgetReference?: () => void;
  actor: string;
  host: string;
  batchSize: number;
  concurrency: number;
  maxWaitSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
  planner: Partial<PlannerSettings>;
}

/** The context every Xero call of this run is made with; `runId` is filled in once the run record exists. */
export function callContext(deps: RunDeps): CallContext {
  return {
    journal: deps.journal,
    gateway: deps.gateway,
    limiter: deps.limiter,
    clock: deps.clock,
    sleep: deps.sleep,
    log: deps.log,
    runId: undefined,
    signal: deps.signal,
    maxWaitSeconds: deps.maxWaitSeconds,
    maxAttempts: deps.maxAttempts,
    retryBaseMs: deps.retryBaseMs,
    counter: deps.counter,
    changed: () => deps.progress.publish(),
  };
}
