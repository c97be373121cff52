/** Xero's date formats: MS-JSON `/Date(ms+0000)/`, `DateString` without zone, and connections' 7-digit fractions. */

const DAY_MS = 86_400_000;

export function msJsonDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** The envelope's DateTimeUTC carries no offset in Xero's responses. */
export function envelopeDate(ms: number): string {
  return `/Date(${ms})/`;
}

export function dateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** `2019-12-07T18:46:19.5165400`: seven fractional digits and no `Z`, as `/connections` returns. */
export function connectionDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}

/** `MM/DD/YYYY HH:mm:ss` in UTC, the stamp inside `TokenExpired: token expired at ...`. */
export function tokenExpiredStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return dayOf(dayToMs(day) + days * DAY_MS);
}

const MS_JSON_RE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Accepts what clients send for a date: `YYYY-MM-DD`, an ISO timestamp, or MS-JSON. Returns the calendar day
 * (Xero keeps document dates as days), or null if it is not a date.
 */
export function parseDocumentDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const ms = MS_JSON_RE.exec(trimmed);
  if (ms) return dayOf(Number(ms[1]));
  const m = DAY_RE.exec(trimmed);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = dayToMs(day);
  if (Number.isNaN(parsed) || dayOf(parsed) !== day) return null;
  return day;
}

/** Parses MS-JSON (with or without offset) to epoch ms. */
export function parseMsJson(value: string): number | null {
  const m = MS_JSON_RE.exec(value);
  return m ? Number(m[1]) : null;
}
