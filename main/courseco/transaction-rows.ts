/**
 * Transactions report rows → CourseCo transactions. Rows sharing a Transaction ID are the lines of one invoice.
 * A transaction with any bad row is rejected whole, and each of its good rows says why it was not imported: an
 * invoice missing a line would reach Xero with the wrong total, which is worse than not reaching it at all.
 */
import Decimal from 'decimal.js';
import { decideAmountReading, hasAmountColumnsToReconcile, rowMoney, type AmountColumns, type AmountDecision, type AmountReading, type AmountsQuestion, type RowFigures } from './amount-readings';
import type { ColumnMap, TransactionField } from './columns';
import { cleanId, createRowReader, notDataReason, type RowCollector, type RowReader } from './row-reader';
import type { CourseCoLine, CourseCoTransaction, ImportRowError, SkippedRow } from './types';
import { parseAmount, parseDate, parseRate, type DateOrder } from './values';

export interface TransactionRowOptions {
  amountsIncludeTax: boolean;
  dateOrder: DateOrder;
  decimalComma: boolean;
  /** The user's answer to the amounts question (a reading id from amount-readings.ts). */
  amountsReading?: string;
  /** The import's default VAT rate, only to show what Xero would compute in the question's samples. */
  defaultTaxRate?: string;
}

export interface CollectedTransactions {
  transactions: CourseCoTransaction[];
  errors: ImportRowError[];
  skipped: SkippedRow[];
  /** How the amount columns were read, when the file has several to reconcile. */
  amounts?: Extract<AmountDecision, { status: 'decided' }>;
  /** The file's amount columns fit no reading, or several that charge differently: nothing is imported until answered. */
  amountsQuestion?: AmountsQuestion;
}

interface GoodRow {
  row: number;
  transactionId: string;
  header: Omit<CourseCoTransaction, 'lines' | 'kind' | 'amountsIncludeTax'>;
  line: CourseCoLine;
  /** Set when the file's amount columns are reconciled: the line's amounts wait for the reading. */
  figures?: RowFigures;
}

interface Group {
  transactionId: string;
  rows: GoodRow[];
  badRows: number[];
}

/** CourseCo's journal/credit transaction types (e.g. "Journal Credit", "Journal Cancel Booking"). */
const CREDIT_TYPE = /journal|credit|refund|cancel/i;
const QUOTE_TYPE = /quote/i;

/**
 * Collects transactions row by row, so the importer can stream papaparse's records through without holding them
 * all: 100,000 rows must stay within the memory budget.
 */
