/**
 * The sync engine's vocabulary: what a run is asked to do, what it reports while running (progress) and when done
 * (summary), and its tuning knobs. Plain data, shared by the engine, the IPC handlers and the CLI. What the contract
 * already states (progress, summary, failures, phases) is taken from its schemas, never restated here; a selection
 * is the engine's own (looser than `sync.run`'s arguments: a continuation after Xero's daily reset makes one too).
 */
import type { z } from 'zod';
import type {
  SyncFailure as SyncFailureSchema,
  SyncPhase as SyncPhaseSchema,
  SyncProgress as ContractSyncProgress,
  SyncRunSummary,
} from '../../../contract/features/sync';
import type { PlannerSettings } from '../plan';
import type { Sleep } from './rate-limiter';

export type SyncPhase = z.infer<typeof SyncPhaseSchema>;

export interface SyncSelection {
  /** These transactions (failed ones among them are retried); otherwise every ready transaction. */
  transactionIds?: readonly string[];
  all?: boolean;
}

/** What a run reports while it runs (the contract's `sync.progress`). */
export type SyncProgress = ContractSyncProgress;
export type RateLimitView = SyncProgress['rateLimit'];

/** One transaction and why it failed or was skipped, in one line. */
export type SyncFailure = z.infer<typeof SyncFailureSchema>;

/** What a run reports when done (the contract's `sync.finished` and `sync.run` result). */
export type SyncSummary = SyncRunSummary;
export type SyncOutcome = SyncSummary['outcome'];

/**
 * What a run does when Xero's daily limit runs out: `stop` (return; run again after the reset), `wait` (wait for the
 * reset inside `run`, then go on: `sync --wait`), or `continue` (return, and go on by itself after the reset while
 * the engine lives: the app's hosts).
 */
export type AfterDailyLimit = 'stop' | 'wait' | 'continue';

export interface SyncEngineOptions {
  /** Documents per request, 1–50 (Xero's practical ceiling is 50). */
  batchSize?: number;
  /** Requests in flight at once, 1–5 (Xero's per-tenant limit is 5). */
  concurrency?: number;
  /** Xero's per-tenant limits the client keeps to. */
  perMinute?: number;
  /** Longest Retry-After the run waits out; a longer one (a used-up daily limit) ends the run, resumable later. */
  maxWaitSeconds?: number;
  /** Retries of one request after network failures and 5xx answers, with exponential backoff. */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Waiting: real timers by default; tests and the sandbox's clock can drive it instead. */
  sleep?: Sleep;
  /** Org reference data (tax rates, accounts) is re-read after this long. */
  referenceTtlMs?: number;
  /** At Xero's daily limit: stop (default), wait for the reset, or continue by itself later. */
  afterDailyLimit?: AfterDailyLimit;
  /** Extra planner settings (e.g. `useNominalCodes`). */
  planner?: Partial<PlannerSettings>;
}

export const ENGINE_DEFAULTS = {
  batchSize: 50,
  concurrency: 5,
  perMinute: 60,
  maxWaitSeconds: 15 * 60,
  maxAttempts: 6,
  retryBaseMs: 1000,
  referenceTtlMs: 10 * 60_000,
} as const;

/** Xero keeps idempotency keys 6 minutes: retrying an uncertain request later than this needs a read first. */
export const SAFE_REPLAY_MS = 5 * 60_000;
