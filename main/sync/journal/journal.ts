/**
 * The sync journal: one SQLite file (`journal.sqlite` in the profile's data dir) that remembers every CourseCo
 * transaction, what Xero holds for it, every sync run and every request in flight. It is the only memory the sync
 * has, so it is opened in WAL mode (readers never block the engine's writes, and a crash loses at most the last
 * uncommitted transaction) with synchronous=NORMAL (durable at each checkpoint; WAL makes that safe).
 *
 * Every call goes through `journal-guard.ts`: a journal busy with another process's write is waited out (a long
 * import beside a sync must never end the sync), and a full disk or a damaged file become DomainErrors that say
 * what to do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { systemClock, type Clock } from '../../clock';
import type { CourseCoPayment, CourseCoTransaction, ExportKind } from '../../courseco/types';
import { createJournalActions, type DocumentIds } from './journal-actions';
import { createJournalAllocations, type AllocationRecord, type PlannedAllocation } from './journal-allocations';
import { DEFAULT_BUSY_POLICY, journalDamaged, retryBusy, translate, writeTransaction, type BusyPolicy } from './journal-guard';
import { createJournalImporter, type ImportMeta } from './journal-import';
import { createJournalMappings, type SavedMapping } from './journal-mappings';
import { createJournalReconcile, type CachedDocumentQuery, type DocumentLink } from './journal-reconcile';
import { createJournalQueries } from './journal-queries';
import { createJournalResend } from './journal-resend';
import { createJournalRuns, type FinishRun, type NewIntent, type StartRun } from './journal-runs';
import type {
  ActionResult,
  ImportCounts,
  Intent,
  JournalEntry,
  StatusCounts,
  SyncRun,
  TransactionPage,
  TransactionQuery,
  TransactionStatus,
  TransactionSummary,
  XeroFailure,
} from './journal-types';
import { migrate } from './migrations';
import type { ReconcileReport } from '../../../contract/features/reconcile';
import type { CachedDocument, DocumentOrigin, XeroDocumentKind, XeroDocumentSnapshot } from '../reconcile';

export const JOURNAL_FILE = 'journal.sqlite';

export interface JournalDeps {
  clock?: Clock;
  /** How a busy journal is waited out (SQLite's own wait per attempt, when to give up, who to tell). */
  busy?: Partial<BusyPolicy>;
  /** Extra connection pragmas, e.g. `max_page_count = N`: tests use it to make a full disk without filling one. */
  pragmas?: readonly string[];
  /** Rows per import transaction (tests make it small to cross chunk boundaries with few rows). */
  importChunk?: number;
}

/**
 * Everything the rest of the app may ask of the journal. Each part is written by one factory: the importer
 * (`journal-import.ts`), the queries (`journal-queries.ts`), the user's actions and a run's results
 * (`journal-actions.ts`), runs and intents (`journal-runs.ts`), saved column mappings (`journal-mappings.ts`), credit
 * note allocations (`journal-allocations.ts`) and reconciliation's cache of Xero (`journal-reconcile.ts`).
 */
export interface Journal {
  /** The journal's file (`:memory:` in tests). */
  readonly path: string;
  /** The schema version the file is at now. */
  schemaVersion(): number;
  /** What opening this journal did to its schema (from → to); from = 0 for a new file. */
  readonly migrated: { from: number; to: number };
  /** Closes the connection; the journal is not used after. */
  close(): void;

  // ---- import (journal-import.ts) --------------------------------------------------------------------------------
  /** Upserts CourseCo transactions by Transaction ID, in chunks; a change to one already sent flags it `changed`. */
  importTransactions(transactions: readonly CourseCoTransaction[], meta?: ImportMeta): ImportCounts;
  /** Upserts CourseCo payments by payment id, in chunks, the same way. */
  importPayments(payments: readonly CourseCoPayment[], meta?: ImportMeta): ImportCounts;

