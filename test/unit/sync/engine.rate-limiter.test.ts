/**
 * The per-tenant limiter on a clock the test drives: 5 at once, 60 a minute once Xero shows it limits, Xero's own
 * remaining counts when someone else spends them, Retry-After for everyone, and cancellation of queued calls.
 */
import { describe, expect, it } from 'vitest';
import { LimiterAbortedError, TenantRateLimiter } from '../../../main/sync/run/rate-limiter';

function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    clock: { now: () => now },
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance: (ms: number) => (now += ms),
    get now() {
      return now;
    },
    sleeps,
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('TenantRateLimiter', () => {
  it('lets at most 5 calls run at once and queues the rest in order', async () => {
    const t = fakeTime();
    const limiter = new TenantRateLimiter({ clock: t.clock, sleep: t.sleep });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const calls = Array.from({ length: 8 }, (_, i) =>
      limiter.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      }),
    );
    await flush();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.state()).toMatchObject({ inFlight: 5, queued: 3 });
    releases[0]!();
    releases[1]!();
    await flush();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const r of releases) r();
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // No headers seen: no minute limit is imposed, so nobody waited.
    expect(t.sleeps).toEqual([]);
  });

  it('once Xero sends X-MinLimit-Remaining, keeps any minute at 60 calls, waiting for the oldest to age out', async () => {
    const t = fakeTime();
    const limiter = new TenantRateLimiter({ clock: t.clock, sleep: t.sleep, marginMs: 500 });
    const first = t.now;
    for (let i = 0; i < 60; i++) {
      const release = await limiter.acquire();
      const started = t.now;
      t.advance(40);
      limiter.observe({ minuteRemaining: 59 - i, dayRemaining: 4999 - i, at: t.now }, started);
      release();
      t.advance(60);
    }
    expect(limiter.state()).toMatchObject({ minuteRemaining: 0, dayRemaining: 4940 });
    // Xero's window began with our first call: the 61st waits for its end (plus a margin), not a minute from the last.
    const release = await limiter.acquire();
    expect(t.now).toBe(first + 60_000 + 500);
    expect(t.sleeps).toHaveLength(1);
    release();
    limiter.observe({ minuteRemaining: 59, dayRemaining: 4939, at: t.now }, t.now);
    expect(limiter.state()).toMatchObject({ minuteRemaining: 59 });
  });

  it('trusts Xero’s remaining count when another client spends the same allowance', async () => {
    const t = fakeTime();
    const limiter = new TenantRateLimiter({ clock: t.clock, sleep: t.sleep, marginMs: 500 });
    const release = await limiter.acquire();
    limiter.observe({ minuteRemaining: 0, at: t.now });
    release();
    const answeredAt = t.now;
    t.advance(2_000);
    const next = await limiter.acquire();
    expect(t.now).toBe(answeredAt + 60_000 + 500);
    next();
  });

  it('holds every call for Retry-After, and a 429’s "0 remaining" lasts only that long', async () => {
    const t = fakeTime();
    const limiter = new TenantRateLimiter({ clock: t.clock, sleep: t.sleep, marginMs: 500 });
    const release = await limiter.acquire();
    limiter.observe({ minuteRemaining: 0, at: t.now });
    release();
    limiter.retryAfter(7);
    const start = t.now;
    const states: Array<number | undefined> = [];
    limiter.onChange = () => states.push(limiter.state().waitingSeconds);
    const next = await limiter.acquire();
    expect(t.now - start).toBe(7_000);
    expect(states[0]).toBe(7);
    expect(limiter.state().waitingSeconds).toBeUndefined();
    next();
  });

  it('drops a queued call when its run is cancelled', async () => {
    const t = fakeTime();
    const limiter = new TenantRateLimiter({ clock: t.clock, sleep: t.sleep, concurrent: 1 });
    const held = await limiter.acquire();
    const abort = new AbortController();
    const queued = limiter.acquire(abort.signal);
    abort.abort();
    await expect(queued).rejects.toBeInstanceOf(LimiterAbortedError);
    expect(limiter.state()).toMatchObject({ inFlight: 1, queued: 0 });
    held();
    const again = await limiter.acquire();
    again();
  });
});
