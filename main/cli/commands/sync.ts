/**
 * `courseco-xero sync --all | --ids ID... [--dry-run] [--batch-size N] [--nominal-codes]` (`--dry-run` alone: all ready)
 * Pushes ready transactions (or the ones named; failed ones among them are retried) to Xero: contacts → invoices →
 * payments → credit notes, batched, rate-limited and crash-safe. Progress goes to stderr; the result to stdout
 * (`--json`: {"synced","failed","skipped","calls","failures":[{"transactionId","reason"}], …}). `--dry-run` sends
 * nothing and prints, as JSON, exactly the requests a run would make. Ctrl+C stops after the requests in flight
 * (they are recorded); a second Ctrl+C quits at once (the next run reconciles).
 * Exit code: 0 when everything asked for was synced or had nothing to send; 1 when some transactions failed or the
 * run stopped early (the reason is on stderr); 75 (EX_TEMPFAIL, "try again later") when it stopped at Xero's daily
 * limit: nothing is lost, and `--json` says when it can continue (`outcome: "daily-limit"`, `continueAt`).
 * `--wait` waits for Xero's daily reset instead and goes on from where it stopped.
 */
import type { Command } from 'commander';
import { createProfileSyncEngine } from '../../app/features/sync-handlers';
import type { SyncProgress, SyncSummary } from '../../sync/run';
import { CliFailure, type CliContext, type ContextFactory } from '../cli-context';

interface SyncFlags {
  all?: boolean;
  ids?: string[];
  dryRun?: boolean;
  batchSize?: string;
  nominalCodes?: boolean;
  wait?: boolean;
}

/** Exit code of a sync that stopped at Xero's daily limit: sysexits' EX_TEMPFAIL, "try again later". */
export const EXIT_DAILY_LIMIT = 75;

export const SYNC_HELP_AFTER = `
Exit codes:
  0   everything asked for was synced (or had nothing to send)
  1   some transactions failed, or the run stopped early (the reason is on stderr)
  ${EXIT_DAILY_LIMIT}  Xero's daily limit for the organisation ran out: nothing is lost, the rest stays ready; run
      the same command again after the time it prints (--json: "outcome": "daily-limit", "continueAt"),
      or use --wait to wait for Xero's reset and go on by itself.`;

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function progressLine(p: SyncProgress): string {
  const parts = [`sync: ${p.phase}`, `${p.done}/${p.total} documents`, `${p.synced} synced`, `${p.failed} failed`, `${p.calls} calls`];
  if (p.rateLimit.minuteRemaining !== undefined) parts.push(`${p.rateLimit.minuteRemaining} left this minute`);
  if (p.rateLimit.dayRemaining !== undefined) parts.push(`${p.rateLimit.dayRemaining} left today`);
  if (p.rateLimit.waitingSeconds) parts.push(`waiting ${duration(p.rateLimit.waitingSeconds)} for Xero's rate limit`);
  if (p.etaSeconds !== undefined && p.phase !== 'finishing') parts.push(`about ${duration(p.etaSeconds)} left`);
  if (p.paused) parts.push('paused');
  return parts.join(' · ');
}

/** Prints a progress line when the phase changes, or at most once a second. */
export function progressPrinter(ctx: Pick<CliContext, 'note'>): (p: SyncProgress) => void {
  let phase = '';
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 1000 && !p.rateLimit.waitingSeconds) return;
    phase = p.phase;
    last = now;
    ctx.note(progressLine(p));
  };
}

export function humanSummary(s: SyncSummary): string {
  const lines = [
    `Synced ${s.synced} transaction(s), ${s.failed} failed, ${s.skipped} skipped; ${s.calls} Xero call(s) in ${(s.durationMs / 1000).toFixed(1)} s${s.linked ? `; ${s.linked} document(s) already in Xero were linked, not sent again` : ''}.`,
  ];
  if (s.outcome === 'cancelled') lines.push('The run was cancelled: what was not sent stays ready for the next run.');
  if (s.dailyLimit) lines.push(`Stopped at Xero's daily limit: ${s.message ?? ''} It can go on at ${new Date(s.dailyLimit.continueAt).toLocaleString('en-GB')}: run the same command again then, or use --wait.`);
  else if (s.message) lines.push(`Stopped early: ${s.message}`);
  for (const f of s.failures.slice(0, 50)) lines.push(`  ✗ ${f.transactionId}: ${f.reason}`);
  if (s.failures.length > 50) lines.push(`  … and ${s.failures.length - 50} more (use --json for all).`);
  const skipped = s.skippedReasons.filter((r) => !/already in Xero/.test(r.reason));
  for (const r of skipped.slice(0, 20)) lines.push(`  – ${r.transactionId}: ${r.reason}`);
  return lines.join('\n');
}

