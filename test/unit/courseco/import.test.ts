import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport, type ImportOptions } from '../../../main/courseco/import';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (csv: string, options: ImportOptions = {}) => parseCourseCoExport(utf8(csv), options);

// The columns of CourseCo's 2020 transactions report SQL, plus a course and VAT.
const HEADER = 'Transaction ID,Transaction Type,Booking ID,Organization,First Name,Last Name,Course,Quantity,Unit Price,VAT,Total,Purchase Order No,Date Created';

describe('parseCourseCoExport: transactions', () => {
  it('groups rows sharing a Transaction ID into one transaction with one line per row', () => {
    const result = parse(`${HEADER}
1001,Booking - Pay Now,501,Acme Ltd,Jo,Bloggs,First Aid,2,100.00,46.00,200.00,PO-1,2024-03-05 10:11:12
1002,Booking - PAYG,502,,Mary,Murphy,Manual Handling,1,50,11.50,50,,06/03/2024
1001,Booking - Pay Now,501,Acme Ltd,Jo,Bloggs,Fire Safety,1,80,18.40,80,PO-1,2024-03-05 10:11:12
`);
    expect(result.kind).toBe('transactions');
    expect(result.errors).toEqual([]);
    expect(result.transactions).toEqual([
      {
        transactionId: '1001',
        kind: 'invoice',
        transactionType: 'Booking - Pay Now',
        bookingId: '501',
        contact: { name: 'Acme Ltd' },
        reference: 'PO-1',
        date: '2024-03-05',
        amountsIncludeTax: false,
        lines: [
          { row: 2, description: 'First Aid', quantity: '2', unitAmount: '100', lineTotal: '200', taxAmount: '46' },
          { row: 4, description: 'Fire Safety', quantity: '1', unitAmount: '80', lineTotal: '80', taxAmount: '18.4' },
        ],
      },
      {
        transactionId: '1002',
        kind: 'invoice',
        transactionType: 'Booking - PAYG',
        bookingId: '502',
        contact: { name: 'Mary Murphy' },
        date: '2024-03-06',
        amountsIncludeTax: false,
        lines: [{ row: 3, description: 'Manual Handling', quantity: '1', unitAmount: '50', lineTotal: '50', taxAmount: '11.5' }],
      },
    ]);
  });

  it('recognises headers whatever their case, spacing, punctuation or synonym', () => {
    const result = parse(`tx-id;BILL TO;e-mail;Schedule;account  code;Reference;Tax;Invoice Date;Amount;Delegate Count;Invoice No.
7;Acme Ltd;ap@acme.ie;Excel Basics;4000;PO 9;4,60;01/02/2024;20,00;1;INV-0007
`);
    expect(result.mapping).toEqual({
      transactionId: 'tx-id',
      contactName: 'BILL TO',
      email: 'e-mail',
      description: 'Schedule',
      accountCode: 'account  code',
      reference: 'Reference',
      taxAmount: 'Tax',
      invoiceDate: 'Invoice Date',
      total: 'Amount',
      quantity: 'Delegate Count',
      invoiceNumber: 'Invoice No.',
    });
    expect(result.transactions[0]).toMatchObject({
      transactionId: '7',
      contact: { name: 'Acme Ltd', email: 'ap@acme.ie' },
      invoiceNumber: 'INV-0007',
      date: '2024-02-01',
      lines: [{ description: 'Excel Basics', accountCode: '4000', quantity: '1', unitAmount: '20', lineTotal: '20', taxAmount: '4.6' }],
    });
  });

  it('strips a UTF-8 byte order mark so the first header is still recognised', () => {
    const result = parse(`\uFEFF${HEADER}\n1,Booking - Pay Now,1,Acme,,,Course,1,10,2.30,10,,2024-01-01\n`);
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.columns[0]).toBe('Transaction ID');
    expect(result.transactions).toHaveLength(1);
  });

  it('decodes Windows-1252 files so the euro sign survives in text and amounts', () => {
    const csv = 'Transaction ID,Customer,Description,Total,Date\r\n5,Café Ltd,Course fee €50 pp,"€1,234.50",2024-01-02\r\n';
    const bytes = iconv.encode(csv, 'win1252');
    expect(bytes.includes(0x80)).toBe(true);
    const result = parseCourseCoExport(new Uint8Array(bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(result.transactions[0]).toMatchObject({ contact: { name: 'Café Ltd' }, lines: [{ description: 'Course fee €50 pp', unitAmount: '1234.5' }] });
  });

  it('reads semicolon-delimited files with comma decimals and dot thousands', () => {
    const result = parse('Transaction ID;Customer;Course;Total;VAT;Date\n9;Acme;Leadership;1.234,56;283,95;15/04/2024\n');
    expect(result.delimiter).toBe(';');
    expect(result.transactions[0]!.lines[0]).toMatchObject({ lineTotal: '1234.56', taxAmount: '283.95' });
  });

  it('keeps a quoted newline inside its cell and counts rows as a spreadsheet shows them', () => {
    const result = parse(`Transaction ID,Customer,Course,Total,Date
1,Acme,"Two-day course
(Day 1 and Day 2)",100,2024-01-02
2,Acme,Course,abc,2024-01-02
`);
    expect(result.transactions[0]!.lines[0]!.description).toBe('Two-day course\n(Day 1 and Day 2)');
    expect(result.errors).toEqual([{ row: 3, column: 'Total', reason: 'is not an amount: "abc"', transactionId: '2' }]);
  });

  it('skips blank rows and trailing total rows instead of reporting them as errors', () => {
    const result = parse(`Transaction ID,Customer,Course,Total,Date
1,Acme,Course,100,2024-01-02

2,Beta,Course,50,2024-01-03
,,,150,
Total,,,150,
Grand Total,,,150,

`);
    expect(result.errors).toEqual([]);
    expect(result.transactions.map((t) => t.transactionId)).toEqual(['1', '2']);
    expect(result.skipped).toEqual([
      { row: 3, reason: 'blank row' },
      { row: 5, reason: 'total row' },
      { row: 6, reason: 'total row' },
      { row: 7, reason: 'total row' },
    ]);
  });

  it('marks every transaction with the file’s tax-inclusive setting', () => {
    const csv = 'Transaction ID,Customer,Course,Total,Date\n1,Acme,Course,123,2024-01-02\n';
    expect(parse(csv).transactions[0]!.amountsIncludeTax).toBe(false);
    expect(parse(csv, { amountsIncludeTax: true }).transactions[0]!.amountsIncludeTax).toBe(true);
  });

  it('reports each bad row with row, column and reason, keeps good transactions, and rejects a transaction with any bad row whole', () => {
    const result = parse(`Transaction ID,Customer,Course,Quantity,Total,Date
1,Acme,Course A,1,100,2024-01-02
2,Beta,Course B,1,50,31/02/2024
2,Beta,Course C,1,60,2024-01-03
3,,Course D,1,70,2024-01-04
,Gamma,Course E,1,80,2024-01-05
4,Delta,Course F,two,90,2024-01-06
5,Epsilon,Course G,1,,2024-01-07
`);
    expect(result.transactions.map((t) => t.transactionId)).toEqual(['1']);
    expect(result.errors).toEqual([
      { row: 3, column: 'Date', reason: 'is not a calendar date: "31/02/2024"', transactionId: '2' },
      { row: 4, column: 'Transaction ID', reason: 'not imported: transaction 2 also has an error on row 3, so none of its rows were imported', transactionId: '2' },
      { row: 5, column: 'Customer', reason: 'is empty: no one to bill (Customer empty)', transactionId: '3' },
      { row: 6, column: 'Transaction ID', reason: 'is empty: every row needs the CourseCo Transaction ID' },
      { row: 7, column: 'Quantity', reason: 'is not an amount: "two"', transactionId: '4' },
      { row: 8, column: 'Total', reason: 'is empty: the row has no amount', transactionId: '5' },
    ]);
  });

  it('refuses rows of one transaction that disagree on who is billed', () => {
    const result = parse('Transaction ID,Customer,Course,Total,Date\n8,Acme,A,10,2024-01-02\n8,Acme Ltd,B,10,2024-01-02\n');
    expect(result.transactions).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: 'Transaction ID', reason: 'not imported: transaction 8 also has an error on row 3, so none of its rows were imported', transactionId: '8' },
      { row: 3, column: 'Customer', reason: 'differs from row 2 of the same transaction 8 ("Acme Ltd" vs "Acme")', transactionId: '8' },
    ]);
  });

  it('turns journal/credit rows and negative totals into credit notes with positive amounts', () => {
    const result = parse(`${HEADER}
2001,Journal Cancel Booking,501,Acme Ltd,,,First Aid,-1,100,-23,-100,,2024-03-07
2002,Journal Credit,502,Beta Ltd,,,Goodwill credit,1,25,0,25,,2024-03-07
2003,Billed Booking,503,Gamma Ltd,,,Refund adjustment,1,-40,-9.20,-40,,2024-03-07
2004,Booking - Pay Now,504,Delta Ltd,,,Course,1,10,2.30,10,,2024-03-07
`);
    expect(result.transactions.map((t) => [t.transactionId, t.kind])).toEqual([
      ['2001', 'credit'],
      ['2002', 'credit'],
      ['2003', 'credit'],
      ['2004', 'invoice'],
    ]);
    expect(result.transactions[0]!.lines[0]).toMatchObject({ quantity: '1', unitAmount: '100', lineTotal: '100', taxAmount: '23' });
    expect(result.transactions[2]!.lines[0]).toMatchObject({ quantity: '1', unitAmount: '40', lineTotal: '40', taxAmount: '9.2' });
  });

  it('skips quotes: they are not sales', () => {
    const result = parse(`${HEADER}\n3001,Quote,601,Acme,,,Course,1,10,2.3,10,,2024-01-01\n`);
    expect(result.transactions).toEqual([]);
    expect(result.skipped).toEqual([{ row: 2, reason: 'transaction 3001 is a quote ("Quote"), not a sale' }]);
  });

  it('derives the unit price from the total and quantity when the file has no unit price', () => {
    const result = parse('Transaction ID,Customer,Course,Delegate Count,Total,Date\n1,Acme,Course,3,99.99,2024-01-01\n2,Acme,Course,3,100,2024-01-01\n');
    expect(result.transactions[0]!.lines[0]).toMatchObject({ quantity: '3', unitAmount: '33.33' });
    // 100 / 3 has more than 4 decimals: sent as one unit of the total rather than a rounded price.
    expect(result.transactions[1]!.lines[0]).toMatchObject({ quantity: '1', unitAmount: '100' });
  });

  it('finds the header below a report title block and numbers rows from the top of the file', () => {
    const result = parse('Xero Transactions Report\nGenerated 2024-05-01\n\nTransaction ID,Customer,Course,Total,Date\n1,Acme,Course,zz,2024-01-01\n');
    expect(result.headerRow).toBe(4);
    expect(result.errors).toEqual([{ row: 5, column: 'Total', reason: 'is not an amount: "zz"', transactionId: '1' }]);
  });
});

