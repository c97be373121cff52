/**
 * The chart policy: the one place that says whether an account of the organisation may carry CourseCo's invoice
 * (sales) lines, whether it may take payments, whether a tax rate may go on a sales line, and how a tax rate's
 * display name ("tax code title") is matched. Setup (main/wizard), diagnostics (main/diagnostics/checks/accounts.ts),
 * the demo (main/cli/commands/demo.ts), the planner (planner-settings.ts, line-maths.ts) and every settings write
 * (wizard.choose, settings.set, `config set`: main/wizard/chart-setting-write.ts) ask here; none keeps a copy.
 *
 * API (import from `main/sync/plan`, the plan room's door):
 * - Every answer is a `Verdict`: `{ level: 'ok' }`, `{ level: 'warn', why, fix }` (Xero accepts it but a bookkeeper
 *   should look: the write proceeds, the warning is shown) or `{ level: 'refuse', kind, why, fix, evidence? }` (Xero
 *   would refuse it, or we cannot tell what was meant: nothing is written or sent). `ok` is true for ok and warn.
 *   `why` and `fix` are whole sentences in plain words; `kind` is the DomainError kind (`refusalError` builds it).
 * - On an account already found: `invoiceAccountVerdict(account)`, `paymentAccountVerdict(account)`.
 *   On a tax rate already found: `salesRateVerdict(rate)`.
 * - On a value a person typed or a rule names, looked up in the chart (`{ found?, verdict }`):
 *   `judgeInvoiceAccount(accounts, code)` — e.g. a per-course account code;
 *   `judgePaymentAccount(accounts, { accountId } | { code })`;
 *   `judgeTaxRateName(rates, name)` — the display-name rule (exact, case-sensitive; a near miss is named);
 *   `judgeSalesTaxType(rates, taxType)` — e.g. a per-course TaxType;
 *   `judgeRateChoice(rates, percent, taxType)` — "lines at this percent get this TaxType".
 * - `invoiceAccountChoices(accounts)` / `salesRateChoices(rates)`: what a picker offers (the `ok` ones).
 * - `chartAccountFromXero(row)` / `salesRateFromXero(row)`: Xero's own field names (GET /Accounts, /TaxRates) →
 *   the plain shapes above.
 *
 * Sources (Xero's documentation as summarised in ../shared/xero-facts.md and the OpenAPI xero_accounting.yaml):
 * - Account `Status` ACTIVE|ARCHIVED|DELETED, `Class` ASSET|EQUITY|EXPENSE|LIABILITY|REVENUE (read-only, derived
 *   from `Type`), `Type` (OpenAPI `AccountType` enum), `SystemAccount` (DEBTORS, CREDITORS, GST, …),
 *   `EnablePaymentsToAccount` (xero-facts.md §3 Accounts; "Irish and UK organisations" → Account fields).
 * - An archived or deleted account on a line: "Account code 'X' has been archived, or has been deleted. Each line
 *   item must reference a valid account."; an unknown code: "Account code '999' is not a valid code for this
 *   document." (xero-facts.md §4). Bank accounts and the debtors/creditors control accounts cannot carry document
 *   lines (the sandbox's `accountUsableOnDocuments`, sandbox/accounting/chart.ts, follows the same rule).
 * - Any other active account is accepted on a sales line by Xero; only a REVENUE-class account makes the line
 *   income in the Profit and Loss, so other classes are a warning, not a refusal.
 * - Payments need "an account of type BANK or have enable payments to this accounts switched on" (Xero's Payments
 *   docs, xero-facts.md §3), else "Account type is invalid for making a payment to/from" (§3 Payments errors).
 * - TaxRate `Status` ACTIVE|DELETED|ARCHIVED|PENDING and `CanApplyToRevenue` (OpenAPI `TaxRate`); Xero refuses a
 *   TaxType that "does not exist or cannot be used for this type of transaction" (xero-facts.md §3 TaxRates).
 * - CourseCo's "tax code title" is the rate's Name, matched exactly (case-sensitive: the seed guide's "What to
 *   Check", ../shared/seed-courseco-xero-guide.txt); lines themselves carry the TaxType code, never the Name.
 */
import Decimal from 'decimal.js';
import { DomainError } from '../../errors';

export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

