/** Where a person opens a Xero invoice: Xero's own web app for Xero's API, the same deep-link paths on any other API origin. */
import { XERO_API_ORIGIN } from '../../contract/xero-origin';

const XERO_WEB_ORIGIN = 'https://go.xero.com';

export function xeroWebOrigin(apiOrigin: string): string {
  const url = new URL(apiOrigin);
  return url.hostname === new URL(XERO_API_ORIGIN).hostname ? XERO_WEB_ORIGIN : url.origin;
}

export function invoiceLink(apiOrigin: string, invoiceId: string, shortCode: string | undefined): string {
  const origin = xeroWebOrigin(apiOrigin);
  const view = `/AccountsReceivable/View.aspx?InvoiceID=${encodeURIComponent(invoiceId)}`;
  // With the organisation's short code the link opens the right organisation even if another one was used last.
  return shortCode ? `${origin}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${view}` : `${origin}${view}`;
}

/** A credit note's page in Xero (the same organisation login redirect as an invoice's). */
export function creditNoteLink(apiOrigin: string, creditNoteId: string, shortCode: string | undefined): string {
  const origin = xeroWebOrigin(apiOrigin);
  const view = `/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${encodeURIComponent(creditNoteId)}`;
  return shortCode ? `${origin}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${view}` : `${origin}${view}`;
}
