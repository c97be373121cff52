/**
 * CourseCo lines → Xero line items, and the totals Xero will compute from them. Xero rounds per line: LineAmount =
 * round(Quantity × UnitAmount, 2) and line tax = round(LineAmount × rate, 2) (inclusive: × rate / (1 + rate)), both
 * half away from zero; totals are sums of rounded lines. We do the same with decimal.js and compare with CourseCo's
 * own figures: a difference of up to 0.01 is rounding and noted, anything more is a plan error, because an invoice
 * whose total disagrees with CourseCo is exactly the drift users complain about.
 */
import Decimal from 'decimal.js';
import type { CourseCoLine, CourseCoTransaction } from '../../courseco/types';
import { chartAccountFromXero, judgeInvoiceAccount, type Verdict } from './chart-policy';
import { ruleForLine, ruleTaxType } from './line-rules';
import { rateKey, type PlannerSettings } from './planner-settings';
import type { LineAmountTypes, XeroLineItem } from './xero-documents';

export const ROUNDING_ALLOWANCE = new Decimal('0.01');
/** Inferring a line's rate from its VAT amount: the nearest mapped rate within this many percentage points. */
const RATE_INFERENCE_SLACK = new Decimal('0.5');

export const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
export const money = (d: Decimal) => round2(d).toFixed(2);

export interface Totals {
  subTotal: string;
  totalTax: string;
  total: string;
}

export interface LineMaths {
  lineAmountTypes: LineAmountTypes;
  lineItems: XeroLineItem[];
  /** What Xero will compute. */
  totals: Totals;
  /** CourseCo's own figures, where the file had them (null: not in the file, so not checked). */
  courseCo: { total: string | null; tax: string | null };
  errors: string[];
  warnings: string[];
  /** Some UnitAmount has 3–4 decimals: the request needs `unitdp=4` or Xero rounds it to 2. */
  needsUnitdp4: boolean;
  /** With rules per course: the rule each line followed ("default", or null for Setup's account and VAT mapping). */
  lineRules?: Array<string | null>;
}

function lineLabel(line: CourseCoLine): string {
  return `row ${line.row} ("${line.description.length > 40 ? `${line.description.slice(0, 40)}…` : line.description}")`;
}

function chooseLineAmountTypes(tx: CourseCoTransaction, settings: PlannerSettings, errors: string[]): LineAmountTypes {
  const fromFile: LineAmountTypes = tx.amountsIncludeTax ? 'Inclusive' : 'Exclusive';
  const setting = settings.lineAmountTypes ?? 'FromFile';
  if (setting === 'FromFile' || setting === 'NoTax') return setting === 'NoTax' ? 'NoTax' : fromFile;
  if (setting !== fromFile) {
    errors.push(
      `the file was imported as tax-${tx.amountsIncludeTax ? 'inclusive' : 'exclusive'} but the Xero line amount type is set to ${setting}: ` +
        `re-import with the matching tax setting, or change the line amount type`,
    );
  }
  return setting;
}

function taxOn(lineAmount: Decimal, rate: Decimal, types: LineAmountTypes): Decimal {
  if (types === 'NoTax' || rate.isZero()) return new Decimal(0);
  return round2(types === 'Exclusive' ? lineAmount.times(rate).dividedBy(100) : lineAmount.times(rate).dividedBy(rate.plus(100)));
}

/** The VAT rate for a line: the file's rate, else the mapped rate its VAT amount implies, else the default. */
function lineRate(line: CourseCoLine, lineAmount: Decimal, types: LineAmountTypes, settings: PlannerSettings): { rate?: string; error?: string } {
  if (line.taxRate !== undefined) return { rate: rateKey(line.taxRate) };
  if (line.taxAmount !== undefined) {
    const tax = new Decimal(line.taxAmount);
    const net = types === 'Inclusive' ? lineAmount.minus(tax) : lineAmount;
    if (net.isZero()) return tax.isZero() ? { rate: settings.defaultTaxRate ?? '0' } : { error: `${lineLabel(line)} has VAT ${tax.toFixed(2)} on a zero amount` };
    const implied = tax.dividedBy(net).times(100);
    let best: { key: string; distance: Decimal } | undefined;
    for (const key of [...Object.keys(settings.taxTypes), ...Object.keys(settings.unchosenRates ?? {})]) {
      const distance = implied.minus(key).abs();
      if (distance.lessThanOrEqualTo(RATE_INFERENCE_SLACK) && (!best || distance.lessThan(best.distance))) best = { key, distance };
    }
    if (best) return { rate: best.key };
    return {
      error: `${lineLabel(line)}: VAT ${tax.toFixed(2)} on ${net.toFixed(2)} is ${implied.toDecimalPlaces(2).toFixed()}%, which matches no mapped Xero tax rate (${describeMapped(settings)})`,
    };
  }
  if (settings.defaultTaxRate !== undefined) return { rate: rateKey(settings.defaultTaxRate) };
  return { error: `${lineLabel(line)} has no VAT rate or VAT amount in the file, and no default tax rate is set` };
}

