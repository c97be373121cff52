/**
 * The importer's one entry point: bytes of a CourseCo report export → transactions or payments, every bad row
 * reported, nothing half-imported. Pure: no file system, no journal; the caller decides what to keep.
 */
import { DomainError } from '../errors';
import { detectKind, fieldNames, missingFields, normaliseHeader, resolveColumns, type ColumnMap, type PaymentField, type TransactionField } from './columns';
import { readRecords, type Delimiter } from './csv-records';
import { decodeExport, type DetectedEncoding } from './decode';
import { readPayments } from './payment-rows';
import { readTransactions } from './transaction-rows';
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
}

export interface ParsedExport {
  /** `needs-mapping`: required fields were not found; nothing was read, see `needsMapping`. */
  kind: ExportKind | 'needs-mapping';
  exportKind: ExportKind;
  transactions: CourseCoTransaction[];
  payments: CourseCoPayment[];
  errors: ImportRowError[];
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
}

/** How far down a report title block may push the header row. */
const HEADER_SEARCH_ROWS = 20;

export function parseCourseCoExport(bytes: Uint8Array, options: ImportOptions = {}): ParsedExport {
  const { text, encoding } = decodeExport(bytes);
  const { delimiter, records, problems } = readRecords(text);
  const headerIndex = findHeaderIndex(records, options);
  if (headerIndex < 0) {
    throw new DomainError('EmptyExport', {
      message: 'The file has no header row: it is empty or not a CSV export.',
      fix: 'Download the report from CourseCo again as CSV and import that file.',
    });
  }
  const columns = records[headerIndex]!.map((h) => h.trim());
  const exportKind = options.kind ?? detectKind(columns);
  const map = resolveColumns(exportKind, columns, options.mapping);
  const mapping = Object.fromEntries(Object.entries(map).map(([field, index]) => [field, columns[index!]!]));
  const base = { exportKind, columns, mapping, encoding, delimiter, headerRow: headerIndex + 1, transactions: [], payments: [], skipped: [] };

  const missing = missingFields(exportKind, map);
  if (missing.length > 0) {
    return { ...base, kind: 'needs-mapping', errors: [], needsMapping: { missing, fields: fieldNames(exportKind) } };
  }

  // Semicolon-delimited files come from comma-decimal locales: "1.234" there is a thousand, not one and a bit.
  const rowOptions = { dateOrder: options.dateOrder ?? 'dmy', decimalComma: delimiter === ';' };
  const problemErrors: ImportRowError[] = problems.map((p) => ({ row: p.row, column: '', reason: p.reason }));
  if (exportKind === 'transactions') {
    const read = readTransactions(columns, records, headerIndex + 1, map as ColumnMap<TransactionField>, {
      ...rowOptions,
      amountsIncludeTax: options.amountsIncludeTax ?? false,
    });
    return { ...base, kind: exportKind, transactions: read.transactions, skipped: read.skipped, errors: merge(problemErrors, read.errors) };
  }
  const read = readPayments(columns, records, headerIndex + 1, map as ColumnMap<PaymentField>, rowOptions);
  return { ...base, kind: exportKind, payments: read.payments, skipped: read.skipped, errors: merge(problemErrors, read.errors) };
}

/**
 * The header is the first row that names a transaction id (or every explicitly mapped column); failing that, the
 * first non-blank row, so an unknown layout still reaches the mapping step with its real column names.
 */
function findHeaderIndex(records: readonly string[][], options: ImportOptions): number {
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  const wanted = Object.values(options.mapping ?? {}).map(normaliseHeader);
  for (let i = 0; i < limit; i++) {
    const cells = records[i]!.map(normaliseHeader);
    if (wanted.length > 0 ? wanted.every((w) => cells.includes(w)) : looksLikeHeader(cells)) return i;
  }
  return records.findIndex((record) => record.some((cell) => cell.trim() !== ''));
}

function looksLikeHeader(cells: string[]): boolean {
  const ids = ['transactionid', 'txid', 'txnid', 'transid', 'transactionno', 'transactionnumber'];
  return cells.some((c) => ids.includes(c));
}

function merge(a: ImportRowError[], b: ImportRowError[]): ImportRowError[] {
  return a.length === 0 ? b : [...a, ...b].sort((x, y) => x.row - y.row);
}