export function collectTransactions(
  headers: readonly string[],
  map: ColumnMap<TransactionField>,
  options: TransactionRowOptions,
): RowCollector<CollectedTransactions> {
  const r = createRowReader(headers, map);
  const amountColumns = reconciledColumns(r);
  const errors: ImportRowError[] = [];
  const skipped: SkippedRow[] = [];
  const groups = new Map<string, Group>();

  const add = (record: readonly string[], row: number) => {
    const transactionId = cleanId(r.cell(record, 'transactionId'));
    const notData = notDataReason(record, transactionId, () => isAmountsOnly(r, record));
    if (notData) {
      skipped.push({ row, reason: notData });
      return;
    }
    if (transactionId === '') {
      errors.push({ row, column: r.column('transactionId'), reason: 'is empty: every row needs the CourseCo Transaction ID' });
      return;
    }
    const type = r.cell(record, 'transactionType');
    if (QUOTE_TYPE.test(type)) {
      skipped.push({ row, reason: `transaction ${transactionId} is a quote ("${type}"), not a sale` });
      return;
    }
    let group = groups.get(transactionId);
    if (!group) {
      group = { transactionId, rows: [], badRows: [] };
      groups.set(transactionId, group);
    }
    const rowErrors: ImportRowError[] = [];
    const good = readRow(r, record, row, transactionId, options, rowErrors, amountColumns !== undefined);
    if (good && group.rows[0]) checkSameTransaction(r, group.rows[0], good, rowErrors);
    if (rowErrors.length > 0 || !good) {
      errors.push(...rowErrors);
      group.badRows.push(row);
    } else {
      group.rows.push(good);
    }
  };

  const finish = (): CollectedTransactions => {
    const transactions: CourseCoTransaction[] = [];
    let amounts: CollectedTransactions['amounts'];
    if (amountColumns) {
      const figures = [...groups.values()].flatMap((g) => (g.badRows.length > 0 ? [] : g.rows.map((good) => good.figures!)));
      const decision = decideAmountReading(amountColumns, figures, {
        ...(options.amountsReading !== undefined ? { chosen: options.amountsReading } : {}),
        ...(options.defaultTaxRate !== undefined ? { defaultTaxRate: options.defaultTaxRate } : {}),
      });
      if (decision.status === 'question') {
        errors.sort((x, y) => x.row - y.row);
        return { transactions, errors, skipped, amountsQuestion: decision.question };
      }
      amounts = decision;
      for (const group of groups.values()) if (group.badRows.length === 0) applyReading(r, group, decision.reading, errors);
    }
    for (const group of groups.values()) {
      if (group.badRows.length > 0) {
        const where = group.badRows.length === 1 ? `row ${group.badRows[0]}` : `rows ${group.badRows.join(', ')}`;
        for (const good of group.rows) {
          errors.push({
            row: good.row,
            column: r.column('transactionId'),
            reason: `not imported: transaction ${group.transactionId} also has an error on ${where}, so none of its rows were imported`,
            transactionId: group.transactionId,
          });
        }
        continue;
      }
      const inclusive = amounts ? amounts.reading.vat === 'prices-include-vat' : options.amountsIncludeTax;
      transactions.push(buildTransaction(group.rows, inclusive));
    }
    errors.sort((x, y) => x.row - y.row);
    return { transactions, errors, skipped, ...(amounts ? { amounts } : {}) };
  };

  return { add, finish };
}

/** A summary line without a "Total" label: no id, nobody billed, no date, no description, only figures. */
function isAmountsOnly(r: RowReader<TransactionField>, record: readonly string[]): boolean {
  const identity: TransactionField[] = ['contactName', 'firstName', 'lastName', 'invoiceDate', 'date', 'description', 'invoiceNumber', 'bookingId'];
  return identity.every((field) => r.cell(record, field) === '');
}

