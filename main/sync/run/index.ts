/**
 * The run room's public face: one profile's sync engine (runs, pause / resume / cancel, preview, dry run), its
 * vocabulary, and the Xero gateway a host builds for it. Nothing outside the room reaches a run's phases directly.
 */
export { createSyncEngine, type EngineState, type SyncEngine, type SyncEngineDeps, type SyncStateView } from './engine';
export type { DryRun, DryRunRequest, PreviewDocument, PreviewTransaction, SyncPreview } from './engine';
export { ENGINE_DEFAULTS, type AfterDailyLimit, type SyncEngineOptions, type SyncFailure, type SyncPhase, type SyncProgress, type SyncSelection, type SyncSummary } from './engine-types';
export type { Sleep } from './rate-limiter';
export { createXeroGateway, type FoundDocument, type FoundPayment, type ReadPayment, type SyncGateway, type WriteKind, type WrittenElement } from './xero-gateway';
export { plannerSettingsFor, type OrgReference } from './org-reference';
export { tenantNotChosen } from './run-prepare';
export { createXeroReader, type XeroReader, type XeroReaderDeps } from './xero-reader';
/** The run lock's files in the profile folder (a reset deletes them: main/app/profile-files.ts). */
export { LOCK_FILE, OWNER_FILE } from './run-lock';
export { adviseFailure, adviseStop, FAILURE_ADVICE, type RecordedFailure } from './failure-advice';
export { syncReadiness, type ReadinessFacts } from './sync-readiness';
