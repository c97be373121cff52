/**
 * Contract entries of reconciliation (main/sync/reconcile): CourseCo's figures beside Xero's per month and per VAT
 * rate, account and payment method, the drift found in Xero since sync (each with what changed and what to do), the
 * lines behind every difference, and the accountant's close pack (PDF + CSV).
 *
 * Money is a decimal string with two places, signed: credit notes count negative on both sides. Xero's documents are
 * counted in the month of the CourseCo transaction they belong to (a document re-dated in Xero shows as
 * `date-changed`, not as a difference between months); documents only Xero holds count in their own month.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const Count = z.number().int().nonnegative();
const Money = z.string().regex(/^-?\d+\.\d{2}$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const Month = z.string().regex(/^\d{4}-\d{2}$/);

export const Figures = z.object({
  count: z.number().int(),
  /** Before VAT. */
  net: Money,
  tax: Money,
  /** Total including VAT. */
  gross: Money,
  paid: Money,
  /** What is still owed (credit notes: credit not yet used, negative). */
  outstanding: Money,
});
export type Figures = z.infer<typeof Figures>;

export const Comparison = z.object({ courseco: Figures, xero: Figures, difference: Figures });
export type Comparison = z.infer<typeof Comparison>;

export const PeriodRow = Comparison.extend({ period: Month });
export type PeriodRow = z.infer<typeof PeriodRow>;

export const BREAKDOWN_DIMENSIONS = ['vat-rate', 'account', 'payment-method'] as const;
export const BreakdownDimension = z.enum(BREAKDOWN_DIMENSIONS);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;

