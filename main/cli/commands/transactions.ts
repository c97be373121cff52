/**
 * `courseco-xero transactions list [--status S] [--from D] [--to D] [--text T] [--limit N]`, and the console's row
 * actions for scripts: `transactions exclude|include|retry|approve ID...` (`approve` first prints what each change
 * will do in Xero; `--yes` approves it).
 */
import type { Command } from 'commander';
import { isTransactionStatus, openJournal, TRANSACTION_STATUSES, type ActionResult, type Journal, type TransactionSummary } from '../../sync/journal';
import { changeDetail } from '../../app/features/change-detail';
import { openNodeSettingsStore } from '../../settings/settings-store';
import { CliFailure, type CliContext, type ContextFactory } from '../cli-context';

interface ListFlags {
  status?: string;
  from?: string;
  to?: string;
  text?: string;
  limit?: string;
}

function withJournal<T>(ctx: CliContext, use: (journal: Journal) => T): T {
  const journal = openJournal(ctx.dataDir);
  try {
    return use(journal);
  } finally {
    journal.close();
  }
}

function checkDate(flag: string, value: string | undefined): void {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliFailure(`${flag} must be a date as YYYY-MM-DD, not "${value}".`);
}

function humanRow(t: TransactionSummary): string {
  const xero = t.xeroInvoiceId ?? t.xeroCreditNoteId ?? '';
  const line = `${t.transactionId.padEnd(10)} ${t.date}  ${t.status.padEnd(9)} ${t.amount.padStart(12)}  ${t.contactName.slice(0, 32).padEnd(32)} ${xero}`;
  return t.lastError ? `${line}\n${' '.repeat(11)}↳ ${t.lastError}` : line;
}

function humanAction(verb: string, result: ActionResult): string {
  const lines = [`${verb}: ${result.updated.length} transaction(s)${result.updated.length ? ` (${result.updated.join(', ')})` : ''}.`];
  for (const r of result.refused) lines.push(`  ${r.transactionId}: ${r.reason}`);
  return lines.join('\n');
}

export function registerTransactionsCommand(program: Command, context: ContextFactory): void {
  const transactions = program.command('transactions').description('list journaled transactions and their sync status; exclude, include or retry them');
  transactions
    .command('list')
    .description('list transactions, newest first')
    .option('--status <status>', `one of: ${TRANSACTION_STATUSES.join(', ')} (comma-separated for several)`)
    .option('--from <date>', 'from this date (YYYY-MM-DD)')
    .option('--to <date>', 'up to this date (YYYY-MM-DD)')
    .option('--text <text>', 'transaction id, contact, invoice number or reference contains this')
    .option('--limit <n>', 'at most this many rows (default: all)')
    .action((flags: ListFlags) => {
      const ctx = context();
      const statuses = flags.status?.split(',').map((s) => s.trim()) ?? [];
      const unknown = statuses.filter((s) => !isTransactionStatus(s));
      if (unknown.length) throw new CliFailure(`Unknown status "${unknown.join(', ')}". Statuses: ${TRANSACTION_STATUSES.join(', ')}.`);
      checkDate('--from', flags.from);
      checkDate('--to', flags.to);
      const limit = flags.limit === undefined ? Infinity : Number(flags.limit);
      if (!(limit > 0)) throw new CliFailure(`--limit must be a positive number, not "${flags.limit}".`);
      const rows = withJournal(ctx, (journal) => {
        const all: TransactionSummary[] = [];
        let after: string | undefined;
        do {
          const page = journal.list({
            ...(statuses.length ? { status: statuses.filter(isTransactionStatus) } : {}),
            ...(flags.from ? { from: flags.from } : {}),
            ...(flags.to ? { to: flags.to } : {}),
            ...(flags.text ? { text: flags.text } : {}),
            limit: Math.min(5000, limit - all.length),
            ...(after ? { after } : {}),
          });
          all.push(...page.rows);
          after = page.nextCursor ?? undefined;
        } while (after && all.length < limit);
        return all;
      });
      ctx.result(rows, rows.length ? `${rows.map(humanRow).join('\n')}\n${rows.length} transaction(s).` : 'No transactions match.');
    });

  const action = (name: 'exclude' | 'include' | 'retry', description: string, verb: string) =>
    transactions
      .command(name)
      .description(description)
      .argument('<ids...>', 'CourseCo Transaction IDs')
      .action((ids: string[]) => {
        const ctx = context();
        const result = withJournal(ctx, (journal) => (name === 'exclude' ? journal.exclude(ids) : name === 'include' ? journal.include(ids) : journal.markRetry(ids)));
        ctx.result(result, humanAction(verb, result));
      });
  action('exclude', 'keep transactions out of Xero (not ones already synced)', 'Excluded');
  action('include', 'put excluded transactions back in the queue', 'Included');
  action('retry', 'queue failed transactions again (a change after sync needs "approve")', 'Queued');
  transactions
    .command('approve')
    .description('show what each change after sync alters in Xero; with --yes, approve sending it at the next sync')
    .argument('<ids...>', 'CourseCo Transaction IDs')
    .option('--yes', 'approve the changes shown')
    .action((ids: string[], flags: { yes?: boolean }) => {
      const ctx = context();
      const outcome = withJournal(ctx, (journal) => {
        const settings = openNodeSettingsStore(ctx.dataDir).all();
        const changes = journal.entries({ ids }).map((entry) => ({ transactionId: entry.transaction.transactionId, status: entry.status, ...changeDetail(entry, settings) }));
        const result = flags.yes ? journal.approveChange(ids) : undefined;
        return { changes, ...(result ? { result } : {}) };
      });
      const lines: string[] = [];
      for (const c of outcome.changes) {
        lines.push(`${c.transactionId} (${c.status}):`);
        if (!c.known) lines.push('  the version sent to Xero was not kept, so no difference can be shown');
        for (const d of c.differences) lines.push(`  ${d}`);
        for (const s of c.steps) lines.push(`  → ${s}`);
        if (c.refusal) lines.push(`  ✗ ${c.refusal}`);
      }
      lines.push(outcome.result ? humanAction('Approved (sent at the next sync)', outcome.result) : 'Nothing approved yet: run again with --yes to approve these changes.');
      ctx.result(outcome, lines.join('\n'));
    });
}
