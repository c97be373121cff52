/** Organisation, Accounts, TaxRates and Currencies: read-only reference data for the wizard's dropdowns and checks. */
import type { SandboxResponse } from '../http/response';
import { apiException } from '../http/response';
import { isGuid } from '../ids';
import { envelope, type ApiContext } from './api-context';
import { type ListedCollection, listResponse, recordResponse } from './list-query';
import { serializeAccount, serializeOrganisation, serializeTaxRate } from './serialize';

const ACCOUNT_FIELDS = [
  'Code', 'Name', 'AccountID', 'Type', 'BankAccountNumber', 'Status', 'Description', 'BankAccountType', 'CurrencyCode',
  'TaxType', 'EnablePaymentsToAccount', 'ShowInExpenseClaims', 'Class', 'SystemAccount', 'ReportingCode',
  'ReportingCodeName', 'HasAttachments', 'UpdatedDateUTC', 'AddToWatchlist',
] as const;
const ACCOUNTS: ListedCollection = { key: 'Accounts', typeName: 'Account', fields: ACCOUNT_FIELDS, paged: false };

const TAX_RATE_FIELDS = [
  'Name', 'TaxType', 'TaxComponents', 'Status', 'ReportTaxType', 'CanApplyToAssets', 'CanApplyToEquity',
  'CanApplyToExpenses', 'CanApplyToLiabilities', 'CanApplyToRevenue', 'DisplayTaxRate', 'EffectiveRate',
] as const;
const TAX_RATES: ListedCollection = { key: 'TaxRates', typeName: 'TaxRate', fields: TAX_RATE_FIELDS, paged: false };

const CURRENCIES: ListedCollection = { key: 'Currencies', typeName: 'Currency', fields: ['Code', 'Description'], paged: false };
/**
 * Descriptions: "New Zealand Dollar" and "United States Dollar" are the OpenAPI examples (getCurrencies,
 * createCurrency); the others are ISO 4217 names, as Xero's exact wording for them is not in our sources.
 */
const CURRENCY_NAMES: Record<string, string> = { AUD: 'Australian Dollar', EUR: 'Euro', GBP: 'Pound Sterling', NZD: 'New Zealand Dollar', USD: 'United States Dollar' };

/**
 * GET /Currencies (OpenAPI `getCurrencies`, scope accounting.settings[.read]): the base currency and those added
 * under Settings → Currencies, which only a plan with multi-currency allows (a seed's `extraCurrencies`).
 */
export function listCurrencies(ctx: ApiContext): SandboxResponse {
  return listResponse(
    ctx,
    CURRENCIES,
    ctx.org.currencies.map((code, i) => ({ json: { Code: code, Description: CURRENCY_NAMES[code] ?? code }, id: String(i).padStart(6, '0'), updated: 0 })),
  );
}

export function getOrganisation(ctx: ApiContext): SandboxResponse {
  return envelope(ctx, 'Organisations', [serializeOrganisation(ctx.org)]);
}

export function notImplemented(): SandboxResponse {
  return apiException(501, 20, 'NotImplementedException', 'The Api Method called is not implemented');
}

export function listAccounts(ctx: ApiContext): SandboxResponse {
  return listResponse(
    ctx,
    ACCOUNTS,
    ctx.org.accounts.filter((a) => a.Status !== 'DELETED').map((a) => ({ json: serializeAccount(a), id: a.AccountID, updated: a.UpdatedDateUTC })),
  );
}

export function getAccount(ctx: ApiContext, id: string): SandboxResponse {
  const a = isGuid(id) ? ctx.org.accounts.find((x) => x.AccountID === id.toLowerCase()) : undefined;
  return recordResponse(ctx, 'Accounts', a, serializeAccount);
}

export function listTaxRates(ctx: ApiContext): SandboxResponse {
  return listResponse(
    ctx,
    TAX_RATES,
    ctx.org.taxRates.map((t, i) => ({ json: serializeTaxRate(t), id: String(i).padStart(6, '0'), updated: 0 })),
  );
}