export interface ChartAccount {
  accountId?: string | undefined;
  code?: string | undefined;
  name: string;
  type: string;
  status: string;
  /** Xero's `Class`; when a read did not carry it, it is derived from `type` (Xero derives it the same way). */
  accountClass?: string | undefined;
  enablePaymentsToAccount?: boolean | undefined;
  systemAccount?: string | undefined;
}

export interface SalesRate {
  name: string;
  taxType: string;
  status: string;
  canApplyToRevenue: boolean;
  /** Percent, as Xero's EffectiveRate gives it. */
  rate: string;
}

export type RefusalKind = 'AccountCodeUnknown' | 'AccountCodeUnusable' | 'PaymentsNotEnabled' | 'TaxRateNotFound' | 'TaxRateCaseMismatch' | 'TaxRateUnusable';

export type Verdict =
  | { level: 'ok'; ok: true }
  | { level: 'warn'; ok: true; why: string; fix: string }
  | { level: 'refuse'; ok: false; kind: RefusalKind; why: string; fix: string; evidence?: string };

export type Concern = Exclude<Verdict, { level: 'ok' }>;

/** A looked-up value and what the policy says of it (`found` is absent when the chart has no such thing). */
export interface Judged<T> {
  found?: T;
  verdict: Verdict;
}

const OK: Verdict = { level: 'ok', ok: true };
const warn = (why: string, fix: string): Verdict => ({ level: 'warn', ok: true, why, fix });
const refuse = (kind: RefusalKind, why: string, fix: string, evidence?: string): Verdict => ({ level: 'refuse', ok: false, kind, why, fix, ...(evidence ? { evidence } : {}) });

const CHART = 'Xero → Accounting → Chart of accounts';
const TAX_RATES = 'Xero → Accounting → Advanced → Tax rates';

/** The DomainError a refusal becomes (UI, CLI and diagnostics render the same object). */
export function refusalError(verdict: Extract<Verdict, { level: 'refuse' }>): DomainError {
  return new DomainError(verdict.kind, { message: verdict.why, fix: verdict.fix, ...(verdict.evidence ? { evidence: verdict.evidence } : {}) });
}

/** "why fix" on one line, for the CLI and logs. */
export function verdictLine(verdict: Concern): string {
  return `${verdict.why} ${verdict.fix}`;
}

// ── Accounts ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** "090 Business Bank Account", or "AIB Current Account (no code)" for the bank accounts Xero lets users leave uncoded. */
export function accountLabel(account: Pick<ChartAccount, 'code' | 'name'>): string {
  if (account.code) return account.name ? `${account.code} ${account.name}` : account.code;
  return `${account.name} (no code)`;
}

// OpenAPI `AccountType` → the `Class` Xero reports for it (Xero's Account Types page groups them the same way).
const CLASS_OF_TYPE: Record<string, AccountClass> = {
  BANK: 'ASSET', CURRENT: 'ASSET', FIXED: 'ASSET', INVENTORY: 'ASSET', NONCURRENT: 'ASSET', PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY', LIABILITY: 'LIABILITY', TERMLIAB: 'LIABILITY', PAYG: 'LIABILITY',
  EQUITY: 'EQUITY',
  DEPRECIATN: 'EXPENSE', DIRECTCOSTS: 'EXPENSE', EXPENSE: 'EXPENSE', OVERHEADS: 'EXPENSE',
  OTHERINCOME: 'REVENUE', REVENUE: 'REVENUE', SALES: 'REVENUE',
};

export function accountClassOf(account: Pick<ChartAccount, 'type' | 'accountClass'>): string | undefined {
  return account.accountClass || CLASS_OF_TYPE[account.type];
}

const CLASS_WORDS: Record<string, string> = { ASSET: 'an asset', EQUITY: 'an equity', EXPENSE: 'an expense', LIABILITY: 'a liability', REVENUE: 'a revenue' };

/**
 * May CourseCo's invoice (sales) lines be posted to this account? Given the whole chart, a refusal's fix names
 * accounts that would do.
 */
