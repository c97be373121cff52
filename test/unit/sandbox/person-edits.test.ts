/**
 * Issue 14: a person changes Xero in its web app behind the assistant's back (`POST /sandbox/person`, through
 * test/support/sandbox-person.ts). Every change obeys the rules the API obeys, because it goes through the same code
 * (document-writer.ts, payments.ts): a payment or credit on a document blocks voiding and editing it, VOIDED and
 * DELETED are final, only drafts are deleted, lock dates and archived accounts and contacts are refused, totals are
 * recomputed with Xero's per-line rounding, AmountDue and PAID/AUTHORISED follow, and exactly the right UpdatedDateUTC
 * moves. Every change reaches the `--state` file before the answer.
 */
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { personInXero, PersonEditRefused, type PersonInXero } from '../../support/sandbox-person';
import { admin, api, first, invoice, useFreshSandbox, type Json } from './helpers';

let sb: RunningSandbox;
let x: ReturnType<typeof api>;
let tenantId: string;
let person: PersonInXero;

useFreshSandbox(
  (fresh, token) => {
    sb = fresh;
    x = api(sb, token);
    tenantId = sb.tenants[0]!.tenantId;
    person = personInXero(sb, tenantId);
  },
  { tempPrefix: 'sandbox-person-' },
);

const ALLOCATED = 'This document cannot be edited as it has a payment or credit note allocated to it.';
const NOT_VALID = 'Invoice not of valid status for modification';
const REMOVE_FIRST = 'Remove the payments and credit allocations on it first.';
const PERIOD = 'The document date cannot be before the period lock date, currently set at 30-Nov-2026';

const msOf = (msJson: unknown) => Number(/\/Date\((\d+)/.exec(String(msJson))![1]);
const create = async (overrides: Json = {}) => first(await x.put('/Invoices', invoice(overrides)), 'Invoices');
const read = async (id: unknown) => first(await x.get(`/Invoices/${String(id)}`), 'Invoices');
const pay = async (id: unknown, amount: number, extra: Json = {}) => {
  const r = await x.put('/Payments', { Payments: [{ Invoice: { InvoiceID: id }, Account: { Code: '090' }, Amount: amount, Date: '2026-12-02', ...extra }] });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return first(r, 'Payments');
};
/** What the person was told when Xero refused: the helper throws it. */
const refusal = async (change: Promise<unknown>): Promise<string> => {
  const error = await change.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PersonEditRefused);
  return (error as Error).message;
};
/** Moves the clock on, so an UpdatedDateUTC that moves can be told from one that does not. */
const later = () => sb.advanceClock(120);

