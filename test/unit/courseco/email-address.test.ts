/** Issue 12: an e-mail cell Xero would refuse is left out at import with a warning, so the transaction still syncs. */
import { describe, expect, it } from 'vitest';
import { emailProblem } from '../../../main/courseco/email-address';
import { parseCourseCoExport } from '../../../main/courseco/import';

describe('emailProblem', () => {
  it.each(['anne@example.ie', 'anne.o-brien+courses@mail.example.co.uk', 'ÁINE@example.ie'])('takes %j', (email) => {
    expect(emailProblem(email)).toBeUndefined();
  });

  it.each([
    ['n/a', 'is not an e-mail address (no @)'],
    ['a@example.ie; b@example.ie', 'holds more than one address; Xero takes one per contact'],
    ['a@example.ie b@example.ie', 'holds more than one address; Xero takes one per contact'],
    ['a@example.ie, b@example.ie', 'holds more than one address; Xero takes one per contact'],
    ['anne @example.ie', 'has spaces or characters an e-mail address cannot have'],
    ['@example.ie', 'has nothing usable before the @'],
    ['anne@localhost', 'has no valid domain after the @ ("localhost")'],
    [`${'a'.repeat(250)}@example.ie`, 'is longer than the 255 characters Xero takes'],
  ])('refuses %j: %s', (email, reason) => {
    expect(emailProblem(email)).toBe(reason);
  });
});

describe('import', () => {
  it('keeps the transaction, drops the bad address and warns with row, column and reason', () => {
    const csv = 'Transaction ID,Customer,E-mail,Total,Date\n1,Anne Walsh,n/a,100,2026-10-01\n2,Bob Walsh,bob@example.ie,100,2026-10-01\n';
    const parsed = parseCourseCoExport(new TextEncoder().encode(csv));
    expect(parsed.errors).toEqual([]);
    expect(parsed.transactions.map((t) => t.contact)).toEqual([{ name: 'Anne Walsh' }, { name: 'Bob Walsh', email: 'bob@example.ie' }]);
    expect(parsed.warnings).toEqual([
      {
        row: 2,
        column: 'E-mail',
        transactionId: '1',
        reason: '"n/a" is not an e-mail address (no @): imported without an e-mail address (Xero would refuse the contact and every invoice for it); correct it in CourseCo and import again',
      },
    ]);
  });
});
