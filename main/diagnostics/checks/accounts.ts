/**
 * "Account codes are valid in Xero" / "Account codes not set up in Xero" and "tax code title as entered in Xero (case
 * sensitive)": the configured values judged by the chart policy (main/sync/plan/chart-policy.ts) against GET /Accounts
 * and GET /TaxRates, exactly as setup, `config set` and the planner judge them: a refusal fails the check, a warning
 * warns. Tax rates are named, never coded, in the evidence.
 */
import { judgeInvoiceAccount, judgePaymentAccount, judgeTaxRateName, type ChartAccount, type SalesRate, type Verdict } from '../../sync/plan';
import type { AccountSeen, TaxRateSeen } from '../facts';
import { cannotRun, defineCheck, fail, notSetUp, pass, warn } from './check';

/** Xero's account types in the words of its own chart of accounts screen. */
const TYPE_WORDS: Record<string, string> = { REVENUE: 'revenue', SALES: 'sales', OTHERINCOME: 'other income', BANK: 'bank', CURRENT: 'current asset', CURRLIAB: 'current liability', EXPENSE: 'expense', DIRECTCOSTS: 'direct costs', PREPAYMENT: 'prepayment', LIABILITY: 'liability', EQUITY: 'equity', FIXED: 'fixed asset', INVENTORY: 'inventory', NONCURRENT: 'non-current asset', OVERHEADS: 'overheads', TERMLIAB: 'non-current liability', DEPRECIATN: 'depreciation' };

function describe(a: AccountSeen): string {
  const type = TYPE_WORDS[a.type] ?? a.type.toLowerCase();
  return `${a.code ? `${a.code} '${a.name}'` : `'${a.name}' (no code)`} (${type}${a.status !== 'ACTIVE' ? `, ${a.status.toLowerCase()}` : ''})`;
}

function chartAccount(a: AccountSeen): ChartAccount & { seen: AccountSeen } {
  return {
    seen: a,
    accountId: a.accountId,
    code: a.code || undefined,
    name: a.name,
    type: a.type,
    status: a.status,
    accountClass: a.className,
    systemAccount: a.systemAccount,
    enablePaymentsToAccount: a.enablePaymentsToAccount,
  };
}

function salesRate(r: TaxRateSeen): SalesRate & { seen: TaxRateSeen } {
  return { seen: r, name: r.name, taxType: r.taxType, status: r.status, canApplyToRevenue: r.canApplyToRevenue !== false, rate: String(r.effectiveRate ?? 0) };
}

export const accountCodes = defineCheck({ id: 'account-codes', title: 'Account codes are valid in Xero', group: 'what-to-check' }, async (facts) => {
  const settings = facts.settings();
  const invoiceCode = settings['xero.invoiceAccountCode'];
  const paymentCode = settings['xero.paymentAccountCode'];
  const paymentId = settings['xero.paymentAccountId'];
  const missing = [!invoiceCode ? 'invoice' : '', !paymentCode && !paymentId ? 'payment' : ''].filter(Boolean);
  if (missing.length) {
    return notSetUp('choose', `the ${missing.join(' and ')} account ${missing.length > 1 ? 'are' : 'is'} not chosen yet.`, 'Choose the invoice (revenue) and payment (bank) accounts from your Xero chart of accounts in Setup.');
  }
  const seen = await facts.accounts();
  if (!seen.ok) return cannotRun(seen.problem, `look up the invoice account ${invoiceCode} and the payment account in Xero`);
  const chart = seen.value.map(chartAccount);
  const failures: string[] = [];
  const warnings: string[] = [];
  const fixes: string[] = [];
  const note = (what: string, verdict: Verdict) => {
    if (verdict.level === 'ok') return;
    (verdict.level === 'refuse' ? failures : warnings).push(`${what}: ${verdict.why}`);
    fixes.push(verdict.fix);
  };
  const invoice = judgeInvoiceAccount(chart, invoiceCode!);
  note('Invoice account', invoice.verdict);
  // Chosen in setup by AccountID (bank accounts may have no code); older profiles name it by code.
  const payment = judgePaymentAccount(chart, paymentId ? { accountId: paymentId } : { code: paymentCode });
  note(paymentId ? 'Payment account (chosen in Setup)' : 'Payment account', payment.verdict);
  if (failures.length) return fail(failures.join(' '), fixes.join(' '));
  const paymentSeen = payment.found!.seen;
  const ok = `Invoice account ${describe(invoice.found!.seen)} and payment account ${describe(paymentSeen)}${paymentSeen.type === 'BANK' ? '' : ' with payments enabled'} exist and are active.`;
  if (warnings.length) return warn(`${ok} But: ${warnings.join(' ')}`, fixes.join(' '));
  return pass(ok);
});

export const taxRateTitle = defineCheck({ id: 'tax-rate-title', title: 'Tax code title matches Xero exactly', group: 'common-issues' }, async (facts) => {
  const wanted = facts.settings()['xero.taxRateName'];
  if (!wanted) return notSetUp('choose', 'no tax rate is chosen yet; CourseCo needs its title exactly as Xero spells it.', 'Pick the tax rate from your Xero organisation\'s list in Setup.');
  const seen = await facts.taxRates();
  if (!seen.ok) return cannotRun(seen.problem, `compare the tax code title '${wanted}' with Xero's tax rates`);
  const { found, verdict } = judgeTaxRateName(seen.value.map(salesRate), wanted);
  if (verdict.level === 'refuse') return fail(verdict.why, verdict.fix, verdict.evidence);
  const exact = found!.seen;
  // By name only: the code (TAX001) means nothing to the bookkeeper; the support bundle keeps it.
  const ok = `'${wanted}' matches Xero's tax rate exactly${exact.effectiveRate !== undefined ? ` (${exact.effectiveRate}%)` : ''}.`;
  const detail = `TaxType ${exact.taxType}.`;
  return verdict.level === 'warn' ? warn(`${ok} But: ${verdict.why}`, verdict.fix, detail) : pass(ok, detail);
});