export function registerSyncCommand(program: Command, context: ContextFactory): void {
  program
    .command('sync')
    .description('push ready transactions to Xero (batched, rate-limited, idempotent); --dry-run prints the payloads')
    .option('--all', 'every ready transaction')
    .option('--ids <ids...>', 'these CourseCo Transaction IDs (failed ones among them are retried)')
    .option('--dry-run', 'send nothing: print (JSON) exactly the requests a sync would make')
    .option('--batch-size <n>', 'documents per request, 1–50 (default 50)')
    .option('--nominal-codes', "use CourseCo's nominal code as each line's account code when the export has one")
    .option('--wait', "if Xero's daily limit runs out, wait for its reset and go on (instead of stopping with exit code 75)")
    .addHelpText('after', SYNC_HELP_AFTER)
    .action(async (flags: SyncFlags) => {
      const ctx = context();
      if (flags.all && flags.ids?.length) throw new CliFailure('Say which transactions: --all (every ready one) or --ids ID..., not both.');
      // A dry run sends nothing, so it may default to every ready transaction; a real run must be asked for.
      if (!flags.all && !flags.ids?.length && !flags.dryRun) throw new CliFailure('Say which transactions: --all (every ready one) or --ids ID....');
      const batchSize = flags.batchSize === undefined ? undefined : Number(flags.batchSize);
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 50)) throw new CliFailure(`--batch-size must be a whole number from 1 to 50, not "${flags.batchSize}".`);
      const selection = flags.ids?.length ? { transactionIds: flags.ids } : { all: true };
      const services = ctx.services();
      const engine = createProfileSyncEngine(
        { dataDir: ctx.dataDir, host: 'cli', settings: services.settings, clock: services.clock, log: ctx.log, connection: services.connection, journal: () => services.journal() },
        { afterDailyLimit: flags.wait ? 'wait' : 'stop', ...(batchSize !== undefined ? { batchSize } : {}), ...(flags.nominalCodes ? { planner: { useNominalCodes: true } } : {}) },
      );
      try {
        if (flags.dryRun) {
          const plan = await engine.dryRun(selection);
          ctx.note(`Dry run: ${plan.summary.requests} request(s) for ${plan.summary.planned} transaction(s) (${plan.summary.errors} with errors, ${plan.summary.skipped + plan.summary.nothingToSend} skipped); nothing was sent.`);
          for (const notice of plan.summary.notices ?? []) ctx.note(notice);
          ctx.note(plan.quota.message);
          // Always JSON: the payloads are the point.
          process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
          return;
        }
        let interrupts = 0;
        const onSigint = () => {
          interrupts++;
          if (interrupts === 1) {
            ctx.note('Stopping after the requests in flight (Ctrl+C again to quit at once; the next sync checks Xero before re-sending)…');
            engine.cancel();
          } else process.exit(130);
        };
        process.on('SIGINT', onSigint);
        let summary: SyncSummary;
        try {
          summary = await engine.run(selection, { onProgress: progressPrinter(ctx) });
        } finally {
          process.off('SIGINT', onSigint);
        }
        const { runId, outcome, message, synced, failed, skipped, calls, durationMs, failures, linked, dailyLimit } = summary;
        const continueInSeconds = dailyLimit ? Math.max(0, Math.ceil((Date.parse(dailyLimit.continueAt) - services.clock.now()) / 1000)) : undefined;
        ctx.result(
          { synced, failed, skipped, calls, failures, runId, outcome: dailyLimit ? 'daily-limit' : outcome, ...(message ? { message } : {}), ...(dailyLimit ? { continueAt: dailyLimit.continueAt, continueInSeconds } : {}), durationMs, linked },
          humanSummary(summary),
        );
        if (dailyLimit) throw new CliFailure(`Xero's daily limit ran out; run the sync again after ${dailyLimit.continueAt} (or use --wait). Nothing is lost.`, EXIT_DAILY_LIMIT);
        if (outcome !== 'completed' || failed > 0) {
          throw new CliFailure(
            outcome === 'cancelled'
              ? 'The sync was cancelled; run it again to send the rest.'
              : message
                ? `The sync stopped early: ${message}`
                : `${failed} transaction(s) failed; see the reasons above (courseco-xero transactions list --status failed).`,
          );
        }
      } finally {
        await services.dispose();
      }
    });
}
