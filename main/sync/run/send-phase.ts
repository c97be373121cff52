/**
 * What every sending phase shares: the run in progress as the phases see it, and how a phase sends its members —
 * in batches of at most `batchSize` (and Xero's byte ceiling), `concurrency` requests at a time, between pauses,
 * each batch made safe by `sendBatch` (engine-calls.ts).
 */
import { batches, type SyncPlan, type TransactionPlan } from '../plan';
import { sendBatch, SyncCancelled, type BatchMember, type BatchRequest, type CallContext, type MemberResult } from './engine-calls';
import type { RunDeps } from './run-context';
import type { RunLedger } from './run-ledger';
import type { WriteKind } from './xero-gateway';

export type SendingPhase = 'contacts' | 'invoices' | 'payments' | 'credit-notes';

/** One run once it has a plan: what each phase reads (deps, the call context, the plan) and writes (the ledger). */
export interface RunInProgress {
  deps: RunDeps;
  ctx: CallContext;
  ledger: RunLedger;
  plan: SyncPlan;
  /** The plan of each transaction, by id. */
  planOf: Map<string, TransactionPlan>;
}

/** One kind of request of a phase (creates, or updates): its members and how the batch's answers are handled. */
export interface PhasePart<P> {
  writeKind: WriteKind;
  members: BatchMember<P>[];
  concurrency: number;
  request: Omit<BatchRequest<P>, 'members' | 'writeKind'>;
}

/** Sends a phase's parts in order, each in batches over a pool of `concurrency` requests. */
export async function sendPhase<P>(run: RunInProgress, phase: SendingPhase, parts: Array<PhasePart<P>>): Promise<void> {
  run.deps.progress.enter(phase);
  for (const part of parts) {
    const list = batches(part.members, run.deps.batchSize, (m) => JSON.stringify(m.payload).length);
    await pool(list, part.concurrency, run.deps, (members) => sendBatch(run.ctx, { ...part.request, writeKind: part.writeKind, members }));
  }
}

/** A batch's answers are in (and recorded): the progress counts them. */
export function answered(run: RunInProgress, phase: SendingPhase, results: Map<string, MemberResult>): void {
  run.deps.progress.answer(phase, results.size);
  run.deps.progress.publish();
}

/** Why Xero refused a document, in one line: our words, then Xero's. */
export function refusal(what: string, errors: readonly string[]): string {
  return `Xero refused the ${what}: ${errors.join(' ')}`;
}

/** Runs `work` over `items`, `concurrency` at a time, between pauses, until done, cancelled or one fails. */
async function pool<T>(items: readonly T[], concurrency: number, deps: Pick<RunDeps, 'signal' | 'waitWhilePaused'>, work: (item: T) => Promise<void>): Promise<void> {
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
