/**
 * The Settings page's words for places, money and moments: thin wrappers over the app's one locale module
 * (contract/locale.ts) that take the connection's optional fields and answer undefined where Xero said nothing.
 */
import { countryName as country, currencyName as currency, formatDateTime, formatDayOf, LOCALE } from '../../../contract/locale';

export const countryName = (code: string | undefined) => (code ? country(code) : undefined);

/** "Euro", with the currency's sign where it has one of its own: "Euro (€)", "British Pound (£)". */
export function currencyName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const name = currency(code);
  if (name === code) return name;
  try {
    const sign = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value;
    return sign && sign !== code ? `${name} (${sign})` : name;
  } catch {
    return name;
  }
}

const isInstant = (iso: string | undefined): iso is string => !!iso && !Number.isNaN(new Date(iso).getTime());

/** 26 Oct 2026. */
export const dayInWords = (iso: string | undefined) => (isInstant(iso) ? formatDayOf(iso) : undefined);

/** 26 Oct 2026 at 14:05. */
export const momentInWords = (iso: string | undefined) => (isInstant(iso) ? formatDateTime(iso) : undefined);
