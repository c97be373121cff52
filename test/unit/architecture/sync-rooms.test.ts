/**
 * The sync's rooms (main/sync/journal, import, plan, run) meet only at their doors: a file in one room imports
 * another room only through that room's `index.ts`, and so does everything outside main/sync. The one exception is
 * the sync's own unit tests (test/unit/sync), which test a room's inner files (migrations, the rate limiter, the run
 * lock) directly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SYNC = path.join('main', 'sync');
const ROOMS = ['journal', 'import', 'plan', 'run', 'reconcile'] as const;
const SOURCE = /\.(ts|tsx|mts|cts|mjs|js)$/;

function sourceFiles(dir: string): string[] {
  const absolute = path.join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .filter((entry) => !entry.parentPath.split(path.sep).includes('node_modules'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** Relative imports of a file (static, re-exports, `import()`, `require()`), resolved to paths from the repo root. */
function importTargets(file: string, source = readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)).replace(/\.(ts|js|mts|mjs)$/, ''));
}

const roomOf = (target: string): string | undefined => {
  const parts = target.split(path.sep);
  return parts[0] === 'main' && parts[1] === 'sync' && (ROOMS as readonly string[]).includes(parts[2] ?? '') ? parts[2] : undefined;
};

/** A path into main/sync that is not a room's door: a room's inner file, or a file beside the rooms. */
function pastTheDoor(target: string): boolean {
  const parts = target.split(path.sep);
  if (parts[0] !== 'main' || parts[1] !== 'sync' || parts.length < 3) return false;
  if (!roomOf(target)) return true;
  return !(parts.length === 3 || (parts.length === 4 && parts[3] === 'index'));
}

/** Imports of `file` that reach into a room other than its own past that room's index. */
function offences(file: string, source?: string): string[] {
  const own = roomOf(file);
  return importTargets(file, source)
    .filter((target) => pastTheDoor(target) && !(own !== undefined && roomOf(target) === own))
    .map((target) => `${file} → ${target}`);
}

describe('the room-door detector', () => {
  it('sees a reach past a door and lets a door or an own-room import through', () => {
    const runFile = path.join(SYNC, 'run', 'sample.ts');
    expect(offences(runFile, "import type { Journal } from '../journal/journal';")).toHaveLength(1);
    expect(offences(runFile, "export { planSync } from '../plan/planner';")).toHaveLength(1);
    expect(offences(runFile, "const j = await import('../journal/journal-types');")).toHaveLength(1);
    expect(offences(runFile, "import { openJournal } from '../journal';")).toEqual([]);
    expect(offences(runFile, "import { openJournal } from '../journal/index';")).toEqual([]);
    expect(offences(runFile, "import { read } from './engine-calls';")).toEqual([]);
    const outside = path.join('main', 'app', 'sample.ts');
    expect(offences(outside, "import { createSyncEngine } from '../sync/run/engine';")).toHaveLength(1);
    expect(offences(outside, "import { createSyncEngine } from '../sync/run';")).toEqual([]);
  });
});

describe('the sync rooms', () => {
  it('each has an index.ts, its public face', () => {
    for (const room of ROOMS) expect(existsSync(path.join(ROOT, SYNC, room, 'index.ts')), room).toBe(true);
  });

  it('nothing lies in main/sync beside the rooms but the README', () => {
    const loose = readdirSync(path.join(ROOT, SYNC)).filter((name) => name !== 'README.md' && !(ROOMS as readonly string[]).includes(name));
    expect(loose).toEqual([]);
  });

  it('a room imports another room only through its index', () => {
    const files = sourceFiles(SYNC);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => offences(file))).toEqual([]);
  });

  it('code outside main/sync (but the sync unit tests) imports the rooms only through their indexes', () => {
    const ownTests = path.join('test', 'unit', 'sync') + path.sep;
    const files = ['main', 'sandbox', 'contract', 'bench', 'test', 'scripts']
      .flatMap((dir) => sourceFiles(dir))
      .filter((file) => !file.startsWith(SYNC + path.sep) && !file.startsWith(ownTests));
    expect(files.some((file) => file.startsWith(path.join('main', 'app')))).toBe(true);
    expect(files.flatMap((file) => offences(file))).toEqual([]);
  });
});
