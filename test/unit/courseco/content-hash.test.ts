import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../main/courseco/content-hash';
import { parseCourseCoExport } from '../../../main/courseco/import';

const transactionsOf = (csv: string) => parseCourseCoExport(new TextEncoder().encode(csv)).transactions;

describe('contentHash', () => {
  it('is the same when Excel only reformatted the file (amount style, date style, row order, column order)', () => {
    const a = transactionsOf('Transaction ID,Customer,Course,Total,Date\n1,Acme,Course,1234.5,2024-03-05\n2,Beta,Course,10,2024-03-05\n');
    const b = transactionsOf('Date,Total,Course,Customer,Transaction ID\n05/03/2024,10.00,Course,Beta,2\n05/03/2024,"€1,234.50",Course,Acme,1\n');
    const byId = (txs: typeof a) => Object.fromEntries(txs.map((t) => [t.transactionId, contentHash(t)]));
    expect(byId(b)).toEqual(byId(a));
  });

  it('changes when anything CourseCo would bill changes', () => {
    const [base] = transactionsOf('Transaction ID,Customer,Course,Total,Date\n1,Acme,Course,100,2024-03-05\n');
    const [amount] = transactionsOf('Transaction ID,Customer,Course,Total,Date\n1,Acme,Course,100.01,2024-03-05\n');
    const [contact] = transactionsOf('Transaction ID,Customer,Course,Total,Date\n1,Acme Ltd,Course,100,2024-03-05\n');
    const hashes = new Set([base, amount, contact].map((t) => contentHash(t!)));
    expect(hashes.size).toBe(3);
  });
  it('is the same when a report starts carrying Venue and Course Category: synced transactions are not "changed" by it', () => {
    const plain = transactionsOf('Transaction ID,Organization,Course,Quantity,Unit Price,VAT Rate,Invoice Date\n81,Acme,Safe Pass,1,100.00,23%,05/10/2026\n');
    const richer = transactionsOf('Transaction ID,Organization,Course,Course Category,Venue,Quantity,Unit Price,VAT Rate,Invoice Date\n81,Acme,Safe Pass,Accredited,Cork,1,100.00,23%,05/10/2026\n');
    expect(richer[0]!.lines[0]).toMatchObject({ venue: 'Cork', category: 'Accredited' });
    expect(contentHash(richer[0]!)).toBe(contentHash(plain[0]!));
  });
});