function describeMapped(settings: PlannerSettings): string {
  // Highest rate first; JS would list integer-like keys ("0", "23") before others ("13.5") otherwise.
  const keys = Object.keys(settings.taxTypes).sort((a, b) => new Decimal(b).comparedTo(a));
  return keys.length ? keys.map((k) => `${k}% → ${settings.taxTypes[k]}`).join(', ') : 'none mapped';
}

/** The account's problem for Xero, if the chart of accounts is known and the code is missing or not active. */
// One verdict per chart and code, however many lines name it (the bench plans 100,000 transactions).
const verdictsByChart = new WeakMap<NonNullable<PlannerSettings['accounts']>, Map<string, Verdict>>();

/** What chart-policy.ts says of a line's account, as setup, diagnostics and `config set` would say it. */
function accountVerdict(code: string, settings: PlannerSettings): Verdict | undefined {
  const accounts = settings.accounts;
  if (!accounts) return undefined;
  let verdicts = verdictsByChart.get(accounts);
  if (!verdicts) verdictsByChart.set(accounts, (verdicts = new Map()));
  let verdict = verdicts.get(code);
  if (!verdict) {
    verdict = judgeInvoiceAccount(accounts.map(chartAccountFromXero), code).verdict;
    verdicts.set(code, verdict);
  }
  return verdict;
}

/** The account's own default TaxType when it carries the line's rate; else the org-wide mapping for the rate. */
function taxTypeFor(rate: string, accountCode: string, settings: PlannerSettings): string | undefined {
  const own = settings.accounts?.find((a) => a.Code === accountCode)?.TaxType;
  if (own && settings.taxTypeRates?.[own] === rate) return own;
  return settings.taxTypes[rate];
}

/**
 * The account a line is sent to: the invoice account, or CourseCo's nominal code on the line when the run asked for
 * nominal codes (`sync --nominal-codes`, the demo). The console's detail drawer shows this, never the nominal code
 * alone (it once showed a line's 4999 while the invoice went to 200).
 */
export function lineAccountCode(line: Pick<CourseCoLine, 'accountCode'>, settings: Pick<PlannerSettings, 'invoiceAccountCode' | 'useNominalCodes'>): string {
  return settings.useNominalCodes && line.accountCode ? line.accountCode : settings.invoiceAccountCode;
}

