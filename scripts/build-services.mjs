#!/usr/bin/env node
/**
 * Bundles the services process's entry (main/services-process/services-entry.ts) into one ESM file: the desktop app's
 * utility process (dist/electron/services.mjs, via build-electron.mjs) and the web host's worker thread
 * (dist/services/services.mjs, built on demand by main/services-process/services-bundle.ts). One file loads in a
 * fraction of the time the same modules take through a TypeScript loader, and the worker starts once per host.
 *
 *   node scripts/build-services.mjs --out FILE
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Native modules and packages that find files relative to themselves stay in node_modules, loaded at run time. */
export const SERVICES_EXTERNALS = ['libsql', '@napi-rs/keyring', 'xero-node', 'openid-client', 'axios', 'conf'];

// Bundled CommonJS code may call require() for Node built-ins; an ESM bundle has no require unless we make one.
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export async function buildServices(outfile) {
  await build({
    entryPoints: ['main/services-process/services-entry.ts'],
    outfile,
    bundle: true,
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: 'linked',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: SERVICES_EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--out');
  const out = index >= 0 ? process.argv[index + 1] : undefined;
  if (!out) {
    console.error('Usage: node scripts/build-services.mjs --out FILE');
    process.exit(2);
  }
  buildServices(path.resolve(out)).catch((error) => {
    console.error(`Services build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
