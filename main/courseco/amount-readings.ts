/**
 * What CourseCo's amount columns mean, decided from the columns present and every row's figures. CourseCo's reports
 * carry several amounts per transaction (the 2020 transactions report: Transaction Amount, Fee, Discount, Unit and
 * Member Discount Amounts, Total; see shared/courseco-domain.md) and no header says whether VAT is inside Total. Each
 * candidate "reading" says how they add up (Total = Amount + Fee − Discounts, plus VAT where VAT is charged) and is
 * checked against every row. Exactly one reading (or several that give the same money on every row) → it is used and
 * named; two that disagree, or none → the import asks, showing each reading's figures for a few transactions.
 * Pure: decimal maths only, no knowledge of Xero or the journal.
 */
import Decimal from 'decimal.js';
import { DomainError } from '../errors';

/** Where VAT sits relative to the Total column. */
export type VatReading = 'total-includes-vat' | 'total-before-vat' | 'prices-include-vat';

export interface AmountReading {
  /** Stable id the user passes back (`--amounts <id>`, the mapping step's choice). */
  id: string;
  vat: VatReading;
  /** Unit and Member Discount Amounts taken off on top of Discount (true) or already inside it (false). */
  discountsApart: boolean;
  /** Plain words, with the file's own column names. */
  label: string;
}

/** The columns a file may or may not have, each beside the Total: its header text, or a row's parsed figure. */
type OptionalAmounts = Partial<Record<'fee' | 'discount' | 'unitDiscount' | 'memberDiscount' | 'tax' | 'taxRate', string>>;

/** The header text of each amount column the file has (absent: not in the file). */
export interface AmountColumns extends OptionalAmounts {
  total: string;
  /** Transaction Amount, or Booking Revenue's Price/Income. */
  amount?: string;
  unitPrice?: string;
  quantity?: string;
}

/** One row's figures as decimal strings, already parsed; `gross` is the amount, or quantity × unit price. */
export interface RowFigures extends OptionalAmounts {
  row: number;
  transactionId: string;
  gross: string;
  total: string;
}

/** What one row comes to under one reading. `vat`/`total` null: Xero works them out at the import's tax rate. */
export interface RowMoney {
  fits: boolean;
  /** Why the row does not fit, in plain words naming the columns. */
  misfit?: string;
  /** Amount + Fee − Discounts, on the reading's tax basis (VAT-inclusive for prices-include-vat). */
  net: Decimal;
  fee: Decimal;
  discounts: Decimal;
  beforeVat: Decimal | null;
  vat: Decimal | null;
  total: Decimal | null;
}

export interface ReadingSample {
  transactionId: string;
  row: number;
  /** reading id → figures ("400.00"; null: Xero works it out at the tax rate). */
  figures: Record<string, { beforeVat: string | null; vat: string | null; total: string | null; fits: boolean }>;
}

export interface AmountsQuestion {
  /** `several-fit`: the rows fit readings that charge different amounts; `none-fits`: no reading explains every row. */
  reason: 'several-fit' | 'none-fits';
  /** The question in one sentence. */
  message: string;
  readings: Array<{ id: string; label: string; fits: boolean; misfit?: string }>;
  samples: ReadingSample[];
}

export type AmountDecision =
  | { status: 'decided'; reading: AmountReading; chosenByUser: boolean; note: string }
  | { status: 'question'; question: AmountsQuestion };

/** VAT rates a Total may carry when no rate column says which (Ireland and the UK, CourseCo's markets). */
export const PLAUSIBLE_VAT_RATES = ['0', '4.8', '5', '9', '13.5', '20', '23'] as const;

const CENT = new Decimal('0.01');
const SAMPLE_COUNT = 4;
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const show = (d: Decimal) => round2(d).toFixed(2);
const near = (a: Decimal, b: Decimal) => a.minus(b).abs().lessThanOrEqualTo(CENT);
const ZERO = new Decimal(0);
// Most fee and discount cells are empty or zero: one shared zero spares 100,000-row files most of their allocations.
const dec = (v: string | undefined) => (v === undefined || v === '0' ? ZERO : new Decimal(v));

/**
 * A file whose amount columns can explain each other: a Total beside an amount, or beside a unit price with a fee or
 * itemised discounts. (A Total with a fee but no amount to start from has nothing to reconcile: read as before.)
 */
export function hasAmountColumnsToReconcile(present: { total: boolean; amount: boolean; unitPrice: boolean; fee: boolean; unitDiscount: boolean; memberDiscount: boolean }): boolean {
  return present.total && (present.amount || (present.unitPrice && (present.fee || present.unitDiscount || present.memberDiscount)));
}

/** Every reading the columns allow, most likely first (the 2020 report's Total is what the customer paid). */
export function candidateReadings(columns: AmountColumns): AmountReading[] {
  const itemised = [columns.unitDiscount, columns.memberDiscount].filter((c): c is string => c !== undefined);
  // With a Discount column and itemised ones, either Discount already sums them or they come off as well.
  const discountVariants = columns.discount !== undefined && itemised.length > 0 ? [false, true] : [itemised.length > 0];
  const readings: AmountReading[] = [];
  for (const vat of ['total-includes-vat', 'total-before-vat', 'prices-include-vat'] as const) {
    for (const apart of discountVariants) {
      const id = columns.discount !== undefined && itemised.length > 0 && apart ? `${vat}+discounts-apart` : vat;
      readings.push({ id, vat, discountsApart: apart, label: labelOf(vat, apart, columns, itemised) });
    }
  }
  return readings;
}

