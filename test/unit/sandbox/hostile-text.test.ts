/**
 * The sandbox is never kinder than Xero with text: a `where` string has no escape for `"`, a contact's e-mail must
 * be an address, contact names are unique among active contacts, and fields have Xero's length limits. Each rule's
 * source is named in sandbox/where-parser.ts and sandbox/accounting/field-limits.ts.
 */
import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../../sandbox/where-parser';
import { api, first, invoice, validationMessages, type Json, useFreshSandbox } from './helpers';

let x: ReturnType<typeof api>;

useFreshSandbox((running, token) => {
  x = api(running, token);
});

const contacts = (r: { body: Json }) => (r.body.Contacts as Json[] | undefined) ?? [];
const where = (w: string) => x.get(`/Contacts?where=${encodeURIComponent(w)}`);

describe('where strings: no escape for a double quote', () => {
  it.each([
    // XeroAPI/Xero-Java#347: both backslash forms answer exactly this.
    ['Name=="asd\\"asd\'asd\\""'],
    ['Name=="The \\"Safe Pass\\" Company"'],
    ['Name=="The ""Safe Pass"" Company"'],
  ])('%s → 400 QueryParseException "Syntax error"', async (w) => {
    const r = await where(w);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ ErrorNumber: 16, Type: 'QueryParseException', Message: 'Syntax error' });
  });

  it('reads a backslash as an ordinary character: a name holding one is found as written', async () => {
    const made = await x.put('/Contacts', { Contacts: [{ Name: 'Back\\Slash Training' }] });
    expect(made.status).toBe(200);
    expect(contacts(await where('Name=="Back\\Slash Training"')).map((c) => c.Name)).toEqual(['Back\\Slash Training']);
    // The escaped form looks for two backslashes, and so finds nothing.
    expect(contacts(await where('Name=="Back\\\\Slash Training"'))).toEqual([]);
  });

  it('takes a single quote inside a double-quoted string, but a single-quoted string is a one-character literal', async () => {
    await x.put('/Contacts', { Contacts: [{ Name: "O'Brien & Sons" }] });
    expect(contacts(await where('Name=="O\'Brien & Sons"')).map((c) => c.Name)).toEqual(["O'Brien & Sons"]);
    const r = await where("Name=='O Brien'");
    expect(r.status).toBe(400);
    // waynerobinson/xeroizer#454
    expect(r.body).toEqual({ ErrorNumber: 16, Type: 'QueryParseException', Message: 'Character literal must contain exactly one character' });
  });

  it('finds a name with a double quote through searchTerm, which needs no quoting', async () => {
    await x.put('/Contacts', { Contacts: [{ Name: 'The "Safe Pass" Company' }] });
    const r = await x.get(`/Contacts?searchTerm=${encodeURIComponent('The "Safe Pass" Company')}`);
    expect(contacts(r).map((c) => c.Name)).toEqual(['The "Safe Pass" Company']);
  });

  it('raises a tokenising error only when the parser reaches it', () => {
    expect(() => compileWhere('Name=="a" \\')).toThrow(/^Syntax error/);
    expect(() => compileWhere('\\')).toThrow("Syntax error '\\' at position 0");
  });
});

