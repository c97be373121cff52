/**
 * Xero's per-tenant limits — 5 calls at once, 60 a minute (and 10,000 a minute per app), and a daily limit that
 * depends on the app's pricing tier (1,000 on Starter, 5,000 on Core and above; xero-facts.md §9), so it is never
 * assumed — kept on the client side so a sync slows down instead of collecting 429s.
 *
 * - Concurrency: at most `concurrent` calls in flight; the rest queue in order.
 * - Minute: once Xero has shown it limits this tenant (any `X-MinLimit-Remaining` header), a sliding log of our own
 *   call starts keeps any 60 s at ≤ `perMinute` (Xero's windows are fixed, so a sliding cap is always within them).
 *   The headers are the authority: when Xero's remaining count, minus the calls started since it was sent, says the
 *   window is used up (another client of the same app spends it too), calls wait until that window must have ended.
 *   A server that sends no headers imposes no minute limit and gets none.
 * - `Retry-After` (429, minute/day/concurrent): every call of the tenant waits that long.
 * - Day: `X-DayLimit-Remaining` is reported, with when the day's window resets once that is known: exactly from the
 *   Retry-After of a `day` 429, or about 24 hours after the call that opened the window (a remaining count that
 *   went up; Xero's windows start with a tenant's first call). The 429 that ends a day carries the wait (the engine
 *   decides whether to wait or stop).
 *
 * Time comes from a Clock and waiting from an injected sleep, so tests and the sandbox's clock drive it.
 */
import type { Clock } from '../../clock';
import type { RateLimitSnapshot } from '../../xero/xero-client-errors';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export interface LimiterOptions {
  clock: Clock;
  sleep?: Sleep;
  concurrent?: number;
  perMinute?: number;
  /** Added to computed waits so a call never reaches Xero a hair before its window has ended. */
  marginMs?: number;
  /** Called whenever waiting starts or stops (for progress). */
  onChange?: () => void;
}

export interface LimiterState {
  inFlight: number;
  queued: number;
  minuteRemaining?: number;
  dayRemaining?: number;
  appMinuteRemaining?: number;
  /** Seconds until the next call may start, when calls are waiting on a limit (not on concurrency). */
  waitingSeconds?: number;
  /** Which limit they wait on. */
  waitingFor?: 'minute' | 'app-minute' | 'retry-after';
  /** When Xero's daily window resets (ms), once known; `dayResetExact` when Xero said so itself (Retry-After). */
  dayResetAt?: number;
  dayResetExact?: boolean;
  /** The day's whole allowance, once a window was seen to open (its first call's remaining count + 1). */
  dayLimit?: number;
}

