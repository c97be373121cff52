/**
 * A preview of a few transactions, with deposits on, shows the deposit each payment would go in. A deposit is made
 * of the payments sent together, so the preview plans the selection together with the ready transactions that have
 * a payment still to send on the same day (what a sync of everything ready would send with it); only the
 * transactions asked for are shown.
 */
import type { Settings } from '../../../contract/contract';
import type { Journal, JournalEntry } from '../journal';

export function withDepositPeers(journal: Journal, settings: Settings, entries: readonly JournalEntry[]): JournalEntry[] {
  if (settings['xero.batchDeposits'] !== 'on') return [...entries];
  const days = new Set(entries.flatMap((e) => e.payments.filter((p) => p.xeroPaymentId === null).map((p) => p.payment.date)));
  if (days.size === 0) return [...entries];
  const asked = new Set(entries.map((e) => e.transaction.transactionId));
  const peers = journal.entries().filter((e) => !asked.has(e.transaction.transactionId) && e.payments.some((p) => p.xeroPaymentId === null && days.has(p.payment.date)));
  return [...entries, ...peers];
}
