/**
 * One sync run, start to finish:
 *   recover (settle whatever an interrupted run left open, reading Xero first) → select (all ready, or the ids asked
 *   for: failed ones among them are retried) → read the org's tax rates and accounts (cached) and look up the
 *   contacts in bulk → plan → claim the planned transactions (in-flight) →
 *   contacts → invoices → payments → credit notes, each phase in batches of ≤ 50 with summarizeErrors=false →
 *   settle every claimed transaction (synced / ready / changed) and close the run record.
 * Per-element answers go to the journal as they arrive; one refused element fails only its own transaction, with
 * Xero's words. An invoice number Xero says is taken is looked up: ours (our Reference) or CourseCo's own Xero 2
 * push (same number, contact and total) is linked, with any payments already on it; anyone else's is reported.
 */
import Decimal from 'decimal.js';
import type { Clock } from '../../clock';
import type { Settings } from '../../../contract/contract';
import { DomainError } from '../../errors';
import type { Logger } from '../../log';
import { batches } from '../plan';
import { normaliseName } from '../plan';
import { DailyLimitReached, read, sendBatch, SyncCancelled, SyncHalted, type BatchMember, type CallContext, type MemberResult } from './engine-calls';
import type { ProgressTracker } from './engine-progress';
import type { SyncFailure, SyncSelection, SyncSummary } from './engine-types';
import { paymentIdFromReference, transactionIdFromReference } from '../plan';
import type { Journal } from '../journal';
import { documentIds } from '../journal';
import type { JournalEntry } from '../journal';
import type { OrgReference } from './org-reference';
import { plannerSettingsFor } from './org-reference';
import { bindReferences, planSync, type PlannedDocument, type SyncPlan, type TransactionPlan } from '../plan';
import type { PlannerSettings } from '../plan';
import type { Sleep, TenantRateLimiter } from './rate-limiter';
import { recoverInterrupted } from './crash-recovery';
import type { FoundDocument, SyncGateway, WriteKind, WrittenElement } from './xero-gateway';
import type { XeroContact, XeroCreditNote, XeroInvoice, XeroPayment } from '../plan';
import { findContacts, findContactsByNumber, findCreditNotesByNumber, findInvoicesByNumber, findOurDocuments, findOurPayments } from './xero-queries';

export interface RunSyncDeps {
  journal: Journal;
  gateway: SyncGateway;
  settings: () => Settings;
  clock: Clock;
  sleep: Sleep;
  log: Logger;
  limiter: TenantRateLimiter;
  progress: ProgressTracker;
  counter: { calls: number };
  signal: AbortSignal;
  waitWhilePaused: () => Promise<void>;
  reference: (ctx: CallContext) => Promise<OrgReference>;
  actor: string;
  host: string;
  batchSize: number;
  concurrency: number;
  maxWaitSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
  planner: Partial<PlannerSettings>;
}

export function tenantNotChosen(): DomainError {
  return new DomainError('TenantNotChosen', {
    message: 'No Xero organisation is chosen yet (the Tenant ID is empty).',
    fix: 'Connect to Xero and pick the organisation CourseCo uses.',
  });
}