export class LimiterAbortedError extends Error {
  constructor() {
    super('the request was cancelled before it was sent');
    this.name = 'LimiterAbortedError';
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Waiter {
  grant: (release: () => void) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class TenantRateLimiter {
  readonly concurrent: number;
  readonly perMinute: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly marginMs: number;
  /** Called whenever waiting starts or stops; a run sets it to publish progress. */
  onChange: (() => void) | undefined;

  private queue: Waiter[] = [];
  private inFlight = 0;
  /** Start times of our calls in the last minute. */
  private starts: number[] = [];
  private blockedUntil = 0;
  private limited = false;
  /** Xero's latest headers; they describe a window that ends at most a minute later (sooner after a Retry-After). */
  private snapshot: (RateLimitSnapshot & { othersInFlight: number; validUntil: number }) | undefined;
  private startsSinceSnapshot = 0;
  /** When Xero's current minute window began, as far as our calls tell (never later than it really began, give or take latency). */
  private windowStart: number | undefined;
  private pumping = false;
  private waitingUntil: number | undefined;
  private waitingFor: LimiterState['waitingFor'];
  private wake: AbortController | undefined;
  private dayReset: { at: number; exact: boolean } | undefined;
  private dayLimit: number | undefined;

  constructor(options: LimiterOptions) {
    this.clock = options.clock;
    this.sleep = options.sleep ?? realSleep;
    this.concurrent = options.concurrent ?? 5;
    this.perMinute = options.perMinute ?? 60;
    this.marginMs = options.marginMs ?? 1000;
    this.onChange = options.onChange;
  }

  /** Resolves with a release function once a call may start; reject on abort. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new LimiterAbortedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, reject };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(new LimiterAbortedError());
          if (this.queue.length === 0) this.wake?.abort();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /**
   * Records the rate-limit headers of an answer (call before releasing that call's slot), with when that call
   * started: a remaining count that went up, or a minute gone by, means Xero opened a new window with that call.
   */
  observe(snapshot: RateLimitSnapshot | undefined, callStartedAt = snapshot?.at): void {
    if (!snapshot || (this.snapshot && snapshot.at < this.snapshot.at)) return;
    if (snapshot.minuteRemaining !== undefined) {
      this.limited = true;
      const previous = this.snapshot?.minuteRemaining;
      const started = callStartedAt ?? snapshot.at;
      if (this.windowStart === undefined || (previous !== undefined && snapshot.minuteRemaining > previous) || started >= this.windowStart + MINUTE) this.windowStart = started;
    }
    if (snapshot.dayRemaining !== undefined) {
      const previous = this.snapshot?.dayRemaining;
      // Answers to calls in flight together can arrive out of order; a rise larger than that is a new day window.
      if (previous !== undefined && snapshot.dayRemaining > previous + this.concurrent) {
        this.dayReset = { at: (callStartedAt ?? snapshot.at) + DAY, exact: false };
        this.dayLimit = snapshot.dayRemaining + 1;
      }
    }
    const windowEnd = (this.windowStart ?? snapshot.at) + MINUTE;
    this.snapshot = { ...snapshot, othersInFlight: Math.max(0, this.inFlight - 1), validUntil: Math.min(snapshot.at + MINUTE, windowEnd) };
    this.startsSinceSnapshot = 0;
  }

  /** Xero said to wait (429 Retry-After): nobody calls this tenant until then. */
  retryAfter(seconds: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + Math.max(0, seconds) * 1000);
    // Xero said when its window ends: the "0 remaining" it sent with the 429 is over by then.
    if (this.snapshot) this.snapshot.validUntil = Math.min(this.snapshot.validUntil, this.blockedUntil);
    void this.pump();
  }

  /** Xero said the daily limit is used up and when it resets (the Retry-After of a `day` 429). */
  dayLimitReached(retryAfterSeconds: number): void {
    this.dayReset = { at: this.clock.now() + Math.max(0, retryAfterSeconds) * 1000, exact: true };
  }

  state(): LimiterState {
    const s: LimiterState = { inFlight: this.inFlight, queued: this.queue.length };
    if (this.dayReset && this.dayReset.at > this.clock.now()) {
      s.dayResetAt = this.dayReset.at;
      s.dayResetExact = this.dayReset.exact;
    }
    if (this.dayLimit !== undefined) s.dayLimit = this.dayLimit;
    const snap = this.snapshot;
    if (snap?.minuteRemaining !== undefined) s.minuteRemaining = Math.max(0, snap.minuteRemaining - this.startsSinceSnapshot);
    if (snap?.dayRemaining !== undefined) s.dayRemaining = Math.max(0, snap.dayRemaining - this.startsSinceSnapshot);
    if (snap?.appMinuteRemaining !== undefined) s.appMinuteRemaining = Math.max(0, snap.appMinuteRemaining - this.startsSinceSnapshot);
    if (this.waitingUntil !== undefined) {
      s.waitingSeconds = Math.max(0, Math.ceil((this.waitingUntil - this.clock.now()) / 1000));
      if (this.waitingFor) s.waitingFor = this.waitingFor;
    }
    return s;
  }

  /** 0: a call may start now; a positive number: wait that many ms; null: wait for a slot to be released. */
  private delay(now: number): { ms: number; why?: LimiterState['waitingFor'] } | null {
    if (now < this.blockedUntil) return { ms: this.blockedUntil - now, why: 'retry-after' };
    if (this.inFlight >= this.concurrent) return null;
    while (this.starts.length > 0 && this.starts[0]! <= now - MINUTE) this.starts.shift();
    let wait = 0;
    let why: LimiterState['waitingFor'];
    if (this.limited && this.starts.length >= this.perMinute) {
      wait = this.starts[0]! + MINUTE + this.marginMs - now;
      why = 'minute';
    }
    const snap = this.snapshot;
    if (snap && now < snap.validUntil) {
      const used = this.startsSinceSnapshot + snap.othersInFlight;
      const check = (remaining: number | undefined, label: LimiterState['waitingFor']) => {
        if (remaining === undefined || remaining - used > 0) return;
        const until = snap.validUntil + (now < this.blockedUntil || snap.validUntil === this.blockedUntil ? 0 : this.marginMs) - now;
        if (until > wait) {
          wait = until;
          why = label;
        }
      };
      check(snap.minuteRemaining, 'minute');
      check(snap.appMinuteRemaining, 'app-minute');
    }
    return wait > 0 ? { ms: wait, ...(why ? { why } : {}) } : { ms: 0 };
  }

  private grant(waiter: Waiter, now: number): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    this.inFlight++;
    this.starts.push(now);
    this.startsSinceSnapshot++;
    let released = false;
    waiter.grant(() => {
      if (released) return;
      released = true;
      this.inFlight--;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.wake?.abort();
      return;
    }
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        const d = this.delay(now);
        if (d === null) break;
        if (d.ms <= 0) {
          if (this.waitingUntil !== undefined) {
            this.waitingUntil = undefined;
            this.waitingFor = undefined;
            this.onChange?.();
          }
          this.grant(this.queue.shift()!, now);
          continue;
        }
        this.waitingUntil = now + d.ms;
        this.waitingFor = d.why;
        this.onChange?.();
        this.wake = new AbortController();
        await this.sleep(d.ms, this.wake.signal);
        this.wake = undefined;
      }
      if (this.queue.length === 0 && this.waitingUntil !== undefined) {
        this.waitingUntil = undefined;
        this.waitingFor = undefined;
        this.onChange?.();
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** One limiter per tenant, shared by every run of a process (so back-to-back runs respect the same window). */
export class RateLimiters {
  private readonly limiters = new Map<string, TenantRateLimiter>();

  constructor(private readonly options: LimiterOptions) {}

  forTenant(tenantId: string): TenantRateLimiter {
    let limiter = this.limiters.get(tenantId);
    if (!limiter) {
      limiter = new TenantRateLimiter(this.options);
      this.limiters.set(tenantId, limiter);
    }
    return limiter;
  }
}
