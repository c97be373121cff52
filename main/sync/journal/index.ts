/**
 * The journal room's public face: open a journal, the `Journal` interface, and the journal's vocabulary. Other rooms
 * and the rest of main import the journal only from here.
 */
export { JOURNAL_FILE, openJournal, openJournalFile, type Journal, type JournalDeps } from './journal';
export { documentIds, type DocumentIds } from './journal-actions';
export type { AllocationRecord, PlannedAllocation } from './journal-allocations';
export type { ImportMeta } from './journal-import';
export type { CachedDocumentQuery, DocumentLink } from './journal-reconcile';
export type { JournalResend } from './journal-resend';
export type { SavedMapping } from './journal-mappings';
export type { FinishRun, NewIntent, StartRun } from './journal-runs';
export * from './journal-types';
