/** How a report's amount columns are read: one reading that adds up is used and named; otherwise the import asks. */
import { describe, expect, it } from 'vitest';
import { candidateReadings, decideAmountReading, type AmountColumns, type RowFigures } from '../../../main/courseco/amount-readings';
import { parseCourseCoExport } from '../../../main/courseco/import';

const COLUMNS: AmountColumns = { total: 'Total', amount: 'Transaction Amount', fee: 'Fee', discount: 'Discount' };
const row = (transactionId: string, gross: string, total: string, more: Partial<RowFigures> = {}): RowFigures => ({ row: Number(transactionId) + 1, transactionId, gross, total, ...more });
const parse = (csv: string, options = {}) => parseCourseCoExport(new TextEncoder().encode(csv), options);

describe('amount readings', () => {
  it('uses the one reading that adds up on every row and says so', () => {
    const decision = decideAmountReading(COLUMNS, [row('1', '400', '492'), row('2', '100', '113.5'), row('3', '150', '190.65', { fee: '5' })]);
    expect(decision).toMatchObject({ status: 'decided', chosenByUser: false, reading: { id: 'total-includes-vat' } });
  });

  it('asks when no reading explains every row, naming the first row each reading fails on', () => {
    // 450 − 400 = 50 is 12.5 % of 400: no Irish or UK VAT rate.
    const decision = decideAmountReading(COLUMNS, [row('1', '400', '492'), row('2', '400', '450')]);
    expect(decision.status).toBe('question');
    if (decision.status !== 'question') return;
    expect(decision.question.reason).toBe('none-fits');
    expect(decision.question.readings.map((r) => [r.id, r.fits])).toEqual([
      ['total-includes-vat', false],
      ['total-before-vat', false],
      ['prices-include-vat', false],
    ]);
    expect(decision.question.readings[0]!.misfit).toBe('row 3 (transaction 2): the difference 50.00 would be the VAT, but that is 12.5% of 400.00, not a VAT rate (0%, 4.8%, 5%, 9%, 13.5%, 20%, 23%)');
    expect(decision.question.readings[1]!.misfit).toBe('row 2 (transaction 1): 400.00 is not 492.00');
  });

  it('does not ask when the readings that fit charge the same on every row (a VAT column of zeros)', () => {
    const decision = decideAmountReading({ ...COLUMNS, tax: 'VAT' }, [row('1', '200', '200', { tax: '0' })]);
    expect(decision).toMatchObject({ status: 'decided', reading: { id: 'total-includes-vat' } });
  });

  it('offers both discount readings only when the file has Discount and itemised discounts, and keeps the one that adds up', () => {
    const columns = { ...COLUMNS, unitDiscount: 'Unit Discount Amount', memberDiscount: 'Member Discount Amount' };
    expect(candidateReadings(columns).map((r) => r.id)).toEqual([
      'total-includes-vat',
      'total-includes-vat+discounts-apart',
      'total-before-vat',
      'total-before-vat+discounts-apart',
      'prices-include-vat',
      'prices-include-vat+discounts-apart',
    ]);
    // Discount 25 already holds 20 + 5: 225 × 1.23 = 276.75. Taking them off again leaves 76.75 on 200 (38 %).
    expect(decideAmountReading(columns, [row('1', '250', '276.75', { discount: '25', unitDiscount: '20', memberDiscount: '5' })])).toMatchObject({ status: 'decided', reading: { id: 'total-includes-vat' } });
    // No Discount column: the itemised ones are the discounts.
    expect(decideAmountReading({ total: 'Total', amount: 'Transaction Amount', unitDiscount: 'Unit Discount Amount' }, [row('1', '250', '282.90', { unitDiscount: '20' })])).toMatchObject({
      status: 'decided',
      reading: { id: 'total-includes-vat' },
    });
  });

  it('refuses an answer the columns do not offer, listing the ones they do', () => {
    expect(() => decideAmountReading(COLUMNS, [row('1', '400', '492')], { chosen: 'total-is-net' })).toThrow(/is not a reading of this file's amount columns/);
  });

  it('leaves files with a single amount column as they were: the VAT setting decides, no note, no question', () => {
    const result = parse('Transaction ID,Customer,Transaction Amount,Date\n1,Acme,100,2024-01-02\n', { amountsIncludeTax: true });
    expect(result.amounts).toBeUndefined();
    expect(result.amountsQuestion).toBeUndefined();
    expect(result.transactions[0]).toMatchObject({ amountsIncludeTax: true, lines: [{ quantity: '1', unitAmount: '100', lineTotal: '100' }] });
  });

  it('reads a unit-price file with a Fee through the readings: quantity × unit price + fee, VAT in the Total', () => {
    const result = parse('Transaction ID,Customer,Course,Quantity,Unit Price,Fee,Total,Date\n1,Acme,First Aid,2,100.00,10.00,258.30,2024-01-02\n');
    expect(result.amounts?.reading).toBe('total-includes-vat');
    expect(result.transactions[0]!.lines).toEqual([
      { row: 2, description: 'First Aid', quantity: '2', unitAmount: '100', lineTotal: '200', taxAmount: '46' },
      { row: 2, description: 'Fee: First Aid', quantity: '1', unitAmount: '10', lineTotal: '10', taxAmount: '2.3' },
    ]);
  });

  it('reads a credit (journal) row of the 2020 layout with its VAT and flips it positive for Xero', () => {
    const result = parse('Transaction ID,Transaction Type,Transaction Amount,Fee,Total,Date Created,Organization\n9,Journal Cancel Booking,-400.00,0.00,-492.00,2020-10-05 10:00:00,Acme\n');
    expect(result.errors).toEqual([]);
    expect(result.transactions[0]).toMatchObject({ kind: 'credit', lines: [{ unitAmount: '400', lineTotal: '400', taxAmount: '92' }] });
  });
});
