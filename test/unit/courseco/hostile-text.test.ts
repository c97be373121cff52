/**
 * Text that is not what it seems: UTF-16 saved without a byte order mark, and invisible control characters (NUL and
 * friends) inside names and ids. Neither may turn into rows of garbage errors, and no control character may reach Xero.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { removeControlCharacters } from '../../../main/courseco/control-characters';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { planSync } from '../../../main/sync/plan';
import { readyEntry } from '../../support/journal-entry';

const utf8 = (text: string) => new TextEncoder().encode(text);

const fixtureDir = path.resolve('test/fixtures/courseco');
const exportsToCompare = [
  ...readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(fixtureDir, f)),
  path.resolve('sandbox/sample-data/courseco-transactions-report.csv'),
  path.resolve('sandbox/sample-data/courseco-payments-report.csv'),
];

describe('UTF-16 without a byte order mark', () => {
  it.each(exportsToCompare.map((file) => [path.relative(process.cwd(), file), file]))('%s reads the same in UTF-16LE and UTF-16BE as in UTF-8', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const expected = parseCourseCoExport(utf8(text));
    // A file whose amounts need the user's answer reads as that same question in every encoding.
    expect(expected.transactions.length + expected.payments.length + (expected.amountsQuestion ? 1 : 0)).toBeGreaterThan(0);
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = iconv.encode(text, encoding === 'utf-16le' ? 'utf16le' : 'utf16be', { addBOM: false });
      expect(bytes[0] === 0xff || bytes[0] === 0xfe).toBe(false);
      const parsed = parseCourseCoExport(bytes);
      expect(parsed.encoding).toBe(encoding);
      expect({ ...parsed, encoding: expected.encoding }).toEqual(expected);
    }
  });

  it('keeps reading a UTF-8 file with a stray NUL as UTF-8', () => {
    const parsed = parseCourseCoExport(utf8('Transaction ID,Customer,Total,Date\n1,Ac\u0000me,100,2024-01-02\n'));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.transactions.map((t) => t.contact.name)).toEqual(['Acme']);
  });
});


// C0 controls but tab and line breaks, DEL, C1 controls, the noncharacters U+FFFE/U+FFFF and a lone surrogate.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/u;

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

describe('control characters in text fields', () => {
  const csv = [
    'Transaction ID,Organization,Email,Course,Total,Invoice Number,Date',
    '10\u000001,Ac\u0000me\u0007 Ltd\u007f,ap@acme.ie,First\u0085 Aid \u009b,100,INV-1\uffff,2024-01-02',
    '1002,Café “Zoë” — €uro’s Ltd,bo@cafe.ie,Fire\tSafety,50,INV-2,2024-01-03',
    '\u0000\u0001,Nobody Ltd,,Course,10,INV-3,2024-01-04',
  ].join('\n');

  it('removes them from names, ids and descriptions, with one warning per field naming the column and the transaction', () => {
    const parsed = parseCourseCoExport(utf8(csv));
    expect(parsed.transactions.map((t) => [t.transactionId, t.contact.name, t.invoiceNumber, t.lines[0]!.description])).toEqual([
      ['1001', 'Acme Ltd', 'INV-1', 'First Aid'],
      ['1002', 'Café “Zoë” — €uro’s Ltd', 'INV-2', 'Fire\tSafety'],
    ]);
    expect(parsed.warnings.map(({ row, column, transactionId }) => ({ row, column, transactionId }))).toEqual([
      { row: 2, column: 'Transaction ID', transactionId: '1001' },
      { row: 2, column: 'Organization', transactionId: '1001' },
      { row: 2, column: 'Course', transactionId: '1001' },
      { row: 2, column: 'Invoice Number', transactionId: '1001' },
    ]);
    for (const w of parsed.warnings) expect(w.reason).toMatch(/control character/);
    expect(parsed.warnings[1]!.reason).toContain('"Acme Ltd"');
  });

  it('also removes lone surrogate halves (a decoder could leave them) but keeps a well-formed pair such as an emoji', () => {
    const record = ['Acme\ud800 Ltd', 'Party 🎉', 'Zoë'];
    expect(removeControlCharacters(record)).toEqual([{ index: 0, removed: ['U+D800'] }]);
    expect(record).toEqual(['Acme Ltd', 'Party 🎉', 'Zoë']);
  });

  it('rejects a row whose Transaction ID is nothing but control characters', () => {
    const parsed = parseCourseCoExport(utf8(csv));
    expect(parsed.errors).toEqual([{ row: 4, column: 'Transaction ID', reason: expect.stringMatching(/^is empty once its control characters are removed/) }]);
  });

  it('cleans payments the same way', () => {
    const parsed = parseCourseCoExport(utf8('Payment ID,Transaction ID,Payment Amount,Date,Payment Method\n9\u00001,50\u000001,10,2024-01-02,Ca\u0000sh\n'));
    expect(parsed.payments).toEqual([{ paymentId: '91', transactionId: '5001', amount: '10', date: '2024-01-02', method: 'Cash', row: 2 }]);
    expect(parsed.warnings.map((w) => w.column)).toEqual(['Payment ID', 'Transaction ID', 'Payment Method']);
  });

  it('never lets one reach the planned Xero payload', () => {
    const parsed = parseCourseCoExport(utf8(csv));
    const plan = planSync({
      entries: parsed.transactions.map((t) => readyEntry(t)),
      settings: { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '0': 'NONE' }, defaultTaxRate: '0' },
    });
    expect(plan.invoices.length).toBeGreaterThan(0);
    const texts = stringsIn(plan);
    expect(texts).toContain('Acme Ltd');
    expect(texts.filter((text) => CONTROL.test(text))).toEqual([]);
  });
});
