/**
 * Where several usable sales rates share a percentage, which one a line gets (never "the first Xero lists"), and the
 * `xero.taxTypesByRate` text those choices are stored in. Whether a rate is usable at all is chart-policy.ts's call.
 */
import Decimal from 'decimal.js';
import { judgeRateChoice, rateKey, salesRateVerdict, type SalesRate } from './chart-policy';

// Kept importable from here for code written before chart-policy.ts; the rules themselves live only there.
export { accountLabel, canReceivePayments, findAccount, paymentAccountVerdict, rateKey, salesRateVerdict, type ChartAccount, type SalesRate, type Verdict } from './chart-policy';

const SETUP = 'Setup → "Choose accounts and tax rate"';

/** Why a choice between same-percentage rates matters, in a bookkeeper's words. */
export const RATE_CHOICE_WHY =
  'Xero reports each tax rate in its own box of the VAT return (for example zero-rated sales and exempt sales are reported apart), so the wrong one puts these sales in the wrong box.';

/** Active sales rates that share a percentage with another: percent → the rates, in Xero's order. */
export function ambiguousSalesRates(rates: readonly SalesRate[]): Map<string, SalesRate[]> {
  const byRate = new Map<string, SalesRate[]>();
  for (const rate of rates) {
    if (!salesRateVerdict(rate).ok) continue;
    const key = rateKey(rate.rate);
    byRate.set(key, [...(byRate.get(key) ?? []), rate]);
  }
  return new Map([...byRate].filter(([, list]) => list.length > 1));
}

/** `xero.taxTypesByRate`, "0=TAX005;13.5=TAX002" → { "0": "TAX005", "13.5": "TAX002" }. */
export function parseRateChoices(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (value ?? '').split(';')) {
    const [rate, taxType] = part.split('=').map((s) => s.trim());
    if (rate && taxType && !Number.isNaN(Number(rate))) out[rateKey(rate)] = taxType;
  }
  return out;
}

export function formatRateChoices(choices: Record<string, string>): string {
  return Object.entries(choices)
    .sort(([a], [b]) => new Decimal(a).comparedTo(b))
    .map(([rate, taxType]) => `${rate}=${taxType}`)
    .join(';');
}

export interface SalesRateMap {
  /** Percent → the TaxType a line at that percent gets. */
  taxTypes: Record<string, string>;
  /** Percent → the usable rates still to choose between (none was chosen, none is the configured rate). */
  unchosen: Record<string, SalesRate[]>;
  /** Choices that can no longer be used (the rate was deleted, archived or is unknown), each with its fix. */
  refused: string[];
}

/**
 * CourseCo's VAT percentages → Xero TaxTypes: a percent with one usable sales rate gets it; where several share it,
 * the one chosen in setup (`choices`), else the configured rate when it has that percent; otherwise none is guessed
 * (never "the first Xero lists"), and the percent is reported as unchosen.
 */
export function mapSalesRates(rates: readonly SalesRate[], options: { configured?: SalesRate | undefined; choices?: Record<string, string> | undefined }): SalesRateMap {
  const taxTypes: Record<string, string> = {};
  const unchosen: Record<string, SalesRate[]> = {};
  const refused: string[] = [];
  const refusedPercents = new Set<string>();
  const usable = rates.filter((r) => salesRateVerdict(r).ok);
  const percents = [...new Set(usable.map((r) => rateKey(r.rate)))];
  for (const [percent, taxType] of Object.entries(options.choices ?? {})) {
    const { verdict } = judgeRateChoice(rates, percent, taxType);
    const problem = verdict.level === 'refuse' ? `${verdict.why} It is the rate chosen for ${percent}% VAT: choose another in ${SETUP}.` : undefined;
    if (problem) {
      refused.push(problem);
      refusedPercents.add(percent);
    } else taxTypes[percent] = taxType;
  }
  for (const percent of percents) {
    if (taxTypes[percent] || refusedPercents.has(percent)) continue;
    const candidates = usable.filter((r) => rateKey(r.rate) === percent);
    if (candidates.length === 1) taxTypes[percent] = candidates[0]!.taxType;
    else if (options.configured && candidates.some((c) => c.taxType === options.configured!.taxType)) taxTypes[percent] = options.configured.taxType;
    else unchosen[percent] = candidates;
  }
  return { taxTypes, unchosen, refused };
}
