import { it } from 'vitest';
import { compareBooks } from '../../../main/sync/reconcile';
import type { JournalEntry } from '../../../main/sync/journal';
it('perf', () => {
  const entries: JournalEntry[] = []; const docs = new Map();
  for (let i = 0; i < 10000; i++) {
    const id = String(i);
    const tx = { transactionId: id, kind: 'invoice' as const, contact: { name: 'C' + (i % 50) }, invoiceNumber: 'INV-' + id, date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`, currency: 'EUR', amountsIncludeTax: false, lines: [{ row: 2, description: 'x', quantity: '1', unitAmount: '100', taxRate: '23' }, { row: 3, description: 'y', quantity: '2', unitAmount: '10.50', taxRate: '23' }] };
    entries.push({ transaction: tx, status: 'synced', contentHash: 'h', syncedHash: 'h', approvedHash: null, xero: { contactId: 'c', invoiceId: 'x' + id, creditNoteId: null, number: 'INV-' + id }, payments: [{ payment: { paymentId: 'p' + id, transactionId: id, date: '2026-10-05', amount: '148.83', method: 'Card', row: 1 }, contentHash: 'q', syncedHash: 'q', xeroPaymentId: 'xp' + id, lastError: null }] });
    const snap = { id: 'x' + id, kind: 'invoice' as const, number: 'INV-' + id, reference: 'CourseCo Tx ' + id, status: 'PAID', date: tx.date, contactId: 'c', contactName: 'C', currency: 'EUR', subTotal: '121.00', totalTax: '27.83', total: '148.83', amountPaid: '148.83', amountDue: '0.00', amountCredited: '0.00', lines: [{ accountCode: '200', taxType: 'TAX001', net: '100.00', tax: '23.00', description: 'x' }, { accountCode: '200', taxType: 'TAX001', net: '21.00', tax: '4.83', description: 'y' }], payments: [{ id: 'xp' + id, amount: '148.83', date: '2026-10-05', reference: 'CourseCo payment p' + id + ' | Card', status: 'AUTHORISED' as const, account: '090', updatedAt: null }], updatedAt: '2026-10-06T00:00:00Z' };
    docs.set('x' + id, { xeroId: 'x' + id, kind: 'invoice', transactionId: id, origin: 'assistant', baseline: snap, current: i % 100 === 0 ? { ...snap, status: 'VOIDED' } : snap, readAt: 'r' });
  }
  const input = { from: '2026-10-01', to: '2026-10-31', generatedAt: 'g', organisationName: null, currency: 'EUR', entries, documents: docs, allocations: [], planner: { invoiceAccountCode: '200', invoiceStatus: 'AUTHORISED' as const, taxTypes: { '23': 'TAX001' } }, taxRates: [{ taxType: 'TAX001', name: '23%', rate: '23' }], accounts: [], accepted: new Set<string>(), documentUrl: () => null };
  for (let k = 0; k < 3; k++) { const t = performance.now(); const r = compareBooks(input); console.log('ms', performance.now() - t, r.report.matches, r.report.drift.length, r.report.unexplained, r.report.total.difference.gross); }
});
