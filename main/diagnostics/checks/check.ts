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

export const pass = (evidence: string): CheckOutcome => ({ status: 'pass', evidence, fix: '' });
export const warn = (evidence: string, fix: string): CheckOutcome => ({ status: 'warn', evidence, fix });
export const fail = (evidence: string, fix: string): CheckOutcome => ({ status: 'fail', evidence, fix });
export const notRun = (why: string, fix = ''): CheckOutcome => ({ status: 'not-run', evidence: why, fix });
/**
 * A check that cannot pass before a setup step is done: not a failure, just not reached yet. `fix` says what to do
 * first, in the setup's words.
 */
export const notSetUp = (step: SetupStep, why: string, fix: string): CheckOutcome => ({ status: 'not-run', evidence: `Not set up yet: ${why}`, fix, setupStep: step });

/** "1 transaction", "2 transactions". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "X, Y and Z" with each quoted. */
export function quotedList(names: readonly string[], none = 'none'): string {
  if (names.length === 0) return none;
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

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
      return notRun(`Could not ${what}: the Tenant ID in settings is not a connected organisation (see "Tenant ID").`, 'Fix the Tenant ID first.');
    default:
      return notRun(`Could not ${what}: ${problem.message}`, problem.fix ?? 'Run the checks again; if it persists, export a support bundle.');
  }
}
