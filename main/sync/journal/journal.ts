/**
 * The sync journal: one SQLite file (`journal.sqlite` in the profile's data dir) that remembers every CourseCo
 * transaction, what Xero holds for it, every sync run and every request in flight. It is the only memory the sync
 * has, so it is opened in WAL mode (readers never block the engine's writes, and a crash loses at most the last
 * uncommitted transaction) with synchronous=NORMAL (durable at each checkpoint; WAL makes that safe).
 *
 * Every call goes through `journal-guard.ts`: a journal busy with another process's write is waited out (a long
 * import beside a sync must never end the sync), and a full disk or a damaged file become DomainErrors that say
 * what to do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { systemClock, type Clock } from '../../clock';
import { createJournalActions } from './journal-actions';
import { DEFAULT_BUSY_POLICY, journalDamaged, retryBusy, translate, writeTransaction, type BusyPolicy } from './journal-guard';
import { createJournalImporter } from './journal-import';
import { createJournalMappings } from './journal-mappings';
import { createJournalQueries } from './journal-queries';
import { createJournalRuns } from './journal-runs';
import { migrate } from './migrations';

export const JOURNAL_FILE = 'journal.sqlite';

export interface JournalDeps {
  clock?: Clock;
  /** How a busy journal is waited out (SQLite's own wait per attempt, when to give up, who to tell). */
  busy?: Partial<BusyPolicy>;
  /** Extra connection pragmas, e.g. `max_page_count = N`: tests use it to make a full disk without filling one. */
  pragmas?: readonly string[];
  /** Rows per import transaction (tests make it small to cross chunk boundaries with few rows). */
  importChunk?: number;
}

export type Journal = ReturnType<typeof buildJournal>;

/** Opens (creating and migrating as needed) the journal in a profile's data dir. */
export function openJournal(dataDir: string, deps: JournalDeps = {}): Journal {
  mkdirSync(dataDir, { recursive: true });
  return openJournalFile(path.join(dataDir, JOURNAL_FILE), deps);
}

/**
 * Opens a journal file, or `:memory:` for tests. A damaged file is refused before anything is written to it: the
 * integrity check and everything before it only read.
 */
export function openJournalFile(file: string, deps: JournalDeps = {}): Journal {
  const policy: BusyPolicy = { ...DEFAULT_BUSY_POLICY, ...deps.busy };
  // Opened again from the start when busy: another process is creating or migrating the journal this instant.
  return retryBusy(file, policy, () => {
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(policy.busyTimeoutMs))}`);
      for (const pragma of deps.pragmas ?? []) db.pragma(pragma);
      checkIntact(db, file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      return buildJournal(db, file, deps.clock ?? systemClock, policy, deps.importChunk);
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/**
 * SQLite's structural check, before anything is written: a file cut short or scrambled past its first page opens
 * without complaint and fails only later, mid-import or mid-sync. It reads the whole file (about 250 ms for a journal
 * of 100,000 rows, a few milliseconds for a typical one), once per process.
 */
function checkIntact(db: Database.Database, file: string): void {
  const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw journalDamaged(file, new Error(problems.slice(0, 3).join('; ')));
}

/** Every function of the journal, waiting out a busy journal and saying what went wrong in words. */
function guarded<T extends Record<string, unknown>>(db: Database.Database, file: string, policy: BusyPolicy, methods: T): T {
  const inTransaction = () => db.inTransaction;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    out[name] = typeof value === 'function' ? (...args: unknown[]) => retryBusy(file, policy, () => (value as (...a: unknown[]) => unknown)(...args), inTransaction) : value;
  }
  return out as T;
}

/** Calls that write in several transactions of their own (the importer's chunks): translated, not retried whole. */
function translated<T extends Record<string, unknown>>(file: string, methods: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    out[name] = (...args: unknown[]) => {
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        throw translate(error, file);
      }
    };
  }
  return out as T;
}

function buildJournal(db: Database.Database, file: string, clock: Clock, policy: BusyPolicy, importChunk: number | undefined) {
  const now = () => new Date(clock.now()).toISOString();
  const schema = migrate(db, now);
  const chunk = <T>(body: () => T): T => retryBusy(file, policy, () => writeTransaction(db, body), () => db.inTransaction);
  return {
    path: file,
    schemaVersion: () => schema.to,
    /** What opening this journal did to its schema (from → to); from = 0 for a new file. */
    migrated: schema,
    ...translated(file, createJournalImporter(db, now, chunk, importChunk)),
    ...guarded(db, file, policy, {
      ...createJournalQueries(db),
      ...createJournalActions(db, now),
      ...createJournalRuns(db, clock),
      ...createJournalMappings(db, now),
    }),
    close: () => db.close(),
  };
}
