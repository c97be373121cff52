/**
 * Runs every check concurrently over one shared set of facts. A check that throws is reported as failed with what it
 * threw; it never stops the others. The result is plain data (see types.ts) and carries no secret.
 *
 * A local run (`previous` given) asks Xero nothing: each check runs over facts whose Xero reads are refused, and a
 * check that reached for one keeps its result from `previous`, with the time it was observed — but only if that result
 * itself came from Xero: a result decided locally then ("nothing waiting to be sent") says nothing about the state that
 * now needs Xero, so it is not kept. Which checks are local is thus decided by what each check actually read, not by
 * a list that could drift from the code.
 */
import { DomainError } from '../errors';
import { maskText } from './masking';
import type { CheckDefinition } from './checks/check';
import { gatherFacts, type DiagnosticsDeps, type Facts, type Observed } from './facts';
import { checkRegistry } from './registry';
import { REPORT_VERSION, setupFirst, summarise, type CheckId, type CheckResult, type DiagnosticsReport } from './types';

type CheckResultNoTime = Omit<CheckResult, 'checkedAt'>;

async function runOne(check: CheckDefinition, facts: Facts): Promise<CheckResultNoTime> {
  try {
    const outcome = await check.run(facts);
    return {
      id: check.id,
      title: check.title,
      group: check.group,
      status: outcome.status,
      evidence: maskText(outcome.evidence),
      fix: maskText(outcome.fix ?? ''),
      ...(outcome.detail ? { detail: maskText(outcome.detail) } : {}),
      ...(outcome.setupStep ? { setupStep: outcome.setupStep } : {}),
    };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'KeychainUnavailable') {
      // Without the keychain nothing saved can be read; the keychain check itself says so and how to fix it.
      return { id: check.id, title: check.title, group: check.group, status: 'not-run', evidence: 'The saved sign-in could not be read because the system keychain does not answer (see "Keychain available").', fix: 'Start or unlock the system keychain, then run the checks again.' };
    }
    const message = error instanceof Error ? error.message : 'unknown failure';
    return {
      id: check.id,
      title: check.title,
      group: check.group,
      status: 'fail',
      evidence: 'The check itself failed unexpectedly, so what it looks at is not known.',
      detail: maskText(`The check threw: ${message}`.slice(0, 400)),
      fix: error instanceof DomainError && error.fix ? maskText(error.fix) : 'Run the checks again; if it persists, export a support bundle and send it to support.',
    };
  }
}

const NOT_ASKED: Observed<never> = { ok: false, problem: { kind: 'NotAskedNow', message: 'Xero was not asked in this local run' } };

const XERO_FACTS = ['connections', 'tenant', 'organisation', 'accounts', 'taxRates', 'currencies'] as const;

/** The facts seen by one check: `asked()` says whether it reached for a read from Xero; `refuse` refuses them all. */
function watched(facts: Facts, refuse: boolean): { facts: Facts; asked(): boolean } {
  let asked = false;
  const view: Facts = { ...facts };
  for (const name of XERO_FACTS) {
    (view as unknown as Record<string, () => Promise<unknown>>)[name] = () => {
      asked = true;
      return refuse ? Promise.resolve(NOT_ASKED) : facts[name]();
    };
  }
  return { facts: view, asked: () => asked };
}

export interface RunOptions {
  /** Run locally: keep from this report the checks that needed Xero (see above). */
  previous?: DiagnosticsReport;
  /** In: the checks whose result in `previous` came from Xero. Out (filled): the same for this run's report. */
  askedXero?: Set<CheckId>;
}

export async function runDiagnostics(deps: DiagnosticsDeps, checks: readonly CheckDefinition[] = checkRegistry, options: RunOptions = {}): Promise<DiagnosticsReport> {
  const facts = gatherFacts(deps);
  const ranAt = new Date(deps.clock.now()).toISOString();
  // The token state before any call: a renewal during the run must not hide how old the sign-in was.
  await facts.tokenState().catch(() => undefined);
  const { previous } = options;
  const fromXero = new Set(options.askedXero ?? []);
  const askedNow = new Set<CheckId>();
  const results = await Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const seen = watched(facts, previous !== undefined);
      const result = await runOne(check, seen.facts);
      if (seen.asked()) askedNow.add(check.id);
      if (!previous || !seen.asked()) return { ...result, checkedAt: ranAt };
      const kept = fromXero.has(check.id) ? previous.checks.find((c) => c.id === check.id) : undefined;
      if (kept) return { ...kept, checkedAt: kept.checkedAt ?? previous.ranAt };
      return {
        id: check.id,
        title: check.title,
        group: check.group,
        status: 'not-run',
        evidence: 'What this check looks at has changed since Xero was last asked; it needs a fresh answer from Xero.',
        fix: 'Run the checks again to ask Xero now.',
        checkedAt: ranAt,
      };
    }),
  );
  if (options.askedXero) {
    options.askedXero.clear();
    for (const id of askedNow) options.askedXero.add(id);
  }
  const ordered = setupFirst(results);
  const fullRunAt = previous ? (previous.fullRunAt ?? previous.ranAt) : ranAt;
  return { version: REPORT_VERSION, ranAt, checks: ordered, summary: summarise(ordered), fullRunAt };
}
