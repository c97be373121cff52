/**
 * Makes sure a built renderer exists before the web host serves it. `npm run web` and the E2E support both call
 * this, so a developer who edits a component and reruns either one never looks at yesterday's build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestSource, REPO_ROOT } from '../source-freshness';

export { REPO_ROOT };
export const DEFAULT_RENDERER_DIR = 'dist/renderer';

export function resolveRendererDir(dir: string = DEFAULT_RENDERER_DIR): string {
  return path.resolve(REPO_ROOT, dir);
}

/** Everything the renderer bundle is built from: its own sources, the contract it imports, and the build config. */
const SOURCES = ['renderer', 'contract', 'vite.config.ts'];

export function rendererBuildState(rendererDir = resolveRendererDir()): 'missing' | 'stale' | 'fresh' {
  const index = path.join(rendererDir, 'index.html');
  if (!existsSync(index)) return 'missing';
  return newestSource(SOURCES) > statSync(index).mtimeMs ? 'stale' : 'fresh';
}

/** Runs `vite build` in a child process (keeps the caller's module graph clean); throws with vite's output on failure. */
export function buildRenderer(): void {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stderr || result.stdout || String(result.error)}`);
  }
}

/** Builds the default renderer when it is missing (or, with `rebuildWhenStale`, older than its sources). */
export function ensureRendererBuilt(options: { rebuildWhenStale: boolean }): 'built' | 'fresh' {
  const state = rendererBuildState();
  if (state === 'fresh' || (state === 'stale' && !options.rebuildWhenStale)) return 'fresh';
  buildRenderer();
  return 'built';
}
