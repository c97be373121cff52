/**
 * The journal's vocabulary, shared by the journal, the planner, the engine, the CLI and (through the contract) the
 * console. Plain data only.
 */
import type { CourseCoPayment, CourseCoTransaction } from '../../courseco/types';

export const TRANSACTION_STATUSES = ['ready', 'excluded', 'in-flight', 'synced', 'failed', 'changed'] as const;
/**
 * ready: waiting to be sent · excluded: the user keeps it out of Xero · in-flight: a sync run holds it ·
 * synced: its documents are in Xero · failed: the last attempt failed (see lastError) ·
 * changed: CourseCo's data differs from what was sent; never re-sent without the user's say (markRetry).
 */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export function isTransactionStatus(value: unknown): value is TransactionStatus {
  return typeof value === 'string' && (TRANSACTION_STATUSES as readonly string[]).includes(value);
}

export interface ImportCounts {
  /** New in the journal. */
  imported: number;
  /** Changed in CourseCo, not yet in Xero: the journal now holds the new version. */
  updated: number;
  unchanged: number;
  /** Changed in CourseCo after being sent to Xero: flagged `changed`, not re-sent. */
  changed: number;
}

export interface XeroFailure {
  /** Plain words for people. */
  message: string;
  /** Xero's ValidationErrors[].Message, verbatim. */
  validationErrors?: string[];
}

/** One row of the console's table. */
export interface TransactionSummary {
  transactionId: string;
  kind: CourseCoTransaction['kind'];
  status: TransactionStatus;
  date: string;
  contactName: string;
  invoiceNumber: string | null;
  reference: string | null;
  amount: string;
  currency: string | null;
  xeroContactId: string | null;
  xeroInvoiceId: string | null;
  xeroCreditNoteId: string | null;
  xeroNumber: string | null;
  attempts: number;
  lastError: string | null;
  lastErrorDetails: string[];
  payments: number;
  paymentsSynced: number;
  importedAt: string;
  updatedAt: string;
  syncedAt: string | null;
}

export interface PaymentRecord {
  payment: CourseCoPayment;
  contentHash: string;
  /** Hash of the content last sent; null = never sent. */
  syncedHash: string | null;
  xeroPaymentId: string | null;
  lastError: string | null;
  /** How many times it was sent again after Xero lost it (journal-resend.ts); absent = never. */
  resends?: number;
}

/** A Xero document an approved change retired or raised (journal table `change_documents`), kept for history. */
export interface ChangeDocument {
  /**
   * replaced: an invoice superseded by a new one · voided: voided in Xero · credit: a credit note raised for the old one ·
   * resent: voided, deleted or lost in Xero by someone else, and sent again as a new document (journal-resend.ts).
   */
  role: 'replaced' | 'voided' | 'credit' | 'resent';
  kind: 'invoice' | 'credit-note';
  xeroId: string;
  number: string | null;
  /** The approved content whose sending did this. */
  contentHash: string;
  /** What the retired document carried, when known. */
  content: CourseCoTransaction | null;
  recordedAt: string;
}

/** Everything the planner needs about one transaction: CourseCo's data and what Xero already has. */
export interface JournalEntry {
  transaction: CourseCoTransaction;
  status: TransactionStatus;
  contentHash: string;
  syncedHash: string | null;
  /** The user approved re-sending this content after it changed since sync. */
  approvedHash: string | null;
  xero: { contactId: string | null; invoiceId: string | null; creditNoteId: string | null; number: string | null };
  payments: PaymentRecord[];
  /** The content last sent to Xero, when the journal kept it (a transaction changed since sync); absent = unknown. */
  synced?: CourseCoTransaction | null;
  /** Documents earlier approved changes retired or raised, oldest first. */
  changeDocuments?: ChangeDocument[];
  /** How many times its document was sent again after Xero lost it (journal-resend.ts); absent = never. */
  resends?: number;
}

export interface TransactionQuery {
  status?: TransactionStatus | TransactionStatus[];
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  /** Matches transaction id, contact, invoice number or reference (case-insensitive substring). */
  text?: string;
  /** Page size; default 100, at most 5,000. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  after?: string;
}

export interface TransactionPage {
  rows: TransactionSummary[];
  /** Rows matching the filter, over all pages. */
  total: number;
  nextCursor: string | null;
}

export type StatusCounts = Record<TransactionStatus, number> & { total: number; orphanPayments: number };

export interface ActionResult {
  /** Ids whose status changed. */
  updated: string[];
  /** Ids left as they were, each with the reason. */
  refused: Array<{ transactionId: string; reason: string }>;
}

export type RunOutcome = 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';

export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  actor: string;
  host: string;
  outcome: RunOutcome;
  requested: number;
  synced: number;
  failed: number;
  skipped: number;
  calls: number;
  durationMs: number | null;
  message: string | null;
}

export type IntentKind = 'contacts' | 'invoices' | 'payments' | 'credit-notes' | 'allocations';
export type IntentState = 'pending' | 'sent' | 'confirmed' | 'abandoned';

export interface Intent {
  batchId: string;
  runId: number | null;
  kind: IntentKind;
  idempotencyKey: string;
  memberIds: string[];
  state: IntentState;
  createdAt: string;
  updatedAt: string;
}
