/**
 * Shared row plumbing for both export kinds: reading a field's cell, naming its column in error messages, and
 * recognising rows that are not data (blank rows, a report's "Total"/"Grand Total" line).
 */
import type { ColumnMap } from './columns';

export interface RowReader<F extends string> {
  /** The trimmed cell, or '' when the field has no column or the row is short. */
  cell(record: readonly string[], field: F): string;
  has(field: F): boolean;
  /** The header text of the field's column, as the user sees it in the file. */
  column(field: F): string;
}

/** Consumes records one at a time, so the importer can stream papaparse's output without holding every row. */
export interface RowCollector<T> {
  /** Feeds one record; `row` is its spreadsheet row number. */
  add(record: readonly string[], row: number): void;
  finish(): T;
}

export function createRowReader<F extends string>(headers: readonly string[], map: ColumnMap<F>): RowReader<F> {
  return {
    cell: (record, field) => {
      const index = map[field];
      return index === undefined ? '' : (record[index] ?? '').trim();
    },
    has: (field) => map[field] !== undefined,
    column: (field) => {
      const index = map[field];
      return index === undefined ? field : (headers[index] ?? field).trim();
    },
  };
}

export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

const TOTAL_LABEL = /^(grand\s*|sub\s*|overall\s*)?totals?\s*:?$/i;

/** A report's summary line: some cell says "Total" and the row has no transaction id of its own. */
export function isTotalRecord(record: readonly string[], transactionId: string): boolean {
  return (transactionId === '' || TOTAL_LABEL.test(transactionId)) && record.some((cell) => TOTAL_LABEL.test(cell.trim()));
}

/**
 * Why a record is not data, as its skip reason: blank, or a report's summary line (labelled "Total", or without a
 * transaction id when `summaryWithoutId` says the rest looks like one). Undefined for a record to read.
 */
export function notDataReason(record: readonly string[], transactionId: string, summaryWithoutId: () => boolean): 'blank row' | 'total row' | undefined {
  if (isBlankRecord(record)) return 'blank row';
  if (isTotalRecord(record, transactionId) || (transactionId === '' && summaryWithoutId())) return 'total row';
  return undefined;
}

/** CourseCo shows ids as "#1234" in its UI; people paste them that way. */
export function cleanId(raw: string): string {
  return raw.replace(/^#\s*/, '').trim();
}
