/**
 * What the planner needs to know about the Xero organisation, and how to build it from the app's settings plus the
 * org's tax rates. Kept apart from the planner so the planner stays a pure function of plain data.
 */
import type { Settings } from '../../../contract/contract';
import { DomainError } from '../../errors';
import type { OrgCurrencies } from './currency-guard';
import type { LockDates } from './lock-dates';
import { chartAccountFromXero, judgePaymentAccount, judgeTaxRateName, rateKey, salesRateFromXero, salesRateVerdict, type XeroAccountRow } from './chart-policy';
import { mapSalesRates, parseRateChoices } from './org-rules';
import { lineRulesFromSettings, type CompiledLineRules, type TrackingCategoryInfo } from './line-rules';
import type { LineAmountTypes } from './xero-documents';

export { rateKey };

export interface PlannerSettings {
  /** Revenue account for every line (CourseCo's single "Invoice Account Code"). */
  invoiceAccountCode: string;
  /** Bank (or payments-enabled) account payments are recorded against, by Code (profiles from before account ids). */
  paymentAccountCode?: string | undefined;
  /** The same account by AccountID (sent as `Account:{AccountID}`; bank accounts may have no code). Wins over the code. */
  paymentAccountId?: string | undefined;
  /** Why no payment may be sent to the configured account (archived, deleted, not payment-capable), with the fix. */
  paymentAccountProblem?: string;
  /** Percent → names of the usable sales rates that share it, none chosen in setup: lines at that percent are refused. */
  unchosenRates?: Record<string, string[]>;
  invoiceStatus: 'DRAFT' | 'AUTHORISED';
  /** VAT rate in percent as CourseCo writes it ("23", "13.5", "0") → Xero TaxType code ("TAX001", "OUTPUT2", "NONE"). */
  taxTypes: Record<string, string>;
  /** Rate for lines whose file gives neither a rate nor a VAT amount (CourseCo's one "tax code title"). */
  defaultTaxRate?: string;
  /**
   * How amounts go to Xero. `FromFile` (default) follows the import's tax-inclusive setting; `NoTax` is for
   * organisations not registered for VAT. Explicit Exclusive/Inclusive must agree with the file's basis.
   */
  lineAmountTypes?: LineAmountTypes | 'FromFile';
  /** Use CourseCo's nominal code as a line's AccountCode when present (off: CourseCo's own push never does). */
  useNominalCodes?: boolean;
  /** DueDate = invoice date + this many days when CourseCo gives none. Default 30. */
  dueDays?: number;
  /**
   * The org's chart of accounts (GET /Accounts), when known: each line's AccountCode is checked against it before
   * anything is sent, and an account's own default TaxType is preferred when its rate is the line's rate (so
   * exempt "Course Fees" keep their exempt code rather than any other 0 % rate).
   */
  accounts?: ReadonlyArray<XeroAccountRow & { Code: string; TaxType?: string }>;
  /** TaxType code → rate in percent for the org's tax rates (to compare an account's default TaxType with a line's rate). */
  taxTypeRates?: Record<string, string>;
  /** The organisation's lock dates and this profile's choice for documents dated in a locked period (lock-dates.ts). */
  lockDates?: LockDates;
  /** The currencies the organisation can take (currency-guard.ts). */
  currencies?: OrgCurrencies;
  /** Payments of one day and one method go as one batch payment (deposits.ts); off unless the profile turns it on. */
  batchDeposits?: boolean;
  /** Rules per course, checked against the organisation (line-rules.ts); absent when the profile has none. */
  lineRules?: CompiledLineRules;
}

/** An account as GET /Accounts returns it (the fields used here). */
export interface XeroAccount {
  AccountID?: string;
  Code?: string;
  Name?: string;
  Type?: string;
  /** Xero's read-only Class (derived from Type when a read lacks it: chart-policy.ts). */
  Class?: string;
  SystemAccount?: string;
  EnablePaymentsToAccount?: boolean;
  Status?: string;
  TaxType?: string;
}

/** A tax rate as Xero's GET /TaxRates returns it (the fields used here). */
export interface XeroTaxRate {
  Name: string;
  TaxType: string;
  Status?: string;
  EffectiveRate?: number | string;
  CanApplyToRevenue?: boolean;
}

const salesRate = salesRateFromXero;

