/**
 * Before anything is sent: which journal entries a selection means, and their plan against the organisation as it
 * is now. Shared by a run and by the engine's read-only views (preview, dry run), which plan exactly as a run would.
 */
import { DomainError } from '../../errors';
import type { Journal, JournalEntry } from '../journal';
import { currencyTaken, planSync, type SyncPlan } from '../plan';
import { read, type CallContext } from './engine-calls';
import type { SyncSelection } from './engine-types';
import { plannerSettingsFor } from './org-reference';
import { creditContextFor } from './phase-allocations';
import type { RunDeps } from './run-context';
import { findContacts } from './xero-queries';

export function tenantNotChosen(): DomainError {
  return new DomainError('TenantNotChosen', {
    message: 'Nothing was sent: no Xero organisation is chosen yet, so the assistant does not know where these transactions go.',
    fix: 'Connect to Xero and choose the organisation CourseCo uses, then sync again.',
  });
}

/** Selection → the journal entries to plan, with ids the journal does not know; a run retries failed ones asked for. */
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
export async function planAgainstXero(deps: Pick<RunDeps, 'journal' | 'gateway' | 'settings' | 'planner' | 'reference'>, ctx: CallContext, entries: readonly JournalEntry[]): Promise<SyncPlan> {
  if (!deps.gateway.tenantId()) throw tenantNotChosen();
  // Nothing to plan: no reason to ask Xero anything.
  if (entries.length === 0) return planSync({ entries: [], settings: { invoiceAccountCode: '', invoiceStatus: 'AUTHORISED', taxTypes: {} } });
  const reference = await deps.reference(ctx);
  const sendable = entries.filter((e) => e.status === 'ready' || e.status === 'failed' || (e.status === 'changed' && e.approvedHash === e.contentHash));
  // Which currencies the organisation takes is asked only when some transaction is in another than its base.
  const base = reference.organisation?.baseCurrency;
  const foreign = base !== undefined && sendable.some((e) => !currencyTaken({ base }, e.transaction.currency));
  const currencies = foreign ? await read(ctx, () => deps.gateway.currencies()) : undefined;
  const settings = plannerSettingsFor(deps.settings(), currencies ? { ...reference, currencies } : reference, deps.planner);
  const wanted = sendable.filter((e) => e.xero.contactId === null).map((e) => e.transaction.contact);
  const { contacts, failures } = await findContacts(deps.gateway, wanted, (run) => read(ctx, run));
  return planSync({ entries, settings, contacts, lookupFailures: failures, credits: creditContextFor(deps.journal, entries) });
}