function labelOf(vat: VatReading, apart: boolean, c: AmountColumns, itemised: string[]): string {
  const parts = [`"${c.amount ?? (c.unitPrice ? `${c.quantity ?? 'Quantity'} × ${c.unitPrice}` : 'amount')}"`];
  if (c.fee) parts.push(`+ "${c.fee}"`);
  const discounts = c.discount !== undefined && !apart ? [c.discount] : [...(c.discount !== undefined ? [c.discount] : []), ...itemised];
  for (const d of discounts) parts.push(`− "${d}"`);
  const net = parts.join(' ');
  const sums = c.discount !== undefined && itemised.length > 0 ? (apart ? ` (${itemised.map((d) => `"${d}"`).join(' and ')} come off as well as "${c.discount}")` : ` ("${c.discount}" already holds ${itemised.map((d) => `"${d}"`).join(' and ')})`) : '';
  const vatFrom = c.tax ? `from the "${c.tax}" column` : 'at your tax rate in Xero';
  switch (vat) {
    case 'total-includes-vat':
      return `"${c.total}" is what the customer paid, VAT included; ${net} is the amount before VAT${sums}, and the difference is the VAT`;
    case 'total-before-vat':
      return `"${c.total}" = ${net} is the amount before VAT${sums}; VAT is added on top ${vatFrom}`;
    case 'prices-include-vat':
      return `"${c.total}" = ${net} is what the customer paid${sums}, and it already includes VAT; the VAT inside it is worked out ${vatFrom}`;
  }
}

export interface ReadingOptions {
  /** VAT rates a derived VAT may correspond to (default: PLAUSIBLE_VAT_RATES). */
  vatRates?: readonly string[];
  /** The import's default VAT rate in percent, to show what Xero will compute where the file has no VAT; optional. */
  defaultTaxRate?: string;
}

/** One row under one reading: its money, and whether the row's own Total agrees. */
export function rowMoney(reading: AmountReading, row: RowFigures, options: ReadingOptions = {}): RowMoney {
  const fee = dec(row.fee);
  const unit = dec(row.unitDiscount);
  const member = dec(row.memberDiscount);
  const itemised = member.isZero() ? unit : unit.plus(member);
  // When Discount is absent the itemised discounts are the discounts, whatever the variant.
  const discounts = row.discount === undefined ? itemised : reading.discountsApart ? dec(row.discount).plus(itemised) : dec(row.discount);
  const gross = new Decimal(row.gross);
  const net = fee.isZero() && discounts.isZero() ? gross : gross.plus(fee).minus(discounts);
  const total = new Decimal(row.total);
  const stated = row.tax === undefined ? undefined : new Decimal(row.tax);
  const rate = row.taxRate ?? options.defaultTaxRate;
  const base = { net, fee, discounts };

  if (reading.vat === 'total-includes-vat') {
    const vat = total.minus(net);
    if (stated !== undefined) {
      if (near(vat, stated)) return { ...base, fits: true, beforeVat: net, vat: stated, total };
      return { ...base, fits: false, misfit: `${show(net)} + VAT ${show(stated)} is ${show(net.plus(stated))}, not ${show(total)}`, beforeVat: net, vat: stated, total: net.plus(stated) };
    }
    const rates = row.taxRate !== undefined ? [row.taxRate] : (options.vatRates ?? PLAUSIBLE_VAT_RATES);
    // Only rates within a point of the implied one are checked in decimals: 100,000 rows × readings stay cheap.
    const implied = net.isZero() ? 0 : (vat.toNumber() / net.toNumber()) * 100;
    const fitting = rates.some((r) => (net.isZero() || Math.abs(implied - Number(r)) < 1) && near(vat, round2(net.times(r).dividedBy(100))));
    if (fitting) return { ...base, fits: true, beforeVat: net, vat, total };
    const percent = net.isZero() ? 'VAT on nothing' : `${vat.dividedBy(net).times(100).toDecimalPlaces(2).toFixed()}% of ${show(net)}`;
    return { ...base, fits: false, misfit: `the difference ${show(vat)} would be the VAT, but that is ${percent}, not a VAT rate (${rates.map((r) => `${r}%`).join(', ')})`, beforeVat: net, vat, total };
  }

  if (!near(total, net)) {
    return { ...base, fits: false, misfit: `${show(net)} is not ${show(total)}`, beforeVat: null, vat: null, total: null };
  }
  if (reading.vat === 'total-before-vat') {
    const vat = stated ?? (rate !== undefined ? round2(net.times(rate).dividedBy(100)) : null);
    return { ...base, fits: true, beforeVat: net, vat, total: vat === null ? null : net.plus(vat) };
  }
  const vat = stated ?? (rate !== undefined ? round2(net.times(rate).dividedBy(new Decimal(rate).plus(100))) : null);
  return { ...base, fits: true, beforeVat: vat === null ? null : net.minus(vat), vat, total: net };
}

