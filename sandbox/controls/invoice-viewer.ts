/**
 * A read-only invoice page at the paths Xero's deep links use, so "open in Xero" links from the app land somewhere:
 *   /organisationlogin/default.aspx?shortcode=!Lf7Qx&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=<id>
 *   /AccountsReceivable/View.aspx?InvoiceID=<id>   (and /AccountsPayable/View.aspx for bills)
 *   /app/<shortcode>/invoicing/view/<invoiceId>
 * No login is needed: the sandbox listens on loopback only.
 */
import type { SandboxRequest } from '../http/request';
import { queryParam } from '../http/request';
import { htmlResponse, type SandboxResponse } from '../http/response';
import { escapeHtml } from '../identity/pages';
import type { Runtime } from '../runtime';
import type { InvoiceRecord, OrgState } from '../state/model';
import { contactById, invoiceById } from '../state/lookup';

function findInvoice(rt: Runtime, invoiceId: string, shortCode?: string): { org: OrgState; inv: InvoiceRecord } | undefined {
  const id = invoiceId.toLowerCase();
  for (const org of rt.store.state.orgs) {
    if (shortCode && org.organisation.ShortCode.toLowerCase() !== shortCode.toLowerCase()) continue;
    const inv = invoiceById(org, id);
    if (inv) return { org, inv };
  }
  return undefined;
}

function render(found: { org: OrgState; inv: InvoiceRecord } | undefined): SandboxResponse {
  if (!found) return htmlResponse(404, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Invoice not found</h1></main></body></html>');
  const { org, inv } = found;
  const contact = contactById(org, inv.ContactID);
  const money = (n: number) => `${inv.CurrencyCode} ${n.toFixed(2)}`;
  const rows = inv.LineItems.map(
    (l) =>
      `<tr><td>${escapeHtml(l.Description ?? '')}</td><td>${l.Quantity}</td><td>${l.UnitAmount.toFixed(2)}</td><td>${escapeHtml(l.AccountCode ?? '')}</td><td>${escapeHtml(
        org.taxRates.find((t) => t.TaxType === l.TaxType)?.Name ?? l.TaxType ?? '',
      )}</td><td>${l.TaxAmount.toFixed(2)}</td><td>${l.LineAmount.toFixed(2)}</td></tr>`,
  ).join('');
  const payments = org.payments
    .filter((p) => inv.paymentIds.includes(p.PaymentID) && p.Status === 'AUTHORISED')
    .map((p) => `<li>${escapeHtml(p.Date)}: ${money(p.Amount)}${p.Reference ? ` (${escapeHtml(p.Reference)})` : ''}</li>`)
    .join('');
  const title = `${inv.Type === 'ACCREC' ? 'Invoice' : 'Bill'} ${inv.InvoiceNumber ?? ''}`.trim();
  return htmlResponse(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · ${escapeHtml(org.organisation.Name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style></head>
<body><main>
<p>CourseCo Xero sandbox · ${escapeHtml(org.organisation.Name)}</p>
<h1>${escapeHtml(title)}</h1>
<dl>
<dt>Status</dt><dd>${escapeHtml(inv.Status)}</dd>
<dt>To</dt><dd>${escapeHtml(contact?.Name ?? '')}</dd>
<dt>Date</dt><dd>${escapeHtml(inv.Date)}</dd>
<dt>Due date</dt><dd>${escapeHtml(inv.DueDate ?? '')}</dd>
<dt>Reference</dt><dd>${escapeHtml(inv.Reference ?? '')}</dd>
<dt>Amounts are</dt><dd>${escapeHtml(inv.LineAmountTypes)}</dd>
</dl>
<table><caption>Line items</caption><thead><tr><th scope="col">Description</th><th scope="col">Qty</th><th scope="col">Unit price</th><th scope="col">Account</th><th scope="col">Tax rate</th><th scope="col">Tax</th><th scope="col">Amount</th></tr></thead><tbody>${rows}</tbody></table>
<p>Subtotal ${money(inv.SubTotal)} · Tax ${money(inv.TotalTax)} · <strong>Total ${money(inv.Total)}</strong> · Amount due ${money(inv.AmountDue)}</p>
${payments ? `<h2>Payments</h2><ul>${payments}</ul>` : ''}
</main></body></html>`,
  );
}

export function deepLinkViewer(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const shortCode = queryParam(req, 'shortcode');
  const redirect = queryParam(req, 'redirecturl') ?? '';
  const id = /InvoiceID=([0-9a-fA-F-]{36})/.exec(redirect)?.[1];
  return render(id ? findInvoice(rt, id, shortCode) : undefined);
}

export function directViewer(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const id = queryParam(req, 'InvoiceID');
  return render(id ? findInvoice(rt, id) : undefined);
}

export function appViewer(rt: Runtime, req: SandboxRequest): SandboxResponse {
  return render(findInvoice(rt, req.params.invoiceId ?? '', req.params.shortcode));
}

/** The link the app can show for an invoice, in the deep-link form Xero documents. */
export function invoiceDeepLink(baseUrl: string, shortCode: string, invoiceId: string, type: 'ACCREC' | 'ACCPAY' = 'ACCREC'): string {
  const area = type === 'ACCREC' ? 'AccountsReceivable' : 'AccountsPayable';
  return `${baseUrl}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=/${area}/View.aspx?InvoiceID=${invoiceId}`;
}
