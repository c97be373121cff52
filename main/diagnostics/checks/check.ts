/** The shape of one check: a stable id, a title, its guide section, and a function from the run's facts to an outcome. */
import type { Facts, Problem } from '../facts';
import type { CheckGroup, CheckId, CheckOutcome, SetupStep } from '../types';

export interface CheckDefinition {
  id: CheckId;
  title: string;
  group: CheckGroup;
  run(facts: Facts): Promise<CheckOutcome>;
}

/** A check: what the report shows of it (id, title, guide section), then how it runs. */
export function defineCheck(head: Omit<CheckDefinition, 'run'>, run: CheckDefinition['run']): CheckDefinition {
  return { ...head, run };
}

/**
 * `evidence` is what the Diagnostics page shows, in plain words; `detail` (optional) is the technical side of it (HTTP
 * calls, exact times, file paths, error codes) for the support bundle and the CLI's --json only.
 */
const withDetail = (detail: string | undefined) => (detail ? { detail } : {});
export const pass = (evidence: string, detail?: string): CheckOutcome => ({ status: 'pass', evidence, fix: '', ...withDetail(detail) });
export const warn = (evidence: string, fix: string, detail?: string): CheckOutcome => ({ status: 'warn', evidence, fix, ...withDetail(detail) });
export const fail = (evidence: string, fix: string, detail?: string): CheckOutcome => ({ status: 'fail', evidence, fix, ...withDetail(detail) });
export const notRun = (why: string, fix = '', detail?: string): CheckOutcome => ({ status: 'not-run', evidence: why, fix, ...withDetail(detail) });
/**
 * A check that cannot pass before a setup step is done: not a failure, just not reached yet. `fix` says what to do
 * first, in the setup's words. The evidence does not say "Not set up yet" itself: the page's section and the status
 * word already do (the CLI adds it).
 */
export const notSetUp = (step: SetupStep, why: string, fix: string): CheckOutcome => ({ status: 'not-run', evidence: capitalise(why), fix, setupStep: step });

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** "1 transaction", "2 transactions" (the app's one locale module). */
export { plural } from '../../../contract/locale';

/** "X, Y and Z" with each quoted. */
export function quotedList(names: readonly string[], none = 'none'): string {
  if (names.length === 0) return none;
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** The title of the tenant-id check, named by others that wait for it. */
export const ORGANISATION_CHECK_TITLE = 'The chosen organisation is connected';

/** Why a Xero-dependent check cannot run, from the problem that stopped it. */
export function cannotRun(problem: Problem, what: string): CheckOutcome {
  switch (problem.kind) {
    case 'NotConnected':
      return notSetUp('connect', `the assistant has not connected to Xero yet, so it cannot ${what}.`, 'Connect to Xero in Setup first.');
    case 'ReconnectNeeded':
      return notRun(`Could not ${what}: the saved Xero sign-in must be renewed (see "Connection is active").`, 'Connect to Xero again.');
    case 'TenantNotChosen':
      return notSetUp('connect', `no organisation is chosen yet, so the assistant cannot ${what}.`, 'Connect to Xero in Setup and pick the organisation CourseCo uses.');
    case 'TenantNotConnected':
      return notRun(`Could not ${what}: the organisation chosen in Setup is no longer connected to the assistant (see "${ORGANISATION_CHECK_TITLE}").`, 'Choose a connected organisation in Setup first, or connect again and tick it.');
    default:
      return notRun(`Could not ${what}: ${problem.message}`, problem.fix ?? 'Run the checks again; if it persists, export a support bundle.');
  }
}