export function invoiceAccountVerdict(account: ChartAccount, chart?: readonly ChartAccount[]): Verdict {
  const label = accountLabel(account);
  const choose = `Choose an active revenue account${forExample(chart ? invoiceAccountChoices(chart) : [])}`;
  const evidence = `${label}: type ${account.type || 'unknown'}, class ${accountClassOf(account) ?? 'unknown'}, status ${account.status}.`;
  if (account.status !== 'ACTIVE') {
    return refuse(
      'AccountCodeUnusable',
      `Account ${label} is ${account.status.toLowerCase()} in Xero, so Xero refuses every invoice line that uses it.`,
      `${choose}, or restore ${label} in ${CHART} → Archived.`,
      evidence,
    );
  }
  if (account.type === 'BANK') {
    return refuse('AccountCodeUnusable', `Account ${label} is a bank account; Xero does not take bank accounts on invoice lines.`, `${choose} for invoice lines.`, evidence);
  }
  if (account.systemAccount === 'DEBTORS' || account.systemAccount === 'CREDITORS') {
    const which = account.systemAccount === 'DEBTORS' ? 'Accounts Receivable' : 'Accounts Payable';
    return refuse('AccountCodeUnusable', `Account ${label} is the ${which} control account; Xero keeps it for its own postings and refuses it on invoice lines.`, `${choose} for invoice lines.`, evidence);
  }
  const cls = accountClassOf(account);
  if (cls !== 'REVENUE') {
    return warn(
      `Account ${label} is ${CLASS_WORDS[cls ?? ''] ?? 'an unclassified'} account (${account.type || 'type unknown'}), not a revenue account: Xero accepts it on invoice lines, but course fees posted there do not show as income in the Profit and Loss.`,
      `Choose a revenue account, such as Sales, unless your accountant asked for ${label}.`,
    );
  }
  return OK;
}

/** A bank account or one with "Enable payments to this account" ticked, whatever its status. */
export function canReceivePayments(account: Pick<ChartAccount, 'type' | 'enablePaymentsToAccount'>): boolean {
  return account.type === 'BANK' || account.enablePaymentsToAccount === true;
}

/** May payments be recorded against this account? Given the whole chart, a refusal's fix names accounts that would do. */
export function paymentAccountVerdict(account: ChartAccount, chart?: readonly ChartAccount[]): Verdict {
  const label = accountLabel(account);
  const others = forExample(chart ? paymentAccountChoices(chart) : []);
  if (account.status !== 'ACTIVE') {
    return refuse(
      'AccountCodeUnusable',
      `The payment account ${label} is ${account.status.toLowerCase()} in Xero, and Xero refuses payments to it.`,
      `Choose an active bank account${others}, or restore ${label} in ${CHART} → Archived.`,
      `${label}: status ${account.status}.`,
    );
  }
  if (!canReceivePayments(account)) {
    return refuse(
      'PaymentsNotEnabled',
      `The payment account ${label} is not a bank account and does not have payments enabled, so Xero answers "Account type is invalid for making a payment to/from".`,
      `Choose a bank account${others}, or in ${CHART} → ${label} tick "Enable payments to this account" and save.`,
      `${label}: type ${account.type}, payments enabled: ${account.enablePaymentsToAccount ? 'yes' : 'no'}.`,
    );
  }
  return OK;
}

/** The account a setting names: by AccountID (what payments send), else by Code (exact first, then any case). */
export function findAccount<A extends ChartAccount>(accounts: readonly A[], ref: { accountId?: string | undefined; code?: string | undefined }): A | undefined {
  if (ref.accountId) {
    const id = ref.accountId.trim().toLowerCase();
    return accounts.find((a) => a.accountId?.toLowerCase() === id);
  }
  const code = ref.code?.trim();
  if (!code) return undefined;
  return accounts.find((a) => a.code === code) ?? accounts.find((a) => a.code?.toLowerCase() === code.toLowerCase());
}

const byCode = (a: ChartAccount, b: ChartAccount) => (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true });

/** Coded accounts whose invoice verdict is ok (active, revenue class), by code: what the invoice picker offers. */
export function invoiceAccountChoices<A extends ChartAccount>(accounts: readonly A[]): (A & { code: string })[] {
  return accounts.filter((a): a is A & { code: string } => Boolean(a.code) && invoiceAccountVerdict(a).level === 'ok').sort(byCode);
}

/** Active accounts whose payment verdict is ok (bank accounts first, then by code). */
export function paymentAccountChoices<A extends ChartAccount>(accounts: readonly A[]): A[] {
  return accounts.filter((a) => paymentAccountVerdict(a).level === 'ok').sort((a, b) => Number(b.type === 'BANK') - Number(a.type === 'BANK') || byCode(a, b));
}