function readRow(
  r: RowReader<TransactionField>,
  record: readonly string[],
  row: number,
  transactionId: string,
  options: TransactionRowOptions,
  errors: ImportRowError[],
  reconciled: boolean,
): GoodRow | undefined {
  const bad = (field: TransactionField, reason: string) => errors.push({ row, column: r.column(field), reason, transactionId });

  const organisation = r.cell(record, 'contactName');
  const contactName = organisation || personName(r.cell(record, 'firstName'), r.cell(record, 'lastName'));
  if (!contactName) {
    const named = (['contactName', 'firstName', 'lastName'] as const).filter((f) => r.has(f));
    bad(named[0] ?? 'contactName', `is empty: no one to bill (${named.map((f) => r.column(f)).join(', ') || 'no contact column'} empty)`);
  }

  const dateField: TransactionField = r.cell(record, 'invoiceDate') ? 'invoiceDate' : r.has('date') ? 'date' : 'invoiceDate';
  const date = parseDate(r.cell(record, dateField), options.dateOrder);
  if (!date.ok) bad(dateField, date.reason);

  let dueDate: string | undefined;
  const rawDue = r.cell(record, 'dueDate');
  if (rawDue) {
    const due = parseDate(rawDue, options.dateOrder);
    if (due.ok) dueDate = due.value;
    else bad('dueDate', due.reason);
  }

  let currency: string | undefined;
  const rawCurrency = r.cell(record, 'currency');
  if (rawCurrency) {
    currency = CURRENCY_SYMBOLS[rawCurrency] ?? rawCurrency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) bad('currency', `is not a currency code: "${rawCurrency}" (expected e.g. EUR or GBP)`);
  }

  const rawQuantity = r.cell(record, 'quantity');
  const quantity = rawQuantity === '' ? '1' : optionalAmount(r, record, 'quantity', options, errors, row, transactionId);
  const unitPrice = optionalAmount(r, record, 'unitPrice', options, errors, row, transactionId);
  if (reconciled) {
    const figures = readFigures(r, record, row, transactionId, quantity, unitPrice, options, errors);
    if (errors.length > 0 || !date.ok || !figures) return undefined;
    const good = rowIdentity(r, record, row, transactionId, contactName, date.value, dueDate, currency, { quantity: quantity!, unitAmount: '0' });
    return { ...good, figures };
  }
  // Without amounts to reconcile, a lone Transaction Amount or Price/Income column is the total, as it always was.
  const totalField: TransactionField = r.has('total') ? 'total' : r.has('transactionAmount') ? 'transactionAmount' : r.has('priceIncome') ? 'priceIncome' : 'total';
  const total = optionalAmount(r, record, totalField, options, errors, row, transactionId);
  const taxAmount = optionalAmount(r, record, 'taxAmount', options, errors, row, transactionId);
  const taxRate = optionalAmount(r, record, 'taxRate', options, errors, row, transactionId, parseRate);
  const discount = optionalAmount(r, record, 'discount', options, errors, row, transactionId);

  let unitAmount = unitPrice;
  let lineQuantity = quantity;
  if (unitPrice === undefined && total !== undefined && quantity !== undefined) {
    const qty = new Decimal(quantity);
    if (qty.isZero()) bad('quantity', 'is 0, so no unit price can be worked out from the total');
    else {
      const unit = new Decimal(total).dividedBy(qty);
      // Xero takes at most 4 decimal places on UnitAmount; a total that does not divide evenly goes as one unit.
      if (unit.decimalPlaces() <= 4) unitAmount = unit.toFixed();
      else [unitAmount, lineQuantity] = [total, '1'];
    }
  }
  if (unitPrice === undefined && total === undefined && !r.cell(record, 'unitPrice') && !r.cell(record, totalField)) {
    bad(r.has(totalField) ? totalField : 'unitPrice', 'is empty: the row has no amount');
  }

  if (errors.length > 0 || !date.ok || unitAmount === undefined || lineQuantity === undefined) return undefined;

  const lineTotal = unitPrice !== undefined && total !== undefined ? totalOnPriceBasis(quantity!, unitPrice, discount, total, taxAmount, options.amountsIncludeTax) : total;
  if (lineTotal === null) {
    const net = new Decimal(quantity!).times(unitPrice!).minus(discount ?? 0);
    const discounted = discount !== undefined && discount !== '0' ? ` − ${r.column('discount')}` : '';
    const withTax = taxAmount !== undefined && !options.amountsIncludeTax ? ` nor that plus ${r.column('taxAmount')} (${net.plus(taxAmount).toFixed(2)})` : '';
    bad(
      totalField,
      `"${r.cell(record, totalField)}" matches neither ${r.column('quantity')} × ${r.column('unitPrice')}${discounted} (${net.toFixed(2)})${withTax}: correct the row in CourseCo rather than let the importer guess which figure is right`,
    );
    return undefined;
  }

  const good = rowIdentity(r, record, row, transactionId, contactName, date.value, dueDate, currency, { quantity: lineQuantity, unitAmount });
  const line = good.line;
  if (discount !== undefined && discount !== '0') line.discount = discount;
  if (lineTotal !== undefined) line.lineTotal = lineTotal;
  if (taxAmount !== undefined) line.taxAmount = taxAmount;
  if (taxRate !== undefined) line.taxRate = taxRate;
  return good;
}

