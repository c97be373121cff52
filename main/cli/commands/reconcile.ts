/**
 * `courseco-xero reconcile [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--export FILE.pdf|FILE.csv]`
 * Reads what changed in Xero since the last reconciliation (few calls), recognises CourseCo's own "Sync to Xero"
 * documents, and compares CourseCo's figures with Xero's per month, printing each month side by side and every change
 * found in Xero, in plain words. Default range: the last full month. `--json` prints exactly
 * {"from","to","periods":[{"period","courseco":{"count","net","tax","gross","paid"},"xero":{…},"difference":{…}}],
 *  "drift":[{"transactionId","xeroId","kind","detail"}]} with the drift still to resolve (accepted drift is left out,
 * as it is from the exit code). `--export` also writes the accountant's close pack: FILE.pdf with FILE.csv beside it
 * (printed with a headless Chromium found on the machine), or FILE.csv alone.
 * Exit code: 0 when the books match; 3 when there is drift or a difference (so a scheduled job can alert); 1 on errors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DRIFT_KIND_WORDS, ReconcileRange, type Figures, type ReconcileProgress, type ReconcileReport } from '../../../contract/features/reconcile';
import { chromiumPdfPrinter } from '../../app/chromium-pdf';
import { exportClosePack } from '../../app/close-pack-export';
import { createProfileReconcileService } from '../../app/reconcile-wiring';
import { closePackCsv, sayMonth, verdictSentence, type ReconcileService } from '../../sync/reconcile';
import { formatMoney } from '../../sync/plan';
import { CliFailure, type CliContext, type ContextFactory } from '../cli-context';

/** Exit code when the books do not match: neither success nor a failure to run, so a scheduled job can tell them apart. */
export const EXIT_BOOKS_DIFFER = 3;

export const RECONCILE_HELP_AFTER = `
Exit codes:
  0   CourseCo and Xero agree (or every difference is one you accepted)
  ${EXIT_BOOKS_DIFFER}   they do not: drift in Xero or a difference to look into (listed above, or under "drift" with --json)
  1   the reconciliation could not run (the reason is on stderr)`;

interface ReconcileFlags {
  from?: string;
  to?: string;
  export?: string;
}

/** The reconcile service a command uses, and how to let go of what it opened. */
export interface ReconcileSession {
  service: ReconcileService;
  dispose(): Promise<void>;
}

/** The profile's own service, built the way every host builds it. */
export function profileReconcileSession(ctx: CliContext): ReconcileSession {
  const services = ctx.services();
  const service = createProfileReconcileService({ dataDir: ctx.dataDir, host: 'cli', settings: services.settings, clock: services.clock, log: ctx.log, connection: services.connection, journal: () => services.journal() });
  return { service, dispose: () => services.dispose() };
}

const isCalendarDay = (day: string) => {
  const at = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
};

/** --from/--to as the contract takes them; a wrong date is said the way a person would fix it. */
export function parseRange(flags: ReconcileFlags): ReconcileRange {
  for (const [flag, day] of [['--from', flags.from], ['--to', flags.to]] as const) {
    if (day !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(day) && isCalendarDay(day))) throw new CliFailure(`${flag} must be a date as YYYY-MM-DD (for example 2026-10-01), not "${day}".`);
  }
  const parsed = ReconcileRange.safeParse({ ...(flags.from ? { from: flags.from } : {}), ...(flags.to ? { to: flags.to } : {}) });
  if (!parsed.success) throw new CliFailure(`${parsed.error.issues[0]?.message ?? 'The dates are not a range'}: --from ${flags.from} is after --to ${flags.to}.`);
  return parsed.data;
}

const SHORT = (f: Figures) => ({ count: f.count, net: f.net, tax: f.tax, gross: f.gross, paid: f.paid });

