import type { CourseCoTransaction } from '../../main/courseco/types';
import type { JournalEntry } from '../../main/sync/journal';

/** A journal entry as the planner receives it for a transaction just imported and never sent. */
export function readyEntry(transaction: CourseCoTransaction, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    transaction,
    status: 'ready',
    contentHash: 'a'.repeat(64),
    syncedHash: null,
    approvedHash: null,
    xero: { contactId: null, invoiceId: null, creditNoteId: null, number: null },
    payments: [],
    ...extra,
  };
}
