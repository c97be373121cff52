/**
 * One sync run, start to finish, in phases over one run ledger (`run-ledger.ts`):
 *   recover  settle whatever an interrupted run left open, reading Xero first (crash-recovery.ts)
 *   start    select (all ready, or the ids asked for: failed ones among them are retried) and open the run record
 *   plan     read the org's tax rates and accounts (cached), look up the contacts in bulk, plan (run-prepare.ts)
 *   claim    mark the planned transactions in flight; plan errors fail, the rest is skipped with its reason
 *   contacts → invoices → payments → deposits → credit notes → allocations and refunds   (phase-*.ts), in batches
 *            of ≤ 50 (a deposit: one batch payment per request; allocations: one credit note per request),
 *            summarizeErrors=false
 *   finish   settle every claimed transaction (synced / ready / changed) and close the run record with the summary
 * Per-element answers go to the journal as they arrive; one refused element fails only its own transaction, with
 * Xero's words. A stop (cancel, Xero's daily limit, Xero unreachable) ends the phases early and still finishes.
 */
import { DomainError } from '../../errors';
import type { PlannedDocument, SyncPlan, XeroAllocation, XeroContact, XeroCreditNote, XeroInvoice, XeroInvoiceStatusChange, XeroPayment, XeroRefund } from '../plan';
import { recoverInterrupted } from './crash-recovery';
import { DailyLimitReached, SyncCancelled, SyncHalted, type CallContext } from './engine-calls';
import type { SyncSelection, SyncSummary } from './engine-types';
import { claimAllocations, sendAllocationsAndRefunds } from './phase-allocations';
import { sendContacts } from './phase-contacts';
import { sendDocuments } from './phase-documents';
import { sendDeposits } from './phase-deposits';
import { sendPayments } from './phase-payments';
import { callContext, type RunDeps } from './run-context';
import { adviseStop } from './failure-advice';
import { RunLedger } from './run-ledger';
import { addTrackingOptions } from './tracking-options';
import { planAgainstXero, selectEntries } from './run-prepare';
import type { RunInProgress } from './send-phase';

/** Where a run that stopped at Xero's daily limit left off, so the next leg goes on from exactly there. */
export interface RunPlace {
  /** Claimed transactions not finished (they are ready again). */
  unfinished: string[];
  /** False when the run stopped before it had a plan (nothing was claimed): the next leg takes the same selection. */
  planned: boolean;
}

/** The documents of the claimed transactions, phase by phase. */
interface Claimed {
  contacts: PlannedDocument<XeroContact>[];
  invoices: PlannedDocument<XeroInvoice | XeroInvoiceStatusChange>[];
  payments: PlannedDocument<XeroPayment>[];
  creditNotes: PlannedDocument<XeroCreditNote>[];
  allocations: PlannedDocument<XeroAllocation>[];
  refunds: PlannedDocument<XeroRefund>[];
}

export async function runSync(deps: RunDeps, selection: SyncSelection, place?: RunPlace): Promise<SyncSummary> {
  const startedAt = performance.now();
  const ctx = callContext(deps);
  await recover(deps, ctx);
  const ledger = start(deps, ctx, selection);
  try {
    const plan = await planRun(deps, ctx, ledger);
    // Before the claim, so transactions whose option Xero would not add fail here and send nothing.
    if ((await addTrackingOptions(deps, ctx, plan)).added > 0) deps.forgetReference?.();
    const docs = claim(deps, ledger, plan);
    const run: RunInProgress = { deps, ctx, ledger, plan, planOf: new Map(plan.transactions.map((t) => [t.transactionId, t])) };
    await sendContacts(run, docs.contacts);
    await sendDocuments(run, 'invoices', docs.invoices);
    await sendPayments(run, docs.payments);
    await sendDeposits(run, docs.payments);
    await sendDocuments(run, 'credit-notes', docs.creditNotes);
    await sendAllocationsAndRefunds(run, docs.allocations, docs.refunds);
  } catch (error) {
    stopped(deps, ledger, error);
  }
  return finish(deps, ledger, startedAt, place);
}

/** We hold the profile's run lock: a run still marked running belongs to a process that is gone. */
async function recover(deps: RunDeps, ctx: CallContext): Promise<void> {
  deps.progress.enter('reconciling');
  deps.journal.markInterruptedRuns();
  await recoverInterrupted(ctx);
}

/** The selection's entries, and the run record (its id goes on every intent from here). */
function start(deps: RunDeps, ctx: CallContext, selection: SyncSelection): RunLedger {
  const { entries, unknown } = selectEntries(deps.journal, selection, true);
  const runId = deps.journal.startRun({ actor: deps.actor, host: deps.host, requested: entries.length + unknown.length });
  ctx.runId = runId;
  deps.progress.runId = runId;
  deps.progress.enter('preparing');
  return new RunLedger(deps.journal, deps.progress, runId, entries, unknown);
}

