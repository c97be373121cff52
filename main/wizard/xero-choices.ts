/**
 * The pickers of step 4 and the checks behind them, over plain data read live from Xero (GET /Accounts, /TaxRates):
 * which accounts can take CourseCo's invoice lines (active, revenue class), which can receive payments (bank accounts
 * or accounts with payments enabled — and why every other one is missing), which tax rates apply to revenue (by their
 * exact, case-sensitive Name). Typed values get the same checks, and each refusal says what is wrong and how to fix it.
 */
import { DomainError } from '../errors';

export interface AccountFacts {
  code?: string;
  name: string;
  type: string;
  status: string;
  accountClass?: string;
  enablePaymentsToAccount?: boolean;
  taxType?: string;
}

export interface TaxRateFacts {
  name: string;
  taxType: string;
  status: string;
  canApplyToRevenue: boolean;
  rate: string;
}

export interface AccountOption {
  code: string;
  name: string;
  type: string;
  note?: string;
  taxType?: string;
}

export interface ExcludedAccount {
  code: string;
  name: string;
  type: string;
  reason: string;
}

const CHART = 'Xero → Accounting → Chart of accounts';

const withCode = (accounts: readonly AccountFacts[]) => accounts.filter((a): a is AccountFacts & { code: string } => Boolean(a.code));
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

export function isRevenueAccount(account: AccountFacts): boolean {
  return account.accountClass === 'REVENUE';
}

export function canReceivePayments(account: AccountFacts): boolean {
  return account.type === 'BANK' || account.enablePaymentsToAccount === true;
}

export function invoiceAccountOptions(accounts: readonly AccountFacts[]): AccountOption[] {
  return withCode(accounts)
    .filter((a) => a.status === 'ACTIVE' && isRevenueAccount(a))
    .map((a) => ({ code: a.code, name: a.name, type: a.type, ...(a.taxType ? { taxType: a.taxType } : {}) }))
    .sort(byCode);
}

export function paymentAccountOptions(accounts: readonly AccountFacts[]): { options: AccountOption[]; excluded: ExcludedAccount[] } {
  const options: AccountOption[] = [];
  const excluded: ExcludedAccount[] = [];
  for (const a of withCode(accounts)) {
    const base = { code: a.code, name: a.name, type: a.type };
    if (a.status !== 'ACTIVE') {
      if (canReceivePayments(a)) excluded.push({ ...base, reason: 'Archived in Xero: restore it in the chart of accounts to use it.' });
    } else if (a.type === 'BANK') {
      options.push({ ...base, note: 'Bank account' });
    } else if (a.enablePaymentsToAccount) {
      options.push({ ...base, note: 'Payments enabled' });
    } else if (a.accountClass === 'REVENUE' || a.accountClass === 'EXPENSE') {
      // Never payment accounts in Xero; the picker says so in one line instead of listing the whole P&L.
      continue;
    } else {
      excluded.push({ ...base, reason: `Payments are not enabled: in ${CHART} → ${a.code}, tick "Enable payments to this account".` });
    }
  }
  return { options: options.sort(byCode), excluded: excluded.sort(byCode) };
}

export function taxRateOptions(rates: readonly TaxRateFacts[]): Array<{ name: string; taxType: string; rate: string }> {
  return rates.filter((r) => r.status === 'ACTIVE' && r.canApplyToRevenue).map((r) => ({ name: r.name, taxType: r.taxType, rate: r.rate }));
}

function listCodes(options: readonly AccountOption[]): string {
  return options.map((o) => `${o.code} ${o.name}`).join(', ') || 'none';
}

function findAccount(accounts: readonly AccountFacts[], code: string): (AccountFacts & { code: string }) | undefined {
  const wanted = code.trim();
  return withCode(accounts).find((a) => a.code === wanted) ?? withCode(accounts).find((a) => a.code.toLowerCase() === wanted.toLowerCase());
}