/** Where the payment account stands: what a payment names, and why none may be sent (chart-policy.ts decides). */
function paymentAccountFrom(settings: Settings, accounts: readonly XeroAccount[] | undefined): Pick<PlannerSettings, 'paymentAccountCode' | 'paymentAccountId' | 'paymentAccountProblem'> {
  const accountId = settings['xero.paymentAccountId'];
  const code = settings['xero.paymentAccountCode'];
  if (!accounts) return accountId ? { paymentAccountId: accountId } : { paymentAccountCode: code };
  // A chart read without account types (only codes and statuses) can say only whether the account is active.
  const chart = accounts.map((a) => chartAccountFromXero(a.Type ? a : { ...a, Type: 'BANK' }));
  const { found, verdict } = judgePaymentAccount(chart, accountId ? { accountId } : { code });
  // An AccountID chosen in setup is sent as is; a profile with only a code keeps sending the code, as before.
  const reference = accountId ? { paymentAccountId: found?.accountId ?? accountId } : { paymentAccountCode: found?.code ?? code };
  return verdict.level === 'refuse' ? { ...reference, paymentAccountProblem: `${verdict.why} ${verdict.fix}` } : reference;
}

/**
 * The app's settings + the org's tax rates → planner settings. The configured tax rate *name* (case-sensitive in
 * CourseCo) is resolved to its TaxType code here; other active revenue rates are mapped by percentage so files with a
 * VAT-rate column (23 %, 13.5 %, 0 %) find their codes too. Where several usable rates share a percentage, the one
 * chosen in setup (`xero.taxTypesByRate`) or the configured rate is used, never whichever Xero lists first
 * (org-rules.ts). A configured or chosen rate the chart policy refuses (chart-policy.ts: deleted, archived, not for
 * sales, a name that is not Xero's exact spelling) is refused here, before anything is sent.
 */
export function plannerSettingsFrom(
  settings: Settings,
  taxRates: readonly XeroTaxRate[],
  extra: Partial<PlannerSettings> = {},
  accounts?: readonly XeroAccount[],
  trackingCategories?: readonly TrackingCategoryInfo[],
): PlannerSettings {
  const invoiceAccountCode = settings['xero.invoiceAccountCode'];
  if (!invoiceAccountCode || (!settings['xero.paymentAccountCode'] && !settings['xero.paymentAccountId'])) {
    throw new DomainError('AccountCodesMissing', {
      message: 'Nothing was sent: the Xero accounts for course sales and for payments are not chosen yet.',
      fix: 'Choose the account course sales go to and the bank account payments go into, then sync again.',
    });
  }
  let defaultTaxRate: string | undefined;
  const wanted = settings['xero.taxRateName'];
  let chosen: XeroTaxRate | undefined;
  let configured: ReturnType<typeof salesRate> | undefined;
  if (wanted) {
    // The display-name rule and the sales-rate rule, as setup and diagnostics apply them (chart-policy.ts).
    const rates = taxRates.map(salesRate);
    const { found, verdict } = judgeTaxRateName(rates, wanted);
    if (verdict.level === 'refuse') throw new DomainError(verdict.kind, { message: `Nothing was sent. ${verdict.why}`, fix: verdict.fix, ...(verdict.evidence ? { evidence: verdict.evidence } : {}) });
    configured = found;
    chosen = taxRates[rates.indexOf(found!)];
  }
  const mapped = mapSalesRates(taxRates.filter((r) => r.EffectiveRate !== undefined).map(salesRate), { configured, choices: parseRateChoices(settings['xero.taxTypesByRate']) });
  if (mapped.refused.length) {
    throw new DomainError('TaxRateUnusable', { message: `Nothing was sent. ${mapped.refused.join(' ')}`, fix: 'Choose the tax rate again in Setup → "Choose accounts and tax rate".' });
  }
  const taxTypes = mapped.taxTypes;
  if (chosen?.EffectiveRate !== undefined) {
    defaultTaxRate = rateKey(chosen.EffectiveRate);
    taxTypes[defaultTaxRate] ??= chosen.TaxType;
  }
  const unchosenRates = Object.fromEntries(Object.entries(mapped.unchosen).map(([percent, list]) => [percent, list.map((r) => r.name)]));
  // Only rates Xero still accepts on sales: an account whose default rate was deleted gets the mapped rate instead.
  const taxTypeRates: Record<string, string> = {};
  for (const rate of taxRates) if (rate.EffectiveRate !== undefined && salesRateVerdict(salesRate(rate)).ok) taxTypeRates[rate.TaxType] = rateKey(rate.EffectiveRate);
  const lineRules = lineRulesFromSettings(settings['rules.lines'], settings['rules.addTrackingOptions'] === 'yes', { accounts, taxRates, trackingCategories });
  return {
    invoiceAccountCode,
    ...paymentAccountFrom(settings, accounts),
    invoiceStatus: settings['xero.invoiceStatus'],
    taxTypes,
    ...(Object.keys(unchosenRates).length ? { unchosenRates } : {}),
    ...(defaultTaxRate !== undefined ? { defaultTaxRate } : {}),
    ...(settings['xero.batchDeposits'] === 'on' ? { batchDeposits: true } : {}),
    ...(accounts ? { accounts: accounts.filter((a): a is XeroAccount & { Code: string } => Boolean(a.Code)), taxTypeRates } : {}),
    ...(lineRules ? { lineRules } : {}),
    ...extra,
  };
}
