/**
 * A person working in Xero's web app behind the assistant's back, for specs that need drift: each method is one
 * `POST /sandbox/person` (sandbox/controls/person-edits.ts) under Xero's own rules. It resolves with the changed
 * record in Xero's JSON shape; when Xero would refuse the change, it throws with the sandbox's plain-words reason.
 *
 *   const person = personInXero(sb, sb.tenants[0]!.tenantId);
 *   await person.voidInvoice(invoiceId);
 *   await person.editInvoice(invoiceId, { lines: [{ description: 'First Aid', quantity: 1, unitAmount: 90, accountCode: '200', taxType: 'TAX001' }] });
 *
 * Works with an in-process sandbox or one started by the CLI: it needs only the base URL and the admin token.
 */
import type { RunningSandbox } from '../../sandbox/index';

export type XeroJson = Record<string, unknown>;

export interface PersonLine {
  description?: string;
  quantity?: number;
  unitAmount?: number;
  accountCode?: string;
  taxType?: string;
}

/** What a person may change on an invoice; `lines` replaces all of its lines. */
export interface InvoiceChanges {
  date?: string;
  contactId?: string;
  contactName?: string;
  lines?: PersonLine[];
}

export interface PaymentByPerson {
  amount: number;
  /** YYYY-MM-DD */
  date: string;
  /** The account the money went to (a bank account, or one with payments enabled). */
  accountCode: string;
  reference?: string;
}

/** The sandbox said no: `message` is its plain-words reason (Xero's own text where known). */
export class PersonEditRefused extends Error {
  override name = 'PersonEditRefused';
}

export interface PersonInXero {
  /** Resolves with the voided invoice. */
  voidInvoice(invoiceId: string): Promise<XeroJson>;
  /** DRAFT and SUBMITTED invoices only; resolves with the deleted invoice. */
  deleteInvoice(invoiceId: string): Promise<XeroJson>;
  /** Resolves with the invoice as edited. */
  editInvoice(invoiceId: string, changes: InvoiceChanges): Promise<XeroJson>;
  /** Resolves with the voided credit note. */
  voidCreditNote(creditNoteId: string): Promise<XeroJson>;
  /** Resolves with the payment, now Status DELETED. */
  deletePayment(paymentId: string): Promise<XeroJson>;
  /** Resolves with the new payment. */
  addPayment(invoiceId: string, payment: PaymentByPerson): Promise<XeroJson>;
}

export function personInXero(sb: Pick<RunningSandbox, 'baseUrl' | 'adminToken'>, tenantId: string): PersonInXero {
  const act = async (action: string, fields: Record<string, unknown>, key: 'Invoices' | 'CreditNotes' | 'Payments'): Promise<XeroJson> => {
    const res = await fetch(`${sb.baseUrl}/sandbox/person`, {
      method: 'POST',
      headers: { 'x-sandbox-admin': sb.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, action, ...fields }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new PersonEditRefused(typeof body.error === 'string' ? body.error : `the sandbox answered ${res.status}`);
    return (body[key] as XeroJson[])[0]!;
  };
  return {
    voidInvoice: (invoiceId) => act('void-invoice', { invoiceId }, 'Invoices'),
    deleteInvoice: (invoiceId) => act('delete-invoice', { invoiceId }, 'Invoices'),
    editInvoice: (invoiceId, changes) => act('edit-invoice', { invoiceId, changes }, 'Invoices'),
    voidCreditNote: (creditNoteId) => act('void-credit-note', { creditNoteId }, 'CreditNotes'),
    deletePayment: (paymentId) => act('delete-payment', { paymentId }, 'Payments'),
    addPayment: (invoiceId, payment) => act('add-payment', { invoiceId, ...payment }, 'Payments'),
  };
}
