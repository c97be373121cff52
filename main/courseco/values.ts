/**
 * Cell values as CourseCo and spreadsheets write them. Each parser returns a canonical string or a reason a person can
 * act on; canonical forms matter because the content hash must not change when Excel reformats "1234.5" as "1,234.50".
 */
import Decimal from 'decimal.js';

export type Parsed = { ok: true; value: string } | { ok: false; reason: string };

const fail = (reason: string): Parsed => ({ ok: false, reason });
const show = (raw: string) => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

const PLAIN_DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;

/** "0099.500" → "99.5", "-0.00" → "0": the same form `Decimal#toFixed()` gives, without building a Decimal. */
function canonicalDecimal(s: string): string {
  const negative = s.charCodeAt(0) === 45;
  let body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  let whole = dot < 0 ? body : body.slice(0, dot);
  let fraction = dot < 0 ? '' : body.slice(dot + 1);
  let i = 0;
  while (i < whole.length - 1 && whole.charCodeAt(i) === 48) i++;
  whole = whole.slice(i);
  let j = fraction.length;
  while (j > 0 && fraction.charCodeAt(j - 1) === 48) j--;
  fraction = fraction.slice(0, j);
  body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

const CURRENCY = /^(?:€|£|\$|EUR|GBP|USD)|(?:€|£|\$|EUR|GBP|USD)$/gi;
// Thousands separators seen in the wild besides "," and ".": spaces (incl. no-break and thin) and the Swiss apostrophe.
const GROUPING_SPACES = /[\s\u00a0\u202f']/g;

/**
 * Amounts such as `1234.5`, `-20.00`, `(20.00)`, `€1,234.50`, `1.234,56`, `20.00-`.
 * With one separator only, `decimalComma` (semicolon-delimited files come from comma-decimal locales) decides whether
 * `1,234` / `1.234` is a thousands group; otherwise a lone comma before exactly three digits is a thousands separator.
 */
export function parseAmount(raw: string, decimalComma = false): Parsed {
  let s = raw.trim();
  if (s === '') return fail('is empty');
  // Most cells are plain decimals ("99.50", "-20"): canonicalise those without the general path's allocations.
  if (PLAIN_DECIMAL.test(s) && !(decimalComma && s.includes('.'))) return { ok: true, value: canonicalDecimal(s) };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // One sign, before or after a currency symbol ("-€5", "€-5") or trailing ("5-").
  let signed = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative || s.startsWith('-');
    signed = true;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').trim();
  if (!signed && (s.startsWith('-') || s.startsWith('+'))) {
    negative = negative || s.startsWith('-');
    s = s.slice(1);
  } else if (!signed && s.endsWith('-')) {
    negative = true;
    s = s.slice(0, -1);
  }
  s = s.replace(GROUPING_SPACES, '');
  if (!/^[\d.,]*\d[\d.,]*$/.test(s)) return fail(`is not an amount: ${show(raw)}`);

  const normalised = normaliseSeparators(s, decimalComma);
  if (normalised === undefined || !/^(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return fail(`is not an amount: ${show(raw)}`);
  const value = new Decimal(normalised);
  return { ok: true, value: (negative && !value.isZero() ? value.negated() : value).toFixed() };
}

function normaliseSeparators(s: string, decimalComma: boolean): string | undefined {
  const dots = count(s, '.');
  const commas = count(s, ',');
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (count(s, decimal) > 1) return undefined;
    const [whole = '', fraction = ''] = s.split(decimal);
    if (!isGrouped(whole, group)) return undefined;
    return `${whole.split(group).join('')}.${fraction}`;
  }
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : undefined;
  if (!sep) return s;
  const n = sep === '.' ? dots : commas;
  // A separator that may be a thousands group: "1,234" (comma locale off) or "1.234" (comma-decimal locale).
  const groupingCandidate = sep === ',' ? !decimalComma : decimalComma;
  if (n > 1) return isGrouped(s, sep) ? s.split(sep).join('') : undefined;
  if (groupingCandidate && isGrouped(s, sep)) return s.split(sep).join('');
  return s.replace(sep, '.');
}

function isGrouped(whole: string, group: string): boolean {
  if (!whole.includes(group)) return /^\d*$/.test(whole);
  const parts = whole.split(group);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === ch) n++;
  return n;
}

/** A VAT rate in percent: `23`, `23%`, `13,5 %`; a bare fraction such as `0.23` is read as 23 % (no VAT rate is below 1 %). */
export function parseRate(raw: string, decimalComma = false): Parsed {
  const s = raw.trim();
  const hasPercent = s.endsWith('%');
  const amount = parseAmount(hasPercent ? s.slice(0, -1) : s, decimalComma);
  if (!amount.ok) return fail(`is not a VAT rate: ${show(raw)}`);
  let rate = new Decimal(amount.value);
  if (rate.isNegative() || rate.greaterThan(100)) return fail(`is not a VAT rate: ${show(raw)}`);
  if (!hasPercent && rate.greaterThan(0) && rate.lessThan(1)) rate = rate.times(100);
  return { ok: true, value: rate.toFixed() };
}

export type DateOrder = 'dmy' | 'mdy';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * Dates as `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` (CourseCo's raw MySQL datetimes), `DD/MM/YYYY` (also `-` or `.`),
 * returned as `YYYY-MM-DD`. The time of day is dropped: CourseCo writes local time and the business date is the date
 * as written, so no timezone conversion may move it. `dateOrder: 'mdy'` serves profiles set to CourseCo's m/d/Y format.
 */
export function parseDate(raw: string, dateOrder: DateOrder = 'dmy'): Parsed {
  const s = raw.trim();
  if (s === '') return fail('is empty');
  let y: number, m: number, d: number;
  const iso = ISO.exec(s);
  const numeric = iso ? null : NUMERIC.exec(s);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    [d, m] = dateOrder === 'dmy' ? [a, b] : [b, a];
    y = Number(numeric[3]);
    if (numeric[3]!.length === 2) y += 2000;
  } else {
    return fail(`is not a date: ${show(raw)} (expected ${dateOrder === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'} or YYYY-MM-DD)`);
  }
  if (!isCalendarDate(y, m, d)) return fail(`is not a calendar date: ${show(raw)}`);
  return { ok: true, value: `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