/** The `--json` document, in exactly the shape the issue gives (numbers as the contract's decimal strings). */
export function reconcileJson(report: ReconcileReport) {
  return {
    from: report.from,
    to: report.to,
    periods: report.periods.map((p) => ({ period: p.period, courseco: SHORT(p.courseco), xero: SHORT(p.xero), difference: SHORT(p.difference) })),
    drift: report.drift.filter((d) => !d.accepted).map((d) => ({ transactionId: d.transactionId, xeroId: d.xeroId, kind: d.kind, detail: d.detail })),
  };
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/** A short table per month and the drift, in plain words, for a person at a terminal. */
export function reconcileText(report: ReconcileReport): string {
  const money = (amount: string, signed = false) => `${signed && Number(amount) > 0 ? '+' : ''}${formatMoney(amount, report.currency ?? undefined)}`;
  const out: string[] = [];
  const [from, to] = [report.from, report.to].map((d) => d.split('-').reverse().join('/'));
  out.push(`Reconciliation${report.organisationName ? ` of ${report.organisationName}` : ''}, ${from} to ${to}`);
  out.push(verdictSentence(report), '');
  const columns = ['Count', 'Before VAT', 'VAT', 'Total', 'Paid', 'Outstanding'];
  const widths = [6, 13, 11, 13, 13, 13];
  const row = (label: string, f: Figures, signed = false) =>
    `  ${pad(label, 14)}${[signed && f.count > 0 ? `+${f.count}` : String(f.count), money(f.net, signed), money(f.tax, signed), money(f.gross, signed), money(f.paid, signed), money(f.outstanding, signed)].map((c, i) => pad(c, widths[i]!, true)).join(' ')}`;
  for (const [label, c] of [...report.periods.map((p) => [sayMonth(p.period), p] as const), ...(report.periods.length > 1 ? [['All months', report.total] as const] : [])]) {
    out.push(`${pad(label, 16)}${columns.map((h, i) => pad(h, widths[i]!, true)).join(' ')}`);
    out.push(row('CourseCo', c.courseco), row('Xero', c.xero), row('Difference', c.difference, true), '');
  }
  if (report.periods.length === 0) out.push('No transactions in this range on either side.', '');
  const open = report.drift.filter((d) => !d.accepted);
  const accepted = report.drift.filter((d) => d.accepted);
  out.push(open.length === 0 ? 'No changes in Xero to resolve.' : `Changes in Xero to resolve (${open.length}):`);
  for (const d of open) {
    const what = [d.transactionId ? `CourseCo ${d.transactionId}` : null, d.documentNumber, d.contactName].filter(Boolean).join(', ');
    const change = d.was !== null && d.now !== null && !d.detail.includes('→') ? `${d.detail}: ${d.was} → ${d.now}` : d.detail;
    out.push(`  ✗ ${DRIFT_KIND_WORDS[d.kind]}${what ? `: ${what}` : ''}`, `      ${change}`, `      What to do: ${d.whatToDo}`);
    if (d.xeroUrl) out.push(`      In Xero: ${d.xeroUrl}`);
  }
  if (accepted.length) out.push(`Accepted earlier, not counted against the books (${accepted.length}): ${accepted.map((d) => `${DRIFT_KIND_WORDS[d.kind]}${d.transactionId ? ` (CourseCo ${d.transactionId})` : ''}`).join('; ')}.`);
  if (report.unexplained > 0) out.push(`${report.unexplained} line(s) differ without a change in Xero to explain them; the close pack (--export) lists them with the reason.`);
  if (report.linked.justNow > 0) out.push(`${report.linked.justNow} document(s) sent by CourseCo's own "Sync to Xero" were recognised and linked: they count as synced and will not be sent again.`);
  out.push(`Read from Xero: ${report.reads.calls} call(s), ${report.reads.documents} document(s)${report.reads.full ? ' (a full read: later reconciliations read only what changed)' : ''}.`);
  return out.join('\n');
}

const PROGRESS_AFTER_MS = 2000;
const PHASE_WORDS: Record<ReconcileProgress['phase'], string> = { reading: 'reading Xero', linking: "recognising CourseCo's own documents", comparing: 'comparing' };

/** Progress on stderr, only once the run has taken a while (a quick reconciliation stays quiet): on a new phase, or once a second. */
export function reconcileProgressPrinter(ctx: Pick<CliContext, 'note'>, now: () => number = Date.now): (p: ReconcileProgress) => void {
  const started = now();
  let phase = '';
  let last = 0;
  return (p) => {
    const at = now();
    if (at - started < PROGRESS_AFTER_MS) return;
    if (p.phase === phase && at - last < 1000) return;
    phase = p.phase;
    last = at;
    ctx.note(`reconcile: ${PHASE_WORDS[p.phase]} · ${p.documents.toLocaleString('en-IE')} documents · ${p.calls} Xero calls`);
  };
}

/** Writes FILE.pdf (with FILE.csv beside it) or FILE.csv alone; returns the line to say. */
async function writeExport(file: string, report: ReconcileReport, service: ReconcileService): Promise<string> {
  const target = path.resolve(file);
  const extension = path.extname(target).toLowerCase();
  const lines = await service.allLines();
  if (extension === '.csv') {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, closePackCsv(report, lines));
    return `Close pack CSV written: ${target} (${lines.length} line(s)).`;
  }
  const pack = await exportClosePack({ report, lines, printer: chromiumPdfPrinter(), folder: path.dirname(target), fileStem: path.basename(target, path.extname(target)) });
  return `Close pack written: ${pack.pdf} (${pack.pages} page(s)) and ${pack.csv} (${lines.length} line(s)).`;
}

/** The command over any reconcile service: the profile's own by default, a stand-in in the specs. */
export function reconcileCommand(sessionFor: (ctx: CliContext) => ReconcileSession = profileReconcileSession): (program: Command, context: ContextFactory) => void {
  return (program: Command, context: ContextFactory) => {
    program
      .command('reconcile')
      .description("compare CourseCo's figures with Xero's per month and list what was changed in Xero; exit code 3 when they differ")
      .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day of last month)')
      .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day of last month)')
      .option('--export <file>', "also write the accountant's close pack: FILE.pdf (with FILE.csv beside it) or FILE.csv")
      .addHelpText('after', RECONCILE_HELP_AFTER)
      .action(async (flags: ReconcileFlags) => {
        const ctx = context();
        const range = parseRange(flags);
        if (flags.export && !/\.(pdf|csv)$/i.test(flags.export)) throw new CliFailure(`--export takes a file ending in .pdf or .csv, not "${flags.export}".`);
        const session = sessionFor(ctx);
        try {
          const report = await session.service.run(range, reconcileProgressPrinter(ctx));
          if (flags.export) ctx.note(await writeExport(flags.export, report, session.service));
          ctx.result(reconcileJson(report), reconcileText(report));
          if (!report.matches) throw new CliFailure(`The books do not match: ${verdictSentence(report).replace(/^CourseCo and Xero do not agree: /, '')}`, EXIT_BOOKS_DIFFER);
        } finally {
          await session.dispose();
        }
      });
  };
}

export const registerReconcileCommand = reconcileCommand();
