/**
 * Xero's lock dates (Organisation `PeriodLockDate`, `EndOfYearLockDate`; OpenAPI `Organisation`: "Shown if set. See
 * lock dates"). Approved documents, payments and allocations dated on or before a lock date are refused:
 * - "users can't add or edit transactions in Xero if the transaction date is on or before the lock date", while
 *   "users can still create draft invoices, bills and expense claims, and submit these items for approval" (Xero
 *   Central "Set up and work with lock dates", quoted by help.tradifyhq.com; the same in help.xero.com/us/
 *   Settings_LockDate). The stricter "on or before" is used (the US page's older copy says "earlier than").
 * - the period lock binds everyone but advisers, the end-of-year lock binds advisers too ("You have a choice to set
 *   lock dates for all user roles, or all user roles except the Advisor user role", help.xero.com/us/
 *   Settings_LockDate; Dext's help: "Period lock date - stops all users except advisers … Adviser lock date - stops
 *   all users, including advisers").
 * - messages, verbatim from real Xero answers: "The document date cannot be before the period lock date, currently
 *   set at 30-Nov-2018" and "… end of year lock date, currently set at 30-Nov-2018", both at once when both apply
 *   (Emersion's knowledge base, quoting Xero's validation error; xeroizer#92 for the end-of-year one), and the API
 *   honours them for "invoices, credit notes, payments and/or payment allocations" (the same page).
 */
import type { DocumentStatus, OrgState } from '../state/model';
import { msg } from './messages';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** YYYY-MM-DD → "30-Nov-2018", as Xero writes the lock date in its message. */
export function xeroLockDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}-${MONTHS[Number(m) - 1] ?? m}-${y}`;
}

/** Xero's refusals for something dated `date` (YYYY-MM-DD) in this organisation, for this user; [] when open. */
export function lockDateErrors(org: OrgState, date: string): string[] {
  const { PeriodLockDate: period, EndOfYearLockDate: endOfYear } = org.organisation;
  const errors: string[] = [];
  if (period && date <= period && org.userRole !== 'adviser') errors.push(msg.periodLocked(xeroLockDay(period)));
  if (endOfYear && date <= endOfYear) errors.push(msg.endOfYearLocked(xeroLockDay(endOfYear)));
  return errors;
}

/** Drafts (and documents awaiting approval) may sit in a locked period; deleting one is not a posting either. */
const UNPOSTED: ReadonlySet<string> = new Set<DocumentStatus>(['DRAFT', 'SUBMITTED', 'DELETED']);

/** Whether a document going from `from` (undefined: created) to `to` touches the books, so the lock dates apply. */
export function lockApplies(from: DocumentStatus | undefined, to: DocumentStatus): boolean {
  return !(UNPOSTED.has(to) && (from === undefined || UNPOSTED.has(from)));
}

/**
 * Xero's refusals for changing a document: a posted one dated in a locked period may not change at all, and no change
 * may leave a posted document dated in one. A draft's own date does not matter until it is approved.
 */
export function changeLockErrors(org: OrgState, existing: { Status: DocumentStatus; Date: string }, to: DocumentStatus, date: string): string[] {
  if (!lockApplies(existing.Status, to)) return [];
  const errors = lockApplies(existing.Status, existing.Status) ? lockDateErrors(org, existing.Date) : [];
  for (const e of lockDateErrors(org, date)) if (!errors.includes(e)) errors.push(e);
  return errors;
}
