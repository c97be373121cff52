/**
 * Which currencies the organisation can take, caught in the plan rather than by Xero's refusal ("Organisation is
 * not subscribed to currency EUR", xero-facts.md §4). An organisation takes its base currency (GET /Organisation
 * `BaseCurrency`) and those enabled under Settings → Currencies (GET /Currencies, OpenAPI `getCurrencies`); adding
 * one needs a Xero plan with multi-currency. Euro data sent to a sterling organisation without it is named per
 * transaction and once for the plan, with the two ways out.
 */
import { currencyName as localeCurrencyName } from '../../../contract/locale';

export interface OrgCurrencies {
  base: string;
  /** GET /Currencies: the base currency and any others enabled. Absent when not read (no foreign data to check). */
  enabled?: readonly string[];
}

/** The currency the document goes in (the organisation's base when CourseCo gives none), and whether Xero takes it. */
export function currencyTaken(currencies: OrgCurrencies | undefined, currency: string | undefined): boolean {
  if (!currencies || !currency) return true;
  const code = currency.toUpperCase();
  return code === currencies.base.toUpperCase() || (currencies.enabled ?? []).some((c) => c.toUpperCase() === code);
}

/**
 * A currency as a bookkeeper says it mid-sentence, in Irish English: "euro", "British Pound" (the locale module's
 * names; a one-word name is a common noun). The code itself when the runtime has no name for it.
 */
export function currencyName(code: string): string {
  const name = localeCurrencyName(code);
  return name === code.trim().toUpperCase() || /\s/.test(name) ? name : name.toLowerCase();
}

/** What to do about data in a currency the organisation cannot take (the plan, the summary and diagnostics say it alike). */
export function currencyFix(currency: string): string {
  const name = currencyName(currency);
  return `connect the Xero organisation that keeps your ${name} books, or turn on multi-currency in Xero and add ${name} under Settings → Currencies (it needs a Xero plan with multi-currency)`;
}

/** The plan error for one transaction in a currency the organisation cannot take, or undefined. */
export function currencyProblem(currencies: OrgCurrencies | undefined, currency: string | undefined): string | undefined {
  if (currencyTaken(currencies, currency)) return undefined;
  const name = currencyName(currency!);
  return `this transaction is in ${name}, but the Xero organisation's currency is ${currencyName(currencies!.base)} and it has no ${name} enabled: ${currencyFix(currency!)}`;
}

/** Once per currency for the plan summary: how many transactions it holds back, and the fix. */
export function currencyNotices(currencies: OrgCurrencies | undefined, refused: ReadonlyArray<string | undefined>): string[] {
  if (!currencies) return [];
  const counts = new Map<string, number>();
  for (const c of refused) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([code, n]) => {
    const fix = currencyFix(code);
    const name = currencyName(code);
    return `${n === 1 ? '1 transaction is' : `${n} transactions are`} in ${name}, which this organisation cannot take: its currency is ${currencyName(currencies.base)} and it has no ${name} enabled, so ${n === 1 ? 'it is' : 'they are'} not sent. To send ${n === 1 ? 'it' : 'them'}, ${fix}.`;
  });
}
