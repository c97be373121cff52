/**
 * Contract entries of the diagnostics feature, merged into `channels` / `events` by contract.ts. A report never
 * carries a secret or a token; IDs in evidence are partially masked.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

export const DiagnosticCheckStatus = z.enum(['pass', 'warn', 'fail', 'not-run']);

export const DiagnosticCheck = z.object({
  /** Stable: connection-active, tenant-id, account-codes, sync-errors, transactions-push, redirect-uri, … */
  id: z.string(),
  title: z.string(),
  group: z.enum(['what-to-check', 'common-issues', 'environment']),
  status: DiagnosticCheckStatus,
  evidence: z.string(),
  fix: z.string(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

export const DiagnosticsReport = z.object({
  version: z.literal(1),
  ranAt: z.string(),
  checks: z.array(DiagnosticCheck),
  summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), notRun: z.number().int() }),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

export const DiagnosticsHealth = z.object({
  status: z.enum(['good', 'warn', 'bad', 'unknown']),
  summary: z.string(),
  ranAt: z.string().optional(),
});
export type DiagnosticsHealth = z.infer<typeof DiagnosticsHealth>;

export const diagnosticsChannels = {
  /** Runs every check (concurrently) and emits `diagnostics.health`. Problems are reported as checks, not thrown. */
  'diagnostics.run': { args: Empty, result: DiagnosticsReport },
  /** The last report of this session, or null before the first run (for pages opened later, the status bar). */
  'diagnostics.last': { args: Empty, result: z.object({ report: DiagnosticsReport.nullable(), health: DiagnosticsHealth }) },
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
  /** After each run: the connection-health badge of the status bar. */
  'diagnostics.health': DiagnosticsHealth,
} as const satisfies Record<string, z.ZodType>;