  // ---- queries (journal-queries.ts) ------------------------------------------------------------------------------
  /** One page of the console's table, filtered and in CourseCo's order. */
  list(query?: TransactionQuery): TransactionPage;
  /** How many transactions are in each status (and payments whose transaction is missing), under a filter. */
  counts(query?: Omit<TransactionQuery, 'status' | 'limit' | 'after'>): StatusCounts;
  /** One transaction's row, or undefined when the journal does not hold it. */
  get(transactionId: string): TransactionSummary | undefined;
  /** Whether the journal holds this transaction. */
  has(transactionId: string): boolean;
  /** The planner's input: by id (in the order given), or every transaction in `statuses` (default ready), oldest first. */
  entries(select?: { ids?: readonly string[]; statuses?: readonly TransactionStatus[] }): JournalEntry[];
  /** The transaction each payment belongs to (unknown payment ids are left out). */
  paymentOwners(paymentIds: readonly string[]): Map<string, string>;

  // ---- the user's actions (journal-actions.ts) -------------------------------------------------------------------
  /** Keeps transactions out of Xero (not ones synced or in flight). */
  exclude(ids: readonly string[]): ActionResult;
  /** Takes excluded transactions back to the status their facts give. */
  include(ids: readonly string[]): ActionResult;
  /** failed → ready (error cleared); a changed transaction is refused (it needs `approveChange`). */
  markRetry(ids: readonly string[]): ActionResult;
  /** changed → ready, the new content approved for sending (an update, credit + new invoice, or void: change-actions.ts). */
  approveChange(ids: readonly string[]): ActionResult;

  // ---- a run's results (journal-actions.ts) ----------------------------------------------------------------------
  /** Claims ready transactions for a run; returns the ids actually claimed. */
  markInFlight(ids: readonly string[], runId: number): string[];
  /** Stores a document's Xero ids the moment they are known; the status is settled later. */
  recordDocument(transactionId: string, ids: DocumentIds): void;
  /** Stores the Xero contact these transactions go to. */
  recordContact(transactionIds: readonly string[], contactId: string): void;
  /** Stores a payment's Xero id and the content hash sent. */
  recordPaymentSynced(paymentId: string, xeroPaymentId: string, sentHash: string): void;
  /** After a run did all it could for a transaction: synced, ready (more to send) or changed; undefined when unknown. */
  settle(transactionId: string): TransactionStatus | undefined;
  /** The transaction failed (optionally because of one payment), with the reason kept for the console and retry. */
  recordFailure(transactionId: string, failure: XeroFailure, paymentId?: string): void;
  /** Puts in-flight transactions back to ready (ones with Xero ids are settled instead). */
  releaseInFlight(ids: readonly string[]): void;
  /** Transactions some run still holds in flight, in CourseCo's order. */
  inFlight(): string[];

  // ---- runs and intents (journal-runs.ts) ------------------------------------------------------------------------
  /** Opens a run record; returns its id. */
  startRun(run: StartRun): number;
  /** Closes a run record with its counts and outcome. */
  finishRun(id: number, result: FinishRun): SyncRun;
  /** The run history, newest first (50 by default). */
  listRuns(limit?: number): SyncRun[];
  /** Runs still marked running when no process owns them become `interrupted`; returns how many. */
  markInterruptedRuns(): number;
  /** Writes a batch's intent before its request may leave. */
  recordIntent(intent: NewIntent): void;
  /** The request has left (or may have): from here on, a crash means Xero might hold the batch. */
  markIntentSent(batchId: string): void;
  /** `confirmed`: Xero's answer (or a read of Xero) is in the journal; `abandoned`: nothing reached Xero. */
  markIntentResolved(batchId: string, resolution: 'confirmed' | 'abandoned'): void;
  /** Intents still pending or sent: what a killed run left open, oldest first. */
  pendingIntents(): Intent[];
  /** Xero refused a request sent under this key: it is never sent again. */
  markKeyRefused(key: string): void;
  /** Whether Xero refused a request sent under this key. */
  keyRefused(key: string): boolean;

