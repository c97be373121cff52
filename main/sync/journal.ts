/**
 * The sync journal: one SQLite file (`journal.sqlite` in the profile's data dir) that remembers every CourseCo
 * transaction, what Xero holds for it, every sync run and every request in flight. It is the only memory the sync
 * has, so it is opened in WAL mode (readers never block the engine's writes, and a crash loses at most the last
 * uncommitted transaction) with synchronous=NORMAL (durable at each checkpoint; WAL makes that safe).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { systemClock, type Clock } from '../clock';
import { createJournalActions } from './journal-actions';
import { createJournalImporter } from './journal-import';
import { createJournalMappings } from './journal-mappings';
import { createJournalQueries } from './journal-queries';
import { createJournalRuns } from './journal-runs';
import { migrate } from './migrations';

export const JOURNAL_FILE = 'journal.sqlite';

export interface JournalDeps {
  clock?: Clock;
}

export type Journal = ReturnType<typeof buildJournal>;

/** Opens (creating and migrating as needed) the journal in a profile's data dir. */
export function openJournal(dataDir: string, deps: JournalDeps = {}): Journal {
  mkdirSync(dataDir, { recursive: true });
  return openJournalFile(path.join(dataDir, JOURNAL_FILE), deps);
}

/** Opens a journal file, or `:memory:` for tests. */
export function openJournalFile(file: string, deps: JournalDeps = {}): Journal {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Another process (the CLI beside the app) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    return buildJournal(db, file, deps.clock ?? systemClock);
  } catch (error) {
    db.close();
    throw error;
  }
}

function buildJournal(db: Database.Database, file: string, clock: Clock) {
  const now = () => new Date(clock.now()).toISOString();
  const schema = migrate(db, now);
  return {
    path: file,
    schemaVersion: () => schema.to,
    /** What opening this journal did to its schema (from → to); from = 0 for a new file. */
    migrated: schema,
    ...createJournalImporter(db, now),
    ...createJournalQueries(db),
    ...createJournalActions(db, now),
    ...createJournalRuns(db, clock),
    ...createJournalMappings(db, now),
    close: () => db.close(),
  };
}
