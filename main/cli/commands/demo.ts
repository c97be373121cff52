/**
 * `courseco-xero demo [--keep] [--limits xero|off]`: the assistant's main job, end to end, on its built-in sandbox.
 * Starts an embedded Xero sandbox (Xero's rate limits on; the sync's waits move the sandbox's clock instead of real
 * time, so it finishes in seconds), uses a fresh temporary profile (or an empty `--data-dir`), stores the sandbox's
 * Web app credentials, points `xero.issuer` / `xero.apiOrigin` at the sandbox (just another base URL), connects with
 * the sandbox's auto-consent, picks the invoice and payment accounts and the tax rate from the organisation's own
 * chart and tax rates, imports the sample CourseCo exports, syncs, reads Xero back to verify, and prints a summary.
 * Nothing touches the user's real profile. Exit 0 unless a step fails or Xero disagrees with the journal.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { AppServices } from '../../app/app-services';
import { openProfile } from '../../app/open-profile';
import { followWithConsent, freeLoopbackPorts, pointProfileAt, redirectUrisFor, sampleKeychain, sandboxWebApp } from '../../app/sandbox-profile';
import { createProfileSyncEngine } from '../../app/features/sync-handlers';
import type { ResultOf } from '../../../contract/contract';
import type { RowProblem } from '../../../contract/features/transactions';
import { describeError } from '../../log';
import { openNodeSettingsStore } from '../../settings/settings-store';
import { accountLabel, invoiceAccountChoices, paymentAccountChoices, salesRateChoices } from '../../sync/plan';
import { createXeroGateway, type SyncSummary } from '../../sync/run';
import { readLiveChart } from '../../wizard/xero-chart';
import { CliFailure, type ContextFactory } from '../cli-context';
import { humanSummary, progressPrinter } from './sync';

const MARKER = 'demo-profile.json';

interface DemoFlags {
  keep?: boolean;
  limits?: string;
}

interface FileImport {
  file: string;
  kind: string;
  imported: number;
  rejected: Array<Pick<RowProblem, 'row' | 'column' | 'reason'>>;
  /** Imported, but waiting (e.g. payments of transactions that were rejected). */
  notes: Array<Pick<RowProblem, 'row' | 'column' | 'reason'>>;
}

/** The profile directory: a fresh temporary one, or an explicit --data-dir that is empty or an earlier demo's. */
function demoDataDir(explicit: string | undefined): { dir: string; temporary: boolean } {
  if (explicit === undefined) return { dir: mkdtempSync(path.join(tmpdir(), 'courseco-xero-demo-')), temporary: true };
  const dir = path.resolve(explicit);
  mkdirSync(dir, { recursive: true });
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new CliFailure(`The demo needs an empty --data-dir (or none, for a temporary one): ${dir} already holds files, perhaps a real profile.`);
  }
  return { dir, temporary: false };
}

const LABELS: Record<string, string> = { transactions: 'transactions', payments: 'payments' };

function humanReport(report: DemoReport): string {
  const lines = [
    `CourseCo Xero Assistant — demo on the built-in Xero sandbox (${report.sandbox.baseUrl}; ${report.sandbox.limits === 'xero' ? "Xero's rate limits, waits taken on the sandbox's clock" : 'rate limits off'})`,
    `Organisation: ${report.organisation.name} (${[report.organisation.countryCode, report.organisation.baseCurrency].filter(Boolean).join(', ')})`,
    `Configured from the organisation: invoices to account ${report.settings.invoiceAccount}, payments to ${report.settings.paymentAccount}, tax rate "${report.settings.taxRate}"; lines use CourseCo's nominal codes where the export has them.`,
  ];
  for (const file of report.imports) {
    lines.push(`Imported ${file.imported} ${LABELS[file.kind] ?? file.kind} from ${file.file}${file.rejected.length ? `; ${file.rejected.length} row(s) rejected:` : '.'}`);
    for (const r of file.rejected) lines.push(`  ✗ row ${r.row}, ${r.column}: ${r.reason}`);
    for (const n of file.notes) lines.push(`  – row ${n.row}, ${n.column}: ${n.reason}`);
  }
  lines.push(humanSummary(report.sync));
  const v = report.verify;
  lines.push(
    v.problems.length === 0
      ? `Verified in Xero: ${v.invoices} invoice(s), ${v.creditNotes} credit note(s) and ${v.payments} payment(s), each exactly once and matching the journal.`
      : `Xero disagrees with the journal:\n${v.problems.map((p) => `  ✗ ${p}`).join('\n')}`,
  );
  if (report.sandbox.exampleInvoiceUrl) lines.push(`See an invoice as Xero shows it: ${report.sandbox.exampleInvoiceUrl} (while the sandbox runs).`);
  lines.push(`Time: ${(report.durationMs / 1000).toFixed(1)} s. Profile: ${report.dataDir}${report.kept ? ' (kept: courseco-xero transactions list --data-dir <dir>)' : ' (removed; --keep keeps it)'}.`);
  return lines.join('\n');
}