describe('parseCourseCoExport: unknown layouts', () => {
  const csv = 'Ref,Who,What,Net,When\n1,Acme,Course,100,2024-01-02\n';

  it('asks for a mapping, listing the file’s columns and the missing fields, and reads no rows', () => {
    const result = parse(csv);
    expect(result.kind).toBe('needs-mapping');
    expect(result.columns).toEqual(['Ref', 'Who', 'What', 'Net', 'When']);
    expect(result.needsMapping?.missing).toEqual(['transactionId', 'contactName or firstName or lastName', 'invoiceDate or date', 'total or unitPrice or transactionAmount or priceIncome']);
    expect(result.needsMapping?.fields).toContain('transactionId');
    expect(result.transactions).toEqual([]);
  });

  it('imports with an explicit field → column mapping', () => {
    const result = parse(csv, { mapping: { transactionId: 'Ref', contactName: 'Who', description: 'What', total: 'Net', date: 'When' } });
    expect(result.kind).toBe('transactions');
    expect(result.transactions[0]).toMatchObject({ transactionId: '1', contact: { name: 'Acme' }, date: '2024-01-02', lines: [{ description: 'Course', unitAmount: '100' }] });
  });

  it('refuses a mapping that names a column the file does not have', () => {
    expect(() => parse(csv, { mapping: { transactionId: 'Nope' } })).toThrow(/points transactionId at "Nope", but the file has no such column/);
  });

  it('refuses a mapping with an unknown field name', () => {
    expect(() => parse(csv, { mapping: { txn: 'Ref' } })).toThrow(/unknown field "txn"/);
  });

  it('refuses an empty file with a reason', () => {
    expect(() => parse('\n\n')).toThrow(/no header row/);
  });
});