/** Who, when and what of a row, with the line's description and account code; the amounts are the caller's. */
function rowIdentity(
  r: RowReader<TransactionField>,
  record: readonly string[],
  row: number,
  transactionId: string,
  contactName: string,
  date: string,
  dueDate: string | undefined,
  currency: string | undefined,
  amounts: { quantity: string; unitAmount: string },
): GoodRow {
  const bookingId = cleanId(r.cell(record, 'bookingId'));
  const type = r.cell(record, 'transactionType');
  const description =
    r.cell(record, 'description') || (bookingId ? `CourseCo booking #${bookingId}` : `CourseCo transaction #${transactionId}`);
  const line: CourseCoLine = { row, description, ...amounts };
  const accountCode = r.cell(record, 'accountCode');
  if (accountCode) line.accountCode = accountCode;
  const venue = r.cell(record, 'venue');
  if (venue) line.venue = venue;
  const category = r.cell(record, 'category');
  if (category) line.category = category;

  const header: GoodRow['header'] = { transactionId, contact: { name: contactName }, date };
  const email = r.cell(record, 'email');
  if (email) header.contact.email = email;
  const externalRef = r.cell(record, 'externalRef');
  if (externalRef) header.contact.externalRef = externalRef;
  if (type) header.transactionType = type;
  if (bookingId) header.bookingId = bookingId;
  const invoiceNumber = r.cell(record, 'invoiceNumber');
  if (invoiceNumber) header.invoiceNumber = invoiceNumber;
  const reference = r.cell(record, 'reference');
  if (reference) header.reference = reference;
  if (dueDate) header.dueDate = dueDate;
  if (currency) header.currency = currency;
  return { row, transactionId, header, line };
}

const CENT = new Decimal('0.01');

/**
 * CourseCo's Total on the unit price's tax basis, or null when it fits neither reading. With tax-exclusive prices
 * CourseCo's reports show Total either before VAT or after it (the 2020 report's "Total" is what the customer pays);
 * both are recognised per row, within a cent.
 */
function totalOnPriceBasis(quantity: string, unitPrice: string, discount: string | undefined, total: string, taxAmount: string | undefined, inclusive: boolean): string | null {
  const net = new Decimal(quantity).times(unitPrice).minus(discount ?? 0);
  const stated = new Decimal(total);
  if (stated.minus(net).abs().lessThanOrEqualTo(CENT)) return total;
  if (!inclusive && taxAmount !== undefined && stated.minus(net.plus(taxAmount)).abs().lessThanOrEqualTo(CENT)) return net.toFixed();
  return null;
}

/** The amount columns to reconcile, by header, or undefined when the file has a single amount (read as before). */
function reconciledColumns(r: RowReader<TransactionField>): AmountColumns | undefined {
  const amountField = r.has('transactionAmount') ? 'transactionAmount' : r.has('priceIncome') ? 'priceIncome' : undefined;
  const present = { total: r.has('total'), amount: amountField !== undefined, unitPrice: r.has('unitPrice'), fee: r.has('fee'), unitDiscount: r.has('unitDiscountAmount'), memberDiscount: r.has('memberDiscountAmount') };
  if (!hasAmountColumnsToReconcile(present)) return undefined;
  const columns: AmountColumns = { total: r.column('total') };
  const optional: Array<[keyof AmountColumns, TransactionField | undefined]> = [
    ['amount', amountField],
    ['unitPrice', 'unitPrice'],
    ['quantity', 'quantity'],
    ['fee', 'fee'],
    ['discount', 'discount'],
    ['unitDiscount', 'unitDiscountAmount'],
    ['memberDiscount', 'memberDiscountAmount'],
    ['tax', 'taxAmount'],
    ['taxRate', 'taxRate'],
  ];
  for (const [key, field] of optional) if (field && r.has(field)) columns[key] = r.column(field);
  return columns;
}

