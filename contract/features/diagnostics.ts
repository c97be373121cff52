/**
 * Contract entries of the diagnostics feature, merged into `channels` / `events` by contract.ts. A report never
 * carries a secret or a token; IDs in evidence are partially masked.
 */
import { z } from 'zod';
import { WizardStepId } from './wizard';

const Empty = z.object({}).strict();

export const DiagnosticCheckStatus = z.enum(['pass', 'warn', 'fail', 'not-run']);

export const DiagnosticCheck = z.object({
  /** Stable: connection-active, tenant-id, account-codes, sync-errors, transactions-push, redirect-uri, … */
  id: z.string(),
  title: z.string(),
  group: z.enum(['what-to-check', 'common-issues', 'environment']),
  status: DiagnosticCheckStatus,
  /** What was found, in plain words for the Diagnostics page: no HTTP, file paths, ISO times or command names. */
  evidence: z.string(),
  /** What to do; never empty for a `fail` or `warn`. */
  fix: z.string(),
  /**
   * The technical detail behind the evidence (HTTP calls, exact times, file paths, error codes) for the support bundle
   * and the CLI's --json; the page does not show it.
   */
  detail: z.string().optional(),
  /**
   * Present when the check cannot pass before this setup step is done (its status is then `not-run`): screens say
   * "Not set up yet" and what to do first, never "Failed". A report lists these checks first, in the setup's order.
   */
  setupStep: WizardStepId.optional(),
  /** When this result was observed: earlier than the report's `ranAt` for a Xero check kept from the last full run. */
  checkedAt: z.string().optional(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

export const DiagnosticsReport = z.object({
  version: z.literal(1),
  ranAt: z.string(),
  checks: z.array(DiagnosticCheck),
  /** `notSetUp` counts the checks with a `setupStep`; they are counted in `notRun` too. */
  summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), notRun: z.number().int(), notSetUp: z.number().int().optional() }),
  /** When every check (those that ask Xero included) last ran; `ranAt` may be later when only the local ones ran again. */
  fullRunAt: z.string().optional(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

export const DiagnosticsHealth = z.object({
  status: z.enum(['good', 'warn', 'bad', 'unknown']),
  summary: z.string(),
  ranAt: z.string().optional(),
  /** The profile is not set up yet (`status` is then `unknown` unless a check failed): the badge says so. */
  notSetUp: z.boolean().optional(),
});
export type DiagnosticsHealth = z.infer<typeof DiagnosticsHealth>;

export const diagnosticsChannels = {
  /** Runs every check (concurrently) and emits `diagnostics.health`. Problems are reported as checks, not thrown. */
  'diagnostics.run': { args: Empty, result: DiagnosticsReport },
  /** The last report of this session, or null before the first run (for pages opened later, the status bar). */
  'diagnostics.last': { args: Empty, result: z.object({ report: DiagnosticsReport.nullable(), health: DiagnosticsHealth }) },
  /**
   * For a page opening: runs again the checks that need no call to Xero (journal, settings, keychain) and keeps the
   * others with their age; runs every check when none ran in the last few minutes. Emits `diagnostics.health`.
   */
  'diagnostics.refresh': { args: Empty, result: DiagnosticsReport },
  /**
   * Runs the checks and writes the redacted support bundle (zip: report.html, diagnostics.json, sync-log.json) into
   * the data dir's `exports/` folder; returns where.
   */
  'diagnostics.export': {
    args: Empty,
    result: z.object({ path: z.string(), fileName: z.string(), bytes: z.number().int().nonnegative(), report: DiagnosticsReport }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const diagnosticsEvents = {
  /** After each run or refresh (an import, a sync, a settings change): the connection-health badge of the status bar. */
  'diagnostics.health': DiagnosticsHealth,
} as const satisfies Record<string, z.ZodType>;
