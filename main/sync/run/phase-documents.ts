/**
 * Phases 2 and 4: invoices, then (after payments) credit notes — creates, then updates. A document whose new contact
 * was refused is not sent. An invoice number Xero says is taken is looked up: ours (our Reference) or CourseCo's own
 * Xero 2 push (same number, contact and total) is linked, with any payments already on it; anyone else's is reported.
 */
import { documentIds } from '../journal';
import { bindReferences, judgeCollision, type PlannedDocument, type XeroCreditNote, type XeroInvoice, type XeroInvoiceStatusChange } from '../plan';
import { read, type BatchMember, type MemberResult } from './engine-calls';
import { answered, refusal, sendPhase, type RunInProgress } from './send-phase';
import type { XeroDocumentSnapshot } from '../reconcile';
import type { WrittenElement } from './xero-gateway';
import { findCreditNotesByNumber, findInvoicesByNumber, findOurDocuments, knownDocumentIds } from './xero-queries';

type Numbered = XeroInvoice | XeroCreditNote | XeroInvoiceStatusChange;
type DocumentPhase = 'invoices' | 'credit-notes';

const COLLISION = /must be unique/i;
const isCollision = (errors: readonly string[]) => errors.some((e) => COLLISION.test(e) && /#|number/i.test(e));

const numberOf = <P extends Numbered>(doc: PlannedDocument<P>): string | undefined =>
  'InvoiceNumber' in doc.payload ? doc.payload.InvoiceNumber : (doc.payload as XeroCreditNote).CreditNoteNumber;

export async function sendDocuments<P extends Numbered>(run: RunInProgress, phase: DocumentPhase, docs: PlannedDocument<P>[]): Promise<void> {
  const isInvoice = phase === 'invoices';
  const collisions: PlannedDocument<P>[] = [];
  const creates = members(run, phase, docs, 'create');
  const updates = members(run, phase, docs, 'update');
  const byId = new Map(docs.map((d) => [d.key, d]));
  const record = (results: Map<string, MemberResult>) => recordDocuments(run, phase, byId, results, collisions);
  // Auto-numbered documents get Xero's next number in the order they arrive: one request at a time keeps
  // CourseCo's order. With CourseCo's own numbers, order does not matter.
  const ordered = creates.some((m) => !numberOf(m.doc));
  await sendPhase<P>(run, phase, [
    {
      writeKind: isInvoice ? 'invoices' : 'credit-notes',
      concurrency: ordered ? 1 : run.deps.concurrency,
      members: creates,
      request: { intentKind: isInvoice ? 'invoices' : 'credit-notes', unitdp4: run.plan.unitdp4, findExisting: (pending) => findExistingDocuments(run, phase, pending), record },
    },
    {
      writeKind: isInvoice ? 'invoice-updates' : 'credit-note-updates',
      concurrency: run.deps.concurrency,
      members: updates,
      request: { intentKind: isInvoice ? 'invoices' : 'credit-notes', unitdp4: run.plan.unitdp4, record },
    },
  ]);
  if (collisions.length > 0) await resolveCollisions(run, phase, collisions);
}

/** The documents of one operation still to send, with Xero's ids bound; the rest are answered (or fail) here. */
function members<P extends Numbered>(run: RunInProgress, phase: DocumentPhase, docs: PlannedDocument<P>[], operation: 'create' | 'update'): BatchMember<P>[] {
  const { ledger, deps } = run;
  const what = phase === 'invoices' ? 'invoice' : 'credit note';
  const out: BatchMember<P>[] = [];
  for (const doc of docs) {
    if (doc.operation !== operation || !ledger.live(doc.key)) {
      if (doc.operation === operation) deps.progress.answer(phase);
      continue;
    }
    if (doc.needs?.contactRef && !ledger.contactIds.has(doc.needs.contactRef)) {
      ledger.fail(doc.key, `its contact could not be created in Xero, so the ${what} was not sent`);
      deps.progress.answer(phase);
      continue;
    }
    out.push({ memberId: doc.key, doc, payload: bindReferences(doc, ledger.ids) });
  }
  return out;
}

/** Documents of an uncertain batch that reached Xero, by our Reference. */
async function findExistingDocuments<P>(run: RunInProgress, phase: DocumentPhase, pending: BatchMember<P>[]): Promise<Map<string, WrittenElement & { id: string }>> {
  const ids = new Set(pending.map((m) => m.memberId));
  const known = knownDocumentIds(run.ledger.entries.filter((e) => ids.has(e.transaction.transactionId)));
  const found = await findOurDocuments(run.deps.gateway, phase, [...ids], (r) => read(run.ctx, r), known);
  const out = new Map<string, WrittenElement & { id: string }>();
  for (const [tx, doc] of found) {
    out.set(tx, { id: doc.id, ...(doc.number ? { number: doc.number } : {}), ...(doc.contactId ? { contactId: doc.contactId } : {}), ...(doc.snapshot ? { snapshot: doc.snapshot } : {}), errors: [], warnings: [] });
  }
  return out;
}

/** Saved: its ids go to the journal. A taken number is kept for `resolveCollisions`; any other refusal fails it. */
function recordDocuments<P extends Numbered>(
  run: RunInProgress,
  phase: DocumentPhase,
  byId: Map<string, PlannedDocument<P>>,
  results: Map<string, MemberResult>,
  collisions: PlannedDocument<P>[],
): void {
  const { ledger } = run;
  const isInvoice = phase === 'invoices';
  // Xero's answers (or the documents found after an uncertain write) are the baselines reconciliation compares with:
  // written together, once the batch's ids are in the journal.
  const baselines: Array<{ transactionId: string; snapshot: XeroDocumentSnapshot; origin: 'assistant' }> = [];
  for (const [tx, result] of results) {
    const doc = byId.get(tx)!;
    if (result.ok) {
      if (isInvoice) ledger.invoiceIds.set(tx, result.id);
      const ids = documentIds(isInvoice ? 'invoice' : 'credit-note', doc.sourceHash, { id: result.id, number: result.element.number, contactId: result.element.contactId ?? ledger.contactIdOf(doc) });
      // A change's credit note (doc.change === 'credit') is allocated after this phase, as every credit note is
      // (phase-allocations.ts): its id is bound from the journal, recorded here.
      run.deps.journal.recordDocument(tx, doc.change ? { ...ids, change: doc.change } : ids);
      if (result.element.snapshot) baselines.push({ transactionId: tx, snapshot: result.element.snapshot, origin: 'assistant' });
      if (result.linked) ledger.linked++;
      ledger.documentDone(tx);
    } else if (doc.operation === 'create' && numberOf(doc) && isCollision(result.element.errors)) collisions.push(doc);
    else ledger.fail(tx, refusal(isInvoice ? 'invoice' : 'credit note', result.element.errors), result.element.errors);
  }
  run.deps.journal.recordBaselines(baselines);
  answered(run, phase, results);
}

/** Invoice numbers Xero says are taken: link ours and CourseCo's own push, report anyone else's. */
async function resolveCollisions<P extends Numbered>(run: RunInProgress, phase: DocumentPhase, docs: PlannedDocument<P>[]): Promise<void> {
  const { ledger, deps } = run;
  const isInvoice = phase === 'invoices';
  const numbers = docs.map((d) => numberOf(d)!);
  const existing = isInvoice ? await findInvoicesByNumber(deps.gateway, numbers, (r) => read(run.ctx, r)) : await findCreditNotesByNumber(deps.gateway, numbers, (r) => read(run.ctx, r));
  for (const doc of docs) {
    const tx = doc.key;
    const number = numberOf(doc)!;
    const plan = run.planOf.get(tx)!;
    const verdict = judgeCollision(existing.get(number.toLowerCase()), number, tx, { total: plan.totals.total, contactName: plan.contact.name }, ledger.contactIdOf(doc), isInvoice ? 'invoice' : 'credit note');
    if (!verdict.link) {
      ledger.fail(tx, verdict.reason, ['Invoice # must be unique.']);
      continue;
    }
    const found = verdict.link;
    if (isInvoice) {
      ledger.invoiceIds.set(tx, found.id);
      ledger.linkedInvoices.set(tx, { doc: found, byCourseCo: verdict.byCourseCo });
    }
    deps.journal.recordDocument(tx, documentIds(isInvoice ? 'invoice' : 'credit-note', doc.sourceHash, found));
    if (found.snapshot) deps.journal.recordBaseline(tx, found.snapshot, verdict.byCourseCo ? 'courseco-push' : 'assistant');
    ledger.linked++;
    ledger.documentDone(tx);
    deps.log.info(`sync: linked CourseCo Tx ${tx} to the ${isInvoice ? 'invoice' : 'credit note'} already in Xero`, { number, byCourseCo: verdict.byCourseCo });
  }
}