  // ---- credit note allocations (journal-allocations.ts) ----------------------------------------------------------
  /** Allocations (planned or confirmed) from or to these transactions. */
  allocationRecords(transactionIds: readonly string[]): AllocationRecord[];
  /** Invoice transactions of each booking, in CourseCo's order. */
  bookingInvoiceIds(bookingIds: readonly string[]): Map<string, string[]>;
  /** A run claims a credit: its allocations still to make become exactly these (the credit stays ready until done). */
  expectAllocations(creditTransactionId: string, planned: readonly PlannedAllocation[]): void;
  /** Xero holds this allocation (its answer, or a read found it). */
  recordAllocation(allocation: AllocationRecord & { xeroAllocationId: string }): void;

  // ---- sending again what Xero lost (journal-resend.ts) ----------------------------------------------------------
  /** A payment Xero no longer holds goes again with the next sync, under a new Idempotency-Key. */
  resendPayment(paymentId: string): ActionResult;
  /** A document voided, deleted or lost in Xero goes again as a new one (its number left to Xero); null: a never-sent failed one is retried. */
  resendDocument(transactionId: string, xeroId: string | null): ActionResult;

  // ---- saved column mappings (journal-mappings.ts) ---------------------------------------------------------------
  /** Remembers how an export with these columns maps onto CourseCo's fields. */
  saveMapping(columns: readonly string[], kind: ExportKind, mapping: Record<string, string>): void;
  /** The mapping saved for an export with these columns, if any. */
  savedMapping(columns: readonly string[]): SavedMapping | undefined;

  // ---- reconciliation: Xero read back (journal-reconcile.ts) -----------------------------------------------------
  /** A document as Xero answered our write (or as found and linked): its baseline, and its current state as of now. */
  recordBaseline(transactionId: string, snapshot: XeroDocumentSnapshot, origin: DocumentOrigin): void;
  /** Many baselines in one journal transaction (a batch answer's documents). */
  recordBaselines(baselines: ReadonlyArray<{ transactionId: string; snapshot: XeroDocumentSnapshot; origin: DocumentOrigin }>): void;
  /** Stores documents as just read (current); one the journal holds by id is tied to its transaction. Returns how many. */
  cacheDocuments(snapshots: readonly XeroDocumentSnapshot[], options?: { originOf?: (snapshot: XeroDocumentSnapshot) => DocumentOrigin }): number;
  /** These documents were asked for and Xero does not have them (current = null; tied to the transaction holding them). */
  markNotFound(documents: ReadonlyArray<{ xeroId: string; kind: XeroDocumentKind }>): void;
  /** Cached documents by Xero id, by the transactions holding them, by their own date, or unlinked ones (filters AND). */
  cachedDocuments(query?: CachedDocumentQuery): CachedDocument[];
  /** A reconciliation mark (watermarks, the date the cache is complete from), or undefined. */
  mark(name: string): string | undefined;
  /** Sets a reconciliation mark. */
  setMark(name: string, value: string): void;
  /** The user accepts Xero's version of this drift item (by its key). */
  acceptDrift(key: string): void;
  /** Keys of the drift items the user accepted. */
  acceptedDrift(): Set<string>;
  /** Keeps the last reconciliation report (and its range). */
  saveLastReport(report: ReconcileReport): void;
  /** The last reconciliation report, or null before the first. */
  lastReport(): ReconcileReport | null;
  /** Links a document found in Xero to its transaction (which had none): synced, never sent again, payments linked. */
  linkDocument(link: DocumentLink): boolean;
}

/** The parts of the journal each factory writes. */
export type JournalImporter = Pick<Journal, 'importTransactions' | 'importPayments'>;
export type JournalQueries = Pick<Journal, 'list' | 'counts' | 'get' | 'has' | 'entries' | 'paymentOwners'>;
export type JournalActions = Pick<
  Journal,
  'exclude' | 'include' | 'markRetry' | 'approveChange' | 'markInFlight' | 'recordDocument' | 'recordContact' | 'recordPaymentSynced' | 'settle' | 'recordFailure' | 'releaseInFlight' | 'inFlight'
