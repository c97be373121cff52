/**
 * One sync run per profile, across processes: the desktop app and the CLI may share a data dir, and a second run
 * starting while the first is alive would "reconcile" batches the first is still sending.
 *
 * The lock is an operating-system file lock, not a file's existence. `sync-run.lock` is a tiny SQLite database that
 * holds nothing; the owner keeps a write transaction open on it (BEGIN IMMEDIATE) for the whole run, and anyone else
 * asking is refused at once (SQLITE_BUSY, busy timeout 0). Why not a pid file: with a pid file, "is the owner dead?"
 * and "remove its file" are two steps, so a process can delete a lock another one created in between (or read a
 * just-created, still-empty one as stale) and two runs go ahead. A kernel lock has no such gap: the kernel grants it
 * to exactly one process, and releases it the moment the owner exits for any reason — killed, crashed, power lost —
 * so crash recovery needs no stale-lock take-over at all. SQLite makes that portable (fcntl locks on Unix,
 * LockFileEx on Windows) with the library the journal already uses, and it handles two connections in one process.
 *
 * `sync-run.owner.json` only says who holds the lock, for the refusal message; it never decides anything.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { DomainError } from '../../errors';

export const LOCK_FILE = 'sync-run.lock';
export const OWNER_FILE = 'sync-run.owner.json';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Locks held by this process, so a second engine in the same process gets a plainer refusal. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const body = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof body.pid === 'number' ? { pid: body.pid, host: String(body.host ?? 'unknown'), startedAt: String(body.startedAt ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (rename), so a reader never sees half a file. */
function writeOwner(file: string, owner: LockOwner): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(owner), { mode: 0o600 });
  renameSync(temp, file);
}

export function syncAlreadyRunning(detail: string): DomainError {
  return new DomainError('SyncAlreadyRunning', {
    message: `A sync is already running for this profile (${detail}).`,
    fix: 'Wait for it to finish, or cancel it, then start the sync again.',
  });
}

/** Who holds the lock, in words. The owner file may lag a moment behind the lock (or be a dead owner's): then vaguer. */
function ownerDetail(ownerFile: string): string {
  const owner = readOwner(ownerFile);
  if (!owner || owner.pid === process.pid || !alive(owner.pid)) return 'started moments ago by another window or command';
  return `started ${owner.startedAt || 'earlier'} by the ${owner.host === 'cli' ? 'command line' : 'app'}, process ${owner.pid}`;
}

export interface RunLock {
  release(): void;
}

export function acquireRunLock(dataDir: string, host: string, now: () => string): RunLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const ownerFile = path.join(dataDir, OWNER_FILE);
  if (heldHere.has(file)) throw syncAlreadyRunning('in this window or command');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw syncAlreadyRunning(ownerDetail(ownerFile));
    throw error;
  }
  heldHere.add(file);
  try {
    writeOwner(ownerFile, { pid: process.pid, host, startedAt: now() });
  } catch {
    // Only the refusal message of another process reads it; the lock itself is held.
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      // Removed while the lock is still ours, so it can never be the next owner's file.
      if (readOwner(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}
