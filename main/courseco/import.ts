/**
 * The importer's one entry point: bytes of a CourseCo report export → transactions or payments, every bad row
 * reported, nothing half-imported. Pure: no file system, no journal; the caller decides what to keep.
 */
import { DomainError } from '../errors';
import type { AmountsQuestion } from './amount-readings';
import { hasControlCharacters, removeControlCharacters, type CleanedCell } from './control-characters';
import { detectKind, fieldNames, missingFields, normaliseHeader, resolveColumns, type ColumnMap, type PaymentField, type TransactionField } from './columns';
import { detectDelimiter, streamRecords, type Delimiter } from './csv-records';
import { decodeExport, type DetectedEncoding } from './decode';
import { emailProblem } from './email-address';
import { collectPayments } from './payment-rows';
import { cleanId, type RowCollector } from './row-reader';
import { collectTransactions, type CollectedTransactions } from './transaction-rows';
import type { CourseCoPayment, CourseCoTransaction, ExportKind, ImportRowError, SkippedRow } from './types';
import type { DateOrder } from './values';

export interface ImportOptions {
  /** Default: detected from the header. */
  kind?: ExportKind;
  /** field → column header, for layouts the synonyms do not recognise (saved per profile by the caller). */
  mapping?: Record<string, string>;
  /** A file setting: CourseCo can export prices with or without VAT. Default false (exclusive). */
  amountsIncludeTax?: boolean;
  /** Default 'dmy' (CourseCo's default d/m/Y). */
  dateOrder?: DateOrder;
  /** The user's answer to `amountsQuestion`: a reading id (amount-readings.ts). */
  amounts?: string;
  /** The profile's default VAT rate in percent: only shown in the question's samples, as what Xero would compute. */
  defaultTaxRate?: string;
}

export interface ParsedExport {
  /** `needs-mapping`: required fields were not found; no row was read, see `needsMapping`. */
  kind: ExportKind | 'needs-mapping';
  exportKind: ExportKind;
  transactions: CourseCoTransaction[];
  payments: CourseCoPayment[];
  errors: ImportRowError[];
  /** Imported, but changed on the way in: cells whose control characters were removed. */
  warnings: ImportRowError[];
  skipped: SkippedRow[];
  /** The file's column headers, in order. */
  columns: string[];
  /** field → column header actually used. */
  mapping: Record<string, string>;
  needsMapping?: { missing: string[]; fields: string[] };
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  /** Spreadsheet row of the header (1 unless the report starts with title lines). */
  headerRow: number;
  /** How the file's several amount columns were read, in plain words (only for files that have several). */
  amounts?: { reading: string; label: string; chosenByUser: boolean; note: string };
  /** The amount columns fit no reading, or several that charge differently: nothing was imported; ask, then pass `amounts`. */
  amountsQuestion?: AmountsQuestion;
}

/** How far down a report's title block may push the header row. */
const HEADER_SEARCH_ROWS = 20;

type EarlyRecord = { record: string[]; row: number; cleaned: CleanedCell[] };
type Collected = { transactions?: CourseCoTransaction[]; payments?: CourseCoPayment[]; errors: ImportRowError[]; skipped: SkippedRow[] } & Pick<CollectedTransactions, 'amounts' | 'amountsQuestion'>;

