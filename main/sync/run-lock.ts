/**
 * One sync run per profile, across processes: the desktop app and the CLI may share a data dir, and a second run
 * starting while the first is alive would "reconcile" batches the first is still sending. The lock is a file
 * (`sync.lock`, created exclusively) naming the owner's pid; a lock whose process is gone (killed, crashed) is
 * stale and taken over — that is exactly the case crash recovery exists for.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors';

export const LOCK_FILE = 'sync.lock';

interface LockBody {
  pid: number;
  host: string;
  startedAt: string;
}

/** Locks held by this process, so a second engine in the same process is refused too. */
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

function readLock(file: string): LockBody | undefined {
  try {
    const body = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockBody>;
    return typeof body.pid === 'number' ? { pid: body.pid, host: String(body.host ?? 'unknown'), startedAt: String(body.startedAt ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

export function syncAlreadyRunning(detail: string): DomainError {
  return new DomainError('SyncAlreadyRunning', {
    message: `A sync is already running for this profile (${detail}).`,
    fix: 'Wait for it to finish, or cancel it, then start the sync again.',
  });
}

export interface RunLock {
  release(): void;
}

export function acquireRunLock(dataDir: string, host: string, now: () => string): RunLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) throw syncAlreadyRunning('in this window or command');
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && alive(owner.pid)) {
        throw syncAlreadyRunning(`started ${owner.startedAt || 'earlier'} by the ${owner.host === 'cli' ? 'command line' : 'app'}, process ${owner.pid}`);
      }
      // The owner died (or the file is half-written by a process that died): a stale lock.
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host, startedAt: now() } satisfies LockBody));
    } finally {
      closeSync(fd);
    }
    heldHere.add(file);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        heldHere.delete(file);
        const owner = readLock(file);
        if (!owner || owner.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw syncAlreadyRunning('another process keeps taking the lock');
}
