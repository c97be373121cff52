/**
 * The sample CourseCo exports are what their README says (including the deliberately wrong rows), and their good
 * transactions become Xero invoices in the sandbox whose totals equal CourseCo's (per-line VAT rounding agrees).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { api, connectWeb, first, sandbox, validationMessages, type Json } from './helpers';

type Row = Record<string, string>;
const dir = new URL('../../../sandbox/sample-data/', import.meta.url);
const load = (name: string) => Papa.parse<Row>(readFileSync(fileURLToPath(new URL(name, dir)), 'utf8'), { header: true, skipEmptyLines: true });
/** Line number in the file (header = line 1) → row. */
const atLine = (rows: Row[], line: number) => rows[line - 2]!;

const tx = load('courseco-transactions-report.csv');
const pay = load('courseco-payments-report.csv');
const BAD_LINES = [40, 41, 42, 43, 44];

let sb: RunningSandbox;
let x: ReturnType<typeof api>;
beforeAll(async () => {
  sb = await sandbox({ limits: 'off' });
  x = api(sb, (await connectWeb(sb)).access_token);
});
afterAll(() => sb.stop());

describe('sample CourseCo exports', () => {
  it('have CourseCo-style headers and the documented sizes', () => {
    expect(tx.errors).toEqual([]);
    expect(tx.meta.fields).toEqual([
      'Transaction ID', 'Transaction Type', 'Booking ID', 'Date Created', 'Invoice Date', 'Invoice Number', 'Organization', 'First Name', 'Last Name', 'Email',
      'Course', 'Schedule', 'Nominal Code', 'Quantity', 'Unit price', 'Discount', 'VAT Rate', 'VAT', 'Total', 'Currency', 'Purchase Order No', 'Payment Type', 'Outstanding', 'Reason Code',
    ]);
    expect(tx.data).toHaveLength(43);
    expect(new Set(tx.data.map((r) => r['Transaction ID'])).size).toBe(41);
    expect(pay.data).toHaveLength(33);
    expect(pay.meta.fields?.slice(0, 4)).toEqual(['Payment ID', 'Transaction ID', 'Booking ID', 'Customer']);
  });

  it('contain the deliberate errors at the documented lines', () => {
    const missing = atLine(tx.data, 40);
    expect([missing.Organization, missing['First Name'], missing['Last Name'], missing.Email]).toEqual(['', '', '', '']);
    expect(atLine(tx.data, 41)['Unit price']).toBe('12O.00');
    expect(atLine(tx.data, 42)['Nominal Code']).toBe('4999');
    expect(atLine(tx.data, 43)['Invoice Date']).toBe('31/02/2026');
    const mismatch = atLine(tx.data, 44);
    expect(Number(mismatch.Quantity) * Number(mismatch['Unit price']) + Number(mismatch.VAT)).not.toBe(Number(mismatch.Total));
    expect(atLine(pay.data, 33)['Transaction ID']).toBe('7777');
    expect(tx.data.some((r) => r['Transaction ID'] === '7777')).toBe(false);
    expect(atLine(pay.data, 29).Status).toBe("failed:Your card's security code is incorrect.");
    expect(atLine(tx.data, 37)).toMatchObject({ 'Transaction Type': 'Journal Credit', Total: '-395.00', 'Reason Code': 'Delegate cancelled' });
    expect(tx.data.filter((r) => r['Booking ID'] === '3132').map((r) => r['Transaction ID'])).toEqual(['5032', '5033']);
    expect(tx.data.filter((r) => r['Transaction ID'] === '5031')).toHaveLength(3);
  });

  it('good transactions become sandbox invoices with the same totals', async () => {
    const good = tx.data.filter((r, i) => !BAD_LINES.includes(i + 2) && r['Transaction Type'] !== 'Journal Credit');
    const byTx = new Map<string, Row[]>();
    for (const r of good) byTx.set(r['Transaction ID']!, [...(byTx.get(r['Transaction ID']!) ?? []), r]);
    const invoices = [...byTx.entries()].map(([id, rows]) => {
      const r0 = rows[0]!;
      const name = r0.Organization || `${r0['First Name']} ${r0['Last Name']}`;
      const [d, m, y] = r0['Invoice Date']!.split('/');
      return {
        Type: 'ACCREC',
        Contact: { Name: name, EmailAddress: r0.Email },
        Date: `${y}-${m}-${d}`,
        Reference: `CourseCo TX ${id}`,
        Status: 'AUTHORISED',
        LineItems: rows.map((r) => ({
          Description: r.Course,
          Quantity: Number(r.Quantity),
          UnitAmount: (Number(r.Quantity) * Number(r['Unit price']) - Number(r.Discount)) / Number(r.Quantity),
          AccountCode: r['Nominal Code'],
          TaxType: r['VAT Rate'] === '23%' ? 'TAX001' : 'TAX005',
        })),
      };
    });
    const res = await x.put('/Invoices', { Invoices: invoices });
    expect(res.status).toBe(200);
    const created = res.body.Invoices as Json[];
    for (const inv of created) {
      const id = String(inv.Reference).replace('CourseCo TX ', '');
      const expected = byTx.get(id)!.reduce((sum, r) => sum + Math.round(Number(r.Total) * 100), 0) / 100;
      expect({ id, total: inv.Total }).toEqual({ id, total: expected });
    }
  });

  it('the deliberately wrong rows fail in Xero the way the README says', async () => {
    const r = atLine(tx.data, 42);
    const res = await x.put('/Invoices', { Type: 'ACCREC', Contact: { Name: r.Organization }, Status: 'AUTHORISED', LineItems: [{ Description: r.Course, Quantity: 5, UnitAmount: 110, AccountCode: r['Nominal Code'], TaxType: 'TAX001' }] });
    expect(validationMessages((res.body.Elements as Json[])[0]!)).toEqual(["Account code '4999' is not a valid code for this document."]);
    const inv = first(await x.put('/Invoices', { Type: 'ACCREC', Contact: { Name: 'Sinéad Ní Bhriain' }, Status: 'AUTHORISED', LineItems: [{ Description: 'Train the Trainer', UnitAmount: 1150, AccountCode: '210', TaxType: 'TAX005' }] }), 'Invoices');
    await x.put('/Payments', { Payments: [500, 650].map((Amount) => ({ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '615' }, Amount })) });
    const over = await x.put('/Payments', { Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: Number(atLine(pay.data, 34)['Payment Amount']) });
    expect(validationMessages((over.body.Elements as Json[])[0]!)).toContain('Payment amount exceeds the amount outstanding on this document');
  });
});
