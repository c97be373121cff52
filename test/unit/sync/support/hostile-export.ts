/**
 * What Xero must hold after the hostile export (test/fixtures/courseco/hostile.*.csv) has synced, whichever way it got
 * there (the engine, or the command line day by day): every good transaction once, billed to the right contact.
 */
import { expect } from 'vitest';
import type { EngineHarness, Json } from '../engine-support';

export const HOSTILE_GOOD = ['6001', '6002', '6003', '6004', '6005', '6006', '6007', '6008', '6009', '6010'];
export const HOSTILE_BAD = '6011';

export const live = (docs: Json[]) => docs.filter((d) => d.Status !== 'DELETED' && d.Status !== 'VOIDED');

/** Seeds Xero's own "John Murphy", who carries payer 34's contact number. */
export async function seedJohnMurphy34(h: EngineHarness): Promise<void> {
  const seeded = await h.gateway().write('contacts', [{ Name: 'John Murphy', ContactNumber: 'CC-34' }], { idempotencyKey: 'seed-john-murphy-34' });
  expect(seeded[0]!.errors).toEqual([]);
}

export function expectHostileExportBilledRight(h: EngineHarness): void {
  const org = h.org();
  const contactById = new Map(org.Contacts.map((c) => [c.ContactID as string, c]));
  const billed = (tx: string) => {
    const invoices = live(org.Invoices).filter((i) => typeof i.Reference === 'string' && (i.Reference === `CourseCo Tx ${tx}` || i.Reference.startsWith(`CourseCo Tx ${tx} |`)));
    expect(invoices, `invoices of ${tx}`).toHaveLength(1);
    const contact = contactById.get((invoices[0]!.Contact as Json).ContactID as string)!;
    return [contact.Name, contact.ContactNumber, contact.EmailAddress ?? null];
  };
  expect(Object.fromEntries(HOSTILE_GOOD.map((tx) => [tx, billed(tx)]))).toEqual({
    '6001': ['The "Safe Pass" Company', 'CC-101', 'accounts@safepass.example.ie'],
    '6002': ['Ó Súilleabháin & Daughters', 'CC-102', null],
    '6003': ['John Murphy', 'CC-34', null],
    '6004': ['John Murphy (CC-35)', 'CC-35', 'jmurphy@example.com'],
    '6005': ['john murphy (CC-36)', 'CC-36', null],
    '6006': ['Back\\Slash Training', 'CC-103', null],
    '6007': ['Παιδεία Training Ltd', 'CC-104', 'info@paideia.example.gr'],
    '6008': ["O'Brien & Sons", 'CC-105', 'accounts@obrien.example.ie'],
    '6009': ['Cork Training Co', 'CC-106', null],
    '6010': [expect.stringMatching(/^The Irish Institute .*…$/), 'CC-107', 'ops@iiosh.example.ie'],
  });
  expect([...(billed('6010')[0] as string)].length).toBeLessThanOrEqual(255);
  const long = live(org.Invoices).find((i) => i.Reference === 'CourseCo Tx 6009')!;
  expect([...((long.LineItems as Json[])[0]!.Description as string)].length).toBe(4000);
  // Payments on the three John Murphys went to their own invoices.
  const referenceOf = new Map(org.Invoices.map((i) => [i.InvoiceID as string, i.Reference]));
  const paidRefs = live(org.Payments).map((p) => String(referenceOf.get((p.Invoice as Json).InvoiceID as string)));
  expect(paidRefs.filter((r) => r.startsWith('CourseCo Tx 60')).sort()).toEqual(['CourseCo Tx 6003', 'CourseCo Tx 6004', 'CourseCo Tx 6005']);
  expect(org.Contacts.filter((c) => /murphy/i.test(c.Name as string)).map((c) => c.Name).sort()).toEqual(['John Murphy', 'John Murphy (CC-35)', 'john murphy (CC-36)']);
}
