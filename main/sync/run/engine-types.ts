/**
 * The sync engine's vocabulary: what a run is asked to do, what it reports while running (progress) and when done
 * (summary), and its tuning knobs. Plain data, shared by the engine, the IPC handlers and the CLI.
 */
import type { PlannerSettings } from '../plan';
import type { Sleep } from './rate-limiter';

export type SyncPhase = 'preparing' | 'reconciling' | 'contacts' | 'invoices' | 'payments' | 'credit-notes' | 'finishing';

export interface SyncSelection {
  /** These transactions (failed ones among them are retried); otherwise every ready transaction. */
  transactionIds?: readonly string[];
  all?: boolean;
}

export interface RateLimitView {
  minuteRemaining?: number;
  dayRemaining?: number;
  /** Seconds until the next call may start, while calls wait on a rate limit. */
  waitingSeconds?: number;
}

export interface SyncProgress {
  runId: number;
  phase: SyncPhase;
  /** Xero documents of this run (contacts, invoices, payments, credit notes) answered so far / planned. */
  done: number;
  total: number;
  /** Transactions settled so far. */
  synced: number;
  failed: number;
  /** Accounting API calls made so far. */
  calls: number;
  rateLimit: RateLimitView;
  etaSeconds?: number;
  paused?: boolean;
}

export interface SyncFailure {
  transactionId: string;
  reason: string;
}

export type SyncOutcome = 'completed' | 'cancelled' | 'failed';

export interface SyncSummary {
  runId: number;
  outcome: SyncOutcome;
  /** Why the run stopped early (outcome `failed`), in plain words. */
  message?: string;
  synced: number;
  failed: number;
  skipped: number;
  calls: number;
  durationMs: number;
  failures: SyncFailure[];
  /** Why transactions were skipped (not attempted), one line each, for the CLI and the demo. */
  skippedReasons: SyncFailure[];
  /** Invoices and payments found already in Xero and linked instead of being sent again. */
  linked: number;
  /**
   * The run stopped at Xero's daily limit (outcome `failed`): when it can go on (ISO), in how many seconds, and
   * whether this engine goes on by itself then (a long-lived host) or waits to be run again (the CLI).
   */
  dailyLimit?: { continueAt: string; waitSeconds: number; continuesByItself: boolean };
}

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
