/**
 * Payments report rows → CourseCo payments. Each payment keeps an identity that survives re-import: the file's own
 * payment id when it has one, else transaction + date + amount + occurrence (so two equal part-payments on one day
 * stay two payments, and importing the same file twice finds the same two).
 */
import type { ColumnMap, PaymentField } from './columns';
import { cleanId, createRowReader, notDataReason, type RowCollector } from './row-reader';
import type { CourseCoPayment, ImportRowError, SkippedRow } from './types';
import { parseAmount, parseDate, type DateOrder } from './values';

export interface PaymentRowOptions {
  dateOrder: DateOrder;
  decimalComma: boolean;
}

// CourseCo's Recent Payments statuses are `completed` or `failed:<gateway message>`.
const SETTLED_STATUS = /^(completed?|paid|succeeded|success|ok|payment)$/i;
const NOT_PAID = /^(no|n|false|0)$/i;

export function collectPayments(
  headers: readonly string[],
  map: ColumnMap<PaymentField>,
  options: PaymentRowOptions,
): RowCollector<{ payments: CourseCoPayment[]; errors: ImportRowError[]; skipped: SkippedRow[] }> {
  const r = createRowReader(headers, map);
  const errors: ImportRowError[] = [];
  const skipped: SkippedRow[] = [];
  const payments: CourseCoPayment[] = [];
  const explicitIds = new Map<string, number>();
  const occurrences = new Map<string, number>();

  const add = (record: readonly string[], row: number) => {
    const transactionId = cleanId(r.cell(record, 'transactionId'));
    // A summary line: labelled "Total", or with neither a transaction nor a date (only figures).
    const notData = notDataReason(record, transactionId, () => r.cell(record, 'date') === '');
    if (notData) {
      skipped.push({ row, reason: notData });
      return;
    }
    const status = r.cell(record, 'status');
    if (status && !SETTLED_STATUS.test(status)) {
      skipped.push({ row, reason: `payment not completed (status "${status}")` });
      return;
    }
    if (NOT_PAID.test(r.cell(record, 'paid'))) {
      skipped.push({ row, reason: `payment not completed (${r.column('paid')} = "${r.cell(record, 'paid')}")` });
      return;
    }

    const rowErrors: ImportRowError[] = [];
    const bad = (field: PaymentField, reason: string) => rowErrors.push({ row, column: r.column(field), reason, ...(transactionId ? { transactionId } : {}) });
    if (transactionId === '') bad('transactionId', 'is empty: a payment must name the CourseCo transaction it pays');
    const amount = parseAmount(r.cell(record, 'amount'), options.decimalComma);
    if (!amount.ok) bad('amount', amount.reason);
    else if (!(Number(amount.value) > 0)) {
      bad('amount', `is not a positive amount: "${r.cell(record, 'amount')}" (refunds come from the transactions report as credit notes)`);
    }
    const date = parseDate(r.cell(record, 'date'), options.dateOrder);
    if (!date.ok) bad('date', date.reason);

    const ownId = cleanId(r.cell(record, 'paymentId'));
    if (ownId) {
      const seen = explicitIds.get(ownId);
      if (seen !== undefined) bad('paymentId', `repeats payment ${ownId} from row ${seen}`);
      else explicitIds.set(ownId, row);
    }
    if (rowErrors.length > 0 || !amount.ok || !date.ok) {
      errors.push(...rowErrors);
      return;
    }

    let paymentId = ownId;
    if (!paymentId) {
      const base = `${transactionId}/${date.value}/${amount.value}`;
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      paymentId = `${base}/${n}`;
    }
    const payment: CourseCoPayment = { paymentId, transactionId, date: date.value, amount: amount.value, row };
    const method = r.cell(record, 'method');
    if (method) payment.method = method;
    const reference = r.cell(record, 'reference');
    if (reference) payment.reference = reference;
    payments.push(payment);
  };

  return { add, finish: () => ({ payments, errors, skipped }) };
}
