/**
 * Countries and currencies by their names in the user's language (Irish English by default), never by code: Xero
 * answers "IE" and "EUR"; a bookkeeper reads "Ireland" and "Euro". An unknown code is shown as it came.
 */
const LOCALE = 'en-IE';

function displayName(type: 'region' | 'currency', code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return new Intl.DisplayNames([LOCALE], { type, fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const countryName = (code: string | undefined) => displayName('region', code);

/** "Euro", with the currency's sign where it has one of its own: "Euro (€)", "British Pound (£)". */
export function currencyName(code: string | undefined): string | undefined {
  const name = displayName('currency', code);
  if (!code || !name || name === code) return name;
  const sign = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value;
  return sign && sign !== code ? `${name} (${sign})` : name;
}

/** 26 Oct 2026. */
export function dayInWords(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** 26 Oct 2026 at 14:05. */
export function momentInWords(iso: string | undefined): string | undefined {
  const day = dayInWords(iso);
  if (!day || !iso) return undefined;
  const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  return `${day} at ${time}`;
}
