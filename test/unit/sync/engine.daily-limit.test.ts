/**
 * Xero's daily limit (issue 12): the plan says what a sync needs against what Xero leaves today; a run that meets the
 * limit stops cleanly with its place kept, and (in a long-lived host) goes on by itself after Xero's reset. Time is
 * the sandbox's: long waits are parked until the test moves the sandbox clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sleep } from '../../../main/sync/run';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness } from './engine-support';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Short waits (the minute limit) advance the sandbox clock at once; a wait of an hour or more is parked. */
function parkingSleep(hh: EngineHarness) {
  const parked: Array<{ ms: number; resolve: () => void }> = [];
  const sleep: Sleep = (ms) => {
    if (ms < 3600_000) {
      hh.sandbox.advanceClock(Math.max(0, ms) / 1000);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => parked.push({ ms, resolve }));
  };
  return { sleep, parked };
}

describe("sync engine: Xero's daily limit", () => {
  it('the dry run says the calls it needs against what Xero leaves today, from the headers, in plain words', async () => {
    h = await startEngineHarness({ limits: 'xero', rateLimits: { perDay: 20 } });
    const w = workload('Q', 30, { contacts: 6 });
    h.put(w.transactions, w.payments);
    const engine = h.engine({ batchSize: 5 });
    const plan = await engine.dryRun({ all: true });
    const needed = plan.summary.requests + plan.summary.reads;
    // What Xero's last header said: the allowance less every call made so far (connecting, the dry run's reads).
    const left = 20 - h.apiRequests().length;
    expect(plan.quota).toMatchObject({ callsNeeded: needed, dayRemaining: left, fitsToday: false, percentNow: Math.floor((left / needed) * 100) });
    expect(plan.quota.message).toBe(
      `This sync needs about ${needed} Xero calls; ${left} are left today: about ${Math.floor((left / needed) * 100)} % now, the rest after Xero's daily reset (24 hours after this organisation's first call of the day; Xero has not said yet when that is). The sync stops cleanly at the limit and continues after the reset; nothing is sent twice.`,
    );
    // A small selection fits.
    const small = await engine.preview([w.transactions[0]!.transactionId]);
    expect(small.quota).toMatchObject({ fitsToday: true });
    expect(small.quota.message).toMatch(/^This sync needs about \d+ Xero calls; \d+ are left today: enough for all of it now\.$/);
  });

  it('with no answer from Xero yet today, says plainly that what is left is not known', async () => {
    h = await startEngineHarness({ limits: 'off' });
    const w = workload('N', 3);
    h.put(w.transactions, w.payments);
    const plan = await h.engine().dryRun({ all: true });
    expect(plan.quota.dayRemaining).toBeUndefined();
    expect(plan.quota.message).toMatch(/How many calls Xero allows today is not known yet: no call to this organisation has been answered today/);
  });

  it('stops cleanly at the limit, keeps its place, and goes on by itself after the reset (continue mode)', async () => {
    h = await startEngineHarness({ limits: 'xero', rateLimits: { perDay: 12 } });
    const w = workload('L', 40, { contacts: 8 });
    h.put(w.transactions, w.payments);
    const { sleep, parked } = parkingSleep(h);
    const finished: string[] = [];
    const engine = h.engine({ batchSize: 5, afterDailyLimit: 'continue', sleep });

    const first = await engine.run({ all: true });
    finished.push(first.outcome);
    expect(first.outcome).toBe('failed');
    expect(first.dailyLimit).toMatchObject({ continuesByItself: true });
    expect(first.synced).toBeGreaterThan(0);
    expect(first.synced).toBeLessThan(40);
    expect(first.message).not.toMatch(/5,000/);
    // Nothing in flight, nothing failed: the rest is ready, waiting for the reset.
    expect(h.journal().inFlight()).toEqual([]);
    expect(h.journal().counts()).toMatchObject({ failed: 0, synced: first.synced, ready: 40 - first.synced });
    const resetAt = Date.parse(first.dailyLimit!.continueAt);
    expect(engine.state()).toMatchObject({ state: 'idle', continuesAt: first.dailyLimit!.continueAt });
    // Xero's own Retry-After says when: about a day after the day's first call.
    expect(resetAt - h.sandbox.now()).toBeGreaterThan(23 * 3600_000);

    // Before the reset nothing more is sent.
    const before = h.apiRequests().length;
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.apiRequests().length).toBe(before);
    expect(parked).toHaveLength(1);

    // The sandbox clock reaches the reset: the continuation runs from where the first leg stopped, and again after
    // the next reset if it needs more than a day's allowance.
    const legs = [first];
    for (let continuation = engine.continuation(); continuation; continuation = engine.continuation()) {
      const wait = parked.at(-1)!;
      h.sandbox.advanceClock(wait.ms / 1000);
      wait.resolve();
      const leg = await continuation;
      expect(leg).toBeDefined();
      legs.push(leg!);
    }
    expect(legs.length).toBeGreaterThan(1);
    expect(legs.at(-1)).toMatchObject({ outcome: 'completed', failed: 0 });
    expect(legs.at(-1)!.dailyLimit).toBeUndefined();
    expect(legs.slice(0, -1).every((l) => l.dailyLimit?.continuesByItself)).toBe(true);
    expect(legs.reduce((n, l) => n + l.synced, 0)).toBe(40);
    expect(h.apiRequests().some((r) => r.status === 429)).toBe(true);
    expect(engine.state().continuesAt).toBeUndefined();
    expectExactlyOnce(h, [w]);
  });

  it('waits for the reset inside the run (wait mode), and cancel drops a waiting continuation', async () => {
    h = await startEngineHarness({ limits: 'xero', rateLimits: { perDay: 12 } });
    const w = workload('W', 40, { contacts: 8 });
    h.put(w.transactions, w.payments);
    const { sleep, parked } = parkingSleep(h);
    const engine = h.engine({ batchSize: 5, afterDailyLimit: 'wait', sleep });
    const running = engine.run({ all: true });
    // The run parks on Xero's reset: advance the sandbox clock to it, as often as it asks.
    let released = 0;
    const pump = setInterval(() => {
      const next = parked[released];
      if (!next) return;
      released++;
      h!.sandbox.advanceClock(next.ms / 1000);
      next.resolve();
    }, 1);
    const summary = await running.finally(() => clearInterval(pump));
    expect(released).toBeGreaterThan(0);
    expect(summary).toMatchObject({ outcome: 'completed', synced: 40, failed: 0 });
    expect(summary.skippedReasons.filter((r) => /daily limit/.test(r.reason))).toEqual([]);
    expectExactlyOnce(h, [w]);

    // continue mode: cancel() while it waits drops the continuation; the rest stays ready.
    const w2 = workload('X', 30, { contacts: 6 });
    h.put(w2.transactions, w2.payments);
    const later = h.engine({ batchSize: 5, afterDailyLimit: 'continue', sleep });
    h.sandbox.advanceClock(24 * 3600);
    const stopped = await later.run({ all: true });
    expect(stopped.dailyLimit).toBeDefined();
    expect(later.cancel()).toBe(true);
    expect(later.state().continuesAt).toBeUndefined();
    parked.at(-1)!.resolve();
    expect(await later.continuation()).toBeUndefined();
    expect(h.journal().inFlight()).toEqual([]);
    expect(h.journal().counts()).toMatchObject({ failed: 0 });
  });
});
