/**
 * When a built file is older than what it is built from: the web host's renderer and the services worker's bundle
 * are rebuilt on demand, so a developer never runs yesterday's build after an edit.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time under a file or folder (0 when it does not exist). */
export function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The newest of the given sources, named relative to the repository root. */
export function newestSource(sources: readonly string[]): number {
  return Math.max(...sources.map((source) => newestMtime(path.join(REPO_ROOT, source))));
}