interface DemoReport {
  dataDir: string;
  kept: boolean;
  sandbox: { baseUrl: string; limits: 'xero' | 'off'; exampleInvoiceUrl?: string };
  organisation: { tenantId: string; name: string; countryCode?: string; baseCurrency?: string };
  settings: { invoiceAccount: string; paymentAccount: string; taxRate: string };
  imports: FileImport[];
  sync: SyncSummary;
  verify: { invoices: number; creditNotes: number; payments: number; problems: string[] };
  durationMs: number;
}

/** Picks what setup would offer first, by the same chart policy: the first revenue account, bank account and sales rate. */
async function configureFromOrganisation(services: AppServices): Promise<DemoReport['settings']> {
  const { accounts, rates } = await readLiveChart(services.connection.xero);
  const revenue = invoiceAccountChoices(accounts)[0];
  const bank = paymentAccountChoices(accounts).find((a) => a.type === 'BANK' && a.code);
  const usable = salesRateChoices(rates);
  // The revenue account's own default rate when it is usable on sales (what the wizard suggests), else the highest.
  const rate = usable.find((r) => r.taxType === revenue?.taxType) ?? [...usable].sort((a, b) => Number(b.rate) - Number(a.rate))[0];
  if (!revenue || !bank?.code || !rate) throw new CliFailure('The sandbox organisation has no active revenue account, bank account or sales tax rate to configure.');
  services.settings.update({
    'xero.invoiceAccountCode': revenue.code,
    'xero.paymentAccountCode': bank.code,
    ...(bank.accountId ? { 'xero.paymentAccountId': bank.accountId } : {}),
    'xero.taxRateName': rate.name,
    'xero.invoiceStatus': 'AUTHORISED',
  });
  return { invoiceAccount: accountLabel(revenue), paymentAccount: accountLabel(bank), taxRate: rate.name };
}

/** The same import the app's "Load sample data" runs (transactions.sampleData). */
async function importSamples(services: AppServices): Promise<FileImport[]> {
  const { imports } = (await services.handlers['transactions.sampleData']({})) as ResultOf<'transactions.sampleData'>;
  return imports.map((outcome) => {
    if (outcome.status === 'needs-amounts') throw new CliFailure(`The sample export ${outcome.fileName}: ${outcome.question.message}`);
    if (outcome.status !== 'imported') throw new CliFailure(`The sample export ${outcome.fileName} was not recognised (missing: ${outcome.missing.join(', ')}).`);
    const plain = (list: RowProblem[]) => list.map(({ row, column, reason }) => ({ row, column, reason }));
    return { file: outcome.fileName, kind: outcome.kind, imported: outcome.imported + outcome.updated, rejected: plain(outcome.errors), notes: plain(outcome.warnings) };
  });
}

/** Reads Xero back: every document the journal says is synced is there, once, and nothing of ours is there twice. */
async function verify(services: AppServices): Promise<DemoReport['verify']> {
  const gateway = createXeroGateway(services.connection.xero, () => services.settings.get('xero.tenantId'));
  const journal = services.journal();
  const entries = journal.entries({ statuses: ['synced', 'failed', 'ready'] });
  const problems: string[] = [];
  const invoiceIds = entries.map((e) => e.xero.invoiceId).filter((id): id is string => id !== null);
  const found = new Map<string, Awaited<ReturnType<typeof gateway.invoices>>[number]>();
  for (let i = 0; i < invoiceIds.length; i += 50) for (const doc of await gateway.invoices({ ids: invoiceIds.slice(i, i + 50) })) found.set(doc.id, doc);
  const credits = await gateway.creditNotes({ where: 'Reference.StartsWith("CourseCo Tx ")' });
  const ours = await gateway.invoices({ where: 'Type=="ACCREC" AND Reference.StartsWith("CourseCo Tx ")' });
  const seen = new Map<string, number>();
  for (const doc of [...ours, ...credits]) if (doc.status !== 'DELETED' && doc.status !== 'VOIDED') seen.set(doc.reference ?? '', (seen.get(doc.reference ?? '') ?? 0) + 1);
  for (const [reference, count] of seen) if (count > 1) problems.push(`${count} documents carry the reference "${reference}"`);
  let payments = 0;
  for (const entry of entries) {
    const id = entry.transaction.transactionId;
    if (entry.xero.invoiceId) {
      const doc = found.get(entry.xero.invoiceId);
      if (!doc) problems.push(`the invoice of transaction ${id} (${entry.xero.invoiceId}) is not in Xero`);
      for (const p of entry.payments) {
        if (!p.xeroPaymentId) continue;
        if (doc?.payments.some((x) => x.id === p.xeroPaymentId)) payments++;
        else problems.push(`payment ${p.payment.paymentId} of transaction ${id} is not on its invoice in Xero`);
      }
    }
    if (entry.xero.creditNoteId && !credits.some((c) => c.id === entry.xero.creditNoteId)) problems.push(`the credit note of transaction ${id} is not in Xero`);
  }
  return { invoices: found.size, creditNotes: entries.filter((e) => e.xero.creditNoteId).length, payments, problems };
}

