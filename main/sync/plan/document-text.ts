/**
 * CourseCo text Xero would refuse, made safe before it is sent or refused here with the reason. Xero's limits: line
 * Description at most 4000 characters and InvoiceNumber at most 255 (Xero's Invoices docs and the OpenAPI; xero-facts.md
 * §3); a contact's EmailAddress must be one valid address (courseco/email-address.ts). A description is shortened with
 * a warning (it is only words); an invoice number is CourseCo's identity for the invoice, so it is never cut.
 */
import { emailProblem } from '../../courseco/email-address';
import type { CourseCoTransaction } from '../../courseco/types';
import type { XeroLineItem } from './xero-documents';

export const DESCRIPTION_MAX = 4000;
export const INVOICE_NUMBER_MAX = 255;

export interface DocumentText {
  /** The e-mail to send on a new contact, when it is one Xero takes. */
  email?: string;
  lineItems: XeroLineItem[];
  warnings: string[];
  errors: string[];
}

const length = (s: string) => [...s].length;

export function documentText(tx: CourseCoTransaction, lineItems: XeroLineItem[], creatingContact: boolean): DocumentText {
  const out: DocumentText = { lineItems, warnings: [], errors: [] };
  const email = tx.contact.email?.trim();
  if (email) {
    const problem = emailProblem(email);
    if (!problem) out.email = email;
    else if (creatingContact) out.warnings.push(`the e-mail address "${email}" ${problem}: the Xero contact is created without it (correct it in CourseCo to add it)`);
  }
  out.lineItems = lineItems.map((item, i) => {
    const n = item.Description === undefined ? 0 : length(item.Description);
    if (n <= DESCRIPTION_MAX) return item;
    out.warnings.push(`line ${i + 1}'s description is ${n} characters and Xero takes ${DESCRIPTION_MAX}: it is shortened to fit`);
    return { ...item, Description: `${[...item.Description!].slice(0, DESCRIPTION_MAX - 1).join('')}…` };
  });
  if (tx.invoiceNumber && length(tx.invoiceNumber) > INVOICE_NUMBER_MAX) {
    out.errors.push(`the invoice number is ${length(tx.invoiceNumber)} characters and Xero takes at most ${INVOICE_NUMBER_MAX}: correct it in CourseCo, then sync again`);
  }
  return out;
}
