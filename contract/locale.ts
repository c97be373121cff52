/**
 * How the app writes dates, times, amounts, countries and currencies for people, and reads the dates they type: one
 * place for both sides (main-side messages, diagnostics, the renderer), so a screen and a check never disagree.
 * Irish English by default: 26 Oct 2026 (or 26/10/2026 where a date is typed), 21:26 (24-hour), €1,234.50, Ireland.
 * Instants are shown in the computer's own time zone: the services run on the bookkeeper's computer.
 * Imports nothing: the contract wing stands on zod alone, and this needs not even that.
 */

export const LOCALE = 'en-IE';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})/;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

/** 1234.5, 'EUR' → €1,234.50; without a currency (or an unknown code) → 1,234.50; what is not a number stays as it is. */
export function formatAmount(amount: string | number, currency: string | null | undefined): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const plain = () => numberFormat('', () => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  if (!currency) return plain().format(value);
  try {
    return numberFormat(currency, () => new Intl.NumberFormat(LOCALE, { style: 'currency', currency })).format(value);
  } catch {
    return plain().format(value);
  }
}

/** 25000 → 25,000 */
export function formatNumber(n: number): string {
  return n.toLocaleString(LOCALE);
}

/** "1 transaction", "25,000 rows", "2 children". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A day (YYYY-MM-DD, or the day part of an ISO string) → 3 Sep 2026. Anything else is returned as it is. */
export function formatDate(iso: string): string {
  const match = DAY_PATTERN.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]?.slice(0, 3) ?? match[2]} ${match[1]}`;
}

/** A day (YYYY-MM-DD) → 03/09/2026: the form a date is typed in (see parseDay). */
export function formatDayNumeric(iso: string): string {
  const match = DAY_PATTERN.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** 2026-10 → October 2026 */
export function formatMonth(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : period;
}

function instant(iso: string | number | Date): Date | undefined {
  const date = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant → 21:26, where the bookkeeper is (24-hour, no seconds). */
export function formatTime(iso: string | number | Date): string {
  const date = instant(iso);
  return date ? timeFormat.format(date) : String(iso);
}

/** The day of an instant where the bookkeeper is: 2026-08-31T23:30:00Z in Dublin (summer time) → 1 Sep 2026. */
export function formatDayOf(iso: string | number | Date): string {
  const date = instant(iso);
  if (!date) return typeof iso === 'string' ? formatDate(iso) : String(iso);
  return formatDate(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`);
}

/** An instant → 26 Oct 2026 at 21:26. */
export function formatDateTime(iso: string | number | Date): string {
  const date = instant(iso);
  return date ? `${formatDayOf(date)} at ${formatTime(date)}` : String(iso);
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant's calendar parts in a time zone (the computer's own when none is named): what every other function here
 * prints from. Scheduled syncs name the zone their times were set in.
 */
export function zonedParts(iso: string | number | Date, timeZone?: string): Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string> | undefined {
  const date = instant(iso);
  if (!date) return undefined;
  const key = timeZone ?? '';
  let format = zonedFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { ...(timeZone ? { timeZone } : {}), weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zonedFormats.set(key, format);
  }
  const out = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of format.formatToParts(date)) if (part.type in out) out[part.type as keyof typeof out] = part.value;
  return out;
}

/** An instant → 26/10/2026 21:26: the compact form for lists and status lines; in `timeZone` when named. */
export function formatDateTimeNumeric(iso: string | number | Date, timeZone?: string): string {
  const p = zonedParts(iso, timeZone);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : String(iso);
}

/** A country code → its name: IE → Ireland, GB → United Kingdom; an unknown code stays as it is. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(LOCALE, { type: 'region', fallback: 'code' }).of(code.trim().toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A currency code → its name as Intl gives it in Irish English: EUR → Euro, GBP → British Pound; unknown stays as it is. */
export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames(LOCALE, { type: 'currency', fallback: 'code' }).of(code.trim().toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * A tax rate by its name as the organisation's Xero shows it, never by its code (TAX001, OUTPUT2): `names` maps codes
 * to names (Xero's TaxRates). Only when no name is known: "the tax rate Xero calls TAX001".
 */
export function taxRateLabel(code: string, names?: ReadonlyMap<string, string> | Readonly<Record<string, string>>): string {
  const name = names instanceof Map ? names.get(code) : names ? (names as Readonly<Record<string, string>>)[code] : undefined;
  return name ?? `the tax rate Xero calls ${code}`;
}

export type ParsedDay = { ok: true; iso: string } | { ok: false; message: string };

export const DAY_HINT = 'day/month/year, for example 26/10/2026';

/**
 * A date as people here type it → YYYY-MM-DD: 26/10/2026, 26/10/26 (this century), 26.10.2026, 26-10-2026, 26 Oct 2026,
 * and the ISO 2026-10-26 that other programs paste. Day first, always: 03/04/2026 is 3 April. A date that does not
 * exist (31/02/2026) is refused with a sentence saying so.
 */
export function parseDay(text: string): ParsedDay {
  const value = text.trim();
  const wrong: ParsedDay = { ok: false, message: `Enter the date as ${DAY_HINT}.` };
  if (!value) return wrong;
  let day: number;
  let month: number;
  let year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(value);
  const words = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) {
    [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (numeric[3]!.length === 2) year += 2000;
  } else if (words) {
    const index = MONTHS.findIndex((m) => m.toLowerCase().startsWith(words[2]!.toLowerCase()));
    if (index < 0) return wrong;
    [day, month, year] = [Number(words[1]), index + 1, Number(words[3])];
  } else return wrong;
  if (month < 1 || month > 12) return { ok: false, message: `There is no month ${month}: enter the date as ${DAY_HINT}.` };
  if (year < 1900 || year > 2999) return wrong;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return { ok: false, message: `${MONTHS[month - 1]} ${year} has no day ${day}.` };
  return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}
