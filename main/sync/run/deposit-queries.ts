/**
 * Finding our deposits (batch payments) in Xero when a batch's answer was lost. Each member payment carries its own
 * `CourseCo payment <id>` Reference, and that is looked for first (xero-queries.ts `findOurPayments`); this is the
 * second way, for a member whose Reference Xero did not keep: GET /BatchPayments (OpenAPI `getBatchPayments`, which
 * takes a `where`) by the deposit's Reference, or by our Reference prefix and the day, and a member matched by the
 * invoice it pays and its amount. A deposit holds one payment per invoice (deposits.ts), so that match is exact.
 */
import Decimal from 'decimal.js';
import { isDepositReference } from '../plan';
import { canQuote, xeroString, type CountCall } from './xero-queries';
import type { FoundDeposit, SyncGateway } from './xero-gateway';

/** A payment we may have sent in a deposit: the invoice it pays, its amount and day. */
export interface DepositedPaymentWanted {
  paymentId: string;
  invoiceId: string;
  amount: string | number;
  /** YYYY-MM-DD */
  date: string;
}

const dateTime = (day: string) => {
  const [y, m, d] = day.split('-');
  return `DateTime(${y}, ${m}, ${d})`;
};

/**
 * Xero payment ids for the wanted payments, found in live deposits of ours: those named `reference` when given,
 * else every deposit of ours dated on the wanted days. `taken` are Xero payment ids already linked to other
 * CourseCo payments: never linked twice.
 */
export async function findDepositedPayments(
  gateway: SyncGateway,
  wanted: readonly DepositedPaymentWanted[],
  call: CountCall,
  options: { reference?: string; taken?: ReadonlySet<string> } = {},
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const wheres =
    options.reference !== undefined && canQuote(options.reference)
      ? [`Reference==${xeroString(options.reference)}`]
      : [...new Set(wanted.map((w) => w.date))].map((day) => `Date==${dateTime(day)}`);
  const deposits: FoundDeposit[] = [];
  for (const where of wheres) deposits.push(...(await call(() => gateway.batchPayments({ where }))));
  const taken = new Set(options.taken ?? []);
  for (const deposit of deposits) {
    if (deposit.status === 'DELETED' || !isDepositReference(deposit.reference)) continue;
    for (const p of deposit.payments) {
      if (taken.has(p.id)) continue;
      const match = wanted.find(
        (w) => !found.has(w.paymentId) && w.invoiceId.toLowerCase() === p.invoiceId.toLowerCase() && new Decimal(w.amount).eq(p.amount) && (options.reference !== undefined || w.date === deposit.date),
      );
      if (!match) continue;
      found.set(match.paymentId, p.id);
      taken.add(p.id);
    }
  }
  return found;
}
