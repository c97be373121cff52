/**
 * Xero's lock dates, caught in the plan rather than by Xero's refusal. An organisation has two (Organisation
 * `PeriodLockDate` and `EndOfYearLockDate`, OpenAPI `Organisation`), and Xero refuses to add or change an approved
 * document, payment or allocation dated on or before them ("users can't add or edit transactions in Xero if the
 * transaction date is on or before the lock date": Xero Central "Set up and work with lock dates", as quoted by
 * help.tradifyhq.com and shakes.com.au; Dext's help: "Period lock date - stops all users except advisers … Adviser
 * lock date - stops all users, including advisers, from making changes on or before the set date").
 *
 * The rule here is the conservative one: both dates lock everything for the app, whoever connected it. The period
 * lock lets an adviser through, but the app acts as whichever user last connected, cannot see that user's role, and
 * an accountant who locked a period meant its books to stay as signed off (Wise-Sync's note on the same trap:
 * "if the user who connects … has Adviser rights, then they will still be able to post to a closed period").
 *
 * A caught document is held (an error in the plan with its reason and what to do) or, when the profile chose it,
 * sent dated on the first open day (lock date + 1), and the plan says so for that transaction.
 */
import type { Settings } from '../../../contract/contract';

export type LockedPeriodChoice = NonNullable<Settings['sync.lockedPeriod']>;
/** Until the bookkeeper chooses otherwise, nothing is re-dated: a date the accountant did not expect is a change. */
export const DEFAULT_LOCKED_PERIOD_CHOICE: LockedPeriodChoice = 'hold';

export interface LockDates {
  /** YYYY-MM-DD, when set in Xero. */
  periodLockDate?: string;
  endOfYearLockDate?: string;
  choice: LockedPeriodChoice;
}

/** What the plan records for a transaction one of whose documents fell in a locked period. */
export interface LockedPeriodCatch {
  /** The last locked day (the later of the two lock dates). */
  lockDate: string;
  which: 'period' | 'end-of-year';
  firstOpenDay: string;
  /** held: nothing of the transaction is sent; first-open-day: sent, re-dated. */
  action: 'held' | 'first-open-day';
}

export interface GuardedDate {
  /** The date to send. */
  date: string;
  error?: string;
  note?: string;
  caught?: LockedPeriodCatch;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Xero's lock dates as YYYY-MM-DD (the SDK hands them over as Date, ISO or MS-JSON text); undefined when unset. */
export function lockDay(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = /\/Date\((-?\d+)/.exec(value);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const day = value.slice(0, 10);
  return ISO_DAY.test(day) ? day : undefined;
}

/** The last locked day and which lock it is: the later date governs; on a tie the end-of-year lock (it binds everyone). */
export function lockedThrough(lock: Omit<LockDates, 'choice'> | undefined): { date: string; which: LockedPeriodCatch['which'] } | undefined {
  const period = lock?.periodLockDate;
  const year = lock?.endOfYearLockDate;
  if (!period && !year) return undefined;
  if (!period || (year && year >= period)) return { date: year!, which: 'end-of-year' };
  return { date: period, which: 'period' };
}

export function firstOpenDay(lockDate: string): string {
  const d = new Date(`${lockDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const LOCK_NAMES: Record<LockedPeriodCatch['which'], string> = { period: 'period lock date', 'end-of-year': 'end-of-year lock date' };
const WHERE = 'in Xero → Accounting → Advanced → Financial settings';

/**
 * `what` ("the invoice", "payment P-1") dated `date`: the date to send it with, or why it is held. An update of a
 * document already in Xero is always held: re-dating it would itself be a change inside the locked period.
 */
export function guardDate(lock: LockDates | undefined, what: string, date: string, operation: 'create' | 'update' = 'create'): GuardedDate {
  const locked = lockedThrough(lock);
  if (!locked || !ISO_DAY.test(date) || date > locked.date) return { date };
  const open = firstOpenDay(locked.date);
  const name = LOCK_NAMES[locked.which];
  const dated = `${what} is dated ${date}, on or before the organisation's ${name} (${locked.date})`;
  const held = (error: string): GuardedDate => ({ date, error, caught: { lockDate: locked.date, which: locked.which, firstOpenDay: open, action: 'held' } });
  if (operation === 'update') {
    return held(`${dated}: Xero refuses changes to documents in a locked period, so the change is held. Ask your adviser to move the lock date ${WHERE}, then sync again`);
  }
  if (lock!.choice === 'first-open-day') {
    return {
      date: open,
      note: `${dated}: it goes to Xero dated ${open}, the first open day, as this profile chose for documents in a locked period`,
      caught: { lockDate: locked.date, which: locked.which, firstOpenDay: open, action: 'first-open-day' },
    };
  }
  return held(
    `${dated}, and Xero refuses documents in a locked period, so it is held. Ask your adviser to move the lock date ${WHERE}, ` +
      `or choose to date such documents on the first open day (${open}): "Date them on the first open day" in the plan preview, or \`courseco-xero config set sync.lockedPeriod first-open-day\``,
  );
}

/** The due date to send with a re-dated invoice: CourseCo's own, unless it now falls before the invoice date. */
export function dueDateAfter(dueDate: string, date: string): string {
  return dueDate < date ? date : dueDate;
}

/** Once, in plain words, for the plan summary: how many transactions the lock dates held or re-dated. */
export function lockDateNotices(caught: ReadonlyArray<LockedPeriodCatch | undefined>): string[] {
  const held = caught.filter((c) => c?.action === 'held') as LockedPeriodCatch[];
  const moved = caught.filter((c) => c?.action === 'first-open-day') as LockedPeriodCatch[];
  const notices: string[] = [];
  const count = (n: number) => (n === 1 ? '1 transaction has' : `${n} transactions have`);
  if (held.length > 0) {
    const c = held[0]!;
    notices.push(
      `${count(held.length)} documents dated on or before the organisation's ${LOCK_NAMES[c.which]} (${c.lockDate}) and will not be sent: ` +
        `ask your adviser to move the lock date ${WHERE}, or choose to date them on the first open day (${c.firstOpenDay}).`,
    );
  }
  if (moved.length > 0) {
    const c = moved[0]!;
    notices.push(`${count(moved.length)} documents dated in the locked period (to ${c.lockDate}); they go to Xero dated ${c.firstOpenDay}, the first open day.`);
  }
  return notices;
}