export function registerDemoCommand(program: Command, context: ContextFactory): void {
  program
    .command('demo')
    .description('run the whole job on an embedded sandbox: connect, configure, import sample exports, sync, summarise')
    .option('--keep', 'keep the demo profile (journal, settings, sandbox state) instead of removing it')
    .option('--limits <mode>', "xero (Xero's rate limits, waits taken on the sandbox clock; default) or off", 'xero')
    .action(async (flags: DemoFlags, command: Command) => {
      const ctx = context();
      const limits = flags.limits === 'off' ? 'off' : flags.limits === 'xero' || flags.limits === undefined ? 'xero' : undefined;
      if (!limits) throw new CliFailure(`--limits must be xero or off, not "${flags.limits}".`);
      const started = performance.now();
      const { dir: dataDir, temporary } = demoDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
      const keep = Boolean(flags.keep) || !temporary;
      writeFileSync(path.join(dataDir, MARKER), JSON.stringify({ createdBy: 'courseco-xero demo' }));
      let sandbox: RunningSandbox | undefined;
      let services: AppServices | undefined;
      try {
        const ports = await freeLoopbackPorts(3);
        sandbox = await startSandbox({ port: 0, limits, redirectUris: redirectUrisFor(ports), ...(keep ? { stateFile: path.join(dataDir, 'sandbox-state.json') } : {}) });
        const sb = sandbox;
        ctx.note(`demo: sandbox running at ${sb.baseUrl} (limits: ${limits}); profile ${dataDir}`);
        // The sandbox's own credentials, kept in memory as the app's sample profile keeps them (one rule).
        const keychain = sampleKeychain(dataDir);
        const settings = openNodeSettingsStore(dataDir);
        pointProfileAt(settings, sb, ports);
        let browsing: Promise<void> | undefined;
        const app = openProfile({
          host: 'cli',
          dataDir,
          settings,
          keychain,
          clock: { now: () => sb.now() },
          log: ctx.log,
          openExternal: (url) => {
            browsing = followWithConsent(url).catch(async (error: unknown) => {
              ctx.note(`demo: the sandbox consent failed: ${describeError(error)}`);
              await app.connection.cancel();
            });
          },
          xero: { callbackTimeoutMs: 30_000 },
        });
        services = app;

        await app.connection.setCredentials(sandboxWebApp(sb));
        ctx.note('demo: connecting (auto-consent)…');
        const connected = await app.connection.connect();
        await browsing;
        const org = connected.organisation;
        if (!org) throw new CliFailure('The sandbox authorised no organisation.');
        ctx.note(`demo: connected to ${org.name}`);
        const configured = await configureFromOrganisation(app);
        ctx.note(`demo: invoices to ${configured.invoiceAccount}, payments to ${configured.paymentAccount}, tax rate "${configured.taxRate}"`);
        const imports = await importSamples(app);
        ctx.note(`demo: imported ${imports.map((i) => `${i.imported} ${i.kind}`).join(' and ')}; syncing…`);
        const engine = createProfileSyncEngine(
          { dataDir, host: 'cli', settings, clock: { now: () => sb.now() }, log: ctx.log, connection: app.connection, journal: () => app.journal() },
          { sleep: (ms) => Promise.resolve(sb.advanceClock(Math.max(0, ms) / 1000)), planner: { useNominalCodes: true } },
        );
        const summary = await engine.run({ all: true }, { onProgress: progressPrinter(ctx) });
        const checked = await verify(app);
        const firstInvoice = app.journal().entries({ statuses: ['synced'] }).find((e) => e.xero.invoiceId)?.xero.invoiceId;
        const report: DemoReport = {
          dataDir,
          kept: keep,
          sandbox: { baseUrl: sb.baseUrl, limits, ...(firstInvoice && keep ? { exampleInvoiceUrl: sb.invoiceUrl(org.tenantId, firstInvoice) } : {}) },
          organisation: { tenantId: org.tenantId, name: org.name, ...(org.countryCode ? { countryCode: org.countryCode } : {}), ...(org.baseCurrency ? { baseCurrency: org.baseCurrency } : {}) },
          settings: configured,
          imports,
          sync: summary,
          verify: checked,
          durationMs: Math.round(performance.now() - started),
        };
        ctx.result(report, humanReport(report));
        if (checked.problems.length > 0) throw new CliFailure(`The demo's sync and Xero disagree: ${checked.problems[0]}`);
        if (summary.outcome !== 'completed') throw new CliFailure(`The demo's sync did not complete: ${summary.message ?? summary.outcome}`);
      } finally {
        await services?.dispose().catch(() => undefined);
        await sandbox?.stop().catch(() => undefined);
        if (!keep) rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
