/**
 * Sums of money for the comparison: count, before VAT, VAT, total, paid and outstanding, added up exactly with
 * decimal.js and said as the contract's two-place strings. One accumulator per side, per period, per group.
 */
import Decimal from 'decimal.js';
import type { Comparison, Figures } from '../../../contract/features/reconcile';

export const ZERO = new Decimal(0);

export interface Amounts {
  count: number;
  net: Decimal;
  tax: Decimal;
  gross: Decimal;
  paid: Decimal;
  outstanding: Decimal;
}

export const emptyAmounts = (): Amounts => ({ count: 0, net: ZERO, tax: ZERO, gross: ZERO, paid: ZERO, outstanding: ZERO });

export function addInto(target: Amounts, more: Amounts): void {
  target.count += more.count;
  target.net = target.net.plus(more.net);
  target.tax = target.tax.plus(more.tax);
  target.gross = target.gross.plus(more.gross);
  target.paid = target.paid.plus(more.paid);
  target.outstanding = target.outstanding.plus(more.outstanding);
}

/** Two places, half away from zero (Xero's own rounding), and never "-0.00". */
export function money2(d: Decimal): string {
  const text = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

export function toFigures(a: Amounts): Figures {
  return { count: a.count, net: money2(a.net), tax: money2(a.tax), gross: money2(a.gross), paid: money2(a.paid), outstanding: money2(a.outstanding) };
}

/** Both sides and Xero − CourseCo. */
export function comparison(courseco: Amounts, xero: Amounts): Comparison {
  const difference: Amounts = {
    count: xero.count - courseco.count,
    net: xero.net.minus(courseco.net),
    tax: xero.tax.minus(courseco.tax),
    gross: xero.gross.minus(courseco.gross),
    paid: xero.paid.minus(courseco.paid),
    outstanding: xero.outstanding.minus(courseco.outstanding),
  };
  return { courseco: toFigures(courseco), xero: toFigures(xero), difference: toFigures(difference) };
}

/** Whether any figure of a comparison differs. */
export function differs(c: Comparison): boolean {
  const d = c.difference;
  return d.count !== 0 || [d.net, d.tax, d.gross, d.paid, d.outstanding].some((v) => v !== '0.00');
}

/** The months a range covers, oldest first ("2026-09", "2026-10"), empty ones included. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [endYear, endMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}
