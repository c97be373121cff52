/**
 * What a planned sync needs against what Xero's daily limit leaves today, in plain words. The daily limit depends on
 * the app's pricing tier (1,000 calls per organisation on Starter, 5,000 on Core and above; xero-facts.md §9), so no
 * number is assumed here: what is left comes from Xero's `X-DayLimit-Remaining`, the reset time from a `day` 429's
 * Retry-After or from the call that opened the day's window (see rate-limiter.ts).
 */
import type { z } from 'zod';
import type { DailyQuota as DailyQuotaSchema } from '../../../contract/features/sync';
import type { LimiterState } from './rate-limiter';

/** What a sync needs against what is left today (the contract's `DailyQuota`): calls needed, left, reset, in words. */
export type DailyQuota = z.infer<typeof DailyQuotaSchema>;

const count = (n: number) => n.toLocaleString('en');

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "09:40 today", "09:40 tomorrow" or "09:40 on 5 Dec", in this computer's time. */
export function resetTimeInWords(at: number, now: number): string {
  const when = new Date(at);
  const hhmm = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
  const today = new Date(now);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (sameDay(when, today)) return `${hhmm} today`;
  if (sameDay(when, tomorrow)) return `${hhmm} tomorrow`;
  return `${hhmm} on ${when.getDate()} ${when.toLocaleString('en', { month: 'short' })}`;
}

export function dailyQuota(callsNeeded: number, limits: Pick<LimiterState, 'dayRemaining' | 'dayResetAt' | 'dayLimit'>, now: number): DailyQuota {
  if (callsNeeded === 0) return { callsNeeded, ...(limits.dayRemaining !== undefined ? { dayRemaining: limits.dayRemaining } : {}), fitsToday: true, percentNow: 100, message: 'Nothing to send, so no Xero calls are needed.' };
  const needs = `needs about ${count(callsNeeded)} Xero call${callsNeeded === 1 ? '' : 's'}`;
  const reset = limits.dayResetAt !== undefined ? `about ${resetTimeInWords(limits.dayResetAt, now)}` : undefined;
  const base: DailyQuota = { callsNeeded, ...(limits.dayResetAt !== undefined ? { resetsAt: new Date(limits.dayResetAt).toISOString() } : {}), message: '' };
  if (limits.dayRemaining === undefined) {
    return {
      ...base,
      message: `This sync ${needs}. How many calls Xero allows today is not known yet: no call to this organisation has been answered today (Xero says it with every answer), so the sync will find out as it goes and stop cleanly if the daily limit runs out.`,
    };
  }
  const left = limits.dayRemaining;
  base.dayRemaining = left;
  if (callsNeeded <= left) return { ...base, fitsToday: true, percentNow: 100, message: `This sync ${needs}; ${count(left)} are left today: enough for all of it now.` };
  const percentNow = Math.floor((left / Math.max(1, callsNeeded)) * 100);
  const when = reset ? `after Xero's daily reset, ${reset}` : "after Xero's daily reset (24 hours after this organisation's first call of the day; Xero has not said yet when that is)";
  const rest = callsNeeded - left;
  const days = limits.dayLimit ? Math.ceil(rest / limits.dayLimit) : undefined;
  const spread = days !== undefined && days > 1 ? ` (about ${days} more days at ${count(limits.dayLimit!)} calls a day)` : '';
  const now_ = left === 0 ? 'none now, all of it' : `about ${percentNow} % now, the rest`;
  return {
    ...base,
    fitsToday: false,
    percentNow,
    message: `This sync ${needs}; ${count(left)} are left today: ${now_} ${when}${spread}. The sync stops cleanly at the limit and continues after the reset; nothing is sent twice.`,
  };
}
