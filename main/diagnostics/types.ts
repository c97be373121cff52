/**
 * The vocabulary of diagnostics: a check's stable id, its status, and the plain-words evidence and fix. Plain data
 * only: a result never holds a token, a secret, a full Client ID or a full Tenant ID (evidence masks them).
 */
export const CHECK_IDS = [
  'connection-active',
  'tenant-id',
  'account-codes',
  'sync-errors',
  'transactions-push',
  'redirect-uri',
  'client-credentials',
  'wrong-organisation',
  'tax-rate-title',
  'keychain',
  'settings-file',
  'clock-skew',
  'scopes',
  'rate-limit',
  'versions',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'not-run'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Which part of the setup guide a check comes from. */
export type CheckGroup = 'what-to-check' | 'common-issues' | 'environment';

export interface CheckResult {
  id: CheckId;
  title: string;
  group: CheckGroup;
  status: CheckStatus;
  /** What was observed, in plain words. */
  evidence: string;
  /** What to do; empty when there is nothing to do. */
  fix: string;
}

export interface CheckOutcome {
  status: CheckStatus;
  evidence: string;
  fix?: string;
}

export interface DiagnosticsSummary {
  pass: number;
  warn: number;
  fail: number;
  notRun: number;
}

export const REPORT_VERSION = 1;

export interface DiagnosticsReport {
  version: typeof REPORT_VERSION;
  ranAt: string;
  checks: CheckResult[];
  summary: DiagnosticsSummary;
}

export type HealthStatus = 'good' | 'warn' | 'bad' | 'unknown';

export function summarise(checks: readonly CheckResult[]): DiagnosticsSummary {
  const summary: DiagnosticsSummary = { pass: 0, warn: 0, fail: 0, notRun: 0 };
  for (const check of checks) {
    if (check.status === 'not-run') summary.notRun += 1;
    else summary[check.status] += 1;
  }
  return summary;
}

/** The status bar badge: bad with any failure, warn with any warning, unknown when nothing about Xero could run. */
export function healthOf(report: DiagnosticsReport): { status: HealthStatus; summary: string } {
  const { summary } = report;
  const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.title);
  const connection = report.checks.find((c) => c.id === 'connection-active');
  if (failing.length > 0) {
    return { status: 'bad', summary: `${failing.length} problem${failing.length === 1 ? '' : 's'}: ${failing.slice(0, 3).join('; ')}${failing.length > 3 ? '; …' : ''}` };
  }
  if (!connection || connection.status === 'not-run') return { status: 'unknown', summary: 'Not connected to Xero yet, so the connection checks could not run.' };
  if (summary.warn > 0) return { status: 'warn', summary: `${summary.warn} warning${summary.warn === 1 ? '' : 's'}, ${summary.pass} checks passed.` };
  return { status: 'good', summary: `All ${summary.pass} checks passed${summary.notRun ? ` (${summary.notRun} not run)` : ''}.` };
}