>;
export type JournalRuns = Pick<
  Journal,
  'startRun' | 'finishRun' | 'listRuns' | 'markInterruptedRuns' | 'recordIntent' | 'markIntentSent' | 'markIntentResolved' | 'pendingIntents' | 'markKeyRefused' | 'keyRefused'
>;
export type JournalMappings = Pick<Journal, 'saveMapping' | 'savedMapping'>;
export type JournalAllocations = Pick<Journal, 'allocationRecords' | 'bookingInvoiceIds' | 'expectAllocations' | 'recordAllocation'>;
export type JournalReconcile = Pick<
  Journal,
  'recordBaseline' | 'recordBaselines' | 'cacheDocuments' | 'markNotFound' | 'cachedDocuments' | 'mark' | 'setMark' | 'acceptDrift' | 'acceptedDrift' | 'saveLastReport' | 'lastReport' | 'linkDocument'
>;

/** Opens (creating and migrating as needed) the journal in a profile's data dir. */
export function openJournal(dataDir: string, deps: JournalDeps = {}): Journal {
  mkdirSync(dataDir, { recursive: true });
  return openJournalFile(path.join(dataDir, JOURNAL_FILE), deps);
}

/**
 * Opens a journal file, or `:memory:` for tests. A damaged file is refused before anything is written to it: the
 * integrity check and everything before it only read.
 */
export function openJournalFile(file: string, deps: JournalDeps = {}): Journal {
  const policy: BusyPolicy = { ...DEFAULT_BUSY_POLICY, ...deps.busy };
  // Opened again from the start when busy: another process is creating or migrating the journal this instant.
  return retryBusy(file, policy, () => {
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(policy.busyTimeoutMs))}`);
      for (const pragma of deps.pragmas ?? []) db.pragma(pragma);
      checkIntact(db, file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      return buildJournal(db, file, deps.clock ?? systemClock, policy, deps.importChunk);
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/**
 * SQLite's structural check, before anything is written: a file cut short or scrambled past its first page opens
 * without complaint and fails only later, mid-import or mid-sync. It reads the whole file (about 250 ms for a journal
 * of 100,000 rows, a few milliseconds for a typical one), once per process.
 */
function checkIntact(db: Database.Database, file: string): void {
  const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw journalDamaged(file, new Error(problems.slice(0, 3).join('; ')));
}

/** Every function of the journal, waiting out a busy journal and saying what went wrong in words. */
function guarded<T extends object>(db: Database.Database, file: string, policy: BusyPolicy, methods: T): T {
  const inTransaction = () => db.inTransaction;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    out[name] = typeof value === 'function' ? (...args: unknown[]) => retryBusy(file, policy, () => (value as (...a: unknown[]) => unknown)(...args), inTransaction) : value;
  }
  return out as T;
}

/** Calls that write in several transactions of their own (the importer's chunks): translated, not retried whole. */
function translated<T extends object>(file: string, methods: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    out[name] = (...args: unknown[]) => {
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        throw translate(error, file);
      }
    };
  }
  return out as T;
}

function buildJournal(db: Database.Database, file: string, clock: Clock, policy: BusyPolicy, importChunk: number | undefined): Journal {
  const now = () => new Date(clock.now()).toISOString();
  const schema = migrate(db, now);
  const chunk = <T>(body: () => T): T => retryBusy(file, policy, () => writeTransaction(db, body), () => db.inTransaction);
  return {
    path: file,
    schemaVersion: () => schema.to,
    migrated: schema,
    ...translated(file, createJournalImporter(db, now, chunk, importChunk)),
    ...guarded(db, file, policy, {
      ...createJournalQueries(db),
      ...createJournalActions(db, now),
      ...createJournalRuns(db, clock),
      ...createJournalMappings(db, now),
      ...createJournalAllocations(db, now),
      ...createJournalReconcile(db, now),
      ...createJournalResend(db, now),
    }),
    close: () => db.close(),
  };
}
