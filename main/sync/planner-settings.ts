/**
 * What the planner needs to know about the Xero organisation, and how to build it from the app's settings plus the
 * org's tax rates. Kept apart from the planner so the planner stays a pure function of plain data.
 */
import Decimal from 'decimal.js';
import type { Settings } from '../contract/contract';
import { DomainError } from '../errors';
import type { LineAmountTypes } from './xero-documents';

export interface PlannerSettings {
  /** Revenue account for every line (CourseCo's single "Invoice Account Code"). */
  invoiceAccountCode: string;
  /** Bank (or payments-enabled) account payments are recorded against. */
  paymentAccountCode: string;
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
  accounts?: ReadonlyArray<{ Code: string; Status?: string; TaxType?: string }>;
  /** TaxType code → rate in percent for the org's tax rates (to compare an account's default TaxType with a line's rate). */
  taxTypeRates?: Record<string, string>;
}

/** An account as GET /Accounts returns it (the fields used here). */
export interface XeroAccount {
  Code?: string;
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

/** "23.0" → "23": rate keys compare as numbers, not text. */
export function rateKey(rate: string | number): string {
  return new Decimal(rate).toFixed();
}

/**
 * The app's settings + the org's tax rates → planner settings. The configured tax rate *name* (case-sensitive in
 * CourseCo) is resolved to its TaxType code here; other active revenue rates are mapped by percentage so files with a
 * VAT-rate column (23 %, 13.5 %, 0 %) find their codes too. The configured rate wins a tie.
 */
export function plannerSettingsFrom(
  settings: Settings,
  taxRates: readonly XeroTaxRate[],
  extra: Partial<PlannerSettings> = {},
  accounts?: readonly XeroAccount[],
): PlannerSettings {
  const invoiceAccountCode = settings['xero.invoiceAccountCode'];
  const paymentAccountCode = settings['xero.paymentAccountCode'];
  if (!invoiceAccountCode || !paymentAccountCode) {
    throw new DomainError('AccountCodesMissing', {
      message: 'The invoice and payment account codes are not set.',
      fix: 'Choose them in the wizard (step 4) or with `courseco-xero config set xero.invoiceAccountCode 200`.',
    });
  }
  const taxTypes: Record<string, string> = {};
  let defaultTaxRate: string | undefined;
  const wanted = settings['xero.taxRateName'];
  const chosen = wanted ? taxRates.find((r) => r.Name === wanted) : undefined;
  if (wanted && !chosen) {
    const near = taxRates.find((r) => r.Name.toLowerCase() === wanted.toLowerCase());
    throw new DomainError(near ? 'TaxRateCaseMismatch' : 'TaxRateNotFound', {
      message: near ? `The tax rate "${wanted}" differs from Xero's "${near.Name}" only in letter case.` : `Xero has no tax rate named "${wanted}".`,
      fix: near ? `Set the tax rate name to "${near.Name}" exactly.` : 'Pick one of the organisation’s tax rates in the wizard.',
    });
  }
  if (chosen?.EffectiveRate !== undefined) {
    defaultTaxRate = rateKey(chosen.EffectiveRate);
    taxTypes[defaultTaxRate] = chosen.TaxType;
  }
  for (const rate of taxRates) {
    if (rate.EffectiveRate === undefined || (rate.Status && rate.Status !== 'ACTIVE') || rate.CanApplyToRevenue === false) continue;
    const key = rateKey(rate.EffectiveRate);
    taxTypes[key] ??= rate.TaxType;
  }
  const taxTypeRates: Record<string, string> = {};
  for (const rate of taxRates) if (rate.EffectiveRate !== undefined) taxTypeRates[rate.TaxType] = rateKey(rate.EffectiveRate);
  return {
    invoiceAccountCode,
    paymentAccountCode,
    invoiceStatus: settings['xero.invoiceStatus'],
    taxTypes,
    ...(defaultTaxRate !== undefined ? { defaultTaxRate } : {}),
    ...(accounts ? { accounts: accounts.filter((a): a is XeroAccount & { Code: string } => Boolean(a.Code)), taxTypeRates } : {}),
    ...extra,
  };
}
