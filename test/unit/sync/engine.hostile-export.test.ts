/**
 * Issue 12 end to end: a "hostile but real" CourseCo export (test/fixtures/courseco/hostile.*.csv) imported and
 * synced against the sandbox, which is as strict as Xero about `where` strings, e-mail addresses, unique contact
 * names and field lengths. Every good transaction lands exactly once, billed to the right contact; every bad one has
 * a reason; a look-up Xero refuses fails only its own transaction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importExport } from '../../../main/sync/import';
import type { SyncGateway } from '../../../main/sync/run';
import { startEngineHarness, type EngineHarness, type Json } from './engine-support';
import { expectHostileExportBilledRight, HOSTILE_GOOD, live, seedJohnMurphy34 } from './support/hostile-export';

const FIXTURES = path.resolve('test/fixtures/courseco');
const GOOD = HOSTILE_GOOD;

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
  // Xero already knows payer 34 as "John Murphy", carrying our contact number for that payer.
  await seedJohnMurphy34(h);
});
afterEach(async () => {
  await h.stop();
});

function importFixtures() {
  const read = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
  const transactions = importExport(h.journal(), { bytes: read('hostile.transactions.csv'), fileName: 'hostile.transactions.csv' });
  const payments = importExport(h.journal(), { bytes: read('hostile.payments.csv'), fileName: 'hostile.payments.csv' });
  if (transactions.status !== 'imported' || payments.status !== 'imported') throw new Error('the hostile export needs no mapping');
  return { transactions, payments };
}


describe('a hostile but real CourseCo export', () => {
  it('imports every row, warning about each bad e-mail with its row, column and reason', () => {
    const { transactions, payments } = importFixtures();
    expect(transactions).toMatchObject({ errors: [] });
    expect(payments).toMatchObject({ errors: [], warnings: [] });
    expect(transactions.warnings.map((w) => [w.row, w.column, w.transactionId])).toEqual([
      [3, 'Email', '6002'],
      [7, 'Email', '6006'],
      [10, 'Email', '6009'],
    ]);
    expect(transactions.warnings[0]!.reason).toBe('"n/a" is not an e-mail address (no @): imported without an e-mail address (Xero would refuse the contact and every invoice for it); correct it in CourseCo and import again');
    expect(transactions.warnings[1]!.reason).toContain('holds more than one address');
    expect(h.journal().entries({ ids: ['6002'] })[0]!.transaction.contact.email).toBeUndefined();
  });

  it('previews who is billed, with the names Xero will be given, before anything is sent', async () => {
    importFixtures();
    const before = h.org().Contacts.length;
    const preview = await h.engine().preview([...GOOD, '6011']);
    const of = (id: string) => preview.transactions.find((t) => t.transactionId === id)!;
    expect(of('6001').contact).toMatchObject({ match: 'create', name: 'The "Safe Pass" Company', ref: 'CC-101' });
    expect(of('6003').contact).toMatchObject({ match: 'contact-number', name: 'John Murphy', ref: 'CC-34' });
    expect(of('6004').contact).toMatchObject({ match: 'create', name: 'John Murphy (CC-35)' });
    expect(of('6005').contact).toMatchObject({ match: 'create', name: 'john murphy (CC-36)' });
    expect(of('6004').warnings).toContain('a Xero contact with another contact number is also called "John Murphy": this payer\'s contact is created as "John Murphy (CC-35)" so Xero can tell them apart');
    expect(of('6009').warnings).toEqual([expect.stringMatching(/^line 1's description is \d+ characters and Xero takes 4000: it is shortened to fit$/)]);
    expect(of('6011')).toMatchObject({ outcome: 'error', errors: [expect.stringContaining("the payer's name cannot be made into a contact name Xero accepts")] });
    expect(preview.transactions.filter((t) => t.outcome === 'planned').map((t) => t.transactionId).sort()).toEqual(GOOD);
    // The dry run shows the same names in the contact request it would send.
    const dry = await h.engine().dryRun({ all: true });
    const names = dry.requests.filter((r) => r.phase === 'contacts').flatMap((r) => (r.body.Contacts as Json[]).map((c) => c.Name));
    expect(names).toEqual(expect.arrayContaining(['The "Safe Pass" Company', 'John Murphy (CC-35)', 'john murphy (CC-36)', 'Back\\Slash Training', 'Παιδεία Training Ltd']));
    expect(names).not.toContain('John Murphy');
    expect(h.org().Contacts.length).toBe(before);
  });

  it('syncs every good transaction exactly once, billed to the right contact; the bad one fails with its reason', async () => {
    importFixtures();
    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ outcome: 'completed', synced: GOOD.length, failed: 1 });
    expect(summary.failures).toEqual([{ transactionId: '6011', reason: expect.stringContaining("the payer's name cannot be made into a contact name Xero accepts"), advice: expect.objectContaining({ kind: 'contact', fromXero: false, temporary: false }) }]);
    expect(h.apiRequests().filter((r) => r.status >= 400)).toEqual([]);

    expectHostileExportBilledRight(h);

    // A second run sends nothing again; the bad one keeps its reason in the journal.
    const invoicesBefore = live(h.org().Invoices).length;
    const again = await h.engine().run({ all: true });
    expect(again).toMatchObject({ synced: 0 });
    expect(h.journal().entries({ ids: ['6011'] })[0]).toMatchObject({ status: 'failed' });
    expect(live(h.org().Invoices).length).toBe(invoicesBefore);
  });

  it('a contact look-up Xero refuses (400) fails only its own transaction, in plain words; the rest syncs', async () => {
    importFixtures();
    // Send the quoted name the way the assistant used to, as a backslash-escaped where string: Xero answers 400.
    const escaping = (gateway: SyncGateway): SyncGateway => ({
      ...gateway,
      contacts: (q) => (q.searchTerm ? gateway.contacts({ where: `Name=="${q.searchTerm.replace(/"/g, '\\"')}"`, page: q.page }) : gateway.contacts(q)),
    });
    const summary = await h.engine({}, escaping).run({ all: true });
    expect(summary.outcome).toBe('completed');
    expect(h.apiRequests().filter((r) => r.status === 400).length).toBeGreaterThan(0);
    const reasons = new Map(summary.failures.map((f) => [f.transactionId, f.reason]));
    expect([...reasons.keys()].sort()).toEqual(['6001', '6011']);
    expect(reasons.get('6001')).toMatch(/^Xero refused to look up the contact "The "Safe Pass" Company" \(it answered: .+\), so this transaction is not sent/);
    expect(reasons.get('6001')).toContain('the rest of the sync goes on');
    expect(summary.synced).toBe(GOOD.length - 1);
    expect(live(h.org().Invoices).filter((i) => i.Reference === 'CourseCo Tx 6001 | PO SP-PO-1')).toEqual([]);
  });
});