/** Same money on a row: two readings that agree on what was charged are one answer, not a question. */
function sameMoney(a: RowMoney, b: RowMoney): boolean {
  const eq = (x: Decimal | null, y: Decimal | null) => (x === null || y === null ? x === y : near(x, y));
  return eq(a.beforeVat, b.beforeVat) && eq(a.vat, b.vat) && eq(a.total, b.total);
}

/**
 * Decides the reading: the user's `chosen` id when given (rows it does not explain then fail on their own), else the
 * one that fits every row, else a question. Throws for a `chosen` id the columns do not offer: a typo to fix.
 * Each reading stops at its first row that does not add up, so a 100,000-row file costs about one pass per reading
 * that fits.
 */
export function decideAmountReading(columns: AmountColumns, rows: readonly RowFigures[], options: ReadingOptions & { chosen?: string } = {}): AmountDecision {
  const readings = candidateReadings(columns);
  if (options.chosen !== undefined) {
    const reading = readings.find((r) => r.id === options.chosen);
    if (!reading) {
      throw new DomainError('UnknownAmountReading', {
        message: `"${options.chosen}" is not a reading of this file's amount columns.`,
        fix: `Choose one of: ${readings.map((r) => `${r.id} (${r.label})`).join('; ')}.`,
      });
    }
    return { status: 'decided', reading, chosenByUser: true, note: `Amounts read as you chose: ${reading.label}.` };
  }
  const money = (i: number, k: number) => rowMoney(readings[i]!, rows[k]!, options);
  /** Index of the first row the reading does not explain, -1 when it explains them all. */
  const firstMisfit = readings.map((_, i) => {
    for (let k = 0; k < rows.length; k++) if (!money(i, k).fits) return k;
    return -1;
  });
  const fitting = readings.map((_, i) => i).filter((i) => firstMisfit[i] === -1);
  const differs = (i: number, j: number) => {
    for (let k = 0; k < rows.length; k++) if (!sameMoney(money(i, k), money(j, k))) return true;
    return false;
  };
  const distinct: number[] = [];
  for (const i of fitting) if (distinct.every((j) => differs(j, i))) distinct.push(i);
  if (distinct.length === 1 && rows.length > 0) {
    const reading = readings[distinct[0]!]!;
    return { status: 'decided', reading, chosenByUser: false, note: `Amounts read as: ${reading.label}. This is the only reading that adds up on every row.` };
  }
  const shown = distinct.length > 1 ? distinct : readings.map((_, i) => i);
  const reason = distinct.length > 1 ? 'several-fit' : 'none-fits';
  const message =
    reason === 'several-fit'
      ? `The amount columns of this file add up in ${distinct.length} ways that charge the customer different amounts; choose the one CourseCo meant.`
      : 'The amount columns do not add up the same way on every row under any reading; choose the one CourseCo meant, and the rows it does not explain are reported.';
  return {
    status: 'question',
    question: {
      reason,
      message,
      readings: shown.map((i) => {
        const k = firstMisfit[i]!;
        return { id: readings[i]!.id, label: readings[i]!.label, fits: k < 0, ...(k >= 0 ? { misfit: `row ${rows[k]!.row} (transaction ${rows[k]!.transactionId}): ${money(i, k).misfit}` } : {}) };
      }),
      samples: sampleRows(rows, shown, readings, money),
    },
  };
}

/** A few rows to compare readings on: a plain one, one with a fee, one discounted, then the first others. */
function sampleRows(rows: readonly RowFigures[], shown: number[], readings: AmountReading[], money: (i: number, k: number) => RowMoney): ReadingSample[] {
  const picked: number[] = [];
  const pick = (test: (r: RowFigures) => boolean) => {
    const i = rows.findIndex((r, k) => !picked.includes(k) && test(r));
    if (i >= 0 && picked.length < SAMPLE_COUNT) picked.push(i);
  };
  const nonZero = (v: string | undefined) => v !== undefined && !new Decimal(v).isZero();
  pick((r) => !nonZero(r.fee) && !nonZero(r.discount) && !nonZero(r.unitDiscount) && !nonZero(r.memberDiscount));
  pick((r) => nonZero(r.fee));
  pick((r) => nonZero(r.discount) || nonZero(r.unitDiscount) || nonZero(r.memberDiscount));
  for (let k = 0; k < rows.length && picked.length < SAMPLE_COUNT; k++) if (!picked.includes(k)) picked.push(k);
  picked.sort((a, b) => a - b);
  const text = (d: Decimal | null) => (d === null ? null : show(d));
  return picked.map((k) => ({
    transactionId: rows[k]!.transactionId,
    row: rows[k]!.row,
    figures: Object.fromEntries(
      shown.map((i) => {
        const m = money(i, k);
        return [readings[i]!.id, { beforeVat: text(m.beforeVat), vat: text(m.vat), total: text(m.total), fits: m.fits }];
      }),
    ),
  }));
}
