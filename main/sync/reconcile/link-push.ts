/**
 * Recognising, among the documents read back, those that belong to a journal transaction holding none: CourseCo's
 * own "Sync to Xero" push (an ACCREC document with the transaction's CourseCo number, no Reference of ours, and the
 * same contact and total), and a document of ours the journal lost (our `CourseCo Tx N` Reference). Each is linked in
 * the journal: the transaction counts as sent with its content now and is never sent again, and its payments already
 * on the document are linked so they are not sent twice either. The verdict is the sync's own (plan's
 * `judgeCollision`, `matchExistingPayment`): one rule, one place.
 */
import type { Logger } from '../../log';
import type { Journal, JournalEntry } from '../journal';
import { judgeCollision, matchExistingPayment, planLines, transactionIdFromReference, type PlannerSettings } from '../plan';
import type { CachedDocument, DocumentOrigin, XeroDocumentSnapshot } from './types';

export interface LinkPushDeps {
  journal: Journal;
  /** The planner's settings: a transaction's total as Xero computes it from CourseCo's lines. */
  planner: PlannerSettings;
  log?: Logger;
}

export interface LinkedDocument {
  transactionId: string;
  xeroId: string;
  origin: DocumentOrigin;
}

export interface LinkPushResult {
  /** Linked by this call. */
  linked: LinkedDocument[];
  /** Documents of CourseCo's own push linked in the journal, in total (this call's included). */
  courseCoPush: number;
}

/** Transactions a found document may be linked to: not excluded, not held by a run, and holding no document yet. */
const LINKABLE = ['ready', 'failed'] as const;

export function linkCourseCoPush(deps: LinkPushDeps): LinkPushResult {
  const { journal } = deps;
  const unlinked = journal.cachedDocuments({ unlinked: true }).filter((d): d is CachedDocument & { current: XeroDocumentSnapshot } => d.current !== null);
  const linked: LinkedDocument[] = [];
  if (unlinked.length > 0) {
    const entries = journal.entries({ statuses: LINKABLE });
    const byId = new Map(entries.map((e) => [e.transaction.transactionId, e]));
    const byNumber = new Map<string, JournalEntry>();
    for (const e of entries) if (e.transaction.invoiceNumber) byNumber.set(`${e.transaction.kind}:${e.transaction.invoiceNumber.toLowerCase()}`, e);
    const taken = new Set<string>();
    for (const doc of unlinked) {
      const found = doc.current;
      const kind = found.kind === 'invoice' ? 'invoice' : 'credit';
      const owner = transactionIdFromReference(found.reference ?? undefined);
      const entry = owner !== undefined ? byId.get(owner) : found.number ? byNumber.get(`${kind}:${found.number.toLowerCase()}`) : undefined;
      if (!entry || entry.transaction.kind !== kind || taken.has(entry.transaction.transactionId) || holdsDocument(entry, found)) continue;
      const tx = entry.transaction;
      const verdict = judgeCollision(found, found.number ?? '', tx.transactionId, { total: planLines(tx, deps.planner).totals.total, contactName: tx.contact.name }, entry.xero.contactId ?? undefined, kind === 'invoice' ? 'invoice' : 'credit note');
      if (!verdict.link) continue;
      const used = new Set<string>();
      const payments = entry.payments
        .filter((p) => p.xeroPaymentId === null)
        .flatMap((p) => {
          const match = matchExistingPayment({ payments: found.payments, byCourseCo: verdict.byCourseCo }, { paymentId: p.payment.paymentId, date: p.payment.date, amount: p.payment.amount }, used);
          return match ? [{ paymentId: p.payment.paymentId, xeroPaymentId: match.id }] : [];
        });
      const origin: DocumentOrigin = verdict.byCourseCo ? 'courseco-push' : 'assistant';
      if (!journal.linkDocument({ transactionId: tx.transactionId, snapshot: found, origin, payments })) continue;
      taken.add(tx.transactionId);
      linked.push({ transactionId: tx.transactionId, xeroId: found.id, origin });
      deps.log?.info(`reconcile: linked CourseCo Tx ${tx.transactionId} to the ${kind === 'invoice' ? 'invoice' : 'credit note'} already in Xero`, { number: found.number, origin, payments: payments.length });
    }
  }
  const courseCoPush = journal.cachedDocuments({ unlinked: false, origin: 'courseco-push' }).length;
  return { linked, courseCoPush };
}

function holdsDocument(entry: JournalEntry, doc: XeroDocumentSnapshot): boolean {
  return (doc.kind === 'invoice' ? entry.xero.invoiceId : entry.xero.creditNoteId) !== null;
}
