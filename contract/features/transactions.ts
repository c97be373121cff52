/**
 * Contract entries of the transactions feature (the sync console's data side), merged into `channels` / `events` by
 * contract.ts: import a CourseCo export, page through the journal, look at one transaction, and the user's
 * exclude / include / retry actions. Sending to Xero is the sync feature's (`sync.*`).
 */
import { z } from 'zod';

export const TransactionStatus = z.enum(['ready', 'excluded', 'in-flight', 'synced', 'failed', 'changed']);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

/** Largest export the console accepts, decoded (CourseCo's biggest reports are a few MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** At most this many ids per action call ("select all matching" at 100,000 rows fits). */
export const MAX_ACTION_IDS = 100_000;
export const MAX_PAGE_ROWS = 5000;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const TransactionId = z.string().trim().min(1).max(200);

/** base64 of at most MAX_IMPORT_BYTES: 4 characters per 3 bytes, checked before anything is decoded. */
const Base64File = z
  .string()
  .min(1, 'the file is empty')
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** The code of an import note: a payment kept for a transaction the journal does not hold yet (reports count these apart). */
export const PAYMENT_WAITS_FOR_TRANSACTION = 'payment-waits-for-transaction';

export const RowProblem = z.object({
  /** Line number a spreadsheet shows (header = row 1). */
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
  transactionId: z.string().optional(),
  /** The kind of finding, shared by every row it is found on (PAYMENT_WAITS_FOR_TRANSACTION, main/sync/import/import-service.ts). */
  code: z.string().max(100).optional(),
  /** The finding in words true of every row with the same code (no transaction named), for one line per finding. */
  summary: z.string().max(1000).optional(),
});
export type RowProblem = z.infer<typeof RowProblem>;

const Figure = z.string().nullable();
/** The import's question when a file's amount columns add up more than one way (or none): see main/courseco/amount-readings.ts. */
export const AmountsQuestion = z.object({
  reason: z.enum(['several-fit', 'none-fits']),
  message: z.string(),
  readings: z.array(z.object({ id: z.string(), label: z.string(), fits: z.boolean(), misfit: z.string().optional() })),
  /** A few transactions, each with every reading's before-VAT, VAT and total (null: Xero works it out at the tax rate). */
  samples: z.array(
    z.object({
      transactionId: z.string(),
      row: z.number().int(),
      figures: z.record(z.string(), z.object({ beforeVat: Figure, vat: Figure, total: Figure, fits: z.boolean() })),
    }),
  ),
});
export type AmountsQuestion = z.infer<typeof AmountsQuestion>;

export const ImportResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('imported'),
    kind: z.enum(['transactions', 'payments']),
    fileName: z.string(),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    changed: z.number().int(),
    skipped: z.number().int(),
    errors: z.array(RowProblem),
    warnings: z.array(RowProblem),
    usedSavedMapping: z.boolean(),
    /** How the file's amount columns were read, in plain words (files with several amount columns). */
    notes: z.array(z.string()).optional(),
  }),
  z.object({
    status: z.literal('needs-amounts'),
    fileName: z.string(),
    question: AmountsQuestion,
  }),
  z.object({
    status: z.literal('needs-mapping'),
    fileName: z.string(),
    /** The file's column headers, in order. */
    columns: z.array(z.string()),
    /** Required fields no column was found for. */
    missing: z.array(z.string()),
    /** Every field a column can be mapped to. */
    fields: z.array(z.string()),
    /** field → column header recognised so far. */
    mapping: z.record(z.string(), z.string()),
  }),
]);
export type ImportResult = z.infer<typeof ImportResult>;

/**
 * Every way a transaction's sync can fail, as main/sync/run/failure-advice.ts sorts them (the one place that words
 * the fix, says whether a retry can help and where the fix is made).
 */
export const FailureKind = z.enum([
  'currency',
  'locked-period',
  'rule',
  'tax-rate',
  'account',
  'payment-account',
  'contact',
  'amounts',
  'field',
  'change',
  'depends',
  'no-answer',
  'xero-other',
  'app-other',
]);
export type FailureKind = z.infer<typeof FailureKind>;