const examples = (list: readonly ChartAccount[]) => list.slice(0, 5).map(accountLabel).join(', ');
function forExample(list: readonly ChartAccount[]): string {
  return list.length ? ` (for example ${examples(list)})` : '';
}

/** An invoice account code (the setting, or a per-course rule's code) looked up in the chart and judged. */
export function judgeInvoiceAccount<A extends ChartAccount>(accounts: readonly A[], code: string): Judged<A> {
  const found = findAccount(accounts, { code });
  const usable = invoiceAccountChoices(accounts);
  if (!found) {
    return {
      verdict: refuse(
        'AccountCodeUnknown',
        `Account code '${code.trim()}' does not exist in this Xero organisation (Xero answers "Account code '${code.trim()}' is not a valid code for this document.").`,
        `Choose an active revenue account${forExample(usable)}, or add account ${code.trim()} in ${CHART}.`,
        `Active revenue accounts: ${examples(usable) || 'none'}.`,
      ),
    };
  }
  return { found, verdict: invoiceAccountVerdict(found, accounts) };
}

/** The payment account (by AccountID from a picker, or a typed code) looked up and judged. */
export function judgePaymentAccount<A extends ChartAccount>(accounts: readonly A[], ref: { accountId?: string | undefined; code?: string | undefined }): Judged<A> {
  const found = findAccount(accounts, ref);
  const usable = paymentAccountChoices(accounts);
  if (!found) {
    const named = ref.accountId ? `with AccountID ${ref.accountId}` : `code '${(ref.code ?? '').trim()}'`;
    return {
      verdict: refuse(
        'AccountCodeUnknown',
        `The payment account ${named} does not exist in this Xero organisation (it may have been deleted).`,
        `Choose a bank account or an account with payments enabled${forExample(usable)}.`,
        `Accounts that can receive payments: ${examples(usable) || 'none'}.`,
      ),
    };
  }
  return { found, verdict: paymentAccountVerdict(found, accounts) };
}

// ── Tax rates ────────────────────────────────────────────────────────────────────────────────────────────────────

/** May this rate go on a sales line? */
export function salesRateVerdict(rate: SalesRate): Verdict {
  const evidence = `'${rate.name}' (TaxType ${rate.taxType}): status ${rate.status}, applies to revenue: ${rate.canApplyToRevenue ? 'yes' : 'no'}.`;
  if (rate.status !== 'ACTIVE') {
    return refuse(
      'TaxRateUnusable',
      `The tax rate '${rate.name}' is ${rate.status.toLowerCase()} in Xero, and Xero refuses it on new invoices.`,
      `Choose an active tax rate, or restore '${rate.name}' in ${TAX_RATES}.`,
      evidence,
    );
  }
  if (!rate.canApplyToRevenue) {
    return refuse('TaxRateUnusable', `The tax rate '${rate.name}' cannot be used on sales in Xero (it does not apply to revenue).`, 'Choose a rate that applies to income, such as the VAT rate on your course fees.', evidence);
  }
  return OK;
}

/** Rates whose sales verdict is ok, in Xero's order: what the tax rate picker offers. */
export function salesRateChoices<R extends SalesRate>(rates: readonly R[]): R[] {
  return rates.filter((r) => salesRateVerdict(r).level === 'ok');
}

/** Levenshtein distance on lower-cased text, for "the closest is". */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= y.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (x[i - 1] === y[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[y.length]!;
}

/** The usable sales rate whose name is nearest to what was typed. */
export function closestSalesRate<R extends SalesRate>(rates: readonly R[], wanted: string): R | undefined {
  let best: R | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const rate of salesRateChoices(rates)) {
    const score = distance(wanted, rate.name);
    if (score < bestScore) [best, bestScore] = [rate, score];
  }
  return best;
}

/**
 * The display-name rule: CourseCo's tax code title must be a rate's Name exactly as Xero spells it (case, spaces and
 * punctuation); a name that differs only in case or surrounding spaces is refused naming Xero's spelling, any other
 * miss names the closest usable rate. The rate found must then pass `salesRateVerdict`.
 */
