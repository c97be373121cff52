/**
 * The connected organisation's chart of accounts and tax rates, read live from Xero as the plain facts the pickers
 * and checks of `xero-choices.ts` work on, and turned back into the rows the sync planner reads (for the read-back).
 */
import type { Account, TaxRate } from 'xero-node';
import type { XeroAccount, XeroTaxRate } from '../sync/plan';
import type { XeroClient } from '../xero/xero-client';
import type { AccountFacts, TaxRateFacts } from './xero-choices';

export interface LiveChart {
  accounts: AccountFacts[];
  rates: TaxRateFacts[];
}

function accountFacts(account: Account): AccountFacts {
  const facts: AccountFacts = { name: account.name ?? '', type: String(account.type ?? ''), status: String(account.status ?? 'ACTIVE') };
  if (account.accountID) facts.accountId = account.accountID;
  if (account.code) facts.code = account.code;
  if (account._class !== undefined) facts.accountClass = String(account._class);
  if (account.systemAccount !== undefined && account.systemAccount !== null) facts.systemAccount = String(account.systemAccount);
  if (account.enablePaymentsToAccount !== undefined) facts.enablePaymentsToAccount = account.enablePaymentsToAccount;
  if (account.taxType) facts.taxType = account.taxType;
  return facts;
}

function taxRateFacts(rate: TaxRate): TaxRateFacts {
  return {
    name: rate.name ?? '',
    taxType: rate.taxType ?? '',
    status: String(rate.status ?? 'ACTIVE'),
    canApplyToRevenue: rate.canApplyToRevenue === true,
    rate: String(rate.effectiveRate ?? rate.displayTaxRate ?? 0),
  };
}

/** GET /Accounts and GET /TaxRates of the configured tenant, together. */
export async function readLiveChart(xero: XeroClient): Promise<LiveChart> {
  const [accounts, rates] = await Promise.all([xero.getAccounts(), xero.getTaxRates()]);
  return { accounts: (accounts.accounts ?? []).map(accountFacts), rates: (rates.taxRates ?? []).map(taxRateFacts) };
}

/** The chart in the planner's terms (Xero's own field names), so a plan sees what Xero holds now. */
export function plannerChart(chart: LiveChart): { accounts: XeroAccount[]; rates: XeroTaxRate[] } {
  const accounts = chart.accounts.map((a) => ({
    ...(a.accountId ? { AccountID: a.accountId } : {}),
    ...(a.code ? { Code: a.code } : {}),
    Name: a.name,
    Type: a.type,
    ...(a.accountClass ? { Class: a.accountClass } : {}),
    ...(a.systemAccount ? { SystemAccount: a.systemAccount } : {}),
    Status: a.status,
    ...(a.enablePaymentsToAccount !== undefined ? { EnablePaymentsToAccount: a.enablePaymentsToAccount } : {}),
    ...(a.taxType ? { TaxType: a.taxType } : {}),
  }));
  const rates = chart.rates.map((r) => ({ Name: r.name, TaxType: r.taxType, Status: r.status, EffectiveRate: r.rate, CanApplyToRevenue: r.canApplyToRevenue }));
  return { accounts, rates };
}
