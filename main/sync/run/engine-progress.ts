/**
 * A run's progress as the console and the CLI show it: documents answered of those planned, transactions settled,
 * calls made, the rate-limit state, and an ETA from the calls still needed at the pace observed so far (never faster
 * than Xero's per-minute limit allows once Xero has shown it). Published at most every 200 ms, and at once when the
 * phase or the pause state changes.
 */
import type { Clock } from '../../clock';
import { requestsFor } from '../plan';
import type { SyncPhase, SyncProgress } from './engine-types';
import type { TenantRateLimiter } from './rate-limiter';

const PHASES_WITH_DOCUMENTS = ['contacts', 'invoices', 'payments', 'credit-notes'] as const;
type DocumentPhase = (typeof PHASES_WITH_DOCUMENTS)[number];

export class ProgressTracker {
  runId = 0;
  phase: SyncPhase = 'preparing';
  paused = false;
  synced = 0;
  failed = 0;
  private readonly planned: Record<DocumentPhase, number> = { contacts: 0, invoices: 0, payments: 0, 'credit-notes': 0 };
  private readonly answered: Record<DocumentPhase, number> = { contacts: 0, invoices: 0, payments: 0, 'credit-notes': 0 };
  private sendingSince: { at: number; calls: number } | undefined;
  private lastEmit = 0;
  private last: SyncProgress | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly counter: { calls: number },
    private readonly limiter: () => TenantRateLimiter | undefined,
    private readonly batchSize: number,
    private readonly perMinute: number,
    private readonly emit: (progress: SyncProgress) => void,
  ) {}

  plan(phase: DocumentPhase, documents: number): void {
    this.planned[phase] = documents;
  }

  answer(phase: DocumentPhase, documents = 1): void {
    this.answered[phase] = Math.min(this.planned[phase], this.answered[phase] + documents);
  }

  enter(phase: SyncPhase): void {
    if (phase !== 'preparing' && phase !== 'reconciling' && this.sendingSince === undefined) this.sendingSince = { at: this.clock.now(), calls: this.counter.calls };
    this.phase = phase;
    this.publish(true);
  }

  snapshot(): SyncProgress {
    const total = PHASES_WITH_DOCUMENTS.reduce((n, p) => n + this.planned[p], 0);
    const done = PHASES_WITH_DOCUMENTS.reduce((n, p) => n + this.answered[p], 0);
    const state = this.limiter()?.state();
    const rateLimit: SyncProgress['rateLimit'] = {};
    if (state?.minuteRemaining !== undefined) rateLimit.minuteRemaining = state.minuteRemaining;
    if (state?.dayRemaining !== undefined) rateLimit.dayRemaining = state.dayRemaining;
    if (state?.waitingSeconds !== undefined) rateLimit.waitingSeconds = state.waitingSeconds;
    const progress: SyncProgress = { runId: this.runId, phase: this.phase, done, total, synced: this.synced, failed: this.failed, calls: this.counter.calls, rateLimit };
    const eta = this.eta(rateLimit);
    if (eta !== undefined) progress.etaSeconds = eta;
    if (this.paused) progress.paused = true;
    return progress;
  }

  private eta(rateLimit: SyncProgress['rateLimit']): number | undefined {
    if (this.phase === 'finishing') return 0;
    if (this.phase === 'preparing' || this.phase === 'reconciling') return undefined;
    const remainingCalls = PHASES_WITH_DOCUMENTS.reduce((n, p) => n + requestsFor(this.planned[p] - this.answered[p], this.batchSize), 0);
    if (remainingCalls === 0) return 0;
    const since = this.sendingSince;
    const made = since ? this.counter.calls - since.calls : 0;
    let perCall = made >= 2 && since ? (this.clock.now() - since.at) / 1000 / made : undefined;
    if (rateLimit.minuteRemaining !== undefined && remainingCalls > rateLimit.minuteRemaining) perCall = Math.max(perCall ?? 0, 60 / this.perMinute);
    if (perCall === undefined) return undefined;
    return Math.ceil(remainingCalls * perCall + (rateLimit.waitingSeconds ?? 0));
  }

  /** Publishes now when forced, otherwise at most every 200 ms. */
  publish(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 200) return;
    this.lastEmit = now;
    this.last = this.snapshot();
    this.emit(this.last);
  }

  latest(): SyncProgress | undefined {
    return this.last;
  }
}