export function judgeTaxRateName<R extends SalesRate>(rates: readonly R[], name: string): Judged<R> {
  const found = rates.find((r) => r.name === name);
  if (found) return { found, verdict: salesRateVerdict(found) };
  const near = rates.find((r) => r.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (near) {
    return {
      verdict: refuse(
        'TaxRateCaseMismatch',
        `'${name}' differs from Xero's tax rate '${near.name}' only in letter case or spaces; Xero and CourseCo compare tax code titles exactly.`,
        `Use '${near.name}' exactly, with the same capital letters, spaces and punctuation.`,
        `Xero's rate: '${near.name}' (TaxType ${near.taxType}); typed: '${name}'.`,
      ),
    };
  }
  const closest = closestSalesRate(rates, name);
  return {
    verdict: refuse(
      'TaxRateNotFound',
      `Xero has no tax rate titled '${name}'${closest ? `; the closest is '${closest.name}'` : ''}.`,
      closest ? `Use '${closest.name}' if that is the one you mean, exactly as Xero spells it, or pick the rate from the list.` : `Pick one of the organisation's tax rates, or create the rate in ${TAX_RATES}.`,
      `Rates that apply to revenue: ${salesRateChoices(rates).map((r) => `'${r.name}'`).join(', ') || 'none'}.`,
    ),
  };
}

/** A TaxType code (a line's, a rate choice's or a per-course rule's) looked up and judged for sales lines. */
export function judgeSalesTaxType<R extends SalesRate>(rates: readonly R[], taxType: string): Judged<R> {
  const found = rates.find((r) => r.taxType === taxType);
  if (!found) {
    return {
      verdict: refuse(
        'TaxRateNotFound',
        `Xero has no tax rate with TaxType '${taxType}' (Xero answers "The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.").`,
        'Pick the tax rate from the list of rates that apply to income.',
      ),
    };
  }
  return { found, verdict: salesRateVerdict(found) };
}

/** "23.0" → "23": percentages compare as numbers, not text. */
export function rateKey(rate: string | number): string {
  return new Decimal(rate).toFixed();
}

/** "Lines at `percent` get `taxType`": the rate exists, may go on sales lines and has that percentage. */
export function judgeRateChoice<R extends SalesRate>(rates: readonly R[], percent: string, taxType: string): Judged<R> {
  const judged = judgeSalesTaxType(rates, taxType);
  if (!judged.found || judged.verdict.level === 'refuse') return judged;
  if (rateKey(judged.found.rate) !== rateKey(percent)) {
    return {
      found: judged.found,
      verdict: refuse('TaxRateUnusable', `'${judged.found.name}' is ${rateKey(judged.found.rate)}% in Xero, not ${rateKey(percent)}%.`, `Pick one of the ${rateKey(percent)}% rates.`),
    };
  }
  return judged;
}

// ── Xero's field names → the plain shapes ───────────────────────────────────────────────────────────────────────

/** A row of GET /Accounts in Xero's own field names (the planner's and the sync gateway's shape). */
export interface XeroAccountRow {
  AccountID?: string | undefined;
  Code?: string | undefined;
  Name?: string | undefined;
  Type?: string | undefined;
  Class?: string | undefined;
  Status?: string | undefined;
  SystemAccount?: string | undefined;
  EnablePaymentsToAccount?: boolean | undefined;
}

export function chartAccountFromXero(a: XeroAccountRow): ChartAccount {
  return {
    accountId: a.AccountID,
    code: a.Code,
    name: a.Name ?? '',
    type: a.Type ?? '',
    status: a.Status ?? 'ACTIVE',
    accountClass: a.Class,
    enablePaymentsToAccount: a.EnablePaymentsToAccount,
    systemAccount: a.SystemAccount,
  };
}

/** A row of GET /TaxRates in Xero's own field names. */
export interface XeroTaxRateRow {
  Name: string;
  TaxType: string;
  Status?: string | undefined;
  EffectiveRate?: number | string | undefined;
  CanApplyToRevenue?: boolean | undefined;
}

export function salesRateFromXero(r: XeroTaxRateRow): SalesRate {
  return { name: r.Name, taxType: r.TaxType, status: r.Status ?? 'ACTIVE', canApplyToRevenue: r.CanApplyToRevenue !== false, rate: String(r.EffectiveRate ?? 0) };
}