describe('voiding and deleting invoices', () => {
  it('voids an unpaid AUTHORISED invoice: VOIDED, nothing owed, its UpdatedDateUTC moved', async () => {
    const inv = await create({ Date: '2026-12-01' });
    later();
    const voided = await person.voidInvoice(String(inv.InvoiceID));
    expect(voided).toMatchObject({ InvoiceID: inv.InvoiceID, Status: 'VOIDED', Total: 123, AmountDue: 0, AmountPaid: 0 });
    expect(msOf(voided.UpdatedDateUTC)).toBeGreaterThanOrEqual(msOf(inv.UpdatedDateUTC) + 120_000);
    expect(await read(inv.InvoiceID)).toMatchObject({ Status: 'VOIDED', AmountDue: 0, UpdatedDateUTC: voided.UpdatedDateUTC });
  });

  it('will not void an invoice with a payment on it until the payment is removed', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const payment = await pay(inv.InvoiceID, 23);
    const message = await refusal(person.voidInvoice(String(inv.InvoiceID)));
    expect(message).toContain(ALLOCATED);
    expect(message).toContain(REMOVE_FIRST);
    expect(await read(inv.InvoiceID)).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 23, AmountDue: 100 });

    await person.deletePayment(String(payment.PaymentID));
    expect(await person.voidInvoice(String(inv.InvoiceID))).toMatchObject({ Status: 'VOIDED', AmountPaid: 0, AmountDue: 0 });
  });

  it('will not void a PAID invoice, nor one with credit allocated', async () => {
    const paid = await create({ Date: '2026-12-01' });
    await pay(paid.InvoiceID, 123);
    const message = await refusal(person.voidInvoice(String(paid.InvoiceID)));
    expect(message).toContain(NOT_VALID);
    expect(message).toContain(REMOVE_FIRST);

    const credited = await create({ Date: '2026-12-01' });
    const cn = first(
      await x.put('/CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-12-01', Status: 'AUTHORISED', LineItems: [{ Description: 'Credit', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'TAX001' }] }] }),
      'CreditNotes',
    );
    expect((await x.put(`/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, { Allocations: [{ Invoice: { InvoiceID: credited.InvoiceID }, Amount: 12.3, Date: '2026-12-01' }] })).status).toBe(200);
    expect(await refusal(person.voidInvoice(String(credited.InvoiceID)))).toContain(ALLOCATED);
    expect(await refusal(person.voidCreditNote(String(cn.CreditNoteID)))).toContain(REMOVE_FIRST);
  });

  it('deletes a DRAFT or SUBMITTED invoice, voids only approved ones, and VOIDED and DELETED are final', async () => {
    const draft = await create({ Status: 'DRAFT' });
    expect(await refusal(person.voidInvoice(String(draft.InvoiceID)))).toContain(NOT_VALID);
    expect(await person.deleteInvoice(String(draft.InvoiceID))).toMatchObject({ Status: 'DELETED' });
    const submitted = await create({ Status: 'SUBMITTED' });
    expect(await person.deleteInvoice(String(submitted.InvoiceID))).toMatchObject({ Status: 'DELETED' });

    const approved = await create();
    expect(await refusal(person.deleteInvoice(String(approved.InvoiceID)))).toContain(NOT_VALID);
    await person.voidInvoice(String(approved.InvoiceID));
    for (const change of [
      person.voidInvoice(String(approved.InvoiceID)),
      person.deleteInvoice(String(approved.InvoiceID)),
      person.editInvoice(String(approved.InvoiceID), { date: '2026-10-09' }),
      person.deleteInvoice(String(draft.InvoiceID)),
      person.editInvoice(String(draft.InvoiceID), { date: '2026-10-09' }),
      person.addPayment(String(approved.InvoiceID), { amount: 1, date: '2026-10-09', accountCode: '090' }),
    ]) {
      expect(await refusal(change)).toMatch(/Invoice not of valid status for modification|Payments can only be made against Authorised documents/);
    }
    expect(await read(approved.InvoiceID)).toMatchObject({ Status: 'VOIDED' });
    expect(await read(draft.InvoiceID)).toMatchObject({ Status: 'DELETED' });
  });

  it('meets the lock dates as the API does', async () => {
    const inv = await create({ Date: '2026-11-20' });
    expect((await admin(sb, 'POST', '/sandbox/organisation', { tenantId, periodLockDate: '2026-11-30' })).status).toBe(200);
    expect(await refusal(person.voidInvoice(String(inv.InvoiceID)))).toContain(PERIOD);
    expect(await refusal(person.editInvoice(String(inv.InvoiceID), { date: '2026-12-05' }))).toContain(PERIOD);
    const open = await create({ Date: '2026-12-05' });
    expect(await refusal(person.editInvoice(String(open.InvoiceID), { date: '2026-11-15' }))).toContain(PERIOD);
    expect(await refusal(person.addPayment(String(open.InvoiceID), { amount: 10, date: '2026-11-30', accountCode: '090' }))).toContain(PERIOD);
    expect(await read(inv.InvoiceID)).toMatchObject({ Status: 'AUTHORISED', DateString: '2026-11-20T00:00:00' });
  });
});

describe('editing an unpaid invoice', () => {
  it('replaces the lines and recomputes the totals with Xero\'s per-line rounding', async () => {
    const inv = await create({ Date: '2026-12-01' });
    later();
    const line = { description: 'Safe Pass', quantity: 1, unitAmount: 10.1, accountCode: '200', taxType: 'TAX002' };
    const edited = await person.editInvoice(String(inv.InvoiceID), { lines: [line, line, line] });
    // 13.5% of 10.10 is 1.3635: 1.36 a line, 4.08 in all (a sum rounded once would say 4.09).
    expect(edited).toMatchObject({ Status: 'AUTHORISED', SubTotal: 30.3, TotalTax: 4.08, Total: 34.38, AmountDue: 34.38 });
    const lines = edited.LineItems as Json[];
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.TaxAmount)).toEqual([1.36, 1.36, 1.36]);
    expect(lines.map((l) => l.LineItemID)).not.toContain((inv.LineItems as Json[])[0]!.LineItemID);
    expect(msOf(edited.UpdatedDateUTC)).toBeGreaterThan(msOf(inv.UpdatedDateUTC));
    expect(await read(inv.InvoiceID)).toMatchObject({ Total: 34.38, TotalTax: 4.08 });
  });

  it('changes the date and the contact (an existing one by name or ID; a new name creates the contact)', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const contacts = (await x.get('/Contacts')).body.Contacts as Json[];
    const aoife = contacts.find((c) => c.Name === 'Aoife Byrne')!;
    expect(await person.editInvoice(String(inv.InvoiceID), { date: '2026-12-03', contactName: 'aoife byrne' })).toMatchObject({
      DateString: '2026-12-03T00:00:00',
      Contact: { ContactID: aoife.ContactID },
      Total: 123,
    });
    const council = contacts.find((c) => c.Name === 'Dublin City Council')!;
    expect((await person.editInvoice(String(inv.InvoiceID), { contactId: String(council.ContactID) })).Contact).toMatchObject({ ContactID: council.ContactID });
    const fresh = await person.editInvoice(String(inv.InvoiceID), { contactName: 'Wicklow Scouts' });
    const created = ((await x.get('/Contacts')).body.Contacts as Json[]).find((c) => c.Name === 'Wicklow Scouts');
    expect(created).toBeDefined();
    expect((fresh.Contact as Json).ContactID).toBe(created!.ContactID);
  });

  it('refuses what Xero refuses: a payment on it, archived accounts and tax rates, archived contacts', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const id = String(inv.InvoiceID);
    const line = (accountCode: string, taxType = 'TAX001') => ({ description: 'Manual Handling', quantity: 1, unitAmount: 100, accountCode, taxType });
    expect(await refusal(person.editInvoice(id, { lines: [line('250')] }))).toContain("Account code '250' has been archived, or has been deleted.");
    expect(await refusal(person.editInvoice(id, { lines: [line('200', 'TAX007')] }))).toContain('The TaxType code TAX007 does not exist or cannot be used for this type of transaction.');
    expect(await refusal(person.editInvoice(id, { contactName: 'Shannon Logistics Ltd' }))).toContain('Shannon Logistics Ltd has been archived');
    const archived = ((await x.get('/Contacts?includeArchived=true')).body.Contacts as Json[]).find((c) => c.ContactStatus === 'ARCHIVED')!;
    expect(await refusal(person.editInvoice(id, { contactId: String(archived.ContactID) }))).toContain('has been archived');

    await pay(id, 10);
    const message = await refusal(person.editInvoice(id, { date: '2026-12-04' }));
    expect(message).toContain(ALLOCATED);
    expect(message).toContain(REMOVE_FIRST);
    expect(await read(id)).toMatchObject({ DateString: '2026-12-01T00:00:00', Total: 123, AmountPaid: 10 });
  });

  it('refuses a malformed change in plain words, before touching anything', async () => {
    const id = String((await create()).InvoiceID);
    const cases: [Json, string][] = [
      [{}, 'changes must name at least one of'],
      [{ date: '1 Dec 2026' }, 'changes.date must be a date as YYYY-MM-DD'],
      [{ contactId: 'x', contactName: 'y' }, 'not both'],
      [{ lines: [] }, 'non-empty list'],
      [{ lines: [{ amount: 5 }] }, 'changes.lines[0] cannot carry amount'],
      [{ lines: [{ quantity: '2' }] }, 'changes.lines[0].quantity must be a number'],
      [{ total: 5 }, 'changes cannot carry total'],
    ];
    for (const [changes, words] of cases) {
      expect(await refusal(person.editInvoice(id, changes as never))).toContain(words);
    }
    expect(await read(id)).toMatchObject({ Total: 123, Status: 'AUTHORISED' });
  });
});

describe('credit notes', () => {
  it('voids an AUTHORISED credit note nothing has been taken from', async () => {
    const cn = first(
      await x.put('/CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { Name: 'Galway Bay Safety Ltd' }, Date: '2026-12-01', Status: 'AUTHORISED', LineItems: [{ Description: 'Credit', Quantity: 1, UnitAmount: 50, AccountCode: '200', TaxType: 'TAX001' }] }] }),
      'CreditNotes',
    );
    later();
    const voided = await person.voidCreditNote(String(cn.CreditNoteID));
    expect(voided).toMatchObject({ CreditNoteID: cn.CreditNoteID, Status: 'VOIDED' });
    expect(msOf(voided.UpdatedDateUTC)).toBeGreaterThan(msOf(cn.UpdatedDateUTC));
    expect(await refusal(person.voidCreditNote(String(cn.CreditNoteID)))).toContain(NOT_VALID);
  });
});

describe('payments', () => {
  it('removes a payment: the money is owed again, PAID goes back to AUTHORISED, the payment moves and the invoice does not', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const payment = await pay(inv.InvoiceID, 123);
    const paid = await read(inv.InvoiceID);
    expect(paid).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    later();
    const removed = await person.deletePayment(String(payment.PaymentID));
    expect(removed).toMatchObject({ PaymentID: payment.PaymentID, Status: 'DELETED', Amount: 123 });
    expect(msOf(removed.UpdatedDateUTC)).toBeGreaterThanOrEqual(msOf(payment.UpdatedDateUTC) + 120_000);
    const after = await read(inv.InvoiceID);
    expect(after).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 0, AmountDue: 123, Payments: [] });
    expect(after).not.toHaveProperty('FullyPaidOnDate');
    // UNCONFIRMED in Xero, so the stricter reading: the invoice's UpdatedDateUTC stays where the payment left it.
    expect(after.UpdatedDateUTC).toBe(paid.UpdatedDateUTC);
    expect(await refusal(person.deletePayment(String(payment.PaymentID)))).toContain('removed already');
  });

  it('will not remove a reconciled payment, one in a batch, or one in a locked period', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const reconciled = await pay(inv.InvoiceID, 10, { IsReconciled: true });
    expect(await refusal(person.deletePayment(String(reconciled.PaymentID)))).toContain('This payment has been reconciled and cannot be deleted');

    const batch = await x.put('/BatchPayments', { BatchPayments: [{ Account: { Code: '090' }, Date: '2026-12-02', Payments: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 10 }] }] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    const member = ((await x.get('/Payments?page=1')).body.Payments as Json[]).find((p) => p.BatchPaymentID)!;
    expect(await refusal(person.deletePayment(String(member.PaymentID)))).toContain('Payments within a batch cannot be deleted.');

    const plain = await pay(inv.InvoiceID, 10, { Date: '2026-11-20' });
    expect((await admin(sb, 'POST', '/sandbox/organisation', { tenantId, periodLockDate: '2026-11-30' })).status).toBe(200);
    expect(await refusal(person.deletePayment(String(plain.PaymentID)))).toContain(PERIOD);
    expect(await read(inv.InvoiceID)).toMatchObject({ AmountPaid: 30 });
  });

  it('records a payment as Xero would: never above what is owed, only on approved invoices, only into a payment account', async () => {
    const inv = await create({ Date: '2026-12-01' });
    const part = await person.addPayment(String(inv.InvoiceID), { amount: 23, date: '2026-12-03', accountCode: '090', reference: 'Cash at the desk' });
    expect(part).toMatchObject({ Status: 'AUTHORISED', Amount: 23, Reference: 'Cash at the desk', Account: { Code: '090' }, Invoice: { InvoiceID: inv.InvoiceID, AmountDue: 100 } });
    expect(await refusal(person.addPayment(String(inv.InvoiceID), { amount: 100.01, date: '2026-12-03', accountCode: '090' }))).toContain('Payment amount exceeds the amount outstanding on this document');
    expect(await refusal(person.addPayment(String(inv.InvoiceID), { amount: 5, date: '2026-12-03', accountCode: '200' }))).toContain('Account type is invalid for making a payment to/from');
    const rest = await person.addPayment(String(inv.InvoiceID), { amount: 100, date: '2026-12-04', accountCode: '615' });
    expect(rest).toMatchObject({ Invoice: { Status: 'PAID', AmountDue: 0 } });
    expect(await read(inv.InvoiceID)).toMatchObject({ Status: 'PAID', AmountPaid: 123, FullyPaidOnDate: '/Date(1796342400000+0000)/' });

    const draft = await create({ Status: 'DRAFT' });
    expect(await refusal(person.addPayment(String(draft.InvoiceID), { amount: 5, date: '2026-12-03', accountCode: '090' }))).toContain('Payments can only be made against Authorised documents');
    expect(await refusal(person.addPayment(String(draft.InvoiceID), { amount: 5, date: 'today', accountCode: '090' }))).toContain('date must be a date as YYYY-MM-DD');
  });
});

describe('the control itself', () => {
  it('needs the admin token, a known organisation, a known action and a known record', async () => {
    const inv = await create();
    expect((await admin(sb, 'POST', '/sandbox/person', { tenantId, action: 'void-invoice', invoiceId: inv.InvoiceID }, 'wrong')).status).toBe(401);
    const cases: [Json, string][] = [
      [{ tenantId: '00000000-0000-0000-0000-000000000000', action: 'void-invoice', invoiceId: inv.InvoiceID }, 'tenantId must name an organisation'],
      [{ tenantId, action: 'approve-invoice', invoiceId: inv.InvoiceID }, 'action must be one of void-invoice, delete-invoice, edit-invoice, void-credit-note, delete-payment, add-payment'],
      [{ tenantId, action: 'void-invoice', invoiceId: '00000000-0000-0000-0000-000000000001' }, 'invoiceId must name an invoice of Liffey Training Academy'],
      [{ tenantId, action: 'delete-payment' }, 'paymentId must name a payment'],
      [{ tenantId, action: 'void-credit-note', creditNoteId: inv.InvoiceID }, 'creditNoteId must name a credit note'],
      // The other organisation's invoice is not this one's.
      [{ tenantId: sb.tenants[1]!.tenantId, action: 'void-invoice', invoiceId: inv.InvoiceID }, 'invoiceId must name an invoice of Thames Valley Courses Ltd'],
    ];
    for (const [body, words] of cases) {
      const r = await admin(sb, 'POST', '/sandbox/person', body);
      expect(r.status).toBe(400);
      expect(String(r.body.error)).toContain(words);
    }
    expect(await read(inv.InvoiceID)).toMatchObject({ Status: 'AUTHORISED' });
  });

  it('is not an API call: it uses no rate limit and leaves no line in the request log', async () => {
    const inv = await create();
    const before = sb.requestLog().length;
    await person.voidInvoice(String(inv.InvoiceID));
    expect(sb.requestLog()).toHaveLength(before);
  });
});
