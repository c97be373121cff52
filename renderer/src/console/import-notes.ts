/**
 * An import report's findings as a bookkeeper reads them: one line per finding, however many rows it was found on,
 * each naming the CourseCo transactions (the spreadsheet rows only beside them), and a headline that is green only
 * when there is nothing to look at. Pure, so it is specified in Node (test/unit/renderer/import-notes.test.ts).
 */
import { PAYMENT_WAITS_FOR_TRANSACTION } from '../../../contract/features/transactions';
import { plural, sentence } from './format';
import type { ImportResult } from './types';

type Imported = Extract<ImportResult, { status: 'imported' }>;
type Problem = Imported['warnings'][number];

export interface ProblemGroup {
  key: string;
  column: string;
  /** The finding: the row's own reason when it stands alone, the shared wording when several rows have it. */
  reason: string;
  /** The CourseCo transactions it names, each once, in file order. */
  transactionIds: string[];
  /** The spreadsheet rows (header = row 1), in file order. */
  rows: number[];
  code: string | undefined;
}

/** Rows with the same finding (same code and wording, or the same reason word for word) become one group. */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { summary: string | undefined; reasons: Set<string>; ids: Set<string> }>();
  for (const problem of problems) {
    const shared = problem.code && problem.summary ? problem.summary : undefined;
    const key = `${shared ? problem.code : ''}\u0000${problem.column}\u0000${shared ?? problem.reason}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, column: problem.column, reason: problem.reason, transactionIds: [], rows: [], code: problem.code, summary: shared, reasons: new Set(), ids: new Set() };
      groups.set(key, group);
    }
    group.rows.push(problem.row);
    group.reasons.add(problem.reason);
    if (problem.transactionId && !group.ids.has(problem.transactionId)) {
      group.ids.add(problem.transactionId);
      group.transactionIds.push(problem.transactionId);
    }
  }
  // Several rows in different words for one finding: the shared wording, which names no single transaction.
  return [...groups.values()].map(({ summary, reasons, ids: _ids, ...group }) => (summary && reasons.size > 1 ? { ...group, reason: summary } : group));
}

/** "rows 2 to 33" for a run of rows, else undefined (scattered rows are only counted). */
function rowRun(rows: readonly number[]): string | undefined {
  const sorted = [...rows].sort((a, b) => a - b);
  const isRun = sorted.every((row, index) => index === 0 || row === sorted[index - 1]! + 1);
  return isRun ? `rows ${sorted[0]} to ${sorted[sorted.length - 1]}` : undefined;
}

/** How many a finding concerns and where: "row 41", "32 payments · rows 2 to 33", "32 payments" (scattered rows). */
export function whereText(group: ProblemGroup): string {
  if (group.rows.length === 1) return `row ${group.rows[0]}`;
  const count = plural(group.rows.length, group.code === PAYMENT_WAITS_FOR_TRANSACTION ? 'payment' : 'row');
  const run = rowRun(group.rows);
  return run && group.code === PAYMENT_WAITS_FOR_TRANSACTION ? `${count} · ${run}` : (run ?? count);
}

/**
 * The IDs a finding names, numeric runs shortened (5001, 5002, 5003 → 5001–5003) and the list cut after `shown`
 * entries, saying how many more transactions there are.
 */
export function idsText(ids: readonly string[], shown = 12): string {
  const entries: Array<{ text: string; count: number }> = [];
  let index = 0;
  while (index < ids.length) {
    let end = index;
    while (end + 1 < ids.length && /^\d+$/.test(ids[end]!) && /^\d+$/.test(ids[end + 1]!) && Number(ids[end + 1]) === Number(ids[end]) + 1) end += 1;
    const count = end - index + 1;
    // Word joiners keep a range on one line when the list wraps.
    if (count >= 3) entries.push({ text: `${ids[index]}\u2060–\u2060${ids[end]}`, count });
    else for (let i = index; i <= end; i += 1) entries.push({ text: ids[i]!, count: 1 });
    index = end + 1;
  }
  if (entries.length <= shown) return entries.map((e) => e.text).join(', ');
  const more = entries.slice(shown).reduce((n, e) => n + e.count, 0);
  return `${entries
    .slice(0, shown)
    .map((e) => e.text)
    .join(', ')} and ${more} more`;
}

/**
 * The finding: a row's own reason as the importer words it (it reads on from the column: "Unit price" "is not an
 * amount"), or the shared wording of several rows as a sentence.
 */
export function groupReason(group: ProblemGroup): string {
  return group.rows.length === 1 ? group.reason : sentence(group.reason);
}

export interface Headline {
  tone: 'good' | 'attention' | 'problem';
  text: string;
}

/** Green only when every row was read and nothing is worth a look; otherwise what there is to look at, counted. */
export function importHeadline(result: Imported): Headline {
  if (result.errors.length > 0) {
    return {
      tone: 'problem',
      text: `${plural(result.errors.length, 'row')} not imported. Fix ${result.errors.length === 1 ? 'it' : 'them'} in CourseCo and import the file again; the good rows are already in.`,
    };
  }
  if (result.warnings.length === 0) return { tone: 'good', text: 'Every row was read.' };
  const waiting = result.warnings.filter((w) => w.code === PAYMENT_WAITS_FOR_TRANSACTION).length;
  const others = groupProblems(result.warnings.filter((w) => w.code !== PAYMENT_WAITS_FOR_TRANSACTION)).length;
  const parts: string[] = [];
  if (waiting > 0) parts.push(`${plural(waiting, 'payment')} ${waiting === 1 ? 'waits for its transaction' : 'wait for their transactions'}`);
  if (others > 0) parts.push(`${plural(others, waiting > 0 ? 'other note' : 'note')} ${others === 1 ? 'is' : 'are'} worth a look`);
  return { tone: 'attention', text: `Every row was read, but ${parts.join(' and ')}.` };
}
