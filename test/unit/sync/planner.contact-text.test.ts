/**
 * Issue 12 in the planner: payers Xero could confuse, names and text Xero would refuse. Each case is planned the way
 * the engine plans it (journal entries + the contacts Xero already has), with nothing sent.
 */
import { describe, expect, it } from 'vitest';
import type { CourseCoContact, CourseCoTransaction } from '../../../main/courseco/types';
import { planSync, type KnownXeroContact, type PlannerSettings } from '../../../main/sync/plan';
import { readyEntry } from '../../support/journal-entry';

const settings: PlannerSettings = { invoiceAccountCode: '200', paymentAccountCode: '090', invoiceStatus: 'AUTHORISED', taxTypes: { '23': 'TAX001' }, defaultTaxRate: '23' };

const tx = (transactionId: string, contact: CourseCoContact, extra: Partial<CourseCoTransaction> = {}): CourseCoTransaction => ({
  transactionId,
  kind: 'invoice',
  contact,
  date: '2026-10-01',
  amountsIncludeTax: false,
  lines: [{ row: 2, description: 'Manual Handling', quantity: '1', unitAmount: '100' }],
  ...extra,
});
const plan = (txs: CourseCoTransaction[], contacts: KnownXeroContact[] = []) => planSync({ entries: txs.map((t) => readyEntry(t)), settings, contacts });

describe('same-name payers', () => {
  it('two payers called John Murphy with different payer ids become two contacts with names Xero tells apart', () => {
    const p = plan([tx('1', { name: 'John Murphy', externalRef: '34' }), tx('2', { name: 'john  murphy', externalRef: '35' })]);
    expect(p.contacts.map((c) => c.payload)).toEqual([
      { Name: 'John Murphy (CC-34)', ContactNumber: 'CC-34' },
      { Name: 'john murphy (CC-35)', ContactNumber: 'CC-35' },
    ]);
    expect(p.transactions.map((t) => t.contact.name)).toEqual(['John Murphy (CC-34)', 'john murphy (CC-35)']);
    expect(p.transactions[0]!.warnings).toEqual(['another CourseCo payer with a different payer id is also called "John Murphy": this payer\'s contact is created as "John Murphy (CC-34)" so Xero can tell them apart']);
    expect(p.summary).toMatchObject({ planned: 2, contactsToCreate: 2 });
  });

  it('never bills by name a Xero contact carrying another payer\'s ContactNumber: the payer gets its own contact', () => {
    const xero: KnownXeroContact[] = [{ ContactID: 'x-34', Name: 'John Murphy', ContactNumber: 'CC-34', ContactStatus: 'ACTIVE' }];
    const p = plan([tx('2', { name: 'John Murphy', externalRef: '35' }), tx('1', { name: 'John Murphy', externalRef: '34' })], xero);
    expect(p.transactions[0]!.contact).toEqual({ ref: 'CC-35', match: 'create', name: 'John Murphy (CC-35)' });
    expect(p.transactions[1]!.contact).toMatchObject({ ref: 'CC-34', match: 'contact-number', contactId: 'x-34' });
    expect(p.invoices.map((i) => [i.key, i.payload.Contact, i.needs])).toEqual([
      ['2', { ContactNumber: 'CC-35' }, { contactRef: 'CC-35' }],
      ['1', { ContactID: 'x-34' }, undefined],
    ]);
    expect(p.transactions[0]!.warnings[0]).toContain('a Xero contact with another contact number is also called "John Murphy"');
  });

  it('marks a match made by name only, saying what the contact carries', () => {
    const xero: KnownXeroContact[] = [
      { ContactID: 'x-1', Name: 'Aoife Byrne', ContactStatus: 'ACTIVE' },
      { ContactID: 'x-2', Name: 'Dublin City Council', ContactNumber: 'SAGE-9', ContactStatus: 'ACTIVE' },
    ];
    const p = plan([tx('1', { name: 'AOIFE BYRNE' }), tx('2', { name: 'Dublin City Council' })], xero);
    expect(p.transactions.map((t) => [t.contact.match, t.contact.contactId, t.warnings])).toEqual([
      ['name', 'x-1', ['billed to the Xero contact "Aoife Byrne", found by name only (it has no contact number): check it is this payer before syncing']],
      ['name', 'x-2', ['billed to the Xero contact "Dublin City Council", found by name only (it carries contact number SAGE-9, not one from CourseCo): check it is this payer before syncing']],
    ]);
  });
});