export function planLines(tx: CourseCoTransaction, settings: PlannerSettings): LineMaths {
  const errors: string[] = [];
  const warnings: string[] = [];
  const types = chooseLineAmountTypes(tx, settings, errors);
  const lineItems: XeroLineItem[] = [];
  let sumLines = new Decimal(0);
  let sumTax = new Decimal(0);
  let courseCoLines = new Decimal(0);
  let courseCoTax: Decimal | null = new Decimal(0);
  let needsUnitdp4 = false;
  // A warning about an account is said once per document, not once per line.
  const warnedAccounts = new Set<string>();
  const rules = settings.lineRules;
  const ruleNames: Array<string | null> = [];
  if (rules?.problems.length) errors.push(...rules.problems);

  for (const line of tx.lines) {
    const rule = rules ? ruleForLine(rules, tx, line) : undefined;
    if (rules) ruleNames.push(rule?.name ?? null);
    if (rule?.problems.length) errors.push(...rule.problems.map((p) => `${lineLabel(line)}: ${p}`));
    if (rule?.notes) warnings.push(...rule.notes.map((n) => `${lineLabel(line)}: ${n}`));
    let quantity = new Decimal(line.quantity);
    let unit = new Decimal(line.unitAmount);
    let description = line.description;
    let lineAmount = round2(quantity.times(unit));
    // A stated discount is taken off the unit price and shown in the description: the customer sees why the price
    // differs, and the line total stays CourseCo's (Xero's DiscountRate would round differently).
    const charged = line.discount !== undefined ? quantity.times(unit).minus(line.discount) : undefined;
    if (charged) description = `${description} (less discount ${new Decimal(line.discount!).toFixed(2)})`;
    // CourseCo's line total is what the customer was charged: it wins over quantity × price.
    const target = line.lineTotal !== undefined ? new Decimal(line.lineTotal) : charged;
    if (target && lineAmount.minus(target).abs().greaterThan(ROUNDING_ALLOWANCE)) {
      if (!charged) {
        warnings.push(`${lineLabel(line)}: quantity × unit price is ${lineAmount.toFixed(2)} but CourseCo's line total is ${target.toFixed(2)} (a discount?); the line is sent at CourseCo's total`);
      }
      const perUnit = quantity.isZero() ? target : target.dividedBy(quantity);
      [quantity, unit] = perUnit.decimalPlaces() <= 4 && !quantity.isZero() ? [quantity, perUnit] : [new Decimal(1), target];
      lineAmount = round2(quantity.times(unit));
    }
    if (unit.decimalPlaces() > 2) needsUnitdp4 = true;
    courseCoLines = courseCoLines.plus(line.lineTotal ?? lineAmount);
    courseCoTax = line.taxAmount !== undefined && courseCoTax ? courseCoTax.plus(line.taxAmount) : null;

    const item: XeroLineItem = {
      Description: description,
      Quantity: quantity.toNumber(),
      UnitAmount: unit.toNumber(),
      AccountCode: rule?.accountCode ?? lineAccountCode(line, settings),
    };
    // A rule's account was judged (as a sales account) when the rules were compiled.
    const account = rule?.accountCode ? undefined : accountVerdict(item.AccountCode, settings);
    if (account?.level === 'refuse') errors.push(`${lineLabel(line)}: ${account.why} ${account.fix}`);
    else if (account?.level === 'warn' && !warnedAccounts.has(item.AccountCode)) {
      warnedAccounts.add(item.AccountCode);
      warnings.push(`${account.why} ${account.fix}`);
    }
    let tax = new Decimal(0);
    if (types === 'NoTax') {
      if (line.taxAmount !== undefined && !new Decimal(line.taxAmount).isZero()) {
        errors.push(`${lineLabel(line)} carries VAT ${new Decimal(line.taxAmount).toFixed(2)} but the Xero line amount type is NoTax`);
      }
    } else {
      const { rate, error } = lineRate(line, lineAmount, types, rule?.rate !== undefined ? { ...settings, defaultTaxRate: rule.rate } : settings);
      const ruled = rule && rate !== undefined ? ruleTaxType(rule, rate) : undefined;
      const taxType = rate === undefined ? undefined : ruled ? ('taxType' in ruled ? ruled.taxType : undefined) : taxTypeFor(rate, item.AccountCode, settings);
      if (error) errors.push(error);
      else if (ruled && 'problem' in ruled) errors.push(`${lineLabel(line)}: ${ruled.problem}`);
      else if (rate !== undefined && taxType === undefined && settings.unchosenRates?.[rate]) {
        const names = settings.unchosenRates[rate]!.map((n) => `'${n}'`).join(', ');
        errors.push(`${lineLabel(line)}: ${rate}% VAT matches several Xero tax rates (${names}), which Xero reports in different boxes of the VAT return; nothing is guessed: choose which one ${rate}% sales use in Setup → "Choose accounts and tax rate"`);
      } else if (rate !== undefined && taxType === undefined) {
        errors.push(`${lineLabel(line)}: no Xero tax rate is mapped for ${rate}% VAT (${describeMapped(settings)})`);
      } else if (rate !== undefined && taxType !== undefined) {
        item.TaxType = taxType;
        tax = taxOn(lineAmount, new Decimal(rate), types);
      }
    }
    if (rule?.tracking?.length) item.Tracking = rule.tracking;
    sumLines = sumLines.plus(lineAmount);
    sumTax = sumTax.plus(tax);
    lineItems.push(item);
  }

  const lineErrors = errors.length;
  const total = types === 'Exclusive' ? sumLines.plus(sumTax) : sumLines;
  const subTotal = types === 'Inclusive' ? sumLines.minus(sumTax) : sumLines;
  const totals: Totals = { subTotal: money(subTotal), totalTax: money(sumTax), total: money(total) };

  // CourseCo's grand total is known when its amounts include tax, or exclude it but the VAT column is there.
  const courseCoTotal = types === 'Exclusive' ? (courseCoTax ? courseCoLines.plus(courseCoTax) : null) : courseCoLines;
  // A line already refused has no trustworthy tax; comparing totals would only repeat that error in other words.
  if (lineErrors === 0) {
    compare('total', total, courseCoTotal, errors, warnings);
    if (types !== 'NoTax') compare('VAT', sumTax, courseCoTax, errors, warnings);
    if (types === 'Exclusive' && !courseCoTax) compare('amount before VAT', subTotal, courseCoLines, errors, warnings);
  }

  return {
    lineAmountTypes: types,
    lineItems,
    totals,
    courseCo: { total: courseCoTotal ? money(courseCoTotal) : null, tax: courseCoTax ? money(courseCoTax) : null },
    errors,
    warnings,
    needsUnitdp4,
    ...(rules ? { lineRules: ruleNames } : {}),
  };
}

function compare(what: string, xero: Decimal, courseCo: Decimal | null, errors: string[], warnings: string[]) {
  if (!courseCo) return;
  const difference = round2(xero.minus(courseCo)).abs();
  if (difference.isZero()) return;
  const text = `Xero's ${what} would be ${money(xero)} but CourseCo's is ${money(courseCo)} (difference ${difference.toFixed(2)})`;
  if (difference.greaterThan(ROUNDING_ALLOWANCE)) {
    errors.push(`${text}, more than the 0.01 rounding allowance: check the VAT rate and amounts of this transaction in CourseCo`);
  } else {
    warnings.push(`${text}: rounding, because Xero rounds VAT per line`);
  }
}
