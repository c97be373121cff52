/**
 * The detail drawer's view of a change after sync: the field-by-field difference and the documents approving it
 * changes in Xero, both from the sync's own modules (change-diff.ts, change-actions.ts), so the drawer says exactly
 * what the run will do. Read from the journal and the saved settings only: opening a drawer never calls Xero, so
 * Xero's tax-rate list is not at hand: each line's VAT rate from CourseCo's file gives its tax (named by its rate,
 * "23%", where no mapping is saved), and the configured account and invoice status are used. The drawer's plan
 * preview, read from Xero, shows the exact documents.
 */
import type { TransactionDetail } from '../../../contract/features/transactions';
import type { Settings } from '../../../contract/contract';
import type { JournalEntry } from '../../sync/journal';
import type { CourseCoTransaction } from '../../courseco/types';
import Decimal from 'decimal.js';
import { decideChange, diffTransactions, plannerSettingsFrom, rateKey, type PlannerSettings } from '../../sync/plan';

function settingsForDisplay(settings: Settings, transactions: ReadonlyArray<CourseCoTransaction | null | undefined>): PlannerSettings {
  let planner: PlannerSettings;
  try {
    planner = plannerSettingsFrom(settings, []);
  } catch {
    planner = { invoiceAccountCode: settings['xero.invoiceAccountCode'] ?? '', invoiceStatus: settings['xero.invoiceStatus'] ?? 'AUTHORISED', taxTypes: {} };
  }
  const taxTypes = { ...planner.taxTypes };
  for (const tx of transactions) {
    for (const line of tx?.lines ?? []) {
      const rate = line.taxRate !== undefined ? rateKey(line.taxRate) : impliedRate(line);
      if (rate !== undefined) taxTypes[rate] ??= `${rate}%`;
    }
  }
  return { ...planner, taxTypes };
}

/**
 * A line with CourseCo's VAT amount but no rate (the 2020 report layout): the percent it implies, to one decimal, so
 * the planner's own inference (nearest mapped rate, line-maths.ts) finds it. Without it the drawer showed the
 * totals before VAT as if no VAT were charged.
 */
function impliedRate(line: CourseCoTransaction['lines'][number]): string | undefined {
  if (line.taxAmount === undefined) return undefined;
  const net = line.lineTotal !== undefined ? new Decimal(line.lineTotal) : new Decimal(line.quantity).times(line.unitAmount).minus(line.discount ?? 0);
  if (net.isZero()) return undefined;
  return rateKey(new Decimal(line.taxAmount).dividedBy(net).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed());
}

const ROLE_WORDS: Record<NonNullable<JournalEntry['changeDocuments']>[number]['role'], string> = {
  replaced: 'Invoice {n} was replaced by a new invoice',
  voided: 'Invoice {n} was voided',
  credit: 'Credit note {n} was raised for the invoice a change retired',
  resent: '{n} was voided, deleted or lost in Xero and sent again as a new document',
};

/** The journal's record of what approved changes did in Xero, oldest first: the old ids stay findable. */
export function changeHistory(entry: JournalEntry): string[] {
  return (entry.changeDocuments ?? []).map((d) => `${ROLE_WORDS[d.role].replace('{n}', d.number ?? d.xeroId)} (${d.recordedAt.slice(0, 10)})`);
}

export function changeDetail(entry: JournalEntry, settings: Settings): NonNullable<TransactionDetail['change']> {
  const planner = settingsForDisplay(settings, [entry.synced, entry.transaction, ...(entry.changeDocuments ?? []).map((d) => d.content)]);
  const diff = diffTransactions(entry.synced, entry.transaction, planner);
  const decision = decideChange(entry, planner);
  return {
    known: diff.known,
    differences: diff.changes.map((c) => c.text),
    steps: decision?.steps.map((s) => s.text) ?? [],
    refusal: decision?.refusal ?? null,
  };
}
