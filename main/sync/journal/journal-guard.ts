/**
 * What can go wrong underneath the journal, turned into something a person can act on, and the one way the journal
 * writes a transaction.
 *   busy     another process (the CLI beside the app, an import beside a sync) holds the write lock: wait and try
 *            again, so a long import never kills a running sync; give up only after many minutes, in words
 *   full     SQLITE_FULL: "Not enough disk space in <folder>"; the transaction is rolled back whole
 *   damaged  SQLITE_CORRUPT / SQLITE_NOTADB: "the journal at <path> is damaged; it was not changed", and what to do
 */
import path from 'node:path';
import type Database from 'libsql';
import { DomainError } from '../../errors';

export interface BusyPolicy {
  /** How long SQLite itself waits for another process's write lock, per attempt. */
  busyTimeoutMs: number;
  /** How long in all a call keeps trying before it gives up. */
  giveUpAfterMs: number;
  /** Told before each retry, with how long the call has waited so far. */
  onBusy?: ((waitedMs: number) => void) | undefined;
}

export const DEFAULT_BUSY_POLICY: BusyPolicy = { busyTimeoutMs: 5000, giveUpAfterMs: 10 * 60_000 };

const sqliteCode = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');
const isBusy = (error: unknown) => sqliteCode(error).startsWith('SQLITE_BUSY');

export function journalDamaged(file: string, cause: unknown): DomainError {
  return new DomainError('JournalDamaged', {
    message: `The sync journal at ${file} is damaged and cannot be read (${(cause as Error).message}); it was not changed.`,
    fix:
      `Close the app, move ${path.basename(file)} (and ${path.basename(file)}-wal and ${path.basename(file)}-shm if they are there) out of ` +
      `${path.dirname(file)} to keep a copy, then import your CourseCo exports again. Transactions with a CourseCo invoice or ` +
      'credit-note number are recognised in Xero and linked, not sent twice; ones Xero numbered itself would be sent again, ' +
      'so exclude those already in Xero before you sync.',
    evidence: sqliteCode(cause),
    cause,
  });
}

export function diskFull(file: string, cause: unknown): DomainError {
  return new DomainError('DiskFull', {
    message: `Not enough disk space in ${path.dirname(file)} to write to the sync journal: the last change was not saved, and nothing was half-written.`,
    fix: 'Free some space on that disk (empty the bin, move large files elsewhere), then do it again.',
    evidence: sqliteCode(cause),
    cause,
  });
}

function journalBusy(file: string, waitedMs: number, cause: unknown): DomainError {
  return new DomainError('JournalBusy', {
    message: `The sync journal at ${file} stayed busy for ${Math.round(waitedMs / 60_000)} minutes: another program keeps writing to it.`,
    fix: 'Let the other import or sync finish (or close the program that has the journal open), then try again.',
    cause,
  });
}

/** SQLite's failures the user can act on, as DomainErrors; anything else unchanged. */
export function translate(error: unknown, file: string): unknown {
  switch (sqliteCode(error)) {
    case 'SQLITE_FULL':
      return diskFull(file, error);
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return journalDamaged(file, error);
    default:
      return error;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** The journal's API is synchronous, as SQLite's own busy wait is: a blocking pause between attempts. */
const sleepSync = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/**
 * Runs `attempt` until it does not find the journal busy. Safe because every journal call either writes in one
 * statement or in one transaction (`writeTransaction`): a busy answer means nothing of it was written. Inside an open
 * transaction a retry could not help (the transaction itself must be restarted), so it is not tried there.
 */
export function retryBusy<T>(file: string, policy: BusyPolicy, attempt: () => T, inTransaction: () => boolean = () => false): T {
  const began = performance.now();
  for (let retry = 0; ; retry++) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || inTransaction()) throw translate(error, file);
      // Measured, not added up: SQLITE_BUSY_SNAPSHOT and _RECOVERY come back at once, without SQLite's own wait.
      const waited = Math.round(performance.now() - began);
      if (waited >= policy.giveUpAfterMs) throw journalBusy(file, waited, error);
      policy.onBusy?.(waited);
      sleepSync(Math.min(1000, 25 * 2 ** retry));
    }
  }
}

/**
 * BEGIN IMMEDIATE … COMMIT, rolled back whole on any error. Unlike the driver's own `transaction()`, it keeps the
 * error that happened: on SQLITE_FULL SQLite has already rolled back by itself, and the driver's ROLLBACK then threw
 * "cannot rollback - no transaction is active" in place of the disk-full error.
 */
export function writeTransaction<T>(db: Database.Database, body: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The first error is the one that says what happened.
      }
    }
    throw error;
  }
}