const COLLISION = /must be unique/i;
const isCollision = (errors: readonly string[]) => errors.some((e) => COLLISION.test(e) && /#|number/i.test(e));

/** Why Xero refused a document, in one line: our words, then Xero's. */
function refusal(what: string, errors: readonly string[]): string {
  return `Xero refused the ${what}: ${errors.join(' ')}`;
}

export function callContext(deps: RunSyncDeps): CallContext {
  return {
    journal: deps.journal,
    gateway: deps.gateway,
    limiter: deps.limiter,
    clock: deps.clock,
    sleep: deps.sleep,
    log: deps.log,
    runId: undefined,
    signal: deps.signal,
    maxWaitSeconds: deps.maxWaitSeconds,
    maxAttempts: deps.maxAttempts,
    retryBaseMs: deps.retryBaseMs,
    counter: deps.counter,
    changed: () => deps.progress.publish(),
  };
}

/** Selection → the journal entries to plan, with ids the journal does not know. */
export function selectEntries(journal: Journal, selection: SyncSelection, retryFailed: boolean): { entries: JournalEntry[]; unknown: string[] } {
  if (!selection.transactionIds) return { entries: journal.entries(), unknown: [] };
  const ids = [...new Set(selection.transactionIds)];
  let entries = journal.entries({ ids });
  const failed = retryFailed ? entries.filter((e) => e.status === 'failed').map((e) => e.transaction.transactionId) : [];
  if (failed.length > 0) {
    journal.markRetry(failed);
    // Read again only when something changed: the retried entries are ready now, their errors cleared.
    entries = journal.entries({ ids });
  }
  const known = new Set(entries.map((e) => e.transaction.transactionId));
  return { entries, unknown: ids.filter((id) => !known.has(id)) };
}

/** Plans the selection against the organisation as it is now (reference data, contacts looked up in bulk). */
export async function planAgainstXero(deps: Pick<RunSyncDeps, 'gateway' | 'settings' | 'planner' | 'reference'>, ctx: CallContext, entries: readonly JournalEntry[]): Promise<SyncPlan> {
  if (!deps.gateway.tenantId()) throw tenantNotChosen();
  // Nothing to plan: no reason to ask Xero anything.
  if (entries.length === 0) return planSync({ entries: [], settings: { invoiceAccountCode: '', invoiceStatus: 'AUTHORISED', taxTypes: {} } });
  const reference = await deps.reference(ctx);
  const settings = plannerSettingsFor(deps.settings(), reference, deps.planner);
  const sendable = entries.filter((e) => e.status === 'ready' || e.status === 'failed' || (e.status === 'changed' && e.approvedHash === e.contentHash));
  const wanted = sendable.filter((e) => e.xero.contactId === null).map((e) => e.transaction.contact);
  const { contacts, failures } = await findContacts(deps.gateway, wanted, (run) => read(ctx, run));
  return planSync({ entries, settings, contacts, lookupFailures: failures });
}

interface LinkedInvoice {
  doc: FoundDocument;
  /** Sent by CourseCo's own Xero 2 push (no Reference of ours): its payments match ours by amount and date. */
  byCourseCo: boolean;
}

/** Where a run that stopped at Xero's daily limit left off, so the next leg goes on from exactly there. */
export interface RunPlace {
  /** Claimed transactions not finished (they are ready again). */
  unfinished: string[];
  /** False when the run stopped before it had a plan (nothing was claimed): the next leg takes the same selection. */
  planned: boolean;
}

export async function runSync(deps: RunSyncDeps, selection: SyncSelection, place?: RunPlace): Promise<SyncSummary> {
  const { journal, gateway, progress } = deps;
  const startedAt = performance.now();
  const ctx = callContext(deps);

  progress.enter('reconciling');
  // We hold the profile's run lock: a run still marked running belongs to a process that is gone.
  journal.markInterruptedRuns();
  await recoverInterrupted(ctx);

  const { entries, unknown } = selectEntries(journal, selection, true);
  const runId = journal.startRun({ actor: deps.actor, host: deps.host, requested: entries.length + unknown.length });
  ctx.runId = runId;
  progress.runId = runId;
  progress.enter('preparing');

  const failures: SyncFailure[] = [];
  const failureOf = new Map<string, SyncFailure>();
  const skippedReasons: SyncFailure[] = unknown.map((transactionId) => ({ transactionId, reason: 'it is not in the journal: import it first' }));
  const failedTx = new Map<string, string>();
  const claimed = new Set<string>();
  let linked = 0;
  let outcome: SyncSummary['outcome'] = 'completed';
  let message: string | undefined;
  let dayStop: DailyLimitReached | undefined;
  let closed = false;

  const fail = (transactionId: string, reason: string, details: readonly string[] = [], paymentId?: string) => {
    const previous = failedTx.get(transactionId);
    const combined = previous ? `${previous} · ${reason}` : reason;
    failedTx.set(transactionId, combined);
    journal.recordFailure(transactionId, { message: combined, validationErrors: [...details] }, paymentId);
    const listed = failureOf.get(transactionId);
    if (listed) listed.reason = combined;
    else {
      const failure = { transactionId, reason: combined };
      failures.push(failure);
      failureOf.set(transactionId, failure);
      progress.failed++;
    }
  };
  const live = (transactionId: string) => claimed.has(transactionId) && !failedTx.has(transactionId);

  try {
    let plan: SyncPlan;
    try {
      plan = await planAgainstXero(deps, ctx, entries);
    } catch (error) {
      if (error instanceof SyncCancelled || error instanceof DailyLimitReached) throw error;
      const reason = error instanceof DomainError ? `${error.message}${error.fix ? ` ${error.fix}` : ''}` : String(error);
      journal.finishRun(runId, { outcome: 'failed', synced: 0, failed: 0, skipped: entries.length + unknown.length, calls: deps.counter.calls, message: reason });
      closed = true;
      throw error;
    }
    const entryOf = new Map(entries.map((e) => [e.transaction.transactionId, e]));
    const planOf = new Map(plan.transactions.map((t) => [t.transactionId, t]));

    const toClaim: string[] = [];
    for (const t of plan.transactions) {
      if (t.outcome === 'planned') toClaim.push(t.transactionId);
      else if (t.outcome === 'error') fail(t.transactionId, t.errors.join(' · '));
      else skippedReasons.push({ transactionId: t.transactionId, reason: t.reason ?? t.outcome });
    }
    for (const id of journal.markInFlight(toClaim, runId)) claimed.add(id);
    for (const id of toClaim) if (!claimed.has(id)) skippedReasons.push({ transactionId: id, reason: 'its status changed while the sync was being prepared' });

    const contactIds = new Map<string, string>();
    const invoiceIds = new Map<string, string>();
    const linkedInvoices = new Map<string, LinkedInvoice>();
    const contactIdOf = (doc: PlannedDocument<unknown>) => (doc.needs?.contactRef ? contactIds.get(doc.needs.contactRef) : ((doc.payload as { Contact?: { ContactID?: string } }).Contact?.ContactID ?? undefined));
    const ids = {
      contactIdByRef: (ref: string) => contactIds.get(ref),
      invoiceIdByTransaction: (tx: string) => invoiceIds.get(tx) ?? entryOf.get(tx)?.xero.invoiceId ?? undefined,
    };

    const contactDocs = plan.contacts.filter((d) => d.transactionIds.some(live));
    const invoiceDocs = plan.invoices.filter((d) => live(d.key));
    const paymentDocs = plan.payments.filter((d) => live(d.transactionIds[0]!));
    const creditDocs = plan.creditNotes.filter((d) => live(d.key));
    // A transaction counts as synced in the progress as soon as its last document is in Xero.
    const outstanding = new Map<string, number>();
    for (const d of [...invoiceDocs, ...paymentDocs, ...creditDocs]) outstanding.set(d.transactionIds[0]!, (outstanding.get(d.transactionIds[0]!) ?? 0) + 1);
    const documentDone = (tx: string) => {
      const left = (outstanding.get(tx) ?? 1) - 1;
      outstanding.set(tx, left);
      if (left === 0 && live(tx)) progress.synced++;
    };
    progress.plan('contacts', contactDocs.length);
    progress.plan('invoices', invoiceDocs.length);
    progress.plan('payments', paymentDocs.length);
    progress.plan('credit-notes', creditDocs.length);

    const run = async <P>(phase: 'contacts' | 'invoices' | 'payments' | 'credit-notes', parts: Array<{ writeKind: WriteKind; members: BatchMember<P>[]; concurrency: number; request: Omit<Parameters<typeof sendBatch<P>>[1], 'members' | 'writeKind'> }>) => {
      progress.enter(phase);
      for (const part of parts) {
        const list = batches(part.members, deps.batchSize, (m) => JSON.stringify(m.payload).length);
        await pool(list, part.concurrency, deps, (members) => sendBatch(ctx, { ...part.request, writeKind: part.writeKind, members }));
      }
    };
    const answered = (phase: 'contacts' | 'invoices' | 'payments' | 'credit-notes', results: Map<string, MemberResult>) => {
      progress.answer(phase, results.size);
      progress.publish();
    };

    // ---- contacts ---------------------------------------------------------------------------------------------
    const contactByRef = new Map(contactDocs.map((d) => [d.key, d]));
    await run<XeroContact>('contacts', [
      {
        writeKind: 'contacts',
        concurrency: deps.concurrency,
        members: contactDocs.map((doc) => ({ memberId: doc.key, doc, payload: doc.payload })),
        request: {
          intentKind: 'contacts',
          findExisting: async (members) => {
            const found = await findContactsByNumber(gateway, members.map((m) => m.memberId), (r) => read(ctx, r));
            const out = new Map<string, WrittenElement & { id: string }>();
            for (const m of members) {
              const c = found.get(m.memberId);
              if (c) out.set(m.memberId, { id: c.ContactID, number: m.memberId, errors: [], warnings: [] });
            }
            return out;
          },
          record: (results) => {
            for (const [ref, result] of results) {
              const doc = contactByRef.get(ref)!;
              const served = doc.transactionIds.filter(live);
              if (result.ok) {
                contactIds.set(ref, result.id);
                journal.recordContact(served, result.id);
              } else for (const tx of served) fail(tx, refusal(`new contact "${doc.payload.Name}"`, result.element.errors), result.element.errors);
            }
            answered('contacts', results);
          },
        },
      },
    ]);

    // ---- invoices and credit notes ------------------------------------------------------------------------------
    type Numbered = XeroInvoice | XeroCreditNote;
    const documentPhase = async <P extends Numbered>(phase: 'invoices' | 'credit-notes', docs: PlannedDocument<P>[]) => {
      const isInvoice = phase === 'invoices';
      const what = isInvoice ? 'invoice' : 'credit note';
      const numberOf = (doc: PlannedDocument<P>) => ('InvoiceNumber' in doc.payload ? doc.payload.InvoiceNumber : (doc.payload as XeroCreditNote).CreditNoteNumber);
      const collisions: PlannedDocument<P>[] = [];
      const members = (operation: 'create' | 'update'): BatchMember<P>[] => {
        const out: BatchMember<P>[] = [];
        for (const doc of docs) {
          if (doc.operation !== operation || !live(doc.key)) {
            if (doc.operation === operation) progress.answer(phase);
            continue;
          }
          if (doc.needs?.contactRef && !contactIds.has(doc.needs.contactRef)) {
            fail(doc.key, `its contact could not be created in Xero, so the ${what} was not sent`);
            progress.answer(phase);
            continue;
          }
          out.push({ memberId: doc.key, doc, payload: bindReferences(doc, ids) });
        }
        return out;
      };
      const record = (results: Map<string, MemberResult>, byId: Map<string, PlannedDocument<P>>) => {
        for (const [tx, result] of results) {
          const doc = byId.get(tx)!;
          if (result.ok) {
            if (isInvoice) invoiceIds.set(tx, result.id);
            journal.recordDocument(tx, documentIds(isInvoice ? 'invoice' : 'credit-note', doc.sourceHash, { id: result.id, number: result.element.number, contactId: result.element.contactId ?? contactIdOf(doc) }));
            if (result.linked) linked++;
            documentDone(tx);
          } else if (doc.operation === 'create' && numberOf(doc) && isCollision(result.element.errors)) collisions.push(doc);
          else fail(tx, refusal(what, result.element.errors), result.element.errors);
        }
        answered(phase, results);
      };
      const creates = members('create');
      const updates = members('update');
      const byId = new Map(docs.map((d) => [d.key, d]));
      // Auto-numbered documents get Xero's next number in the order they arrive: one request at a time keeps
      // CourseCo's order. With CourseCo's own numbers, order does not matter.
      const ordered = creates.some((m) => !numberOf(m.doc));
      await run<P>(phase, [
        {
          writeKind: isInvoice ? 'invoices' : 'credit-notes',
          concurrency: ordered ? 1 : deps.concurrency,
          members: creates,
          request: {
            intentKind: isInvoice ? 'invoices' : 'credit-notes',
            unitdp4: plan.unitdp4,
            findExisting: async (pending) => {
              const found = await findOurDocuments(gateway, phase, pending.map((m) => m.memberId), (r) => read(ctx, r));
              const out = new Map<string, WrittenElement & { id: string }>();
              for (const [tx, doc] of found) out.set(tx, { id: doc.id, ...(doc.number ? { number: doc.number } : {}), ...(doc.contactId ? { contactId: doc.contactId } : {}), errors: [], warnings: [] });
              return out;
            },
            record: (results) => record(results, byId),
          },
        },
        {
          writeKind: isInvoice ? 'invoice-updates' : 'credit-note-updates',
          concurrency: deps.concurrency,
          members: updates,
          request: { intentKind: isInvoice ? 'invoices' : 'credit-notes', unitdp4: plan.unitdp4, record: (results) => record(results, byId) },
        },
      ]);
      if (collisions.length > 0) await resolveCollisions(phase, collisions, numberOf);
    };

    /** Invoice numbers Xero says are taken: link ours and CourseCo's own push, report anyone else's. */
    const resolveCollisions = async <P extends Numbered>(phase: 'invoices' | 'credit-notes', docs: PlannedDocument<P>[], numberOf: (d: PlannedDocument<P>) => string | undefined) => {
      const isInvoice = phase === 'invoices';
      const numbers = docs.map((d) => numberOf(d)!);
      const existing = isInvoice ? await findInvoicesByNumber(gateway, numbers, (r) => read(ctx, r)) : await findCreditNotesByNumber(gateway, numbers, (r) => read(ctx, r));
      for (const doc of docs) {
        const tx = doc.key;
        const number = numberOf(doc)!;
        const verdict = judgeCollision(existing.get(number.toLowerCase()), number, tx, planOf.get(tx)!, contactIdOf(doc), isInvoice ? 'invoice' : 'credit note');
        if (!verdict.link) {
          fail(tx, verdict.reason, ['Invoice # must be unique.']);
          continue;
        }
        const found = verdict.link;
        if (isInvoice) {
          invoiceIds.set(tx, found.id);
          linkedInvoices.set(tx, { doc: found, byCourseCo: verdict.byCourseCo });
        }
        journal.recordDocument(tx, documentIds(isInvoice ? 'invoice' : 'credit-note', doc.sourceHash, found));
        linked++;
        documentDone(tx);
        deps.log.info(`sync: linked CourseCo Tx ${tx} to the ${isInvoice ? 'invoice' : 'credit note'} already in Xero`, { number, byCourseCo: verdict.byCourseCo });
      }
    };

    await documentPhase<XeroInvoice>('invoices', invoiceDocs);

    // ---- payments ---------------------------------------------------------------------------------------------
    const paymentByKey = new Map(paymentDocs.map((d) => [d.key, d]));
    const usedExisting = new Set<string>();
    const paymentMembers: BatchMember<XeroPayment>[] = [];
    for (const doc of paymentDocs) {
      const tx = doc.transactionIds[0]!;
      if (!live(tx)) {
        progress.answer('payments');
        continue;
      }
      if (!ids.invoiceIdByTransaction(tx)) {
        fail(tx, 'its invoice is not in Xero, so its payments were not sent');
        progress.answer('payments');
        continue;
      }
      const existing = linkedInvoices.get(tx);
      const match = existing?.doc.payments.find(
        (p) =>
          !usedExisting.has(p.id) &&
          (paymentIdFromReference(p.reference) === doc.key ||
            (existing.byCourseCo && paymentIdFromReference(p.reference) === undefined && p.date === doc.payload.Date && new Decimal(p.amount).eq(doc.payload.Amount))),
      );
      if (match) {
        usedExisting.add(match.id);
        journal.recordPaymentSynced(doc.key, match.id, doc.sourceHash);
        linked++;
        documentDone(tx);
        progress.answer('payments');
        continue;
      }
      paymentMembers.push({ memberId: doc.key, doc, payload: bindReferences(doc, ids) });
    }
    await run<XeroPayment>('payments', [
      {
        writeKind: 'payments',
        concurrency: deps.concurrency,
        members: paymentMembers,
        request: {
          intentKind: 'payments',
          findExisting: async (pending) => {
            const invoices = pending.map((m) => ids.invoiceIdByTransaction(m.doc.transactionIds[0]!)).filter((id): id is string => id !== undefined);
            const found = await findOurPayments(gateway, invoices, (r) => read(ctx, r));
            const out = new Map<string, WrittenElement & { id: string }>();
            for (const m of pending) {
              const p = found.get(m.memberId);
              if (p) out.set(m.memberId, { id: p.id, errors: [], warnings: [] });
            }
            return out;
          },
          record: (results) => {
            for (const [paymentId, result] of results) {
              const doc = paymentByKey.get(paymentId)!;
              const tx = doc.transactionIds[0]!;
              if (result.ok) {
                journal.recordPaymentSynced(paymentId, result.id, doc.sourceHash);
                if (result.linked) linked++;
                documentDone(tx);
              } else fail(tx, refusal(`payment of ${doc.payload.Amount.toFixed(2)} on ${doc.payload.Date}`, result.element.errors), result.element.errors, paymentId);
            }
            answered('payments', results);
          },
        },
      },
    ]);

    await documentPhase<XeroCreditNote>('credit-notes', creditDocs);
  } catch (error) {
    if (closed) throw error;
    if (error instanceof SyncCancelled) outcome = 'cancelled';
    else if (error instanceof SyncHalted) {
      if (error instanceof DailyLimitReached) dayStop = error;
      outcome = 'failed';
      message = `${error.message}${error.fix ? ` ${error.fix}` : ''}`;
      deps.log.warn('sync: the run stopped early', { kind: error.kind });
    } else if (claimed.size === 0) {
      if (!closed) journal.finishRun(runId, { outcome: 'failed', synced: 0, failed: failures.length, skipped: entries.length + unknown.length, calls: deps.counter.calls, message: String(error) });
      throw error;
    } else {
      outcome = 'failed';
      message = error instanceof Error ? error.message : String(error);
      deps.log.error('sync: the run failed', { error: message });
    }
  }
  if (outcome === 'completed' && deps.signal.aborted) outcome = 'cancelled';

  let synced = 0;
  const unfinished: string[] = [];
  for (const tx of claimed) {
    if (failedTx.has(tx)) continue;
    const status = journal.settle(tx);
    if (status === 'synced') synced++;
    else {
      if (status === 'ready') unfinished.push(tx);
      skippedReasons.push({
        transactionId: tx,
        reason: outcome === 'cancelled' ? 'the sync was cancelled before it was finished' : dayStop ? "Xero's daily limit ran out before it was sent; it stays ready" : outcome === 'failed' ? 'the sync stopped before it was finished' : status === 'changed' ? 'changed in CourseCo during the sync' : 'part of it waits (see its warnings)',
      });
    }
  }
  if (place) {
    place.unfinished = unfinished;
    place.planned = claimed.size > 0 || !dayStop;
  }
  const summary: SyncSummary = {
    runId,
    outcome,
    ...(message ? { message } : {}),
    synced,
    failed: failures.length,
    skipped: skippedReasons.length,
    calls: deps.counter.calls,
    durationMs: Math.round(performance.now() - startedAt),
    failures,
    skippedReasons,
    linked,
    ...(dayStop ? { dailyLimit: { continueAt: new Date(dayStop.resumeAt).toISOString(), waitSeconds: dayStop.waitSeconds, continuesByItself: false } } : {}),
  };
  journal.finishRun(runId, { outcome, synced, failed: summary.failed, skipped: summary.skipped, calls: summary.calls, ...(message ? { message } : {}) });
  progress.synced = synced;
  progress.enter('finishing');
  return summary;
}

/** Runs `work` over `items`, `concurrency` at a time, between pauses, until done, cancelled or one fails. */
async function pool<T>(items: readonly T[], concurrency: number, deps: Pick<RunSyncDeps, 'signal' | 'waitWhilePaused'>, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let stop: unknown;
  const worker = async () => {
    while (next < items.length && stop === undefined) {
      await deps.waitWhilePaused();
      if (deps.signal.aborted) {
        stop ??= new SyncCancelled();
        return;
      }
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        stop ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (stop !== undefined) throw stop;
}

type Verdict = { link: FoundDocument; byCourseCo: boolean } | { link?: undefined; reason: string };

/** Is the document that holds this number ours (our Reference), CourseCo's own push (same contact and total), or not? */
export function judgeCollision(found: FoundDocument | undefined, number: string, tx: string, plan: TransactionPlan, contactId: string | undefined, what: 'invoice' | 'credit note'): Verdict {
  const fix = `Xero never allows a number twice: if it is the same sale, exclude this transaction; otherwise give it another number in CourseCo and import again.`;
  if (!found) return { reason: `Xero says ${what} number ${number} is already used, but that ${what} could not be read back (Xero keeps numbers of deleted ${what}s too). ${fix}` };
  if (found.status === 'DELETED' || found.status === 'VOIDED') {
    return { reason: `${what} number ${number} belongs to a ${found.status.toLowerCase()} ${what} in Xero, and Xero never reuses a number. Give this ${what} another number in CourseCo, or exclude the transaction.` };
  }
  const owner = transactionIdFromReference(found.reference);
  if (owner === tx) return { link: found, byCourseCo: false };
  if (owner !== undefined) return { reason: `${what} number ${number} is already used in Xero by CourseCo transaction ${owner}: two CourseCo transactions carry the same number. Correct it in CourseCo and import again.` };
  const sameTotal = found.total !== undefined && new Decimal(found.total).eq(plan.totals.total);
  const sameContact = (contactId !== undefined && found.contactId === contactId) || (found.contactName !== undefined && normaliseName(found.contactName) === normaliseName(plan.contact.name));
  if (sameTotal && sameContact) return { link: found, byCourseCo: true };
  const theirs = `${found.contactName ? `for "${found.contactName}", ` : ''}total ${found.total ?? '?'}${found.reference ? `, reference "${found.reference}"` : ''}`;
  return { reason: `Xero already has ${what} number ${number} (${theirs}), and it is not this transaction's (for "${plan.contact.name}", total ${plan.totals.total}). ${fix}` };
}
