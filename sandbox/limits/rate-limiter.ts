/**
 * Xero's limits: per app per tenant 5 concurrent, 60 per minute, and a daily limit set by the app's pricing tier;
 * per app 10,000 per minute. Fixed
 * windows that start with a tenant's first call (so they "reset at different times for each tenant"), driven by
 * the sandbox clock so tests can roll them with `/sandbox/clock`. Rejected calls do not consume allowance.
 */
import type { Clock } from '../clock';

export interface Limits {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
}

/**
 * Calls per organisation per day on Xero's free Starter tier, which a training centre's own app is on (from 2 March
 * 2026): 1,000. Core and above allow 5,000. Source: ../../shared/xero-facts.md §5 and §9 "Daily limit by pricing tier"
 * (Accounting Today's report of Xero's announcement; Xero's pricing FAQ lists the tiers). The sandbox defaults to the
 * strictest tier a real user meets, so it is never kinder than Xero; `--day-limit N` / `rateLimits.perDay` model others.
 */
export const STARTER_DAY_LIMIT = 1000;

export const XERO_LIMITS: Limits = { concurrent: 5, perMinute: 60, perDay: STARTER_DAY_LIMIT, appPerMinute: 10_000 };

export type LimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

interface Window {
  start: number;
  count: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; problem: LimitProblem; retryAfterSeconds: number; headers: Record<string, string> };

const MINUTE = 60_000;
const DAY = 86_400_000;

export class RateLimiter {
  private readonly minute = new Map<string, Window>();
  private readonly day = new Map<string, Window>();
  private readonly appMinute = new Map<string, Window>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    public enabled: boolean,
    private readonly limits: Limits = XERO_LIMITS,
  ) {}

  reset(): void {
    this.minute.clear();
    this.day.clear();
    this.appMinute.clear();
  }

  private window(map: Map<string, Window>, key: string, length: number, now: number): Window {
    let w = map.get(key);
    if (!w || now >= w.start + length) {
      w = { start: now, count: 0 };
      map.set(key, w);
    }
    return w;
  }

  admit(clientId: string, tenantId: string): Admission {
    if (!this.enabled) return { ok: true, headers: {}, release: () => undefined };
    const now = this.clock.now();
    const key = `${clientId}|${tenantId}`;
    const day = this.window(this.day, key, DAY, now);
    const minute = this.window(this.minute, key, MINUTE, now);
    const app = this.window(this.appMinute, clientId, MINUTE, now);
    const running = this.inFlight.get(key) ?? 0;
    const headers = () => ({
      'x-daylimit-remaining': String(Math.max(0, this.limits.perDay - day.count)),
      'x-minlimit-remaining': String(Math.max(0, this.limits.perMinute - minute.count)),
      'x-appminlimit-remaining': String(Math.max(0, this.limits.appPerMinute - app.count)),
    });
    const reject = (problem: LimitProblem, resetAt: number): Admission => ({
      ok: false,
      problem,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      headers: headers(),
    });
    if (day.count >= this.limits.perDay) return reject('day', day.start + DAY);
    if (minute.count >= this.limits.perMinute) return reject('minute', minute.start + MINUTE);
    if (app.count >= this.limits.appPerMinute) return reject('appminute', app.start + MINUTE);
    if (running >= this.limits.concurrent) return reject('concurrent', now + 1000);
    day.count++;
    minute.count++;
    app.count++;
    this.inFlight.set(key, running + 1);
    let released = false;
    return {
      ok: true,
      headers: headers(),
      release: () => {
        if (released) return;
        released = true;
        const n = (this.inFlight.get(key) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(key);
        else this.inFlight.set(key, n);
      },
    };
  }
}
