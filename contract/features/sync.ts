/**
 * Contract entries of the sync feature, merged into `channels` / `events` by contract.ts.
 *
 * - `sync.preview`: exactly what would be sent for up to 100 transactions (payloads per document, plan errors).
 * - `sync.run`: runs a sync (one per profile at a time) and resolves when it ends; meanwhile `sync.progress` events,
 *   and `sync.finished` with the same summary at the end.
 * - `sync.pause` / `sync.resume` / `sync.cancel`: requests in flight always finish and are recorded.
 * - `sync.state`, `sync.runs`: idle/running/paused with the last progress; the run history.
 */
import { z } from 'zod';
import { FailureAdvice, FailurePlace } from './transactions';

const Empty = z.object({}).strict();
const Count = z.number().int().nonnegative();
const TransactionId = z.string().trim().min(1).max(200);

export const SyncPhase = z.enum(['preparing', 'reconciling', 'contacts', 'invoices', 'payments', 'credit-notes', 'finishing']);

export const SyncProgress = z.object({
  runId: z.number().int().positive(),
  phase: SyncPhase,
  /** Xero documents (contacts, invoices, payments, credit notes) answered so far / planned for this run. */
  done: Count,
  total: Count,
  /** Transactions settled as synced / failed so far. */
  synced: Count,
  failed: Count,
  /** Accounting API calls made so far. */
  calls: Count,
  rateLimit: z.object({
    minuteRemaining: Count.optional(),
    dayRemaining: Count.optional(),
    /** Seconds until the next call may start, while calls wait on a Xero limit. */
    waitingSeconds: Count.optional(),
  }),
  etaSeconds: Count.optional(),
  paused: z.boolean().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncFailure = z.object({
  transactionId: z.string(),
  reason: z.string(),
  /** For a failure (not a skip): its fix, whether Retry can help and where the fix is made. */
  advice: FailureAdvice.optional(),
});

/** Why a whole run stopped early, with what to do: `temporary` runs may simply be run again. */
export const RunStop = z.object({
  kind: z.string(),
  reason: z.string(),
  fix: z.string(),
  temporary: z.boolean(),
  leadsTo: FailurePlace.nullable(),
});
export type RunStop = z.infer<typeof RunStop>;

/** Whether this profile can sync at all yet: what is missing, in plain words, and where it is done. */
export const SyncReadiness = z.object({
  ready: z.boolean(),
  missing: z.array(z.enum(['credentials', 'connection', 'organisation', 'accounts'])),
  reason: z.string().optional(),
  fix: z.string().optional(),
  /** For a screen: a short lead ("Finish Setup before sending to Xero.") and what is left to do, one short item each. */
  lead: z.string().optional(),
  todo: z.array(z.string()).optional(),
});
export type SyncReadiness = z.infer<typeof SyncReadiness>;

export const SyncRunSummary = z.object({
  runId: z.number().int().positive(),
  /** completed; cancelled (by the user); failed (stopped early: `message` says why; resumable). */
  outcome: z.enum(['completed', 'cancelled', 'failed']),
  message: z.string().optional(),
  synced: Count,
  failed: Count,
  skipped: Count,
  calls: Count,
  durationMs: Count,
  failures: z.array(SyncFailure),
  /** Why each skipped transaction was not sent. */
  skippedReasons: z.array(SyncFailure),
  /** Documents found already in Xero (an interrupted run, CourseCo's own push) and linked instead of sent again. */
  linked: Count,
  /** Stopped at Xero's daily limit (outcome `failed`): when it can go on, and whether it does so by itself. */
  dailyLimit: z.object({ continueAt: z.string(), waitSeconds: Count, continuesByItself: z.boolean() }).optional(),
  /** Why the run stopped early (outcome `failed`), with what to do. */
  stop: RunStop.optional(),
});
export type SyncRunSummary = z.infer<typeof SyncRunSummary>;

export const SyncRunRecord = z.object({
  id: z.number().int().positive(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  actor: z.string(),
  host: z.string(),
  outcome: z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']),
  requested: Count,
  synced: Count,
  failed: Count,
  skipped: Count,
  calls: Count,
  durationMs: Count.nullable(),
  message: z.string().nullable(),
});
export type SyncRunRecord = z.infer<typeof SyncRunRecord>;

export const SyncStateView = z.object({
  state: z.enum(['idle', 'running', 'paused', 'cancelling']),
  runId: z.number().int().positive().optional(),
  progress: SyncProgress.optional(),
  lastRun: SyncRunRecord.optional(),
  /** Stopped at Xero's daily limit; goes on by itself at this time (ISO). */
  continuesAt: z.string().optional(),
});
export type SyncStateView = z.infer<typeof SyncStateView>;

export const PreviewDocument = z.object({
  kind: z.enum(['contact', 'invoice', 'credit-note', 'payment', 'allocation', 'refund']),
  operation: z.enum(['create', 'update']),
  key: z.string(),
  idempotencyKey: z.string(),
  request: z.object({ method: z.enum(['PUT', 'POST']), path: z.string(), query: z.string() }),
  /** The document in Xero's JSON, exactly as it is sent (bar the ids named in bindsAtSend). */
  payload: z.record(z.string(), z.unknown()),
  bindsAtSend: z.array(z.string()),
  /** A payment that goes to Xero inside a batch payment (a deposit): the deposit's date, amount and size. */
  deposit: z.object({ reference: z.string(), date: z.string(), total: z.string(), payments: Count }).optional(),
});

const Totals = z.object({ subTotal: z.string(), totalTax: z.string(), total: z.string() });

export const PreviewTransaction = z.object({
  transactionId: z.string(),
  kind: z.enum(['invoice', 'credit']),
  outcome: z.enum(['planned', 'error', 'skipped', 'nothing-to-send']),
  /** Why nothing of it would be sent (outcome `error`). */
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  reason: z.string().optional(),
  contact: z.object({ ref: z.string(), match: z.enum(['journal', 'contact-number', 'name', 'create']), contactId: z.string().optional(), name: z.string() }),
  totals: Totals,
  courseCo: z.object({ total: z.string().nullable(), tax: z.string().nullable() }),
  documents: z.array(PreviewDocument),
  /** A document of it is dated on or before Xero's lock date: held, or dated on the first open day (setting sync.lockedPeriod). */
  lockedPeriod: z
    .object({ lockDate: z.string(), which: z.enum(['period', 'end-of-year']), firstOpenDay: z.string(), action: z.enum(['held', 'first-open-day']) })
    .optional(),
  /** With rules per course: the rule each line followed, in line order ("default"; null: Setup's account and VAT). */
  lineRules: z.array(z.string().max(80).nullable()).optional(),
});
export type PreviewTransaction = z.infer<typeof PreviewTransaction>;

/** Accounts labelled as Xero lists them ("200 Sales"), keyed by Code and by AccountID; tax rates' names by TaxType. */
export const PreviewNames = z.object({ accounts: z.record(z.string(), z.string()), taxRates: z.record(z.string(), z.string()) });
export type PreviewNames = z.infer<typeof PreviewNames>;

export const PlanSummary = z.object({
  transactions: Count,
  planned: Count,
  errors: Count,
  skipped: Count,
  nothingToSend: Count,
  contactsMatched: Count,
  contactsToCreate: Count,
  invoices: Count,
  creditNotes: Count,
  payments: Count,
  /** Batch payments (deposits) and the payments in them, when deposits are on. */
  deposits: Count.optional(),
  depositPayments: Count.optional(),
  /** Credit notes allocated to invoices, and refunds paid out of credit notes (absent when none). */
  allocations: Count.optional(),
  refunds: Count.optional(),
  minimumCalls: Count,
  /** What holds back or changes many transactions at once (a currency the organisation cannot take, a lock date). */
  notices: z.array(z.string()).optional(),
});

/** What a sync needs against what Xero's daily limit leaves today (from Xero's headers), in plain words. */
export const DailyQuota = z.object({
  callsNeeded: Count,
  dayRemaining: Count.optional(),
  resetsAt: z.string().optional(),
  fitsToday: z.boolean().optional(),
  percentNow: z.number().min(0).max(100).optional(),
  message: z.string(),
});

export const syncChannels = {
  'sync.preview': {
    args: z.object({ transactionIds: z.array(TransactionId).min(1).max(100) }).strict(),
    result: z.object({
      transactions: z.array(PreviewTransaction),
      unknownIds: z.array(z.string()),
      summary: PlanSummary,
      quota: DailyQuota.optional(),
      /** The organisation's names of the accounts and tax rates the documents use, so a screen says them in words. */
      names: PreviewNames.optional(),
    }),
  },
  'sync.run': {
    args: z
      .object({ transactionIds: z.array(TransactionId).min(1).max(100_000).optional(), all: z.boolean().optional() })
      .strict()
      .refine((a) => (a.all === true) !== (a.transactionIds !== undefined), { message: 'Give either transactionIds or all: true.' }),
    result: SyncRunSummary,
  },
  'sync.cancel': { args: Empty, result: z.object({ cancelled: z.boolean() }) },
  'sync.pause': { args: Empty, result: SyncStateView },
  'sync.resume': { args: Empty, result: SyncStateView },
  'sync.state': { args: Empty, result: SyncStateView },
  /** Whether the profile is set up enough to sync (credentials, connection, organisation, accounts); read locally. */
  'sync.readiness': { args: Empty, result: SyncReadiness },
  'sync.runs': { args: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), result: z.object({ runs: z.array(SyncRunRecord) }) },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const syncEvents = {
  'sync.progress': SyncProgress,
  'sync.finished': SyncRunSummary,
} as const satisfies Record<string, z.ZodType>;
