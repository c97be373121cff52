/**
 * Text → records with papaparse, streamed one record at a time. The delimiter is chosen from the header line alone,
 * because data rows of a semicolon-delimited (comma-decimal) export are full of commas ("1.234,56") that would
 * mislead a guess over the body. Record i is spreadsheet row i + 1, a quoted newline staying inside its row, as
 * Excel shows it. Blank lines at the very end are not rows anyone means, so they are never reported.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';

export interface RecordProblem {
  row: number;
  reason: string;
}

export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      // Skip leading blank lines; stop at the end of the first line with content.
      if (seenContent) break;
    } else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) {
      counts[ch]++;
      seenContent = true;
    } else if (ch.trim() !== '') seenContent = true;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** Calls `onRecord` for every record in order with its spreadsheet row; returns papaparse's problems by row. */
export function streamRecords(text: string, delimiter: Delimiter, onRecord: (record: string[], row: number) => void): RecordProblem[] {
  const problems: RecordProblem[] = [];
  let row = 0;
  let pendingBlank: string[][] = [];
  let pendingFrom = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (result) => {
      row++;
      for (const e of result.errors) {
        problems.push({ row, reason: e.code === 'MissingQuotes' ? 'has a quoted field that is never closed (a stray " character?)' : e.message });
      }
      const record = result.data;
      // Hold empty lines back until something follows them: only then are they blank rows inside the data.
      if (record.length === 1 && record[0] === '') {
        if (pendingBlank.length === 0) pendingFrom = row;
        pendingBlank.push(record);
        return;
      }
      if (pendingBlank.length > 0) {
        pendingBlank.forEach((blank, i) => onRecord(blank, pendingFrom + i));
        pendingBlank = [];
      }
      onRecord(record, row);
    },
  });
  return problems;
}
