/**
 * Vitest global setup: bundles main/cli/main.ts with esbuild into dist/test-cli/ and names it in CCXA_TEST_CLI for the
 * workers (see cli-bin.ts). Packages stay external, so the bundle loads the repo's own node_modules (native modules
 * included); it sits two folders below the root, as dist/electron does, so the paths the app finds from its own file
 * (REPO_ROOT, the sample data) resolve as they do from the sources. Written under a unique name and renamed into place,
 * so two suites starting together never run a half-written bundle.
 */
import { renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';
import { ensureServicesBundle } from '../../main/services-process/services-bundle';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(): Promise<void> {
  // The services worker's bundle too (web host and desktop-app specs start one), built once rather than per worker.
  ensureServicesBundle();
  // Set by hand (e.g. CCXA_TEST_CLI=bin/courseco-xero.mjs), it wins: the specs then spawn that entry point instead.
  if (process.env.CCXA_TEST_CLI) {
    process.env.CCXA_TEST_CLI = path.resolve(ROOT, process.env.CCXA_TEST_CLI);
    return;
  }
  const outDir = path.join(ROOT, 'dist', 'test-cli');
  const target = path.join(outDir, 'courseco-xero.mjs');
  const partial = path.join(outDir, `courseco-xero.${process.pid}.partial.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'main', 'cli', 'main.ts')],
    outfile: partial,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  renameSync(partial, target);
  process.env.CCXA_TEST_CLI = target;
}
