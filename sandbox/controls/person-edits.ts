/**
 * `POST /sandbox/person`: a person changes Xero behind the assistant's back, the way they would in Xero's web app —
 * void or delete an invoice, edit an unpaid one, void a credit note, remove or add a payment. Reconciliation specs use
 * it to make drift.
 *
 * Nothing here is a rule of its own: every change goes through the code the API uses (document-writer.ts for
 * invoices and credit notes, payments.ts for payments), so the web app and the API can never disagree in the sandbox:
 * status transitions (VOIDED and DELETED are final, only DRAFT/SUBMITTED may be deleted), no edit or void while a
 * payment or credit is allocated, lock dates, archived accounts and tax rates, Xero's per-line rounding, AmountDue and
 * PAID/AUTHORISED, and which UpdatedDateUTC moves. The person is the demo user (their role decides whether the period
 * lock binds them, as for the API). What is the person's own: the web app offers only active contacts, so naming an
 * archived one by name is refused rather than creating a namesake.
 *
 * Answer: `{ ok: true, body }` with the changed records in Xero's JSON shapes, keyed as Xero's collections are
 * (`Invoices`, `CreditNotes`, `Payments`), or `{ error }` in plain words (the admin route answers 400).
 */
import type { SandboxRequest } from '../http/request';
import type { ApiContext } from '../accounting/api-context';
import { applyDocument, creditNoteKind, invoiceKind } from '../accounting/document-writer';
import { findActiveContactByName } from '../accounting/documents';
import { msg } from '../accounting/messages';
import { applyPayment, paymentDeletionErrors, removePayment } from '../accounting/payments';
import { serializeCreditNote, serializeInvoice, serializePayment, type Json } from '../accounting/serialize';
import type { Runtime } from '../runtime';
import { creditNoteById, invoiceById, paymentById } from '../state/lookup';
import type { ClientApp, CreditNoteRecord, InvoiceRecord, OrgState, PaymentRecord } from '../state/model';

