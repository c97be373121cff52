/**
 * Golden plans for changes after sync (issue 13 part 5): an export is sent to Xero, CourseCo changes it, the new
 * export is imported and the changes approved. Each case's documents are in test/fixtures/courseco/changes/, with
 * the plan checked by hand. Unapproved, the same changes send nothing and still show what approval would do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import { openJournalFile, type Journal } from '../../../main/sync/journal';
import { planSync, type KnownXeroContact, type PlannerSettings } from '../../../main/sync/plan';

const DIR = path.resolve('test/fixtures/courseco/changes');
const settings = JSON.parse(readFileSync(path.resolve('test/fixtures/courseco/irish-org.settings.json'), 'utf8')) as PlannerSettings;
const spec = JSON.parse(readFileSync(path.join(DIR, 'changes.json'), 'utf8')) as { contacts: KnownXeroContact[] };
const invoiceId = (tx: string) => `1a000000-0000-4000-8000-00000000${tx.padStart(4, '0')}`;

function parse(file: string) {
  const result = parseCourseCoExport(readFileSync(path.join(DIR, file)), { amountsIncludeTax: false });
  expect(result.errors).toEqual([]);
  return result;
}

/** The journal after `before` was synced (invoices and payments in Xero) and `after` was imported. */
function changedJournal(): Journal {
  const journal = openJournalFile(':memory:', { clock: { now: () => Date.parse('2024-06-01T00:00:00Z') } });
  journal.importTransactions(parse('before.transactions.csv').transactions);
  journal.importPayments(parse('payments.csv').payments);
  const runId = journal.startRun({ actor: 'golden', host: 'test', requested: 4 });
  for (const entry of journal.entries()) {
    const tx = entry.transaction.transactionId;
    journal.markInFlight([tx], runId);
    const contact = spec.contacts.find((c) => c.Name === entry.transaction.contact.name)!;
    journal.recordDocument(tx, { sentHash: entry.contentHash, contactId: contact.ContactID, invoiceId: invoiceId(tx), number: entry.transaction.invoiceNumber! });
    for (const p of entry.payments) journal.recordPaymentSynced(p.payment.paymentId, `pay-${p.payment.paymentId}`, p.contentHash);
    expect(journal.settle(tx)).toBe('synced');
  }
  const counts = journal.importTransactions(parse('after.transactions.csv').transactions);
  expect(counts.changed).toBe(4);
  return journal;
}

const changedEntries = (journal: Journal) => journal.entries({ statuses: ['ready', 'changed'] });

describe('planner golden plans: changes after sync', () => {
  it('plans each approved change as Xero allows it: update, credit + new invoice, void, credit note', () => {
    const journal = changedJournal();
    try {
      expect(journal.approveChange(['2001', '2002', '2003', '2004'])).toEqual({ updated: ['2001', '2002', '2003', '2004'], refused: [] });
      const plan = planSync({ entries: changedEntries(journal), settings, contacts: spec.contacts });
      const file = path.join(DIR, 'changes.plan.json');
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
      expect(plan).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      // Stated once more, so a regenerated file cannot hide it: the part-paid cancellation's credit note goes to the
      // invoice it retires for what that invoice owes (292.00 of 492.00), through the one allocation step, the rest
      // left as the customer's credit; the paid re-issue's old invoice owes nothing, so its whole credit note goes to
      // the new invoice (created in the same run: its InvoiceID is bound at send time), which then owes 615 − 492.
      expect(plan.allocations!.map((a) => [a.key, a.needs, a.payload.Invoice.InvoiceID, a.payload.Amount])).toEqual([
        ['2002>2002+new', { invoiceOf: '2002', creditNoteOf: '2002' }, '(InvoiceID of CourseCo Tx 2002)', 492],
        ['2004>2004', { creditNoteOf: '2004' }, invoiceId('2004'), 292],
      ]);
      const steps = plan.transactions.flatMap((t) => t.change?.steps ?? []);
      expect(steps.filter((st) => /by hand/i.test(st))).toEqual([]);
      expect(steps).toContain('Allocate €492.00 of the credit note to the new invoice, which then owes €123.00');
      expect(steps).toContain("€200.00 stays on the credit note as the customer's credit (refund it, or use it on a later invoice)");
      expect(steps.filter((st) => /in Xero, or refund/.test(st))).toEqual([]);
    } finally {
      journal.close();
    }
  });

  it('sends nothing for a change not approved, and says what approval would change', () => {
    const journal = changedJournal();
    try {
      const plan = planSync({ entries: changedEntries(journal), settings, contacts: spec.contacts });
      expect(plan.invoices).toEqual([]);
      expect(plan.voids).toEqual([]);
      expect(plan.creditNotes).toEqual([]);
      expect(plan.payments).toEqual([]);
      expect(plan.transactions.map((t) => [t.transactionId, t.outcome, t.change?.case, t.change?.approved])).toEqual([
        ['2001', 'skipped', 'update', false],
        ['2002', 'skipped', 'credit-and-reissue', false],
        ['2003', 'skipped', 'void', false],
        ['2004', 'skipped', 'credit', false],
      ]);
      expect(plan.transactions[0]!.change!.differences).toEqual(['Line 1 unit amount €400.00 → €500.00', 'Before VAT €400.00 → €500.00', 'VAT €92.00 → €115.00', 'Total €492.00 → €615.00']);
    } finally {
      journal.close();
    }
  });

  it('a retry never approves a change: only approving it does', () => {
    const journal = changedJournal();
    try {
      expect(journal.markRetry(['2001']).refused[0]!.reason).toMatch(/approve the change/);
      expect(journal.get('2001')!.status).toBe('changed');
    } finally {
      journal.close();
    }
  });
});
