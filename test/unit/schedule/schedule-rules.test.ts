/**
 * When a scheduled sync runs (main/schedule/schedule-rules.ts), in the computer's own zone: across the clocks going
 * forward and back in Dublin and New York, after the computer slept through the time, when a sync is still running,
 * and when the app starts long after the time.
 */
import { describe, expect, it } from 'vitest';
import { decideTick, latestRunAtOrBefore, nextRunAfter, type Schedule } from '../../../main/schedule/schedule-rules';
import { instantOf, wallTimeAt } from '../../../main/schedule/zoned-time';

const DUBLIN = 'Europe/Dublin';
const NEW_YORK = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();
const daily = (time: string): Schedule => ({ enabled: true, time, days: 'every-day' });

/** Every run a schedule makes between two instants, ticking as the scheduler does, each run recorded as it happens. */
function runsBetween(schedule: Schedule, zone: string, from: number, to: number, stepMs = 60_000): string[] {
  const runs: string[] = [];
  let memory: { since: number; lastSlot?: number } = { since: from };
  for (let now = from; now <= to; now += stepMs) {
    const decision = decideTick({ schedule, memory, now, zone, syncBusy: false });
    if (decision.action === 'run') {
      runs.push(iso(now));
      memory = { ...memory, lastSlot: decision.slot };
    }
  }
  return runs;
}