describe('contact e-mail addresses', () => {
  it.each(['n/a', 'anne@example.ie; bob@example.ie', 'anne@example.ie bob@example.ie', 'anne.example.ie', '@example.ie', 'anne@localhost', 'anne@@example.ie'])(
    'refuses %j with a ValidationException naming the field',
    async (email) => {
      const r = await x.put('/Contacts', { Contacts: [{ Name: 'Mail Test Ltd', EmailAddress: email }] });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred' });
      expect(validationMessages((r.body.Elements as Json[])[0]!)).toEqual(['Email address must be valid.']);
      expect(contacts(await where('Name=="Mail Test Ltd"'))).toEqual([]);
    },
  );

  it.each(['anne@example.ie', 'anne.o-brien+courses@mail.example.co.uk', 'ÁINE@example.ie'])('accepts %j', async (email) => {
    const r = await x.put('/Contacts', { Contacts: [{ Name: 'Mail Test Ltd', EmailAddress: email }] });
    expect(r.status).toBe(200);
  });

  it('fails an invoice that creates its contact inline with a bad address (xeroizer#477), per element when summarizeErrors=false', async () => {
    const r = await x.put('/Invoices?summarizeErrors=false', { Invoices: [invoice({ Contact: { Name: 'Inline Mail Ltd', EmailAddress: 'n/a' } }), invoice({ Reference: 'fine' })] });
    expect(r.status).toBe(200);
    const [bad, good] = r.body.Invoices as Json[];
    expect(bad).toMatchObject({ HasErrors: true, StatusAttributeString: 'ERROR' });
    expect(validationMessages(bad!)).toContain('Email address must be valid.');
    expect(good).toMatchObject({ StatusAttributeString: 'OK' });
    expect(contacts(await where('Name=="Inline Mail Ltd"'))).toEqual([]);
  });
});

describe('contact names are unique among active contacts', () => {
  it('refuses the same name trimmed and in another case, with Xero\'s message', async () => {
    await x.put('/Contacts', { Contacts: [{ Name: 'John Murphy', ContactNumber: 'CC-34' }] });
    const r = await x.put('/Contacts?summarizeErrors=false', { Contacts: [{ Name: '  JOHN MURPHY ', ContactNumber: 'CC-35' }, { Name: 'John Murphy (CC-35)', ContactNumber: 'CC-35' }] });
    expect(r.status).toBe(200);
    const [dup, distinct] = r.body.Contacts as Json[];
    expect(validationMessages(dup!)).toEqual(['The contact name JOHN MURPHY is already assigned to another contact. The contact name must be unique across all active contacts.']);
    expect(distinct).toMatchObject({ StatusAttributeString: 'OK', Name: 'John Murphy (CC-35)' });
  });
});

describe('field lengths', () => {
  const long = (n: number) => 'x'.repeat(n);

  it('contact Name: 255 characters (accents count once) pass, 256 fail', async () => {
    expect((await x.put('/Contacts', { Contacts: [{ Name: 'é'.repeat(255) }] })).status).toBe(200);
    const r = await x.put('/Contacts', { Contacts: [{ Name: long(256) }] });
    expect(r.status).toBe(400);
    expect(validationMessages((r.body.Elements as Json[])[0]!)).toEqual(['The contact name must be 255 characters or fewer.']);
  });

  it.each([
    ['InvoiceNumber', { InvoiceNumber: long(256) }, 'InvoiceNumber must be 255 characters or fewer.'],
    ['Reference', { Reference: long(256) }, 'Reference must be 255 characters or fewer.'],
    ['line Description', { LineItems: [{ Description: long(4001), Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001' }] }, 'Description must be 4000 characters or fewer.'],
    ['inline contact Name', { Contact: { Name: long(256) } }, 'The contact name must be 255 characters or fewer.'],
  ])('invoice %s over the limit → 400 with the field named', async (_what, overrides, message) => {
    const r = await x.put('/Invoices', { Invoices: [invoice(overrides as Json)] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    expect(validationMessages((r.body.Elements as Json[])[0]!)).toContain(message);
  });

  it('takes each field at exactly its limit', async () => {
    const r = await x.put('/Invoices', {
      Invoices: [invoice({ InvoiceNumber: long(255), Reference: long(255), LineItems: [{ Description: long(4000), Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001' }] })],
    });
    expect(r.status).toBe(200);
    expect(first(r, 'Invoices')).toMatchObject({ InvoiceNumber: long(255) });
  });

  it('checks the limits on an update too', async () => {
    const made = first(await x.put('/Invoices', { Invoices: [invoice({ Status: 'DRAFT' })] }), 'Invoices');
    const r = await x.post(`/Invoices/${String(made.InvoiceID)}`, { Invoices: [{ Reference: long(256) }] });
    expect(r.status).toBe(400);
    expect(validationMessages((r.body.Elements as Json[])[0]!)).toContain('Reference must be 255 characters or fewer.');
  });
});
