/**
 * "No sync errors appear" and "Transactions successfully push to Xero", from the sync journal: failed transactions
 * with their first reasons, the last successful sync run, or — before any sync — a dry-run plan of one ready
 * transaction against the organisation's real accounts and tax rates (nothing is sent).
 */
import { plannerSettingsFrom, planSync } from '../../sync/plan';
import { problemOf } from '../facts';
import { formatAmount, formatDateTime } from '../../../contract/locale';
import type { SyncRun } from '../../sync/journal';
import { cannotRun, defineCheck, fail, notRun, notSetUp, pass, plural, warn } from './check';

/** How a run ended, in words: "finished", "failed", "was stopped", "was interrupted". */
const ENDED: Record<SyncRun['outcome'], string> = { running: 'is still running', completed: 'finished', failed: 'failed', cancelled: 'was stopped', interrupted: 'was interrupted' };
const when = (run: Pick<SyncRun, 'startedAt'>) => formatDateTime(run.startedAt);

export const syncErrors = defineCheck({ id: 'sync-errors', title: 'No sync errors', group: 'what-to-check' }, async (facts) => {
  const journal = facts.deps.journal();
  const counts = journal.counts();
  if (counts.total === 0) return pass('No CourseCo transactions are imported yet, so there are no sync errors.');
  const lastRun = journal.listRuns(1)[0];
  const runNote = lastRun ? ` The last sync (${when(lastRun)}) ${ENDED[lastRun.outcome]}: ${lastRun.synced} sent, ${lastRun.failed} failed.` : '';
  const runDetail = lastRun ? `Last run ${lastRun.id}: started ${lastRun.startedAt}, finished ${lastRun.finishedAt ?? '-'}, outcome ${lastRun.outcome}, by ${lastRun.actor}.` : undefined;
  if (counts.failed === 0) {
    if (lastRun && (lastRun.outcome === 'failed' || lastRun.outcome === 'interrupted')) {
      return warn(`No transaction is marked failed, but the last sync (${when(lastRun)}) ${ENDED[lastRun.outcome]}${lastRun.message ? `: ${lastRun.message.replace(/\.+$/, '')}` : ''}.`, 'Open Transactions and run the sync again; it resumes where it stopped.', runDetail);
    }
    return pass(`${counts.total === 1 ? 'The imported transaction has not failed' : `None of the ${plural(counts.total, 'imported transaction')} failed`}.${runNote}`, runDetail);
  }
  const first = journal.list({ status: 'failed', limit: 3 }).rows;
  const reasons = first.map((row) => `${row.transactionId}: ${[row.lastError ?? 'no reason recorded', ...row.lastErrorDetails].join(' ')}`.slice(0, 300).replace(/\.+$/, ''));
  return fail(
    `${plural(counts.failed, 'transaction')} failed to sync. First ${first.length === 1 ? 'reason' : 'reasons'}: ${reasons.join(' | ')}.${runNote}`,
    'Open Transactions, filter on Failed, and follow what each failed transaction says to do (a setting, a rule, the data in CourseCo, or Exclude).',
    runDetail,
  );
});

export const transactionsPush = defineCheck({ id: 'transactions-push', title: 'Transactions push to Xero', group: 'what-to-check' }, async (facts) => {
  const journal = facts.deps.journal();
  const runs = journal.listRuns(50);
  const success = runs.find((r) => r.synced > 0);
  const counts = journal.counts();
  if (success) {
    const latest = runs[0]!;
    // Who ran it (an OS account name such as "root") and the exact instants are for the support bundle only.
    const evidence = `The last sync that sent anything (${formatDateTime(success.finishedAt ?? success.startedAt)}) sent ${plural(success.synced, 'transaction')} to Xero; ${plural(counts.synced, 'imported transaction')} ${counts.synced === 1 ? 'is' : 'are'} in Xero.`;
    const detail = `Run ${success.id}: finished ${success.finishedAt ?? success.startedAt}, by ${success.actor}.`;
    if (latest.id !== success.id && latest.outcome === 'failed' && latest.synced === 0) {
      return warn(`${evidence} The sync after it (${when(latest)}) failed${latest.message ? `: ${latest.message.replace(/\.+$/, '')}` : ''}.`, 'Run the sync again in Transactions; if it fails again, see "No sync errors".', `${detail} Run ${latest.id}: started ${latest.startedAt}, failed.`);
    }
    return pass(evidence, detail);
  }
  if (counts.synced > 0) return pass(`${plural(counts.synced, 'imported transaction')} ${counts.synced === 1 ? 'is' : 'are'} in Xero.`);
  if (counts.total === 0) {
    return notSetUp('test', 'no CourseCo transactions are imported yet, so none has been sent to Xero.', 'Import CourseCo\'s transactions report in Transactions, then send one transaction as a test.');
  }
  if (counts.ready === 0) {
    return notRun('No transaction is ready to send, and none has been synced yet.', 'Import CourseCo\'s transactions report in Transactions, then send one transaction as a test.');
  }
  const [taxRates, accounts] = await Promise.all([facts.taxRates(), facts.accounts()]);
  if (!taxRates.ok) return cannotRun(taxRates.problem, 'plan a test transaction');
  if (!accounts.ok) return cannotRun(accounts.problem, 'plan a test transaction');
  const one = journal.list({ status: 'ready', limit: 1 }).rows[0];
  const entry = one ? journal.entries({ ids: [one.transactionId] })[0] : undefined;
  if (!entry) return notRun('No transaction ready to send could be read.', 'Import CourseCo\'s transactions report again.');
  let plan;
  try {
    const settings = plannerSettingsFrom(
      facts.settings(),
      taxRates.value.map((r) => ({ Name: r.name, TaxType: r.taxType, Status: r.status, ...(r.effectiveRate !== undefined ? { EffectiveRate: r.effectiveRate } : {}), ...(r.canApplyToRevenue !== undefined ? { CanApplyToRevenue: r.canApplyToRevenue } : {}) })),
      {},
      accounts.value.map((a) => ({
        ...(a.accountId ? { AccountID: a.accountId } : {}),
        ...(a.code ? { Code: a.code } : {}),
        Name: a.name,
        Type: a.type,
        Status: a.status,
        EnablePaymentsToAccount: a.enablePaymentsToAccount,
        ...(a.taxType ? { TaxType: a.taxType } : {}),
      })),
    );
    plan = planSync({ entries: [entry], settings });
  } catch (error) {
    const problem = problemOf(error);
    return fail(`A trial run of transaction ${entry.transaction.transactionId} (nothing sent) could not be planned: ${problem.message}`, problem.fix ?? 'Correct the settings named, then run the checks again.');
  }
  const tx = plan.transactions[0];
  if (!tx || tx.outcome === 'error') {
    return fail(`Nothing has been synced yet, and a trial run of transaction ${entry.transaction.transactionId} (nothing sent) fails: ${tx?.errors.join(' ') ?? 'no plan'}.`, 'Correct what the trial run names, then send one transaction as a test.');
  }
  const docs = [plural(plan.summary.contactsToCreate, 'new contact'), plural(plan.summary.invoices, 'invoice'), plural(plan.summary.creditNotes, 'credit note'), plural(plan.summary.payments, 'payment')].join(', ');
  return pass(
    `Nothing has been synced yet; a trial run of transaction ${entry.transaction.transactionId} (nothing sent) plans ${docs}, total ${formatAmount(tx.totals.total, entry.transaction.currency ?? null)}${tx.warnings.length ? `; note: ${tx.warnings.join(' ')}` : ''}.`,
  );
});
