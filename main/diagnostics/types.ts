/**
 * The vocabulary of diagnostics: a check's stable id, its status, and the plain-words evidence and fix. The shapes are
 * the contract's (contract/features/diagnostics.ts); only the check ids are narrowed here. Plain data only: a result
 * never holds a token, a secret, a full Client ID or a full Tenant ID (evidence masks them).
 */
import type { DiagnosticCheck, DiagnosticsHealth, DiagnosticsReport as ContractReport } from '../../contract/features/diagnostics';

export const CHECK_IDS = [
  'connection-active',
  'tenant-id',
  'account-codes',
  'sync-errors',
  'transactions-push',
  'books-match',
  'redirect-uri',
  'client-credentials',
  'wrong-organisation',
  'tax-rate-title',
  'currency',
  'keychain',
  'settings-file',
  'clock-skew',
  'scopes',
  'rate-limit',
  'versions',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The contract's check, with its id narrowed to the registry's ids. */
export type CheckResult = Omit<DiagnosticCheck, 'id'> & { id: CheckId };
/** Which part of the setup guide a check comes from. */
export type CheckGroup = CheckResult['group'];

/** What a check's run returns; the runner adds the id, title and group. */
export type CheckOutcome = Pick<CheckResult, 'status' | 'evidence'> & { fix?: string; setupStep?: SetupStep; detail?: string };

/** A setup step (the wizard's ids); a check that cannot pass before it names it. */
export type SetupStep = NonNullable<CheckResult['setupStep']>;
/** The order a new user goes through the steps (the wizard's): the first step not done is the real blocker. */
export const SETUP_ORDER: readonly SetupStep[] = ['app', 'credentials', 'courseco', 'connect', 'choose', 'test', 'check'];

export type DiagnosticsReport = Omit<ContractReport, 'checks'> & { checks: CheckResult[] };
export type DiagnosticsSummary = DiagnosticsReport['summary'];
export const REPORT_VERSION: DiagnosticsReport['version'] = 1;

export function summarise(checks: readonly CheckResult[]): DiagnosticsSummary {
  const summary: DiagnosticsSummary = { pass: 0, warn: 0, fail: 0, notRun: 0, notSetUp: 0 };
  for (const check of checks) {
    if (check.status === 'not-run') summary.notRun += 1;
    else summary[check.status] += 1;
    if (check.setupStep) summary.notSetUp! += 1;
  }
  return summary;
}

/** The not-set-up checks first, by setup step (the first blocker leads), then the others in the registry's order. */
export function setupFirst<C extends Pick<CheckResult, 'setupStep'>>(checks: readonly C[]): C[] {
  const rank = (c: C) => (c.setupStep ? SETUP_ORDER.indexOf(c.setupStep) : SETUP_ORDER.length);
  return checks.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}

/**
 * The status bar badge: bad with any failure, warn with any warning, unknown when nothing about Xero could run; a
 * profile not set up yet says so with its first step, rather than counting what setup has not reached as problems.
 */
export function healthOf(report: DiagnosticsReport): Omit<DiagnosticsHealth, 'ranAt'> {
  const { summary } = report;
  const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.title);
  const connection = report.checks.find((c) => c.id === 'connection-active');
  const firstStep = setupFirst(report.checks).find((c) => c.setupStep);
  const notSetUp = firstStep ? ({ notSetUp: true } as const) : {};
  if (failing.length > 0) {
    return { status: 'bad', summary: `${failing.length} problem${failing.length === 1 ? '' : 's'}: ${failing.slice(0, 3).join('; ')}${failing.length > 3 ? '; …' : ''}`, ...notSetUp };
  }
  if (firstStep) return { status: 'unknown', summary: `Not set up yet. First: ${firstStep.fix || firstStep.evidence}`, notSetUp: true };
  if (!connection || connection.status === 'not-run') return { status: 'unknown', summary: 'Not connected to Xero yet, so the connection checks could not run.' };
  if (summary.warn > 0) return { status: 'warn', summary: `${summary.warn} warning${summary.warn === 1 ? '' : 's'}, ${summary.pass} checks passed.` };
  return { status: 'good', summary: `All ${summary.pass} checks passed${summary.notRun ? ` (${summary.notRun} not run)` : ''}.` };
}
