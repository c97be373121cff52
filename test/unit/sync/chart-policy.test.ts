/**
 * The chart policy as a table: accounts of each Xero type, class, status and system role as invoice and payment
 * accounts; tax rates of each status and CanApplyToRevenue on sales lines; the display-name rule. Each row names the
 * verdict Xero's documented behaviour calls for (sources in main/sync/plan/chart-policy.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  accountClassOf,
  invoiceAccountChoices,
  invoiceAccountVerdict,
  judgeInvoiceAccount,
  judgePaymentAccount,
  judgeRateChoice,
  judgeSalesTaxType,
  judgeTaxRateName,
  paymentAccountVerdict,
  refusalError,
  salesRateChoices,
  salesRateVerdict,
  type ChartAccount,
  type SalesRate,
} from '../../../main/sync/plan';

const account = (over: Partial<ChartAccount>): ChartAccount => ({ code: '999', name: 'Test', type: 'REVENUE', status: 'ACTIVE', ...over });

describe('invoice (sales) accounts', () => {
  const cases: Array<[string, Partial<ChartAccount>, 'ok' | 'warn' | 'refuse', RegExp?]> = [
    ['REVENUE, active', { type: 'REVENUE' }, 'ok'],
    ['SALES, active', { type: 'SALES' }, 'ok'],
    ['OTHERINCOME, active', { type: 'OTHERINCOME' }, 'ok'],
    ['class REVENUE given by Xero', { type: 'REVENUE', accountClass: 'REVENUE' }, 'ok'],
    ['REVENUE, archived', { type: 'REVENUE', status: 'ARCHIVED' }, 'refuse', /archived in Xero, so Xero refuses every invoice line/],
    ['REVENUE, deleted', { type: 'REVENUE', status: 'DELETED' }, 'refuse', /deleted in Xero/],
    ['BANK', { type: 'BANK' }, 'refuse', /bank account; Xero does not take bank accounts on invoice lines/],
    ['Accounts Receivable (DEBTORS)', { type: 'CURRENT', systemAccount: 'DEBTORS' }, 'refuse', /Accounts Receivable control account/],
    ['Accounts Payable (CREDITORS)', { type: 'CURRLIAB', systemAccount: 'CREDITORS' }, 'refuse', /Accounts Payable control account/],
    ['EXPENSE', { type: 'EXPENSE' }, 'warn', /an expense account \(EXPENSE\), not a revenue account: Xero accepts it/],
    ['OVERHEADS', { type: 'OVERHEADS' }, 'warn', /an expense account/],
    ['DIRECTCOSTS', { type: 'DIRECTCOSTS' }, 'warn', /an expense account/],
    ['CURRENT asset', { type: 'CURRENT' }, 'warn', /an asset account/],
    ['CURRLIAB (e.g. deposits received)', { type: 'CURRLIAB' }, 'warn', /a liability account/],
    ['EQUITY', { type: 'EQUITY' }, 'warn', /an equity account/],
    ['the VAT control account (GST)', { type: 'CURRLIAB', systemAccount: 'GST' }, 'warn', /a liability account/],
    ['an archived EXPENSE account', { type: 'EXPENSE', status: 'ARCHIVED' }, 'refuse', /archived/],
  ];
  it.each(cases)('%s → %s', (_label, over, level, why) => {
    const verdict = invoiceAccountVerdict(account(over));
    expect(verdict.level).toBe(level);
    expect(verdict.ok).toBe(level !== 'refuse');
    if (verdict.level !== 'ok') {
      expect(verdict.why).toMatch(why!);
      expect(verdict.fix).toMatch(/^(Choose|Restore)/);
    }
  });

  it("derives the class from the type when a read lacks Xero's Class, and trusts Xero's Class when given", () => {
    expect(accountClassOf({ type: 'OVERHEADS' })).toBe('EXPENSE');
    expect(accountClassOf({ type: 'PAYG' })).toBe('LIABILITY');
    expect(accountClassOf({ type: 'SOMETHINGNEW', accountClass: 'REVENUE' })).toBe('REVENUE');
    expect(invoiceAccountVerdict(account({ type: 'SOMETHINGNEW' })).level).toBe('warn');
  });

  it('looks a code up (exact, then any case), names usable accounts in a refusal, and refuses an unknown code', () => {
    const chart = [account({ code: '200', name: 'Sales' }), account({ code: '250', name: 'Old', status: 'ARCHIVED' }), account({ code: 'SALES', name: 'Named' }), account({ code: '090', type: 'BANK', name: 'Bank' })];
    expect(invoiceAccountChoices(chart).map((a) => a.code)).toEqual(['200', 'SALES']);
    expect(judgeInvoiceAccount(chart, 'sales').found?.code).toBe('SALES');
    const archived = judgeInvoiceAccount(chart, '250').verdict;
    expect(archived).toMatchObject({ level: 'refuse', kind: 'AccountCodeUnusable', fix: expect.stringContaining('(for example 200 Sales, SALES Named)') });
    const unknown = judgeInvoiceAccount(chart, '4999');
    expect(unknown.found).toBeUndefined();
    expect(unknown.verdict).toMatchObject({ level: 'refuse', kind: 'AccountCodeUnknown', why: expect.stringContaining(`"Account code '4999' is not a valid code for this document."`) });
  });
});

describe('payment accounts', () => {
  const cases: Array<[string, Partial<ChartAccount>, 'ok' | 'refuse', string?]> = [
    ['BANK, active', { type: 'BANK' }, 'ok'],
    ['BANK without a code', { type: 'BANK', code: undefined }, 'ok'],
    ['CURRENT with payments enabled', { type: 'CURRENT', enablePaymentsToAccount: true }, 'ok'],
    ['EQUITY with payments enabled', { type: 'EQUITY', enablePaymentsToAccount: true }, 'ok'],
    ['CURRENT without payments', { type: 'CURRENT', enablePaymentsToAccount: false }, 'refuse', 'PaymentsNotEnabled'],
    ['REVENUE', { type: 'REVENUE' }, 'refuse', 'PaymentsNotEnabled'],
    ['BANK, archived', { type: 'BANK', status: 'ARCHIVED' }, 'refuse', 'AccountCodeUnusable'],
    ['payments enabled, deleted', { type: 'CURRENT', enablePaymentsToAccount: true, status: 'DELETED' }, 'refuse', 'AccountCodeUnusable'],
  ];
  it.each(cases)('%s → %s', (_label, over, level, kind) => {
    const verdict = paymentAccountVerdict(account(over));
    expect(verdict.level).toBe(level);
    if (verdict.level === 'refuse') expect(verdict.kind).toBe(kind);
  });

  it('finds the account by AccountID before any code, and refuses an id that is gone', () => {
    const chart = [account({ accountId: 'A1', code: undefined, name: 'Current', type: 'BANK' }), account({ accountId: 'A2', code: '620', name: 'Prepayments', type: 'CURRENT' })];
    expect(judgePaymentAccount(chart, { accountId: 'a1' }).verdict.level).toBe('ok');
    expect(judgePaymentAccount(chart, { code: '620' }).verdict).toMatchObject({ level: 'refuse', fix: expect.stringContaining('(for example Current (no code))') });
    expect(judgePaymentAccount(chart, { accountId: 'A3' }).verdict).toMatchObject({ level: 'refuse', kind: 'AccountCodeUnknown' });
  });
});

describe('tax rates on sales lines', () => {
  const rate = (over: Partial<SalesRate>): SalesRate => ({ name: '23% VAT on Income', taxType: 'TAX001', status: 'ACTIVE', canApplyToRevenue: true, rate: '23', ...over });
  const cases: Array<[string, Partial<SalesRate>, 'ok' | 'refuse', RegExp?]> = [
    ['ACTIVE, applies to revenue', {}, 'ok'],
    ['ACTIVE, purchases only', { canApplyToRevenue: false }, 'refuse', /cannot be used on sales/],
    ['DELETED', { status: 'DELETED' }, 'refuse', /deleted in Xero/],
    ['ARCHIVED', { status: 'ARCHIVED' }, 'refuse', /archived in Xero/],
    ['PENDING', { status: 'PENDING' }, 'refuse', /pending in Xero/],
    ['DELETED and purchases only', { status: 'DELETED', canApplyToRevenue: false }, 'refuse', /deleted/],
  ];
  it.each(cases)('%s → %s', (_label, over, level, why) => {
    const verdict = salesRateVerdict(rate(over));
    expect(verdict.level).toBe(level);
    if (verdict.level === 'refuse') {
      expect(verdict.kind).toBe('TaxRateUnusable');
      expect(verdict.why).toMatch(why!);
    }
  });

  const rates = [rate({}), rate({ name: '23% VAT on Expenses', taxType: 'TAX003', canApplyToRevenue: false }), rate({ name: '21% VAT on Income', taxType: 'TAX006', rate: '21', status: 'DELETED' }), rate({ name: 'Exempt', taxType: 'TAX005', rate: '0' })];

  it('the display-name rule: exact and case-sensitive; a case or spacing slip names Xero’s spelling; anything else names the closest usable rate', () => {
    expect(judgeTaxRateName(rates, '23% VAT on Income')).toMatchObject({ found: { taxType: 'TAX001' }, verdict: { level: 'ok' } });
    expect(judgeTaxRateName(rates, '23% vat on income').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateCaseMismatch', fix: "Use '23% VAT on Income' exactly, with the same capital letters, spaces and punctuation." });
    expect(judgeTaxRateName(rates, ' 23% VAT on Income ').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateCaseMismatch' });
    expect(judgeTaxRateName(rates, '23% VAT Income').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateNotFound', why: "Xero has no tax rate titled '23% VAT Income'; the closest is '23% VAT on Income'." });
    // Found by name, then judged as a sales rate: the name rule never lets an unusable rate through.
    expect(judgeTaxRateName(rates, '23% VAT on Expenses').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateUnusable' });
    expect(judgeTaxRateName(rates, '21% VAT on Income').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateUnusable' });
    expect(salesRateChoices(rates).map((r) => r.taxType)).toEqual(['TAX001', 'TAX005']);
  });

  it('judges a TaxType (a rule per course) and a percent choice the same way', () => {
    expect(judgeSalesTaxType(rates, 'TAX005').verdict.level).toBe('ok');
    expect(judgeSalesTaxType(rates, 'TAX003').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateUnusable' });
    expect(judgeSalesTaxType(rates, 'Exempt').verdict).toMatchObject({ level: 'refuse', kind: 'TaxRateNotFound' });
    expect(judgeRateChoice(rates, '0.0', 'TAX005').verdict.level).toBe('ok');
    expect(judgeRateChoice(rates, '0', 'TAX001').verdict).toMatchObject({ level: 'refuse', why: "'23% VAT on Income' is 23% in Xero, not 0%." });
  });

  it('a refusal becomes the DomainError every screen renders', () => {
    const { verdict } = judgeTaxRateName(rates, '23% vat on income');
    if (verdict.level !== 'refuse') throw new Error('expected a refusal');
    const error = refusalError(verdict);
    expect([error.kind, error.message, error.fix]).toEqual(['TaxRateCaseMismatch', verdict.why, verdict.fix]);
    expect(error.evidence).toContain('TaxType TAX001');
  });
});