/** The invoice (revenue) account for every CourseCo line; returns the account or throws what is wrong with it. */
export function checkInvoiceAccount(accounts: readonly AccountFacts[], code: string): AccountOption {
  const valid = invoiceAccountOptions(accounts);
  const account = findAccount(accounts, code);
  if (!account) {
    throw new DomainError('AccountCodeUnknown', {
      message: `Account code '${code}' does not exist in this Xero organisation.`,
      fix: `Pick the invoice account from the list, or add the account in ${CHART}.`,
      evidence: `Active revenue accounts: ${listCodes(valid)}.`,
    });
  }
  if (account.status !== 'ACTIVE') {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account code '${account.code}' is archived in Xero, so Xero would refuse every invoice line that uses it.`,
      fix: `Pick an active revenue account (e.g. ${valid[0]?.code ?? '200'}), or restore '${account.code}' in ${CHART} → Archived.`,
      evidence: `${account.code} ${account.name}: status ${account.status}.`,
    });
  }
  if (!isRevenueAccount(account)) {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account code '${account.code}' (${account.name}) is a ${account.type} account, not a revenue account; CourseCo's invoice lines need a revenue account.`,
      fix: `Pick one of the revenue accounts: ${listCodes(valid)}.`,
      evidence: `${account.code} ${account.name}: type ${account.type}, class ${account.accountClass ?? 'unknown'}.`,
    });
  }
  return { code: account.code, name: account.name, type: account.type };
}

/** The account CourseCo records payments against: a bank account, or one with payments enabled. */
export function checkPaymentAccount(accounts: readonly AccountFacts[], code: string): AccountOption {
  const { options } = paymentAccountOptions(accounts);
  const account = findAccount(accounts, code);
  if (!account) {
    throw new DomainError('AccountCodeUnknown', {
      message: `Account code '${code}' does not exist in this Xero organisation.`,
      fix: 'Pick the payment account from the list (a bank account, or an account with payments enabled).',
      evidence: `Accounts that can receive payments: ${listCodes(options)}.`,
    });
  }
  if (account.status !== 'ACTIVE') {
    throw new DomainError('AccountCodeUnusable', {
      message: `Account code '${account.code}' is archived in Xero, so Xero would refuse every payment recorded against it.`,
      fix: `Pick an active bank account (e.g. ${options[0]?.code ?? '090'}), or restore '${account.code}' in ${CHART} → Archived.`,
      evidence: `${account.code} ${account.name}: status ${account.status}.`,
    });
  }
  if (!canReceivePayments(account)) {
    throw new DomainError('PaymentsNotEnabled', {
      message: `Account '${account.code}' (${account.name}) is not a bank account and does not have payments enabled, so Xero answers "Account type is invalid for making a payment to/from".`,
      fix: `Pick a bank account (${listCodes(options)}), or in ${CHART} → ${account.code} tick "Enable payments to this account" and save.`,
      evidence: `${account.code} ${account.name}: type ${account.type}, payments enabled: ${account.enablePaymentsToAccount ? 'yes' : 'no'}.`,
    });
  }
  return { code: account.code, name: account.name, type: account.type };
}

/** The tax rate title CourseCo needs, exactly as Xero spells it (case-sensitive). */
export function checkTaxRate(rates: readonly TaxRateFacts[], name: string): { name: string; taxType: string } {
  const valid = taxRateOptions(rates);
  const exact = rates.find((r) => r.name === name);
  if (!exact) {
    const near = rates.find((r) => r.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (near) {
      throw new DomainError('TaxRateCaseMismatch', {
        message: `Xero has no tax rate named '${name}'; did you mean '${near.name}'? Tax rate names are case-sensitive in CourseCo.`,
        fix: `Use '${near.name}' exactly, with the same capital letters, spaces and punctuation.`,
        evidence: `Xero's rate: '${near.name}' (TaxType ${near.taxType}); typed: '${name}'.`,
      });
    }
    throw new DomainError('TaxRateNotFound', {
      message: `Xero has no tax rate named '${name}'.`,
      fix: 'Pick the tax rate from the list; CourseCo needs its Name exactly as Xero shows it.',
      evidence: `Rates that apply to revenue: ${valid.map((r) => `'${r.name}'`).join(', ') || 'none'}.`,
    });
  }
  if (exact.status !== 'ACTIVE') {
    throw new DomainError('TaxRateUnusable', {
      message: `The tax rate '${exact.name}' is ${exact.status.toLowerCase()} in Xero and can no longer be used.`,
      fix: 'Pick an active tax rate from the list.',
      evidence: `'${exact.name}' (TaxType ${exact.taxType}): status ${exact.status}.`,
    });
  }
  if (!exact.canApplyToRevenue) {
    throw new DomainError('TaxRateUnusable', {
      message: `The tax rate '${exact.name}' cannot be used on sales (it is not enabled for revenue accounts).`,
      fix: 'Pick a rate that applies to income, such as the VAT rate on your course fees.',
      evidence: `'${exact.name}' (TaxType ${exact.taxType}): not applicable to revenue.`,
    });
  }
  return { name: exact.name, taxType: exact.taxType };
}
