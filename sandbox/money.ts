/** Money is computed with decimal.js (never binary floats) and rounded half away from zero like Xero. */
import Decimal from 'decimal.js';

export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type MoneyValue = InstanceType<typeof Money>;

export function money(value: number | string | MoneyValue): MoneyValue {
  return new Money(value);
}

export function round(value: MoneyValue, dp = 2): MoneyValue {
  return value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
}

export function toAmount(value: MoneyValue, dp = 2): number {
  return round(value, dp).toNumber();
}

/** Reads a JSON number or numeric string; null for anything else. */
export function readNumber(value: unknown): MoneyValue | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Money(value);
  if (typeof value === 'string' && value.trim() !== '' && /^-?\d+(\.\d+)?$/.test(value.trim())) return new Money(value.trim());
  return null;
}
