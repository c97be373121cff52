/**
 * The ledger of one run: what it claimed, what failed and why, what it skipped, the Xero ids it has learned, how
 * many documents it linked instead of sending, and how it ended. Every phase writes here; the summary is read from
 * it at the end. A failure is written to the journal (and the progress) the moment it is known, so a crash after it
 * cannot lose the reason.
 */
import type { Journal, JournalEntry, TransactionStatus } from '../journal';
import type { BoundIds, PlannedDocument } from '../plan';
import type { DailyLimitReached } from './engine-calls';
import { adviseFailure } from './failure-advice';
import type { RunStop } from '../../../contract/features/sync';
import type { ProgressTracker } from './engine-progress';
import type { SyncFailure, SyncOutcome, SyncSummary } from './engine-types';
import type { FoundDocument } from './xero-gateway';

export interface LinkedInvoice {
  doc: FoundDocument;
  /** Sent by CourseCo's own Xero 2 push (no Reference of ours): its payments match ours by amount and date. */
  byCourseCo: boolean;
}

export class RunLedger {
  readonly failures: SyncFailure[] = [];
  private readonly failureOf = new Map<string, SyncFailure>();
  /** Failed transactions and their reasons so far (several joined with ·). */
  private readonly failedTx = new Map<string, string>();
  /** Xero's own words for each failed transaction, all of them (the advice reads them with the reasons). */
  private readonly failedDetails = new Map<string, string[]>();
  readonly skippedReasons: SyncFailure[];
  /** Transactions this run holds in flight. */
  readonly claimed = new Set<string>();
  /** Documents found already in Xero and linked instead of sent. */
  linked = 0;
  outcome: SyncOutcome = 'completed';
  /** Why the run stopped early, in words. */
  message: string | undefined;
  /** Why the run stopped early and what to do (failure-advice.ts). */
  stop: RunStop | undefined;
  /** Set when the run stopped at Xero's daily limit. */
  dayStop: DailyLimitReached | undefined;
  /** The run record was closed already (the run failed before it had a plan). */
  closed = false;

  /** Xero ids learned in this run: new contacts by our ContactNumber, invoices by transaction. */
  readonly contactIds = new Map<string, string>();
  readonly invoiceIds = new Map<string, string>();
  /** Invoices that were already in Xero (a taken number that was ours or CourseCo's own push). */
  readonly linkedInvoices = new Map<string, LinkedInvoice>();
  /** Documents still to send per transaction: it counts as synced in the progress once its last one is in Xero. */
  private readonly outstanding = new Map<string, number>();
  private readonly entryOf: Map<string, JournalEntry>;
  /** Transactions asked for, known to the journal or not. */
  readonly requested: number;

  constructor(
    private readonly journal: Journal,
    private readonly progress: ProgressTracker,
    readonly runId: number,
    /** The journal entries the run was asked to send (ids the journal does not know are skipped). */
    readonly entries: readonly JournalEntry[],
    unknown: readonly string[],
  ) {
    this.entryOf = new Map(entries.map((e) => [e.transaction.transactionId, e]));
    this.requested = entries.length + unknown.length;
    this.skippedReasons = unknown.map((transactionId) => ({ transactionId, reason: 'it is not in the journal: import it first' }));
  }

  /** A transaction fails (its reasons add up): recorded in the journal and counted once. */
  fail(transactionId: string, reason: string, details: readonly string[] = [], paymentId?: string): void {
    const previous = this.failedTx.get(transactionId);
    const combined = previous ? `${previous} · ${reason}` : reason;
    this.failedTx.set(transactionId, combined);
    const allDetails = [...(this.failedDetails.get(transactionId) ?? []), ...details];
    this.failedDetails.set(transactionId, allDetails);
    this.journal.recordFailure(transactionId, { message: combined, validationErrors: [...details] }, paymentId);
    const advice = adviseFailure({ message: combined, validationErrors: allDetails });
    const listed = this.failureOf.get(transactionId);
    if (listed) {
      listed.reason = combined;
      listed.advice = advice;
    } else {
      const failure: SyncFailure = { transactionId, reason: combined, advice };
      this.failures.push(failure);
      this.failureOf.set(transactionId, failure);
      this.progress.failed++;
    }
  }

  hasFailed(transactionId: string): boolean {
    return this.failedTx.has(transactionId);
  }

  /** Claimed by this run and not failed: its documents are still to be sent. */
  live(transactionId: string): boolean {
    return this.claimed.has(transactionId) && !this.failedTx.has(transactionId);
  }

  skip(transactionId: string, reason: string): void {
    this.skippedReasons.push({ transactionId, reason });
  }

  /** The documents each transaction waits for, before any is sent. */
  expect(docs: ReadonlyArray<PlannedDocument<unknown>>): void {
    for (const d of docs) this.outstanding.set(d.transactionIds[0]!, (this.outstanding.get(d.transactionIds[0]!) ?? 0) + 1);
  }

  /** One of a transaction's documents is in Xero. */
  documentDone(transactionId: string): void {
    const left = (this.outstanding.get(transactionId) ?? 1) - 1;
    this.outstanding.set(transactionId, left);
    if (left === 0 && this.live(transactionId)) this.progress.synced++;
  }

  /** Xero ids for the planner's placeholders: learned in this run, or already in the journal. */
  readonly ids: BoundIds = {
    contactIdByRef: (ref: string) => this.contactIds.get(ref),
    invoiceIdByTransaction: (tx: string) => this.invoiceIds.get(tx) ?? this.entryOf.get(tx)?.xero.invoiceId ?? undefined,
  };

  /** The contact a document goes to: created in this run, or already in Xero. */
  contactIdOf(doc: PlannedDocument<unknown>): string | undefined {
    return doc.needs?.contactRef ? this.contactIds.get(doc.needs.contactRef) : ((doc.payload as { Contact?: { ContactID?: string } }).Contact?.ContactID ?? undefined);
  }

  /** Why a claimed transaction the run did not finish was left, given the status the journal settled it in. */
  unfinishedReason(status: TransactionStatus | undefined): string {
    if (this.outcome === 'cancelled') return 'the sync was cancelled before it was finished';
    if (this.dayStop) return "Xero's daily limit ran out before it was sent; it stays ready";
    if (this.outcome === 'failed') return 'the sync stopped before it was finished';
    return status === 'changed' ? 'changed in CourseCo during the sync' : 'part of it waits (see its warnings)';
  }

  summary(synced: number, calls: number, durationMs: number): SyncSummary {
    const { dayStop, message, stop } = this;
    return {
      runId: this.runId,
      outcome: this.outcome,
      ...(message ? { message } : {}),
      synced,
      failed: this.failures.length,
      skipped: this.skippedReasons.length,
      calls,
      durationMs,
      failures: this.failures,
      skippedReasons: this.skippedReasons,
      linked: this.linked,
      ...(stop ? { stop } : {}),
      ...(dayStop ? { dailyLimit: { continueAt: new Date(dayStop.resumeAt).toISOString(), waitSeconds: dayStop.waitSeconds, continuesByItself: false } } : {}),
    };
  }
}