/** A failure kind in a few words, for a table cell beside the Failed badge (the drawer has the reason and the fix). */
export const FAILURE_KIND_WORDS: Readonly<Record<FailureKind, string>> = {
  currency: 'Currency Xero cannot take',
  'locked-period': 'Date in a locked period',
  rule: 'Rule to correct',
  'tax-rate': 'Tax rate to choose',
  account: 'Account to choose',
  'payment-account': 'Payment account to choose',
  contact: 'Contact to sort out',
  amounts: 'Amounts that do not add up',
  field: 'A value Xero refuses',
  change: 'Change Xero cannot apply',
  depends: 'Waits for another document',
  'no-answer': 'Xero did not answer',
  'xero-other': 'Refused by Xero',
  'app-other': 'Held back, nothing sent',
};

/** The page where the fix is made: a rule per course, Setup's choices, or a setting. */
export const FailurePlace = z.enum(['rules', 'setup', 'settings']);
export type FailurePlace = z.infer<typeof FailurePlace>;

/** A failure with its fix: what went wrong, what to do, whether Retry can help, and where the fix is made. */
export const FailureAdvice = z.object({
  kind: FailureKind,
  /** Xero answered with a refusal (true), or the assistant stopped it before anything was sent (false). */
  fromXero: z.boolean(),
  /** The plain reason, one or more sentences. */
  reason: z.string(),
  /** "What to do", one or more sentences. */
  fix: z.string(),
  /** A retry as it is may succeed (Xero did not answer); false: the same request would fail the same way. */
  temporary: z.boolean(),
  /** Where the fix is made; null when it is made in CourseCo or in Xero itself (then Exclude is the way out here). */
  leadsTo: FailurePlace.nullable(),
});
export type FailureAdvice = z.infer<typeof FailureAdvice>;

