/** Look-ups over an org's chart of accounts and tax rates, and the rules that tie them together. */
import type { AccountRecord, OrgState, TaxRateRecord } from '../state/model';

export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

const CLASS_BY_TYPE: Record<string, AccountClass> = {
  BANK: 'ASSET',
  CURRENT: 'ASSET',
  FIXED: 'ASSET',
  INVENTORY: 'ASSET',
  NONCURRENT: 'ASSET',
  PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY',
  LIABILITY: 'LIABILITY',
  TERMLIAB: 'LIABILITY',
  PAYG: 'LIABILITY',
  EQUITY: 'EQUITY',
  DEPRECIATN: 'EXPENSE',
  DIRECTCOSTS: 'EXPENSE',
  EXPENSE: 'EXPENSE',
  OVERHEADS: 'EXPENSE',
  OTHERINCOME: 'REVENUE',
  REVENUE: 'REVENUE',
  SALES: 'REVENUE',
};

export function accountClass(type: string): AccountClass {
  return CLASS_BY_TYPE[type] ?? 'ASSET';
}

export function findAccountByCode(org: OrgState, code: string): AccountRecord | undefined {
  return org.accounts.find((a) => a.Code === code && a.Status !== 'DELETED');
}

export function findAccountById(org: OrgState, id: string): AccountRecord | undefined {
  const lower = id.toLowerCase();
  return org.accounts.find((a) => a.AccountID === lower && a.Status !== 'DELETED');
}

/** Xero matches TaxType codes exactly; a tax rate's display Name is not a code. */
export function findTaxRate(org: OrgState, taxType: string): TaxRateRecord | undefined {
  return org.taxRates.find((t) => t.TaxType === taxType);
}

export function taxRateAppliesTo(rate: TaxRateRecord, cls: AccountClass): boolean {
  switch (cls) {
    case 'ASSET':
      return rate.CanApplyToAssets;
    case 'EQUITY':
      return rate.CanApplyToEquity;
    case 'EXPENSE':
      return rate.CanApplyToExpenses;
    case 'LIABILITY':
      return rate.CanApplyToLiabilities;
    case 'REVENUE':
      return rate.CanApplyToRevenue;
  }
}

/** Bank accounts and the debtors/creditors control accounts cannot carry document lines. */
export function accountUsableOnDocuments(account: AccountRecord): boolean {
  return account.Type !== 'BANK' && account.SystemAccount !== 'DEBTORS' && account.SystemAccount !== 'CREDITORS';
}

/** Payments go to BANK accounts or accounts with "enable payments to this account" switched on. */
export function accountAcceptsPayments(account: AccountRecord): boolean {
  return account.Type === 'BANK' || account.EnablePaymentsToAccount;
}
