/**
 * One rule, one place (STYLE §9): which of the organisation's accounts may receive payments, and which of its tax
 * rates may go on a sales line — and, where several usable rates share a percentage, which one a line gets. The
 * wizard's pickers and checks (`main/wizard/xero-choices.ts`), diagnostics (`main/diagnostics/checks/accounts.ts`)
 * and the planner (`planner-settings.ts`) all ask here; none keeps its own copy.
 *
 * Sources: payments need "an account of type BANK or have enable payments to this accounts switched on" (Xero's
 * Payments docs, xero-facts.md §3); a payment names its account by `Account:{AccountID}` or `{Code}` (same), and a
 * bank account need not have a code at all (xero-facts.md §9; the OpenAPI `Account` schema does not require `Code`).
 * Tax rates have Status ACTIVE|DELETED|ARCHIVED|PENDING and `CanApplyToRevenue` (OpenAPI `TaxRate`); Xero refuses a
 * TaxType that "does not exist or cannot be used for this type of transaction" (xero-facts.md §3).
 */
import Decimal from 'decimal.js';

export interface ChartAccount {
  accountId?: string | undefined;
  code?: string | undefined;
  name: string;
  type: string;
  status: string;
  enablePaymentsToAccount?: boolean | undefined;
}

export interface SalesRate {
  name: string;
  taxType: string;
  status: string;
  canApplyToRevenue: boolean;
  /** Percent, as Xero's EffectiveRate gives it. */
  rate: string;
}

export type Verdict = { ok: true } | { ok: false; why: string; fix: string };

const CHART = 'Xero → Accounting → Chart of accounts';
const SETUP = 'Setup → "Choose accounts and tax rate"';

/** "090 Business Bank Account", or "AIB Current Account (no code)" for the bank accounts Xero lets users leave uncoded. */
export function accountLabel(account: Pick<ChartAccount, 'code' | 'name'>): string {
  if (account.code) return account.name ? `${account.code} ${account.name}` : account.code;
  return `${account.name} (no code)`;
}

/** A bank account or one with "Enable payments to this account" ticked, whatever its status. */
export function canReceivePayments(account: ChartAccount): boolean {
  return account.type === 'BANK' || account.enablePaymentsToAccount === true;
}

/** May payments be recorded against this account now? */
export function paymentAccountVerdict(account: ChartAccount): Verdict {
  const label = accountLabel(account);
  if (account.status !== 'ACTIVE') {
    return {
      ok: false,
      why: `the payment account ${label} is ${account.status.toLowerCase()} in Xero, and Xero refuses payments to it`,
      fix: `choose an active bank account in ${SETUP}, or restore ${label} in ${CHART} → Archived`,
    };
  }
  if (!canReceivePayments(account)) {
    return {
      ok: false,
      why: `the payment account ${label} is not a bank account and does not have payments enabled ("Account type is invalid for making a payment to/from")`,
      fix: `choose a bank account in ${SETUP}, or in ${CHART} → ${label} tick "Enable payments to this account"`,
    };
  }
  return { ok: true };
}

/** The account a setting names: by AccountID (what payments send), else by Code (profiles from before ids). */
export function findAccount<A extends ChartAccount>(accounts: readonly A[], ref: { accountId?: string | undefined; code?: string | undefined }): A | undefined {
  if (ref.accountId) {
    const id = ref.accountId.trim().toLowerCase();
    return accounts.find((a) => a.accountId?.toLowerCase() === id);
  }
  const code = ref.code?.trim();
  if (!code) return undefined;
  return accounts.find((a) => a.code === code) ?? accounts.find((a) => a.code?.toLowerCase() === code.toLowerCase());
}

/** "23.0" → "23": rate keys compare as numbers, not text. */
export function rateKey(rate: string | number): string {
  return new Decimal(rate).toFixed();
}

/** May this rate go on a sales line now? */
export function salesRateVerdict(rate: SalesRate): Verdict {
  if (rate.status !== 'ACTIVE') {
    return {
      ok: false,
      why: `the tax rate '${rate.name}' (${rate.taxType}) is ${rate.status.toLowerCase()} in Xero, and Xero refuses it on new invoices`,
      fix: `choose an active tax rate in ${SETUP}, or restore '${rate.name}' in Xero → Accounting → Advanced → Tax rates`,
    };
  }
  if (!rate.canApplyToRevenue) {
    return {
      ok: false,
      why: `the tax rate '${rate.name}' (${rate.taxType}) cannot be used on sales in Xero`,
      fix: `choose a rate that applies to income in ${SETUP}`,
    };
  }
  return { ok: true };
}

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
    const rate = rates.find((r) => r.taxType === taxType);
    const verdict = rate ? salesRateVerdict(rate) : undefined;
    let problem: string | undefined;
    if (!rate) problem = `the tax rate chosen for ${percent}% VAT (TaxType ${taxType}) no longer exists in Xero: choose another in ${SETUP}`;
    else if (verdict && !verdict.ok) problem = `${verdict.why} (it is the rate chosen for ${percent}% VAT): ${verdict.fix}`;
    else if (rateKey(rate.rate) !== percent) problem = `the tax rate chosen for ${percent}% VAT, '${rate.name}', is ${rateKey(rate.rate)}% in Xero: choose another in ${SETUP}`;
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
