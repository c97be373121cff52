/**
 * How the Reconcile page words a report: dates as 26/10/2026, months as "October 2026", money through the console's
 * formatter (Irish English), the verdict at the top, drift kinds and actions in plain words. Pure, so the words are
 * specified by unit tests.
 */
import { DRIFT_KIND_WORDS, type BreakdownDimension, type DriftAction, type DriftItem, type DriftKind, type Figures, type ReconcileReport } from '../../../contract/features/reconcile';
import { formatAmount, plural } from '../console/format';
import { formatDayNumeric, formatMonth, formatTime } from '../../../contract/locale';

export { formatAmount, plural };

/** 2026-10-26 → 26/10/2026 (the form the date fields take, too). */
export const formatDay = formatDayNumeric;

export { formatMonth };

/** 2026-10 → Oct 2026 (the chart's axis). */
export function formatShortMonth(period: string): string {
  const long = formatMonth(period);
  return long === period ? period : `${long.slice(0, 3)} ${long.slice(-4)}`;
}

/** An instant (ISO) as 26/10/2026 at 14:03, in the person's own time zone. */
export function formatWhen(iso: string | null): string {
  if (!iso) return 'Not known';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Not known';
  return `${formatDayNumeric(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`)} at ${formatTime(date)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${pad(days)}`;
}

/** The last full month before `today` (the services' default range too), as YYYY-MM. */
export function lastFullMonth(today: Date): string {
  const year = today.getFullYear();
  const month = today.getMonth(); // 0-based: this month's index is last month's number
  return month === 0 ? `${year - 1}-12` : `${year}-${pad(month)}`;
}

/**
 * The months offered for "A month", newest first: this month and the `count - 1` before it, as YYYY-MM with their
 * names ("October 2026") — a plain list, so the words follow the app's locale, not the browser's month picker. A
 * chosen month outside them (a report of an older month) is kept in the list, in its place.
 */
export function monthOptions(today: Date, chosen?: string, count = 24): Array<{ value: string; label: string }> {
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(today.getFullYear(), today.getMonth() - i, 1);
    months.push(`${d.getFullYear()}-${pad(d.getMonth() + 1)}`);
  }
  if (chosen && /^\d{4}-\d{2}$/.test(chosen) && !months.includes(chosen)) months.push(chosen);
  return months.sort((a, b) => b.localeCompare(a)).map((value) => ({ value, label: formatMonth(value) }));
}

/** The month (YYYY-MM) when the range is exactly one whole month, else null. */
export function wholeMonth(from: string, to: string): string | null {
  const month = from.slice(0, 7);
  return from === `${month}-01` && to === lastDayOf(month) ? month : null;
}

/** "October 2026", or "3/10/2026 to 15/11/2026". */
export function rangeLabel(from: string, to: string): string {
  const month = wholeMonth(from, to);
  return month ? formatMonth(month) : `${formatDay(from)} to ${formatDay(to)}`;
}

/** The kinds of drift in the words every screen says (the contract's, one place). */
export const DRIFT_LABELS: Record<DriftKind, string> = DRIFT_KIND_WORDS;

export const ACTION_LABELS: Record<DriftAction, string> = {
  'send-again': 'Send again',
  'accept-xero': 'Accept Xero’s version',
};

export const DIMENSION_LABELS: Record<BreakdownDimension, string> = {
  'vat-rate': 'VAT rate',
  account: 'Account',
  'payment-method': 'Payment method',
};

export type Measure = keyof Figures;

export const MEASURE_LABELS: Record<Measure, string> = {
  count: 'Documents',
  net: 'Before VAT',
  tax: 'VAT',
  gross: 'Total',
  paid: 'Paid',
  outstanding: 'Outstanding',
};

export const MEASURES: readonly Measure[] = ['count', 'net', 'tax', 'gross', 'paid', 'outstanding'];

/** One figure in words: a count as a number, money in the report's currency. */
export function formatFigure(figures: Figures, measure: Measure, currency: string | null): string {
  if (measure === 'count') return figures.count.toLocaleString('en-IE');
  return formatAmount(figures[measure], currency);
}

/** A difference: blank-looking when nothing differs, signed otherwise (+€10.00, −€100.00). */
export function formatDifference(figures: Figures, measure: Measure, currency: string | null): string {
  if (!differs(figures, measure)) return measure === 'count' ? '0' : formatAmount('0.00', currency);
  const value = measure === 'count' ? figures.count : Number(figures[measure]);
  const text = measure === 'count' ? Math.abs(value).toLocaleString('en-IE') : formatAmount(Math.abs(value).toFixed(2), currency);
  return `${value > 0 ? '+' : '−'}${text}`;
}

export function differs(figures: Figures, measure: Measure): boolean {
  return measure === 'count' ? figures.count !== 0 : Number(figures[measure]) !== 0;
}

export function anyDifference(figures: Figures): boolean {
  return MEASURES.some((measure) => differs(figures, measure));
}

export interface Verdict {
  tone: 'good' | 'attention';
  title: string;
  /** Sentences under the title, most important first. */
  details: string[];
}

/** Drift still waiting for a decision (accepted items stay listed, marked, but need nothing). */
export function openDrift(report: ReconcileReport): DriftItem[] {
  return report.drift.filter((item) => !item.accepted);
}

/** The one line at the top of the page, and what stands behind it. */
export function verdictOf(report: ReconcileReport): Verdict {
  const period = rangeLabel(report.from, report.to);
  const open = openDrift(report).length;
  const accepted = report.drift.length - open;
  const details: string[] = [];
  let tone: Verdict['tone'];
  let title: string;
  if (report.matches) {
    tone = 'good';
    title = `CourseCo and Xero match for ${period}`;
  } else {
    tone = 'attention';
    const needs = open + report.unexplained;
    title = needs > 0 ? `${plural(needs, 'difference')} ${needs === 1 ? 'needs' : 'need'} a look` : `CourseCo and Xero differ for ${period}`;
    if (needs > 0) {
      const parts: string[] = [];
      const missing = openDrift(report).filter((item) => item.kind === 'missing-in-xero').length;
      const onlyXero = openDrift(report).filter((item) => item.kind === 'only-in-xero').length;
      const changes = open - missing - onlyXero;
      if (changes > 0) parts.push(`${plural(changes, 'change')} made in Xero after sending`);
      if (missing > 0) parts.push(`${plural(missing, 'transaction')} not in Xero`);
      if (onlyXero > 0) parts.push(`${plural(onlyXero, 'document')} only in Xero`);
      if (report.unexplained > 0) parts.push(`${plural(report.unexplained, 'line')} that ${report.unexplained === 1 ? 'differs' : 'differ'} for another reason`);
      details.push(`${period}: ${parts.join(', ')}.`);
    }
  }
  if (accepted > 0) details.push(`${plural(accepted, 'difference')} accepted as Xero’s version.`);
  if (report.linked.courseCoPush > 0) {
    const now = report.linked.justNow > 0 ? ` (${report.linked.justNow.toLocaleString('en-IE')} just now)` : '';
    details.push(`${plural(report.linked.courseCoPush, 'document')} sent by CourseCo’s own “Sync to Xero” ${report.linked.courseCoPush === 1 ? 'is' : 'are'} recognised and linked${now}.`);
  }
  if (report.excluded > 0) details.push(`${plural(report.excluded, 'transaction')} you excluded from Xero ${report.excluded === 1 ? 'is' : 'are'} counted on neither side.`);
  return { tone, title, details };
}

/** What reading Xero cost, in one sentence. */
export function readsText(report: ReconcileReport): string {
  const { calls, documents, full } = report.reads;
  if (calls === 0) return 'Compared without asking Xero: nothing new to read.';
  return `${full ? 'Read' : 'Read what changed since last time:'} ${plural(documents, 'document')} in ${plural(calls, 'request')} to Xero.`;
}
