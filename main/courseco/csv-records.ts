/**
 * Text → records with papaparse. The delimiter is chosen from the header line alone, because data rows of a
 * semicolon-delimited (comma-decimal) export are full of commas ("1.234,56") that would mislead a guess over the body.
 * Each record keeps its spreadsheet row number: record i is row i + 1, quoted newlines included in one row, as Excel
 * shows them.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecords {
  delimiter: Delimiter;
  records: string[][];
  /** Problems papaparse found (an unterminated quote), by spreadsheet row. */
  problems: Array<{ row: number; reason: string }>;
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

export function readRecords(text: string): CsvRecords {
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false });
  const records = parsed.data;
  // The newline that ends the last line is not a row a spreadsheet shows.
  const last = records[records.length - 1];
  if (last && last.length === 1 && last[0] === '') records.pop();
  const problems = parsed.errors.map((e) => ({
    row: (e.row ?? 0) + 1,
    reason: e.code === 'MissingQuotes' ? 'has a quoted field that is never closed (a stray " character?)' : e.message,
  }));
  return { delimiter, records, problems };
}
