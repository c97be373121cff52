/**
 * Reconciliation's vocabulary: a Xero document as read back (a snapshot: what the books hold, no more), where it came
 * from, and what the journal keeps of it between reconciliations. Plain data only, shared by the reader (which fills
 * the journal's cache economically), the comparison (pure) and the close pack.
 */

/** One line of a Xero invoice or credit note, as Xero holds it. */
export interface XeroLineSnapshot {
  accountCode: string | null;
  taxType: string | null;
  /** LineAmount before VAT (Xero's LineAmount on an Exclusive document; LineAmount − TaxAmount on an Inclusive one). */
  net: string;
  tax: string;
  description: string | null;
}

/** A payment on a document (refunds out of a credit note too), as Xero holds it. */
export interface XeroPaymentSnapshot {
  id: string;
  amount: string;
  /** YYYY-MM-DD */
  date: string;
  reference: string | null;
  status: 'AUTHORISED' | 'DELETED';
  /** The account the money went to (code, or name when the account has no code). */
  account: string | null;
  /** ISO UTC of the payment's UpdatedDateUTC, when Xero said it. */
  updatedAt: string | null;
}

export type XeroDocumentKind = 'invoice' | 'credit-note';

/** An ACCREC invoice or ACCRECCREDIT credit note as read back. */
export interface XeroDocumentSnapshot {
  id: string;
  kind: XeroDocumentKind;
  number: string | null;
  reference: string | null;
  /** DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED. */
  status: string;
  /** YYYY-MM-DD */
  date: string;
  contactId: string | null;
  contactName: string | null;
  currency: string | null;
  subTotal: string;
  totalTax: string;
  total: string;
  amountPaid: string;
  /** Invoices: AmountDue; credit notes: RemainingCredit. */
  amountDue: string;
  /** Invoices: AmountCredited (credit notes allocated to it); credit notes: the amount allocated out. */
  amountCredited: string;
  lines: XeroLineSnapshot[];
  payments: XeroPaymentSnapshot[];
  /** ISO UTC of UpdatedDateUTC. */
  updatedAt: string;
}

/** Who put a document in Xero: the assistant (our Reference, our write), or CourseCo's own "Sync to Xero" push. */
export type DocumentOrigin = 'assistant' | 'courseco-push';

/** What the journal keeps of one Xero document between reconciliations. */
export interface CachedDocument {
  xeroId: string;
  kind: XeroDocumentKind;
  /** The journal transaction it belongs to, when linked. */
  transactionId: string | null;
  origin: DocumentOrigin | null;
  /** The document as the assistant wrote it (Xero's answer to our write) or first linked it; null = not known. */
  baseline: XeroDocumentSnapshot | null;
  /** The document as last read; null = asked for and not found in Xero. */
  current: XeroDocumentSnapshot | null;
  /** ISO UTC: when `current` was read. */
  readAt: string | null;
}

/**
 * Everything the comparison needs, gathered by the reconcile service (journal, cache, organisation). The comparison
 * itself (`compare-books.ts`) is pure: the same input always gives the same report and lines.
 */
export interface CompareInput {
  from: string;
  to: string;
  /** ISO UTC. */
  generatedAt: string;
  organisationName: string | null;
  currency: string | null;
  /** Journal entries whose CourseCo date is in the range (every status; excluded ones are counted apart). */
  entries: readonly import('../journal').JournalEntry[];
  /** Cached documents by Xero id: those linked to the entries, and unlinked ones that look like CourseCo's. */
  documents: ReadonlyMap<string, CachedDocument>;
  /** Confirmed credit note allocations of the entries (CourseCo's side of "outstanding"). */
  allocations: readonly import('../journal').AllocationRecord[];
  /** How CourseCo's lines become Xero lines (account, tax rate, amounts): the planner's own settings. */
  planner: import('../plan').PlannerSettings;
  /** The organisation's tax rates, for names and percentages. */
  taxRates: ReadonlyArray<{ taxType: string; name: string; rate: string }>;
  /** The organisation's accounts, for names. */
  accounts: ReadonlyArray<{ code: string; name: string }>;
  /** Keys of drift items the user accepted. */
  accepted: ReadonlySet<string>;
  /** Opens a document in Xero (deep link), or null. */
  documentUrl(kind: XeroDocumentKind, id: string): string | null;
}

/** What the desktop app, the web host and the CLI ask of reconciliation (one service per profile). */
export interface ReconcileService {
  /** Reads what changed in Xero, links CourseCo's own push, compares and keeps the report (the `reconcile.last`). */
  run(range: import('../../../contract/features/reconcile').ReconcileRange, onProgress?: (progress: import('../../../contract/features/reconcile').ReconcileProgress) => void): Promise<import('../../../contract/features/reconcile').ReconcileReport>;
  /** The last report, without calling Xero (null before the first reconciliation). */
  last(): import('../../../contract/features/reconcile').ReconcileReport | null;
  /** The lines of the last report's range, filtered and paged (drill-down). */
  lines(query: import('../../../contract/features/reconcile').LinesQuery): Promise<{ rows: import('../../../contract/features/reconcile').ReconcileLine[]; total: number; nextCursor: string | null }>;
  /** Every line of the last report (the close pack's CSV). */
  allLines(): Promise<import('../../../contract/features/reconcile').ReconcileLine[]>;
  /** A report and its own lines, of the range asked for (default: the last report's), compared first if never compared. */
  snapshot(range?: import('../../../contract/features/reconcile').ReconcileRange): Promise<{ report: import('../../../contract/features/reconcile').ReconcileReport; lines: import('../../../contract/features/reconcile').ReconcileLine[] }>;
  /** Carries out a drift item's action and compares again from the cache (no new read of Xero). */
  resolve(key: string, action: import('../../../contract/features/reconcile').DriftAction): Promise<{ message: string; report: import('../../../contract/features/reconcile').ReconcileReport }>;
}