describe('wall-clock times in a zone', () => {
  it('reads Dublin summer and winter time', () => {
    expect(wallTimeAt(utc('2026-07-01T01:00:00Z'), DUBLIN)).toMatchObject({ hour: 2, minute: 0 });
    expect(wallTimeAt(utc('2026-12-01T02:00:00Z'), DUBLIN)).toMatchObject({ hour: 2, minute: 0 });
  });

  it('a time the clocks skip moves on by the jump; a repeated time is its first occurrence', () => {
    // Dublin: 01:00 GMT becomes 02:00 IST on 29 March 2026, so 01:30 does not exist; 02:00 does.
    expect(iso(instantOf({ year: 2026, month: 3, day: 29 }, 1, 30, DUBLIN))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(instantOf({ year: 2026, month: 3, day: 29 }, 2, 0, DUBLIN))).toBe('2026-03-29T01:00:00.000Z');
    // New York: 02:00 EST becomes 03:00 EDT on 8 March 2026.
    expect(iso(instantOf({ year: 2026, month: 3, day: 8 }, 2, 0, NEW_YORK))).toBe('2026-03-08T07:00:00.000Z');
    // Dublin: 02:00 IST becomes 01:00 GMT on 25 October 2026, so 01:30 happens twice (00:30 and 01:30 UTC).
    expect(iso(instantOf({ year: 2026, month: 10, day: 25 }, 1, 30, DUBLIN))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOf({ year: 2026, month: 11, day: 1 }, 1, 30, NEW_YORK))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('next run across daylight-saving changes', () => {
  it('New York, clocks forward: 02:00 does not exist on 8 March, so it runs once at 03:00 that day', () => {
    const runs = runsBetween(daily('02:00'), NEW_YORK, utc('2026-03-07T12:00:00Z'), utc('2026-03-09T12:00:00Z'));
    expect(runs).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:00:00.000Z']);
    expect(wallTimeAt(utc(runs[0]!), NEW_YORK)).toMatchObject({ day: 8, hour: 3, minute: 0 });
  });

  it('Dublin, clocks forward: 01:30 does not exist on 29 March, so it runs once at 02:30 summer time', () => {
    const runs = runsBetween(daily('01:30'), DUBLIN, utc('2026-03-28T12:00:00Z'), utc('2026-03-30T12:00:00Z'));
    expect(runs).toEqual(['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(wallTimeAt(utc(runs[0]!), DUBLIN)).toMatchObject({ day: 29, hour: 2, minute: 30 });
  });

  it('Dublin, clocks forward: 02:00 is the first minute of summer time and runs then, once', () => {
    const runs = runsBetween(daily('02:00'), DUBLIN, utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'));
    expect(runs).toEqual(['2026-03-29T01:00:00.000Z']);
  });

  it('Dublin, clocks back: 01:30 happens twice on 25 October and runs once, the first time', () => {
    const runs = runsBetween(daily('01:30'), DUBLIN, utc('2026-10-24T12:00:00Z'), utc('2026-10-26T12:00:00Z'));
    expect(runs).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('New York, clocks back: 01:30 on 1 November runs once', () => {
    const runs = runsBetween(daily('01:30'), NEW_YORK, utc('2026-10-31T12:00:00Z'), utc('2026-11-02T12:00:00Z'));
    expect(runs).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('the next run after the repeated hour is the next day, not the second 01:30', () => {
    const firstHalfPast = utc('2026-10-25T00:30:00Z');
    expect(iso(nextRunAfter(daily('01:30'), firstHalfPast, DUBLIN))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('weekdays only: Friday is followed by Monday', () => {
    const friday = utc('2026-10-23T01:00:00Z'); // 02:00 IST, Friday 23 October
    expect(iso(nextRunAfter({ enabled: true, time: '02:00', days: 'weekdays' }, friday, DUBLIN))).toBe('2026-10-26T02:00:00.000Z');
  });

  it('the latest time due is found across the change too', () => {
    expect(iso(latestRunAtOrBefore(daily('01:30'), utc('2026-10-25T09:00:00Z'), DUBLIN)!)).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('missed, overlapping and late runs', () => {
  const schedule = daily('02:00');
  // 02:00 in Dublin in winter is 02:00 UTC.
  const lastNight = utc('2026-11-10T02:00:00Z');

  it('the computer slept through 02:00 and woke at 07:00: one run now, said to be late', () => {
    const decision = decideTick({ schedule, memory: { since: 0, lastSlot: utc('2026-11-09T02:00:00Z') }, now: utc('2026-11-10T07:00:00Z'), zone: DUBLIN, syncBusy: false });
    expect(decision).toEqual({ action: 'run', slot: lastNight, late: true, missed: 0, nextAt: utc('2026-11-11T02:00:00Z') });
  });

  it('asleep for three nights: one run on waking, not one per missed night, and the two not made up are counted', () => {
    const memory = { since: 0, lastSlot: utc('2026-11-07T02:00:00Z') };
    const now = utc('2026-11-10T07:00:00Z');
    const decision = decideTick({ schedule, memory, now, zone: DUBLIN, syncBusy: false });
    expect(decision).toMatchObject({ action: 'run', slot: lastNight, late: true, missed: 2 });
    // Once it has run, the next tick waits for tomorrow.
    const after = decideTick({ schedule, memory: { ...memory, lastSlot: lastNight }, now: now + 60_000, zone: DUBLIN, syncBusy: false });
    expect(after).toEqual({ action: 'wait', nextAt: utc('2026-11-11T02:00:00Z') });
  });

  it('on time: a tick a few seconds after 02:00 runs, not late', () => {
    const decision = decideTick({ schedule, memory: { since: 0, lastSlot: utc('2026-11-09T02:00:00Z') }, now: lastNight + 20_000, zone: DUBLIN, syncBusy: false });
    expect(decision).toMatchObject({ action: 'run', late: false, missed: 0 });
  });

  it('a sync still running when the next is due: this one is skipped, not run alongside', () => {
    const decision = decideTick({ schedule, memory: { since: 0, lastSlot: utc('2026-11-09T02:00:00Z') }, now: lastNight + 20_000, zone: DUBLIN, syncBusy: true });
    expect(decision).toMatchObject({ action: 'skip', reason: 'still-running', slot: lastNight });
  });

  it('the app started 21 hours after the time: no catch-up; the next runs on time', () => {
    const decision = decideTick({ schedule, memory: { since: 0, lastSlot: utc('2026-11-09T02:00:00Z') }, now: utc('2026-11-10T23:00:00Z'), zone: DUBLIN, syncBusy: false });
    expect(decision).toMatchObject({ action: 'skip', reason: 'too-late', slot: lastNight, nextAt: utc('2026-11-11T02:00:00Z') });
  });

  it('the app started 19 hours after the time: one catch-up run', () => {
    const decision = decideTick({ schedule, memory: { since: 0, lastSlot: utc('2026-11-09T02:00:00Z') }, now: utc('2026-11-10T21:00:00Z'), zone: DUBLIN, syncBusy: false });
    expect(decision).toMatchObject({ action: 'run', late: true });
  });

  it('a schedule turned on at 10:00 for 02:00 waits for tomorrow instead of running at once', () => {
    const since = utc('2026-11-10T10:00:00Z');
    expect(decideTick({ schedule, memory: { since }, now: since + 30_000, zone: DUBLIN, syncBusy: false })).toEqual({ action: 'wait', nextAt: utc('2026-11-11T02:00:00Z') });
  });

  it('a schedule that is off decides nothing', () => {
    expect(decideTick({ schedule: { ...schedule, enabled: false }, memory: { since: 0 }, now: lastNight, zone: DUBLIN, syncBusy: false })).toEqual({ action: 'off' });
  });
});