describe('parseCourseCoExport: payments', () => {
  const header = 'Transaction ID,Customer,Payment Amount,Payment Date,Payment Type,Status';

  it('detects a payments export and gives each payment a stable identity', () => {
    const result = parse(`${header}
1001,Acme,100.00,05/03/2024,Card,completed
1001,Acme,100.00,05/03/2024,Card,completed
1002,Beta,"€1,000.00",2024-03-06,Cash,
`);
    expect(result.kind).toBe('payments');
    expect(result.payments).toEqual([
      { paymentId: '1001/2024-03-05/100/1', transactionId: '1001', date: '2024-03-05', amount: '100', method: 'Card', row: 2 },
      { paymentId: '1001/2024-03-05/100/2', transactionId: '1001', date: '2024-03-05', amount: '100', method: 'Card', row: 3 },
      { paymentId: '1002/2024-03-06/1000/1', transactionId: '1002', date: '2024-03-06', amount: '1000', method: 'Cash', row: 4 },
    ]);
  });

  it('skips failed card payments and reports bad rows', () => {
    const result = parse(`${header}
1001,Acme,100.00,05/03/2024,Card,failed:Your card's security code is incorrect.
1002,Beta,-20.00,05/03/2024,Cash,completed
,Gamma,10,05/03/2024,Cash,completed
1003,Delta,10,yesterday,Cash,completed
`);
    expect(result.payments).toEqual([]);
    expect(result.skipped).toEqual([{ row: 2, reason: `payment not completed (status "failed:Your card's security code is incorrect.")` }]);
    expect(result.errors).toEqual([
      { row: 3, column: 'Payment Amount', reason: 'is not a positive amount: "-20.00" (refunds come from the transactions report as credit notes)', transactionId: '1002' },
      { row: 4, column: 'Transaction ID', reason: 'is empty: a payment must name the CourseCo transaction it pays' },
      { row: 5, column: 'Payment Date', reason: 'is not a date: "yesterday" (expected DD/MM/YYYY or YYYY-MM-DD)', transactionId: '1003' },
    ]);
  });

  it('uses the file’s own payment id when it has one, and refuses repeats', () => {
    const result = parse('Payment ID,Transaction ID,Amount,Date\nP-1,1001,10,2024-01-01\nP-1,1001,10,2024-01-01\n', { kind: 'payments' });
    expect(result.payments.map((p) => p.paymentId)).toEqual(['P-1']);
    expect(result.errors).toEqual([{ row: 3, column: 'Payment ID', reason: 'repeats payment P-1 from row 2', transactionId: '1001' }]);
  });
});
