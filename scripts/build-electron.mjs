#!/usr/bin/env node
/**
 * Bundles the Electron side: main (ESM, for Electron's Node), the preload (one CommonJS file, because a sandboxed
 * preload can `require` only Electron's own modules), the services process (build-services.mjs) and the CLI the
 * installed app runs for `--run` (cli.mjs). The renderer is
 * built separately by vite into dist/renderer.
 *
 *   node scripts/build-electron.mjs [--out-dir DIR]     (default dist/electron)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildServices, ESM_REQUIRE_BANNER, SERVICES_EXTERNALS } from './build-services.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Loaded from node_modules at run time, never bundled: Electron itself, native modules (their .node binaries must
 * sit beside their JS), and packages that locate files relative to themselves or are ESM-only with their own deps.
 */
export const MAIN_EXTERNALS = ['electron', 'electron-updater', 'libsql', '@napi-rs/keyring', 'xero-node', 'openid-client', 'axios', 'conf'];


export async function buildElectron(outDir = path.join(REPO_ROOT, 'dist', 'electron')) {
  const common = { bundle: true, absWorkingDir: REPO_ROOT, logLevel: 'warning', legalComments: 'none', sourcemap: 'linked' };
  await build({
    ...common,
    entryPoints: ['main/shell/main.ts'],
    outfile: path.join(outDir, 'main.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: MAIN_EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
  });
  await build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: path.join(outDir, 'preload.cjs'),
    // The sandboxed preload runs in a renderer: browser semantics, Chromium's JS, `require('electron')` only.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    // Parsed on every window load; zod and the contract are most of it.
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // The services process (utilityProcess.fork): the journal, imports, planning, sync and the sample sandbox.
  await buildServices(path.join(outDir, 'services.mjs'));
  // The installed app's command line (`--run sync`): the CLI program, run in a utility process by the shell.
  await build({
    ...common,
    entryPoints: ['main/cli/installed-entry.ts'],
    outfile: path.join(outDir, 'cli.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: SERVICES_EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
  });
  return { main: path.join(outDir, 'main.mjs'), preload: path.join(outDir, 'preload.cjs'), services: path.join(outDir, 'services.mjs'), cli: path.join(outDir, 'cli.mjs') };
}

function outDirArgument(argv) {
  const index = argv.indexOf('--out-dir');
  return index >= 0 && argv[index + 1] ? path.resolve(argv[index + 1]) : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron(outDirArgument(process.argv.slice(2))).then(
    (out) => console.log(`Built ${[out.main, out.preload, out.services, out.cli].map((file) => path.relative(process.cwd(), file)).join(', ')}`),
    (error) => {
      console.error(`Electron build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
