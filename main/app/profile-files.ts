/**
 * The files the app writes in a profile's data folder, and the one safe way to delete them (Settings → Reset).
 *
 * A profile folder can be any folder (`--data-dir`, COURSECO_XERO_DATA_DIR), even one the person keeps other things
 * in, so a reset deletes only what the app itself creates there, by name, and leaves everything else (reported, so
 * the page can say so). Only direct children of the folder are considered, a symbolic link is removed as a link and
 * never followed, and the folder itself stays. A file a feature starts writing must be named here, or a reset leaves
 * it behind (test/unit/settings/profile-reset.test.ts resets a profile that has synced and expects an empty folder).
 */
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SCHEDULE_STATE_FILE } from '../schedule/scheduler';
import { LAST_GOOD_FILE, SETTINGS_FILE } from '../settings/settings-store';
import { JOURNAL_FILE } from '../sync/journal';
import { LOCK_FILE, OWNER_FILE } from '../sync/run';
import { FACTS_FILE } from '../wizard/wizard-facts';
import { LAST_SIGN_IN_FILE } from '../xero/last-sign-in';
import { sampleProfileDir } from '../paths';

/** The sample profile's practice Xero keeps its state and its port here (main/app/profiles.ts). */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';
export const SANDBOX_PORT_FILE = 'sandbox-port.json';
export const ACTIVE_PROFILE_FILE = 'active-profile.json';

const EXACT = new Set([
  SETTINGS_FILE,
  LAST_GOOD_FILE,
  JOURNAL_FILE,
  // SQLite's companions of the journal (write-ahead log, shared memory, rollback journal).
  `${JOURNAL_FILE}-wal`,
  `${JOURNAL_FILE}-shm`,
  `${JOURNAL_FILE}-journal`,
  LOCK_FILE,
  `${LOCK_FILE}-journal`,
  OWNER_FILE,
  FACTS_FILE,
  LAST_SIGN_IN_FILE,
  SCHEDULE_STATE_FILE,
  SANDBOX_STATE_FILE,
  SANDBOX_PORT_FILE,
  ACTIVE_PROFILE_FILE,
]);

/** Settings set aside by a repair (settings-store.ts). */
const SET_ASIDE = /^settings\.damaged-[\w-]+\.json$/;
/** A temporary file of an atomic write left by a crash: `<name>.<pid>.tmp` (json-file.ts, run-lock.ts, the sandbox). */
const TEMP_OF = /^(.+)\.\d+\.tmp$/;

export function isAppFile(name: string): boolean {
  const temp = TEMP_OF.exec(name);
  return EXACT.has(name) || SET_ASIDE.test(name) || (temp !== null && EXACT.has(temp[1]!));
}

export interface ClearOutcome {
  removed: string[];
  left: string[];
}

/**
 * Deletes the app's own files from `dataDir` (not the folder). `keep` names children to leave alone silently: the
 * own profile keeps the sample profile's folder (a profile of its own) and `exports` (files the person saved).
 */
export function clearProfileFolder(dataDir: string, keep: readonly string[] = []): ClearOutcome {
  const folder = path.resolve(dataDir);
  refuseUnsafeFolder(folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed: [], left: [] };
    throw error;
  }
  const removed: string[] = [];
  const left: string[] = [];
  for (const name of names.sort()) {
    if (keep.includes(name)) continue;
    const target = path.join(folder, name);
    // readdir gives plain names; this only guards against a name that would still step outside.
    if (path.dirname(target) !== folder) continue;
    if (!isAppFile(name) || lstatSync(target).isDirectory()) {
      left.push(name);
      continue;
    }
    // rmSync looks at the entry itself (lstat): a link is unlinked, its target untouched.
    rmSync(target, { force: true });
    removed.push(name);
  }
  return { removed, left };
}

/** Children the own profile's reset never deletes: the sample profile and what the person exported. */
export function ownProfileKeeps(dataDir: string): string[] {
  return [path.basename(sampleProfileDir(dataDir)), 'exports'];
}

/** A filesystem root or a relative path is never a profile folder, whatever a setting says. */
function refuseUnsafeFolder(folder: string): void {
  if (!path.isAbsolute(folder) || path.parse(folder).root === folder) {
    throw new Error(`Refusing to reset ${folder}: it is not a profile folder.`);
  }
}