export const BreakdownRow = Comparison.extend({
  dimension: BreakdownDimension,
  /** Stable key of the group ("23", "200", "Card"). */
  key: z.string(),
  /** Plain words for the group ("23 % (23% VAT on Income)", "200 Sales", "Card"). */
  label: z.string(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const DRIFT_KINDS = [
  'voided',
  'deleted',
  'amount-changed',
  'contact-changed',
  'account-changed',
  'tax-changed',
  'date-changed',
  'payment-removed',
  'payment-added',
  'missing-in-xero',
  'only-in-xero',
] as const;
export const DriftKind = z.enum(DRIFT_KINDS);
export type DriftKind = z.infer<typeof DriftKind>;

/** Each kind in a bookkeeper's words: the page, the close pack, the CLI and diagnostics all say these. */
export const DRIFT_KIND_WORDS: Record<DriftKind, string> = {
  voided: 'Voided in Xero',
  deleted: 'Deleted in Xero',
  'amount-changed': 'Amount changed in Xero',
  'contact-changed': 'Customer changed in Xero',
  'account-changed': 'Account changed in Xero',
  'tax-changed': 'VAT rate changed in Xero',
  'date-changed': 'Date changed in Xero',
  'payment-removed': 'Payment removed in Xero',
  'payment-added': 'Payment added in Xero',
  'missing-in-xero': 'Not in Xero',
  'only-in-xero': 'Only in Xero',
};

/** send-again: the next sync sends it (again) · accept-xero: Xero's version is right; stop reporting it. */
export const DriftAction = z.enum(['send-again', 'accept-xero']);
export type DriftAction = z.infer<typeof DriftAction>;

export const DriftItem = z.object({
  /** Stable while the state it describes is unchanged: an accepted item stays accepted until Xero changes again. */
  key: z.string(),
  kind: DriftKind,
  transactionId: z.string().nullable(),
  xeroId: z.string().nullable(),
  /** The payment a payment-removed or payment-added item is about. */
  paymentId: z.string().nullable(),
  period: Month,
  documentNumber: z.string().nullable(),
  contactName: z.string().nullable(),
  /** What changed, in plain words ("Total 120.00 → 100.00"). */
  detail: z.string(),
  was: z.string().nullable(),
  now: z.string().nullable(),
  /** When Xero last changed the document (ISO, UTC), when known. */
  changedAt: z.string().nullable(),
  /** What to do, in plain words. */
  whatToDo: z.string(),
  actions: z.array(DriftAction),
  /** Opens the document in Xero. */
  xeroUrl: z.string().nullable(),
  accepted: z.boolean(),
});
export type DriftItem = z.infer<typeof DriftItem>;

export const LineOrigin = z.enum(['assistant', 'courseco-push', 'none', 'xero-only']);

/** One transaction (or a document only Xero holds) with both sides' figures. */
export const ReconcileLine = Comparison.extend({
  transactionId: z.string().nullable(),
  period: Month,
  date: Day,
  contactName: z.string(),
  documentNumber: z.string().nullable(),
  xeroId: z.string().nullable(),
  xeroStatus: z.string().nullable(),
  xeroUrl: z.string().nullable(),
  /** Who put the document in Xero: the assistant, CourseCo's own "Sync to Xero" push, nobody yet, or unknown. */
  origin: LineOrigin,
  drift: z.array(DriftKind),
  /** Why the line differs when no drift explains it ("changed in CourseCo since sync: approve it in Transactions"). */
  note: z.string().nullable(),
  /** The breakdown groups (BreakdownRow.key per dimension) the line adds to, for drilling down from a breakdown. */
  groups: z.object({ 'vat-rate': z.array(z.string()), account: z.array(z.string()), 'payment-method': z.array(z.string()) }).optional(),
});
export type ReconcileLine = z.infer<typeof ReconcileLine>;

export const ReconcileReport = z.object({
  from: Day,
  to: Day,
  /** ISO, UTC. */
  generatedAt: z.string(),
  organisationName: z.string().nullable(),
  currency: z.string().nullable(),
  periods: z.array(PeriodRow),
  total: Comparison,
  breakdowns: z.array(BreakdownRow),
  drift: z.array(DriftItem),
  /** True when nothing differs, or every difference is drift the user accepted. */
  matches: z.boolean(),
  /** Lines that differ without drift to explain them. */
  unexplained: Count,
  /** Transactions the user excluded from Xero (counted on neither side). */
  excluded: Count,
  /** Documents of CourseCo's own push recognised and linked: in total, and by this reconciliation. */
  linked: z.object({ courseCoPush: Count, justNow: Count }),
  /** What reading Xero cost. */
  reads: z.object({ calls: Count, documents: Count, full: z.boolean() }),
});
export type ReconcileReport = z.infer<typeof ReconcileReport>;

export const ReconcileRange = z
  .object({ from: Day.optional(), to: Day.optional() })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, 'the start date must be on or before the end date');
export type ReconcileRange = z.infer<typeof ReconcileRange>;

export const LinesQuery = z
  .object({
    from: Day,
    to: Day,
    period: Month.optional(),
    dimension: BreakdownDimension.optional(),
    /** With `dimension`: the group's key. */
    key: z.string().max(200).optional(),
    differencesOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    after: z.string().max(200).optional(),
  })
  .strict();
export type LinesQuery = z.infer<typeof LinesQuery>;

export const ReconcileProgress = z.object({
  phase: z.enum(['reading', 'linking', 'comparing']),
  /** Documents read from Xero so far. */
  documents: Count,
  calls: Count,
});
export type ReconcileProgress = z.infer<typeof ReconcileProgress>;

export const ClosePack = z.object({
  /** Where the files were written (the profile's exports folder). */
  folder: z.string(),
  pdf: z.string(),
  csv: z.string(),
  pages: Count,
});
export type ClosePack = z.infer<typeof ClosePack>;

export const reconcileChannels = {
  /** Reads what changed in Xero since the last reconciliation, links CourseCo's own push, compares. Default range: the last full month. */
  'reconcile.run': { args: ReconcileRange, result: ReconcileReport },
  /** The last report, from the journal, without calling Xero (null before the first reconciliation). */
  'reconcile.last': { args: Empty, result: ReconcileReport.nullable() },
  'reconcile.lines': { args: LinesQuery, result: z.object({ rows: z.array(ReconcileLine), total: Count, nextCursor: z.string().nullable() }) },
  /** Carries out a drift item's action; answers the report compared again (no new read of Xero). */
  'reconcile.resolve': {
    args: z.object({ key: z.string().min(1).max(400), action: DriftAction }).strict(),
    result: z.object({ message: z.string(), report: ReconcileReport }),
  },
  /** Writes the close pack of the last report's range (or the range given) as PDF and CSV. */
  'reconcile.exportClosePack': { args: ReconcileRange, result: ClosePack },
} as const;

export const reconcileEvents = {
  'reconcile.progress': ReconcileProgress,
} as const;