export function parseCourseCoExport(bytes: Uint8Array, options: ImportOptions = {}): ParsedExport {
  const { text, encoding } = decodeExport(bytes);
  const delimiter = detectDelimiter(text);
  const wanted = Object.values(options.mapping ?? {}).map(normaliseHeader);

  // Records before the header is known are buffered (at most HEADER_SEARCH_ROWS); after that they stream through.
  const early: EarlyRecord[] = [];
  let header: { columns: string[]; row: number } | undefined;
  let collector: RowCollector<Collected> | undefined;
  let setup: Omit<ParsedExport, 'transactions' | 'payments' | 'errors' | 'warnings' | 'skipped' | 'kind'> | undefined;
  let missing: string[] = [];
  const warnings: ImportRowError[] = [];
  const cleaningErrors: ImportRowError[] = [];
  /** Column index → header, for the columns the import reads; and the Transaction ID's column. */
  let importedColumns = new Map<number, string>();
  let idIndex: number | undefined;

  const feed = (record: string[], row: number, cleaned: CleanedCell[]) => {
    if (!collector) return;
    if (cleaned.length > 0 && !reportCleaned(record, row, cleaned)) return;
    collector.add(record, row);
  };

  // Said per cell, with the transaction, so the user can correct the record in CourseCo. An id that was nothing but
  // control characters identifies nothing: that row is an error.
  const reportCleaned = (record: string[], row: number, cleaned: CleanedCell[]): boolean => {
    const transactionId = idIndex === undefined ? '' : cleanId((record[idIndex] ?? '').trim());
    const idCell = cleaned.find((c) => c.index === idIndex);
    if (idCell && transactionId === '') {
      const column = importedColumns.get(idCell.index)!;
      cleaningErrors.push({ row, column, reason: `is empty once its control characters are removed (${idCell.removed.join(', ')}): every row needs the CourseCo Transaction ID` });
      return false;
    }
    for (const { index, removed } of cleaned) {
      const column = importedColumns.get(index);
      if (column === undefined) continue;
      const value = record[index]!.trim();
      warnings.push({
        row,
        column,
        reason: `had invisible control characters (${removed.join(', ')}), which were removed: imported as ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`,
        transactionId,
      });
    }
    return true;
  };

  const start = (columns: string[], row: number, rest: EarlyRecord[]) => {
    header = { columns, row };
    const exportKind = options.kind ?? detectKind(columns);
    const map = resolveColumns(exportKind, columns, options.mapping);
    const mapping = Object.fromEntries(Object.entries(map).map(([field, index]) => [field, columns[index!]!]));
    setup = { exportKind, columns, mapping, encoding, delimiter, headerRow: row };
    missing = missingFields(exportKind, map);
    if (missing.length > 0) return;
    importedColumns = new Map(Object.values(map).map((index) => [index!, columns[index!]!]));
    idIndex = map.transactionId;
    // Semicolon-delimited files come from comma-decimal locales: "1.234" there is a thousand, not one and a bit.
    const rowOptions = { dateOrder: options.dateOrder ?? 'dmy', decimalComma: delimiter === ';' };
    collector =
      exportKind === 'transactions'
        ? collectTransactions(columns, map as ColumnMap<TransactionField>, {
            ...rowOptions,
            amountsIncludeTax: options.amountsIncludeTax ?? false,
            ...(options.amounts !== undefined ? { amountsReading: options.amounts } : {}),
            ...(options.defaultTaxRate !== undefined ? { defaultTaxRate: options.defaultTaxRate } : {}),
          })
        : collectPayments(columns, map as ColumnMap<PaymentField>, rowOptions);
    for (const item of rest) feed(item.record, item.row, item.cleaned);
  };

  const clean = hasControlCharacters(text) ? removeControlCharacters : () => [];
  const problems = streamRecords(text, delimiter, (record, row) => {
    const cleaned = clean(record);
    if (header) {
      feed(record, row, cleaned);
      return;
    }
    early.push({ record, row, cleaned });
    const cells = record.map(normaliseHeader);
    const isHeader = wanted.length > 0 ? wanted.every((w) => cells.includes(w)) : looksLikeHeader(cells);
    if (isHeader) start(record.map((h) => h.trim()), row, []);
    else if (early.length >= HEADER_SEARCH_ROWS) startWithFirstNonBlank();
  });

  // No row named a transaction id: the first non-blank row is the header, so an unknown layout still reaches the
  // mapping step with its real column names.
  function startWithFirstNonBlank() {
    const index = early.findIndex((e) => e.record.some((cell) => cell.trim() !== ''));
    if (index < 0) return;
    start(early[index]!.record.map((h) => h.trim()), early[index]!.row, early.slice(index + 1));
  }
  if (!header) startWithFirstNonBlank();
  if (!header || !setup) {
    throw new DomainError('EmptyExport', {
      message: 'The file has no header row: it is empty or not a CSV export.',
      fix: 'Download the report from CourseCo again as CSV and import that file.',
    });
  }
  if (missing.length > 0 || !collector) {
    return { ...setup, kind: 'needs-mapping', transactions: [], payments: [], errors: [], warnings: [], skipped: [], needsMapping: { missing, fields: fieldNames(setup.exportKind) } };
  }
  const collected = collector.finish();
  if (collected.transactions) warnings.push(...dropBadEmails(collected.transactions, setup.mapping.email));
  // A CSV-structure problem (an unclosed quote, a ragged row) belongs to the row, not to one column.
  const problemErrors: ImportRowError[] = problems.map((p) => ({ row: p.row, column: '(whole row)', reason: p.reason }));
  const ownErrors = [...problemErrors, ...cleaningErrors];
  const errors = ownErrors.length === 0 ? collected.errors : [...ownErrors, ...collected.errors].sort((x, y) => x.row - y.row);
  return {
    ...setup,
    kind: setup.exportKind,
    transactions: collected.transactions ?? [],
    payments: collected.payments ?? [],
    errors,
    warnings,
    skipped: collected.skipped,
    ...(collected.amounts
      ? { amounts: { reading: collected.amounts.reading.id, label: collected.amounts.reading.label, chosenByUser: collected.amounts.chosenByUser, note: collected.amounts.note } }
      : {}),
    ...(collected.amountsQuestion ? { amountsQuestion: collected.amountsQuestion } : {}),
  };
}

function looksLikeHeader(cells: string[]): boolean {
  const ids = ['transactionid', 'txid', 'txnid', 'transid', 'transactionno', 'transactionnumber'];
  return cells.some((c) => ids.includes(c));
}

/**
 * An e-mail Xero would refuse fails the contact and every invoice for it (email-address.ts), so it is left out here
 * with a warning naming the row and column: the transaction still syncs, without the address.
 */
function dropBadEmails(transactions: CourseCoTransaction[], column: string | undefined): ImportRowError[] {
  const warnings: ImportRowError[] = [];
  for (const tx of transactions) {
    const email = tx.contact.email;
    const problem = email === undefined ? undefined : emailProblem(email);
    if (!problem) continue;
    delete tx.contact.email;
    warnings.push({
      row: tx.lines[0]?.row ?? 0,
      column: column ?? 'email',
      reason: `"${email!.length > 60 ? `${email!.slice(0, 60)}…` : email!}" ${problem}: imported without an e-mail address (Xero would refuse the contact and every invoice for it); correct it in CourseCo and import again`,
      transactionId: tx.transactionId,
    });
  }
  return warnings;
}