/** A row's amount cells for the reading to judge; undefined (with the row's errors) when an amount is missing or bad. */
function readFigures(
  r: RowReader<TransactionField>,
  record: readonly string[],
  row: number,
  transactionId: string,
  quantity: string | undefined,
  unitPrice: string | undefined,
  options: TransactionRowOptions,
  errors: ImportRowError[],
): RowFigures | undefined {
  const amount = (field: TransactionField) => optionalAmount(r, record, field, options, errors, row, transactionId);
  const amountField: TransactionField = r.has('transactionAmount') ? 'transactionAmount' : 'priceIncome';
  const stated = amount(amountField);
  const total = amount('total');
  const fee = amount('fee');
  const discount = amount('discount');
  const unitDiscount = amount('unitDiscountAmount');
  const memberDiscount = amount('memberDiscountAmount');
  const tax = amount('taxAmount');
  const taxRate = optionalAmount(r, record, 'taxRate', options, errors, row, transactionId, parseRate);
  const gross = stated ?? (unitPrice !== undefined && quantity !== undefined ? new Decimal(quantity).times(unitPrice).toFixed() : undefined);
  const before = errors.length;
  if (gross === undefined && !r.cell(record, amountField) && !r.cell(record, 'unitPrice')) {
    errors.push({ row, column: r.has(amountField) ? r.column(amountField) : r.column('unitPrice'), reason: 'is empty: the row has no amount', transactionId });
  }
  if (total === undefined && !r.cell(record, 'total')) {
    errors.push({ row, column: r.column('total'), reason: 'is empty: the row has no total, so its amounts cannot be checked', transactionId });
  }
  if (errors.length > before || gross === undefined || total === undefined) return undefined;
  const figures: RowFigures = { row, transactionId, gross, total };
  if (fee !== undefined) figures.fee = fee;
  if (discount !== undefined) figures.discount = discount;
  if (unitDiscount !== undefined) figures.unitDiscount = unitDiscount;
  if (memberDiscount !== undefined) figures.memberDiscount = memberDiscount;
  if (tax !== undefined) figures.tax = tax;
  if (taxRate !== undefined) figures.taxRate = taxRate;
  return figures;
}

/**
 * A group's lines under the chosen reading: the amount (less discounts) as one line, a fee as a line of its own, and
 * the VAT CourseCo charged (its VAT column, or Total − amount where Total includes VAT) split between them, so the
 * planner checks Xero's total against CourseCo's. A row the reading does not explain is an error on its Total.
 */
