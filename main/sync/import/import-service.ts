/**
 * One import, as every host runs it (CLI `import`, the console's import button): parse the export, fall back to the
 * profile's saved column mapping for an unrecognised layout, upsert into the journal in one transaction, and
 * remember an explicit mapping that worked.
 */
import { PAYMENT_WAITS_FOR_TRANSACTION } from '../../../contract/features/transactions';
import type { AmountsQuestion } from '../../courseco/amount-readings';
import { parseCourseCoExport, type ImportOptions, type ParsedExport } from '../../courseco/import';
import type { ImportRowError } from '../../courseco/types';
import type { ImportCounts, Journal } from '../journal';

export interface ImportRequest extends ImportOptions {
  bytes: Uint8Array;
  fileName?: string;
}

export type ImportOutcome =
  | ({
      status: 'imported';
      kind: 'transactions' | 'payments';
      errors: ImportRowError[];
      /** Imported, but worth a look: cells cleaned of control characters; payments for transactions the journal does not hold (yet). */
      warnings: ImportRowError[];
      skipped: number;
      usedSavedMapping: boolean;
      /** How the file's amount columns were read, in plain words; present only for files with several. */
      notes?: string[];
    } & ImportCounts)
  | { status: 'needs-mapping'; kind: 'needs-mapping'; columns: string[]; missing: string[]; fields: string[]; mapping: Record<string, string> }
  /** Nothing imported: the amount columns can be read more than one way (or none); answer with `amounts`. */
  | { status: 'needs-amounts'; kind: 'needs-amounts'; question: AmountsQuestion; mapping: Record<string, string> };

type NeedsMapping = Extract<ImportOutcome, { status: 'needs-mapping' }>;
type NeedsAmounts = Extract<ImportOutcome, { status: 'needs-amounts' }>;

/** A parsed export, not yet written: a host that can be interrupted (the CLI) checks in between. */
export interface PreparedImport {
  status: 'prepared';
  parsed: ParsedExport & { kind: 'transactions' | 'payments' };
  fileName: string | undefined;
  mapping: Record<string, string> | undefined;
  usedSavedMapping: boolean;
}

export function importExport(journal: Journal, request: ImportRequest): ImportOutcome {
  const prepared = prepareImport(journal, request);
  return prepared.status === 'prepared' ? commitImport(journal, prepared) : prepared;
}

export function prepareImport(journal: Journal, request: ImportRequest): PreparedImport | NeedsMapping | NeedsAmounts {
  const { bytes, fileName, ...options } = request;
  let parsed: ParsedExport = parseCourseCoExport(bytes, options);
  let usedSavedMapping = false;
  if (parsed.kind === 'needs-mapping' && !options.mapping) {
    const saved = journal.savedMapping(parsed.columns);
    if (saved) {
      parsed = parseCourseCoExport(bytes, { ...options, kind: options.kind ?? saved.kind, mapping: saved.mapping });
      usedSavedMapping = true;
    }
  }
  if (parsed.kind === 'needs-mapping') {
    return {
      status: 'needs-mapping',
      kind: 'needs-mapping',
      columns: parsed.columns,
      missing: parsed.needsMapping?.missing ?? [],
      fields: parsed.needsMapping?.fields ?? [],
      mapping: parsed.mapping,
    };
  }
  if (parsed.amountsQuestion) return { status: 'needs-amounts', kind: 'needs-amounts', question: parsed.amountsQuestion, mapping: parsed.mapping };
  return { status: 'prepared', parsed: { ...parsed, kind: parsed.kind }, fileName, mapping: options.mapping, usedSavedMapping };
}

export function commitImport(journal: Journal, prepared: PreparedImport): ImportOutcome {
  const { parsed, fileName, usedSavedMapping } = prepared;
  const meta = { ...(fileName ? { fileName } : {}), errors: parsed.errors.length, skipped: parsed.skipped.length };
  const counts = parsed.kind === 'transactions' ? journal.importTransactions(parsed.transactions, meta) : journal.importPayments(parsed.payments, meta);
  if (prepared.mapping) journal.saveMapping(parsed.columns, parsed.kind, prepared.mapping);
  // Kept (the transactions export may come next), but said out loud: an orphan payment is never sent on its own.
  const transactionColumn = parsed.mapping.transactionId ?? 'transactionId';
  const orphans: ImportRowError[] = parsed.payments
    .filter((p) => !journal.has(p.transactionId))
    .map((p) => ({
      row: p.row,
      column: transactionColumn,
      reason: `transaction ${p.transactionId} has not been imported: import the transactions report (or fix its rejected rows); the payment is kept and waits until then`,
      transactionId: p.transactionId,
      code: PAYMENT_WAITS_FOR_TRANSACTION,
      summary: 'each payment waits for its transaction, which has not been imported yet: import the transactions report (or fix its rejected rows) and the payments go to Xero with their transactions',
    }));
  const warnings = parsed.warnings.length === 0 ? orphans : [...parsed.warnings, ...orphans].sort((x, y) => x.row - y.row);
  return { status: 'imported', kind: parsed.kind, ...counts, errors: parsed.errors, warnings, skipped: parsed.skipped.length, usedSavedMapping, ...(parsed.amounts ? { notes: [parsed.amounts.note] } : {}) };
}
