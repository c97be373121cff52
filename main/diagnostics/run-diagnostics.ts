/**
 * Runs every check concurrently over one shared set of facts. A check that throws is reported as failed with what it
 * threw; it never stops the others. The result is plain data (see types.ts) and carries no secret.
 */
import { DomainError } from '../errors';
import { maskText } from './masking';
import type { CheckDefinition } from './checks/check';
import { gatherFacts, type DiagnosticsDeps } from './facts';
import { checkRegistry } from './registry';
import { REPORT_VERSION, summarise, type CheckResult, type DiagnosticsReport } from './types';

async function runOne(check: CheckDefinition, facts: ReturnType<typeof gatherFacts>): Promise<CheckResult> {
  try {
    const outcome = await check.run(facts);
    return { id: check.id, title: check.title, group: check.group, status: outcome.status, evidence: maskText(outcome.evidence), fix: maskText(outcome.fix ?? '') };
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
      evidence: maskText(`The check itself failed: ${message}`.slice(0, 400)),
      fix: error instanceof DomainError && error.fix ? maskText(error.fix) : 'Run the checks again; if it persists, export a support bundle and send it to support.',
    };
  }
}

export async function runDiagnostics(deps: DiagnosticsDeps, checks: readonly CheckDefinition[] = checkRegistry): Promise<DiagnosticsReport> {
  const facts = gatherFacts(deps);
  const ranAt = new Date(deps.clock.now()).toISOString();
  // The token state before any call: a renewal during the run must not hide how old the sign-in was.
  await facts.tokenState().catch(() => undefined);
  const results = await Promise.all(checks.map((check) => runOne(check, facts)));
  return { version: REPORT_VERSION, ranAt, checks: results, summary: summarise(results) };
}