function applyReading(r: RowReader<TransactionField>, group: Group, reading: AmountReading, errors: ImportRowError[]) {
  const lines: GoodRow[] = [];
  for (const good of group.rows) {
    const figures = good.figures!;
    const money = rowMoney(reading, figures);
    if (!money.fits) {
      errors.push({ row: good.row, column: r.column('total'), reason: `${new Decimal(figures.total).toFixed(2)} does not add up under the chosen reading (${reading.label}): ${money.misfit}`, transactionId: good.transactionId });
      group.badRows.push(good.row);
      continue;
    }
    const vat = reading.vat === 'total-includes-vat' ? money.vat : figures.tax !== undefined ? new Decimal(figures.tax) : null;
    const line: CourseCoLine = { ...good.line };
    const charged = new Decimal(figures.gross).minus(money.discounts);
    const quantity = new Decimal(line.quantity);
    const unit = quantity.isZero() ? undefined : new Decimal(figures.gross).dividedBy(quantity);
    if (unit && unit.decimalPlaces() <= 4) line.unitAmount = unit.toFixed();
    else [line.quantity, line.unitAmount] = ['1', figures.gross];
    if (!money.discounts.isZero()) line.discount = money.discounts.toFixed();
    line.lineTotal = charged.toFixed();
    if (figures.taxRate !== undefined) line.taxRate = figures.taxRate;
    const feeVat = vat === null || money.fee.isZero() || money.net.isZero() ? new Decimal(0) : vat.times(money.fee).dividedBy(money.net).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    if (vat !== null) line.taxAmount = vat.minus(feeVat).toFixed();
    lines.push({ ...good, line });
    if (!money.fee.isZero()) {
      const fee: CourseCoLine = { row: good.row, description: `${r.column('fee')}: ${good.line.description}`, quantity: '1', unitAmount: money.fee.toFixed(), lineTotal: money.fee.toFixed() };
      if (vat !== null) fee.taxAmount = feeVat.toFixed();
      if (figures.taxRate !== undefined) fee.taxRate = figures.taxRate;
      if (good.line.accountCode) fee.accountCode = good.line.accountCode;
      lines.push({ ...good, line: fee });
    }
  }
  // A rejected group keeps one entry per row, so each good row is reported once as not imported.
  group.rows = group.badRows.length > 0 ? group.rows.filter((g) => !group.badRows.includes(g.row)) : lines;
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', $: 'USD' };

function personName(first: string, last: string): string {
  return first && last ? `${first} ${last}` : first || last;
}

/** The field's amount, undefined when the cell is empty or bad (a bad one is reported). */
function optionalAmount(
  r: RowReader<TransactionField>,
  record: readonly string[],
  field: TransactionField,
  options: TransactionRowOptions,
  errors: ImportRowError[],
  row: number,
  transactionId: string,
  parse = parseAmount,
): string | undefined {
  const raw = r.cell(record, field);
  if (raw === '') return undefined;
  const parsed = parse(raw, options.decimalComma);
  if (parsed.ok) return parsed.value;
  errors.push({ row, column: r.column(field), reason: parsed.reason, transactionId });
  return undefined;
}

/** Lines of one transaction must agree on who is billed and which invoice they are on. */
function checkSameTransaction(r: RowReader<TransactionField>, first: GoodRow, next: GoodRow, errors: ImportRowError[]) {
  const differs = (field: TransactionField, a: string | undefined, b: string | undefined) => {
    if ((a ?? '') !== (b ?? '')) {
      errors.push({
        row: next.row,
        column: r.column(field),
        reason: `differs from row ${first.row} of the same transaction ${next.transactionId} ("${b ?? ''}" vs "${a ?? ''}")`,
        transactionId: next.transactionId,
      });
    }
  };
  differs(r.has('contactName') ? 'contactName' : 'lastName', first.header.contact.name, next.header.contact.name);
  differs('invoiceNumber', first.header.invoiceNumber, next.header.invoiceNumber);
  differs('currency', first.header.currency, next.header.currency);
}

function lineValue(line: CourseCoLine): Decimal {
  return line.lineTotal !== undefined ? new Decimal(line.lineTotal) : new Decimal(line.quantity).times(line.unitAmount);
}

/** Whether the lines add up to less than zero; decimal maths only when some amount is negative at all. */
function sumIsNegative(lines: CourseCoLine[]): boolean {
  if (!lines.some((l) => l.quantity.startsWith('-') || l.unitAmount.startsWith('-') || l.lineTotal?.startsWith('-'))) return false;
  return lines.reduce((acc, line) => acc.plus(lineValue(line)), new Decimal(0)).isNegative();
}

function buildTransaction(rows: GoodRow[], amountsIncludeTax: boolean): CourseCoTransaction {
  const first = rows[0]!;
  const lines = rows.map((g) => g.line);
  const negative = sumIsNegative(lines);
  const creditType = first.header.transactionType !== undefined && CREDIT_TYPE.test(first.header.transactionType);
  const kind = creditType || negative ? 'credit' : 'invoice';
  // A credit note carries positive amounts in Xero; CourseCo writes journals as negatives. Flip the whole transaction
  // (never single lines, so a discount line inside a credit keeps its sign relative to the others).
  const flipped = kind === 'credit' && negative ? lines.map(negateLine) : lines;
  return { ...first.header, kind, amountsIncludeTax, lines: flipped };
}

function negateLine(line: CourseCoLine): CourseCoLine {
  const neg = (v: string) => new Decimal(v).negated().toFixed();
  const out: CourseCoLine = { ...line };
  if (new Decimal(line.quantity).isNegative()) out.quantity = neg(line.quantity);
  else out.unitAmount = neg(line.unitAmount);
  if (line.lineTotal !== undefined) out.lineTotal = neg(line.lineTotal);
  if (line.taxAmount !== undefined) out.taxAmount = neg(line.taxAmount);
  return out;
}
