/**
 * `courseco-xero diagnose [--export FILE] [--json]`: runs every connection check. Without --json: a one-line summary,
 * then each failing check with its fix. With --json: `{"version": 1, "checks": [{"id", "status", "evidence", "fix", "detail"?}],
 * ...}`. `--export FILE` also writes the redacted support bundle (zip). Exits 0 whenever the checks ran, whatever
 * they found.
 */
import type { Command } from 'commander';
import { createDiagnosticsService } from '../../diagnostics/diagnostics-service';
import type { DiagnosticsReport } from '../../diagnostics/types';
import type { ContextFactory } from '../cli-context';

const WORDS = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'not-run': 'NOT RUN' } as const;

export function describeReport(report: DiagnosticsReport, exported?: string): string {
  const s = report.summary;
  const notSetUp = report.checks.filter((c) => c.setupStep);
  const lines = [`Diagnostics: ${s.pass} passed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.fail} failed, ${s.notRun} not run${notSetUp.length ? ` (${notSetUp.length} not set up yet)` : ''}.`];
  // The first not-set-up check is the real blocker (the report lists them in the setup's order).
  if (notSetUp[0]) lines.push(`Not set up yet. First: ${notSetUp[0].fix || notSetUp[0].evidence}`);
  for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
    lines.push(`${WORDS[check.status]} ${check.id}: ${check.evidence}`);
    if (check.fix) lines.push(`     fix: ${check.fix}`);
  }
  if (exported) lines.push(`Support bundle written to ${exported}`);
  return lines.join('\n');
}

export function registerDiagnoseCommand(program: Command, context: ContextFactory): void {
  program
    .command('diagnose')
    .description('run the connection checks; --export FILE writes a redacted support bundle')
    .option('--export <file>', 'write the redacted support bundle (zip) to FILE')
    .option('--json', 'print the report as one JSON document')
    .action(async (options: { export?: string; json?: boolean }) => {
      const ctx = context();
      const services = ctx.services();
      const diagnostics = createDiagnosticsService({
        host: 'cli',
        dataDir: ctx.dataDir,
        settings: services.settings,
        keychain: services.keychain,
        clock: services.clock,
        connection: services.connection,
        journal: services.journal,
      });
      let report: DiagnosticsReport;
      let exported: string | undefined;
      if (options.export) {
        const written = await diagnostics.exportBundle(options.export);
        report = written.report;
        exported = written.path;
      } else {
        report = await diagnostics.run();
      }
      const json = {
        version: report.version,
        ranAt: report.ranAt,
        summary: report.summary,
        checks: report.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, evidence: c.evidence, fix: c.fix, ...(c.detail ? { detail: c.detail } : {}), ...(c.setupStep ? { setupStep: c.setupStep } : {}) })),
        ...(exported ? { exported } : {}),
      };
      if (options.json || ctx.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else ctx.result(json, describeReport(report, exported));
      await services.dispose();
    });
}
