/**
 * Sums of money for the comparison: count, before VAT, VAT, total, paid and outstanding, said as the contract's
 * two-place strings. Amounts are kept as whole cents (integers): every figure on either side is already two places
 * (Xero's amounts, the planner's rounded totals; anything else is rounded half away from zero with decimal.js as it is
 * read), so sums of cents are exact, and far cheaper than a decimal object per addition (a reconciliation of 10,000
 * transactions adds up about a million amounts). Integers stay exact up to 2^53 cents, ninety trillion in any currency.
 */
import Decimal from 'decimal.js';
import type { Comparison, Figures } from '../../../contract/features/reconcile';

/** Whole cents. */
export type Cents = number;

export interface Amounts {
  count: number;
  net: Cents;
  tax: Cents;
  gross: Cents;
  paid: Cents;
  outstanding: Cents;
}

const TWO_PLACES = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** A decimal amount ("123.4", "-20", "1234.567") in cents, rounded half away from zero (Xero's rounding). */
export function cents(value: string | Decimal): Cents {
  if (typeof value === 'string') {
    const m = TWO_PLACES.exec(value.trim());
    if (m) {
      const whole = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
      return m[1] ? -whole : whole;
    }
  }
  return new Decimal(value).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

export const emptyAmounts = (): Amounts => ({ count: 0, net: 0, tax: 0, gross: 0, paid: 0, outstanding: 0 });

export function addInto(target: Amounts, more: Amounts): void {
  target.count += more.count;
  target.net += more.net;
  target.tax += more.tax;
  target.gross += more.gross;
  target.paid += more.paid;
  target.outstanding += more.outstanding;
}

/** Cents as the contract's money: "1234.50", "-20.00", never "-0.00". */
export function money2(value: Cents): string {
  const abs = Math.abs(value);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value < 0 ? `-${text}` : text;
}

export function toFigures(a: Amounts): Figures {
  return { count: a.count, net: money2(a.net), tax: money2(a.tax), gross: money2(a.gross), paid: money2(a.paid), outstanding: money2(a.outstanding) };
}

/** Both sides and Xero − CourseCo. */
export function comparison(courseco: Amounts, xero: Amounts): Comparison {
  const difference: Amounts = {
    count: xero.count - courseco.count,
    net: xero.net - courseco.net,
    tax: xero.tax - courseco.tax,
    gross: xero.gross - courseco.gross,
    paid: xero.paid - courseco.paid,
    outstanding: xero.outstanding - courseco.outstanding,
  };
  return { courseco: toFigures(courseco), xero: toFigures(xero), difference: toFigures(difference) };
}

/** Whether any figure of a comparison differs. */
export function differs(c: Comparison): boolean {
  const d = c.difference;
  return d.count !== 0 || d.net !== '0.00' || d.tax !== '0.00' || d.gross !== '0.00' || d.paid !== '0.00' || d.outstanding !== '0.00';
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