export const PERSON_ACTIONS = ['void-invoice', 'delete-invoice', 'edit-invoice', 'void-credit-note', 'delete-payment', 'add-payment'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

export type PersonEditResult = { error: string } | { ok: true; body: Record<string, Json[]> };

/** Who made the change, for the writer's bookkeeping (a document's creator is kept; none is created here). */
const XERO_WEB_APP: ClientApp = { clientId: 'xero-web-app', name: 'Xero', type: 'web', redirectUris: [], scopeMode: 'granular' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EDIT_FIELDS = ['date', 'contactId', 'contactName', 'lines'] as const;
const LINE_FIELDS = ['description', 'quantity', 'unitAmount', 'accountCode', 'taxType'] as const;

type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(error: string): { error: string } {
  return { error };
}

function personContext(rt: Runtime, req: SandboxRequest, org: OrgState): ApiContext {
  return {
    req,
    org,
    client: XERO_WEB_APP,
    now: rt.clock.now(),
    changed: (collection, record) => rt.store.changed(org.organisation.OrganisationID, collection, record),
  };
}

function idOf(body: Body, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined;
}

function invoiceLabel(inv: InvoiceRecord): string {
  return `invoice ${inv.InvoiceNumber ?? inv.InvoiceID} (${inv.Status})`;
}

function creditNoteLabel(cn: CreditNoteRecord): string {
  return `credit note ${cn.CreditNoteNumber ?? cn.CreditNoteID} (${cn.Status})`;
}

/** Xero's own words for the refusal, with what to do first when money sits on the document. */
function refused(what: string, errors: string[], moneyApplied: boolean): { error: string } {
  const hint = moneyApplied ? ' Remove the payments and credit allocations on it first.' : '';
  return fail(`Xero would not ${what}: ${errors.join(' ')}${hint}`);
}

export function applyPersonEdit(rt: Runtime, req: SandboxRequest, raw: unknown): PersonEditResult {
  if (!isRecord(raw)) return fail('the body must be an object: {"tenantId", "action", ...}');
  const tenantId = raw.tenantId;
  const org = rt.store.state.orgs.find((o) => typeof tenantId === 'string' && o.organisation.OrganisationID === tenantId.toLowerCase());
  if (!org) return fail('tenantId must name an organisation of the sandbox');
  const action = raw.action;
  if (typeof action !== 'string' || !(PERSON_ACTIONS as readonly string[]).includes(action)) return fail(`action must be one of ${PERSON_ACTIONS.join(', ')}`);
  const ctx = personContext(rt, req, org);
  switch (action as PersonAction) {
    case 'void-invoice':
      return withInvoice(ctx, raw, (inv) => changeInvoice(ctx, inv, { Status: 'VOIDED' }, `void ${invoiceLabel(inv)}`));
    case 'delete-invoice':
      return withInvoice(ctx, raw, (inv) => changeInvoice(ctx, inv, { Status: 'DELETED' }, `delete ${invoiceLabel(inv)}`));
    case 'edit-invoice':
      return withInvoice(ctx, raw, (inv) => editInvoice(ctx, inv, raw.changes));
    case 'void-credit-note':
      return voidCreditNote(ctx, raw);
    case 'delete-payment':
      return deletePaymentAsPerson(ctx, raw);
    case 'add-payment':
      return addPaymentAsPerson(ctx, raw);
  }
}

function withInvoice(ctx: ApiContext, body: Body, fn: (inv: InvoiceRecord) => PersonEditResult): PersonEditResult {
  const id = idOf(body, 'invoiceId');
  const inv = id ? invoiceById(ctx.org, id) : undefined;
  if (!inv) return fail(`invoiceId must name an invoice of ${ctx.org.organisation.Name}`);
  return fn(inv);
}

function changeInvoice(ctx: ApiContext, inv: InvoiceRecord, input: Json, what: string): PersonEditResult {
  const moneyApplied = invoiceKind.applied(inv) > 0;
  const result = applyDocument(ctx, invoiceKind, input, 'upsert', inv);
  if (!result.committed) return refused(what, result.errors, moneyApplied);
  return { ok: true, body: { Invoices: [serializeInvoice(ctx.org, inv)] } };
}

/** `changes`: {date?, contactId? | contactName?, lines?: [{description?, quantity?, unitAmount?, accountCode?, taxType?}]}. */
function editInvoice(ctx: ApiContext, inv: InvoiceRecord, raw: unknown): PersonEditResult {
  if (!isRecord(raw)) return fail(`changes must be an object with any of ${EDIT_FIELDS.join(', ')}`);
  const unknown = Object.keys(raw).filter((k) => !(EDIT_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return fail(`changes cannot carry ${unknown.join(', ')}; only ${EDIT_FIELDS.join(', ')}`);
  if (!EDIT_FIELDS.some((k) => raw[k] !== undefined)) return fail(`changes must name at least one of ${EDIT_FIELDS.join(', ')}`);
  const input: Json = {};
  if (raw.date !== undefined) {
    if (typeof raw.date !== 'string' || !DAY.test(raw.date)) return fail('changes.date must be a date as YYYY-MM-DD');
    input.Date = raw.date;
  }
  if (raw.contactId !== undefined && raw.contactName !== undefined) return fail('changes may name the contact by contactId or by contactName, not both');
  if (raw.contactId !== undefined) {
    if (typeof raw.contactId !== 'string' || raw.contactId.trim() === '') return fail('changes.contactId must be a ContactID');
    input.Contact = { ContactID: raw.contactId.trim() };
  }
  if (raw.contactName !== undefined) {
    if (typeof raw.contactName !== 'string' || raw.contactName.trim() === '') return fail('changes.contactName must be a contact name');
    const name = raw.contactName.trim();
    if (!findActiveContactByName(ctx.org, name)) {
      // The web app's contact picker lists active contacts only; the API's text for an archived contact says why.
      const archived = ctx.org.contacts.find((c) => c.ContactStatus !== 'ACTIVE' && c.Name.trim().toLowerCase() === name.toLowerCase());
      if (archived) return refused(`edit ${invoiceLabel(inv)}`, [msg.contactArchived(archived.Name)], false);
    }
    input.Contact = { Name: name };
  }
  if (raw.lines !== undefined) {
    const lines = readLines(raw.lines);
    if ('error' in lines) return lines;
    input.LineItems = lines.lines;
  }
  return changeInvoice(ctx, inv, input, `edit ${invoiceLabel(inv)}`);
}

/** The whole new set of lines: Xero deletes and recreates a line sent without its LineItemID (xero-facts.md §3). */
function readLines(raw: unknown): { lines: Json[] } | { error: string } {
  if (!Array.isArray(raw) || raw.length === 0) return fail('changes.lines must be a non-empty list of lines (they replace the invoice\'s lines)');
  const lines: Json[] = [];
  for (const [i, line] of raw.entries()) {
    if (!isRecord(line)) return fail(`changes.lines[${i}] must be an object`);
    const unknown = Object.keys(line).filter((k) => !(LINE_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0) return fail(`changes.lines[${i}] cannot carry ${unknown.join(', ')}; only ${LINE_FIELDS.join(', ')}`);
    for (const k of ['quantity', 'unitAmount'] as const) {
      if (line[k] !== undefined && (typeof line[k] !== 'number' || !Number.isFinite(line[k]))) return fail(`changes.lines[${i}].${k} must be a number`);
    }
    for (const k of ['description', 'accountCode', 'taxType'] as const) {
      if (line[k] !== undefined && typeof line[k] !== 'string') return fail(`changes.lines[${i}].${k} must be text`);
    }
    lines.push({ Description: line.description, Quantity: line.quantity, UnitAmount: line.unitAmount, AccountCode: line.accountCode, TaxType: line.taxType });
  }
  return { lines };
}

function voidCreditNote(ctx: ApiContext, body: Body): PersonEditResult {
  const id = idOf(body, 'creditNoteId');
  const cn = id ? creditNoteById(ctx.org, id) : undefined;
  if (!cn) return fail(`creditNoteId must name a credit note of ${ctx.org.organisation.Name}`);
  const moneyApplied = creditNoteKind.applied(cn) > 0;
  const result = applyDocument(ctx, creditNoteKind, { Status: 'VOIDED' }, 'upsert', cn);
  if (!result.committed) return refused(`void ${creditNoteLabel(cn)}`, result.errors, moneyApplied);
  return { ok: true, body: { CreditNotes: [serializeCreditNote(ctx.org, cn)] } };
}

/** The payment and the document it is on, as they are now. */
function paymentAnswer(ctx: ApiContext, payment: PaymentRecord): PersonEditResult {
  const body: Record<string, Json[]> = { Payments: [serializePayment(ctx.org, payment)] };
  const inv = payment.InvoiceID ? invoiceById(ctx.org, payment.InvoiceID) : undefined;
  const cn = payment.CreditNoteID ? creditNoteById(ctx.org, payment.CreditNoteID) : undefined;
  if (inv) body.Invoices = [serializeInvoice(ctx.org, inv)];
  if (cn) body.CreditNotes = [serializeCreditNote(ctx.org, cn)];
  return { ok: true, body };
}

function deletePaymentAsPerson(ctx: ApiContext, body: Body): PersonEditResult {
  const id = idOf(body, 'paymentId');
  const payment = id ? paymentById(ctx.org, id) : undefined;
  if (!payment) return fail(`paymentId must name a payment of ${ctx.org.organisation.Name}`);
  const label = `remove the payment of ${payment.Amount.toFixed(2)} dated ${payment.Date}`;
  // The API answers a repeated deletion with the deleted payment; the web app no longer shows it to remove.
  if (payment.Status === 'DELETED') return fail(`Xero would not ${label}: it has been removed already.`);
  const errors = paymentDeletionErrors(ctx, payment);
  if (errors.length > 0) return refused(label, errors, false);
  removePayment(ctx, payment);
  return paymentAnswer(ctx, payment);
}

function addPaymentAsPerson(ctx: ApiContext, body: Body): PersonEditResult {
  const id = idOf(body, 'invoiceId');
  const inv = id ? invoiceById(ctx.org, id) : undefined;
  if (!inv) return fail(`invoiceId must name an invoice of ${ctx.org.organisation.Name}`);
  const { amount, date, accountCode, reference } = body;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return fail('amount must be a number');
  // The web app always asks for the date and the account the money went to; the API's defaults do not apply.
  if (typeof date !== 'string' || !DAY.test(date)) return fail('date must be a date as YYYY-MM-DD');
  if (typeof accountCode !== 'string' || accountCode.trim() === '') return fail('accountCode must name the account the money went to');
  if (reference !== undefined && typeof reference !== 'string') return fail('reference must be text');
  const input: Json = { Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: accountCode.trim() }, Amount: amount, Date: date, Reference: reference };
  const result = applyPayment(ctx, input);
  if (!result.committed) return refused(`record a payment on ${invoiceLabel(inv)}`, result.errors, false);
  const payment = paymentById(ctx.org, String(result.json.PaymentID));
  return paymentAnswer(ctx, payment!);
}