describe('text Xero would refuse', () => {
  it('sends a contact without an e-mail Xero would refuse, with a warning; a good one is kept', () => {
    const p = plan([tx('1', { name: 'Anne Walsh', email: 'n/a' }), tx('2', { name: 'Bob Walsh', email: 'bob@example.ie; ann@example.ie' }), tx('3', { name: 'Cara Walsh', email: 'cara@example.ie' })]);
    expect(p.contacts.map((c) => c.payload)).toEqual([
      { Name: 'Anne Walsh', ContactNumber: expect.any(String) },
      { Name: 'Bob Walsh', ContactNumber: expect.any(String) },
      { Name: 'Cara Walsh', ContactNumber: expect.any(String), EmailAddress: 'cara@example.ie' },
    ]);
    expect(p.transactions.map((t) => t.outcome)).toEqual(['planned', 'planned', 'planned']);
    expect(p.transactions[0]!.warnings).toEqual(['the e-mail address "n/a" is not an e-mail address (no @): the Xero contact is created without it (correct it in CourseCo to add it)']);
    expect(p.transactions[1]!.warnings[0]).toContain('holds more than one address');
  });

  it('shortens a description over 4000 characters, with a warning', () => {
    const long = 'Occupational First Aid — día ' + 'x'.repeat(4100);
    const p = plan([tx('1', { name: 'Anne Walsh' }, { lines: [{ row: 2, description: long, quantity: '1', unitAmount: '100' }] })]);
    const description = p.invoices[0]!.payload.LineItems[0]!.Description;
    expect([...description].length).toBe(4000);
    expect(description.endsWith('…')).toBe(true);
    expect(p.transactions[0]!.warnings).toEqual([`line 1's description is ${[...long].length} characters and Xero takes 4000: it is shortened to fit`]);
  });

  it('shortens a name over 255 characters, and refuses one that shortened would clash, with the reason', () => {
    const base = 'The Irish Institute of Occupational Safety and Health Training and Certification Services '.repeat(4);
    const p = plan([tx('1', { name: `${base}North` }), tx('2', { name: `${base}South` }), tx('3', { name: 'Short Name Ltd' })]);
    const [north, south, short] = p.transactions;
    expect(north).toMatchObject({ outcome: 'planned' });
    expect([...north!.contact.name].length).toBeLessThanOrEqual(255);
    expect(north!.warnings[0]).toMatch(/^the payer's name is \d+ characters and Xero takes 255: the contact is created as "/);
    expect(south).toMatchObject({ outcome: 'error' });
    expect(south!.errors).toEqual([expect.stringContaining("the payer's name cannot be made into a contact name Xero accepts")]);
    expect(short).toMatchObject({ outcome: 'planned' });
    expect(p.contacts).toHaveLength(2);
  });

  it('refuses an invoice number over 255 characters rather than cut CourseCo\'s identity', () => {
    const p = plan([tx('1', { name: 'Anne Walsh' }, { invoiceNumber: '9'.repeat(256) })]);
    expect(p.transactions[0]).toMatchObject({ outcome: 'error', errors: ['the invoice number is 256 characters and Xero takes at most 255: correct it in CourseCo, then sync again'] });
  });

  it('fails only the transactions whose contact look-up Xero refused', () => {
    const ref = 'CC-7';
    const p = planSync({
      entries: [readyEntry(tx('1', { name: 'The "Safe Pass" Company', externalRef: '7' })), readyEntry(tx('2', { name: 'Anne Walsh' }))],
      settings,
      lookupFailures: new Map([[ref, 'Xero refused to look up the contact']]),
    });
    expect(p.transactions.map((t) => [t.outcome, t.errors])).toEqual([
      ['error', ['Xero refused to look up the contact']],
      ['planned', []],
    ]);
  });
});