export const TransactionRow = z.object({
  transactionId: z.string(),
  kind: z.enum(['invoice', 'credit']),
  status: TransactionStatus,
  date: z.string(),
  contactName: z.string(),
  invoiceNumber: z.string().nullable(),
  reference: z.string().nullable(),
  amount: z.string(),
  currency: z.string().nullable(),
  xeroContactId: z.string().nullable(),
  xeroInvoiceId: z.string().nullable(),
  xeroCreditNoteId: z.string().nullable(),
  xeroNumber: z.string().nullable(),
  attempts: z.number().int(),
  /** Plain words for people. */
  lastError: z.string().nullable(),
  /** Xero's ValidationErrors[].Message, verbatim. */
  lastErrorDetails: z.array(z.string()),
  /** A failed transaction's reason, fix, whether Retry can help and where the fix is made. */
  failure: FailureAdvice.optional(),
  payments: z.number().int(),
  paymentsSynced: z.number().int(),
  importedAt: z.string(),
  updatedAt: z.string(),
  syncedAt: z.string().nullable(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

export const TransactionFilter = z
  .object({
    status: z.union([TransactionStatus, z.array(TransactionStatus).max(6)]).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type TransactionFilter = z.infer<typeof TransactionFilter>;

export const StatusCounts = z.object({
  ready: z.number().int(),
  excluded: z.number().int(),
  'in-flight': z.number().int(),
  synced: z.number().int(),
  failed: z.number().int(),
  changed: z.number().int(),
  total: z.number().int(),
  orphanPayments: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const PaymentDetail = z.object({
  paymentId: z.string(),
  date: z.string(),
  amount: z.string(),
  method: z.string().optional(),
  reference: z.string().optional(),
  xeroPaymentId: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const LineDetail = z.object({
  description: z.string(),
  quantity: z.string(),
  unitAmount: z.string(),
  /** CourseCo's nominal code on the line, as imported. */
  accountCode: z.string().optional(),
  /** The Xero account the line is sent to (the planner's choice; absent while no invoice account is set). */
  xeroAccountCode: z.string().optional(),
  taxRate: z.string().optional(),
});

export const TransactionDetail = z.object({
  row: TransactionRow,
  lines: z.array(LineDetail),
  payments: z.array(PaymentDetail),
  /** Human text + Xero's raw validation messages, when the last attempt failed. */
  lastError: z.object({ message: z.string(), validationErrors: z.array(z.string()), advice: FailureAdvice.optional() }).nullable(),
  /** The invoice (or credit note) in Xero, when it is there. */
  xeroLink: z.string().nullable(),
  /** A change after sync: what differs from the version sent, and exactly which documents approving it changes in Xero. */
  change: z
    .object({
      /** False when the version sent was not kept (synced by an older version): no difference can be shown. */
      known: z.boolean(),
      differences: z.array(z.string()),
      steps: z.array(z.string()),
      /** Why it cannot be carried to Xero as planned, with the fix. */
      refusal: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** What earlier approved changes did in Xero (documents replaced, voided or credited), oldest first, in words. */
  changeHistory: z.array(z.string()).optional(),
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;

const Ids = z.object({ ids: z.array(TransactionId).min(1).max(MAX_ACTION_IDS) }).strict();
export const ActionResult = z.object({
  updated: z.array(z.string()),
  refused: z.array(z.object({ transactionId: z.string(), reason: z.string() })),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const transactionsChannels = {
  /** Imports one CourseCo report export (transactions or payments) sent as base64; bad rows are reported, good rows kept. */
  'transactions.import': {
    args: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        contentBase64: Base64File,
        kind: z.enum(['transactions', 'payments']).optional(),
        /** field → column header, for a layout the assistant does not recognise; saved for next time. */
        mapping: z.record(z.string().max(64), z.string().max(255)).optional(),
        amountsIncludeTax: z.boolean().optional(),
        dateOrder: z.enum(['dmy', 'mdy']).optional(),
        /** The answer to a `needs-amounts` result: the id of the reading the user chose. */
        amounts: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    result: ImportResult,
  },
  /** One page of the journal, newest first, keyset-paged (pass the previous page's nextCursor as `after`). */
  'transactions.list': {
    args: TransactionFilter.extend({
      limit: z.number().int().min(1).max(MAX_PAGE_ROWS).optional(),
      after: z.string().max(500).optional(),
    }).strict(),
    result: z.object({ rows: z.array(TransactionRow), total: z.number().int(), nextCursor: z.string().nullable() }),
  },
  /** Every transaction id matching a filter (for "select all matching"), at most MAX_ACTION_IDS. */
  'transactions.ids': {
    args: TransactionFilter,
    result: z.object({ ids: z.array(z.string()), total: z.number().int() }),
  },
  'transactions.counts': { args: z.object({}).strict(), result: StatusCounts },
  'transactions.get': { args: z.object({ transactionId: TransactionId }).strict(), result: TransactionDetail },
  /** Keeps transactions out of Xero (refused for synced or in-flight ones). */
  'transactions.exclude': { args: Ids, result: ActionResult },
  /** Puts excluded transactions back. */
  'transactions.include': { args: Ids, result: ActionResult },
  /** failed → ready (error cleared); changed ones are refused: they need approveChange. */
  'transactions.retry': { args: Ids, result: ActionResult },
  /** changed → ready: the user approved the documents the change alters in Xero (listed in transactions.get's `change`). */
  'transactions.approveChange': { args: Ids, result: ActionResult },
  /** Imports the sample CourseCo exports shipped with the assistant ("Try with sample data"). */
  'transactions.sampleData': {
    args: z.object({}).strict(),
    result: z.object({ imports: z.array(ImportResult) }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const transactionsEvents = {
  /** The journal changed through this feature (import, exclude, include, retry). */
  'transactions.changed': z.object({ reason: z.enum(['import', 'exclude', 'include', 'retry', 'approve', 'sample-data']) }),
} as const satisfies Record<string, z.ZodType>;