/** The plan; a run that cannot plan (no organisation, a bad setting) closes its record here and ends. */
async function planRun(deps: RunDeps, ctx: CallContext, ledger: RunLedger): Promise<SyncPlan> {
  try {
    return await planAgainstXero(deps, ctx, ledger.entries);
  } catch (error) {
    if (error instanceof SyncCancelled || error instanceof DailyLimitReached) throw error;
    const reason = error instanceof DomainError ? `${error.message}${error.fix ? ` ${error.fix}` : ''}` : String(error);
    deps.journal.finishRun(ledger.runId, { outcome: 'failed', synced: 0, failed: 0, skipped: ledger.requested, calls: deps.counter.calls, message: reason });
    ledger.closed = true;
    throw error;
  }
}

/** Claims the planned transactions; what the plan refused fails, what it leaves out is skipped with its reason. */
function claim(deps: RunDeps, ledger: RunLedger, plan: SyncPlan): Claimed {
  const toClaim: string[] = [];
  for (const t of plan.transactions) {
    if (t.outcome === 'planned') toClaim.push(t.transactionId);
    else if (t.outcome === 'error') ledger.fail(t.transactionId, t.errors.join(' · '));
    else ledger.skip(t.transactionId, t.reason ?? t.outcome);
  }
  for (const id of deps.journal.markInFlight(toClaim, ledger.runId)) ledger.claimed.add(id);
  for (const id of toClaim) if (!ledger.claimed.has(id)) ledger.skip(id, 'its status changed while the sync was being prepared');

  const live = (tx: string) => ledger.live(tx);
  const docs: Claimed = {
    contacts: plan.contacts.filter((d) => d.transactionIds.some(live)),
    invoices: [...plan.invoices, ...plan.voids].filter((d) => live(d.key)),
    payments: plan.payments.filter((d) => live(d.transactionIds[0]!)),
    creditNotes: plan.creditNotes.filter((d) => live(d.key)),
    allocations: (plan.allocations ?? []).filter((d) => live(d.transactionIds[0]!)),
    refunds: (plan.refunds ?? []).filter((d) => live(d.transactionIds[0]!)),
  };
  claimAllocations(deps.journal, plan, ledger);
  ledger.expect([...docs.invoices, ...docs.payments, ...docs.creditNotes, ...docs.allocations, ...docs.refunds]);
  deps.progress.plan('contacts', docs.contacts.length);
  deps.progress.plan('invoices', docs.invoices.length);
  deps.progress.plan('payments', docs.payments.length);
  deps.progress.plan('credit-notes', docs.creditNotes.length + docs.allocations.length + docs.refunds.length);
  return docs;
}

/**
 * The phases stopped early. A cancel or a halt (Xero's daily limit, Xero unreachable) ends the run with what it did;
 * anything else before a transaction was claimed closes the record and is thrown; after, the run ends failed.
 */
function stopped(deps: RunDeps, ledger: RunLedger, error: unknown): void {
  if (ledger.closed) throw error;
  if (error instanceof SyncCancelled) ledger.outcome = 'cancelled';
  else if (error instanceof SyncHalted) {
    if (error instanceof DailyLimitReached) ledger.dayStop = error;
    ledger.outcome = 'failed';
    ledger.message = `${error.message}${error.fix ? ` ${error.fix}` : ''}`;
    ledger.stop = adviseStop(error);
    deps.log.warn('sync: the run stopped early', { kind: error.kind });
  } else if (ledger.claimed.size === 0) {
    deps.journal.finishRun(ledger.runId, { outcome: 'failed', synced: 0, failed: ledger.failures.length, skipped: ledger.requested, calls: deps.counter.calls, message: String(error) });
    throw error;
  } else {
    ledger.outcome = 'failed';
    ledger.message = error instanceof Error ? error.message : String(error);
    ledger.stop = adviseStop(error instanceof DomainError ? error : { kind: 'SyncFailed', message: `The sync stopped before it was finished: ${ledger.message}.`, fix: 'Run the sync again; nothing already in Xero is sent twice. If it stops again, export a diagnostics bundle (Diagnostics).' });
    deps.log.error('sync: the run failed', { error: ledger.message });
  }
}

/** Settles every claimed transaction, notes where a stopped run left off, and closes the run record. */
function finish(deps: RunDeps, ledger: RunLedger, startedAt: number, place: RunPlace | undefined): SyncSummary {
  if (ledger.outcome === 'completed' && deps.signal.aborted) ledger.outcome = 'cancelled';
  let synced = 0;
  const unfinished: string[] = [];
  for (const tx of ledger.claimed) {
    if (ledger.hasFailed(tx)) continue;
    const status = deps.journal.settle(tx);
    if (status === 'synced') synced++;
    else {
      if (status === 'ready') unfinished.push(tx);
      ledger.skip(tx, ledger.unfinishedReason(status));
    }
  }
  if (place) {
    place.unfinished = unfinished;
    place.planned = ledger.claimed.size > 0 || !ledger.dayStop;
  }
  const summary = ledger.summary(synced, deps.counter.calls, Math.round(performance.now() - startedAt));
  const { message } = ledger;
  deps.journal.finishRun(ledger.runId, { outcome: summary.outcome, synced, failed: summary.failed, skipped: summary.skipped, calls: summary.calls, ...(message ? { message } : {}) });
  deps.progress.synced = synced;
  deps.progress.enter('finishing');
  return summary;
}
