/** The diagnostics types the renderer uses, derived from the contract (types only). */
import type { EventPayload, ResultOf } from '../../../contract/contract';

export type DiagnosticsReport = ResultOf<'diagnostics.run'>;
export type DiagnosticCheck = DiagnosticsReport['checks'][number];
export type DiagnosticsHealth = EventPayload<'diagnostics.health'>;
