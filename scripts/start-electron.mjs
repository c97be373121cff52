#!/usr/bin/env node
/**
 * `npm start`: build the renderer and the Electron bundles, then open the desktop app. Arguments after `--` go to the
 * app (e.g. `npm start -- --data-dir=/tmp/profile`).
 *
 * The Electron binary is downloaded by the `electron` package's install script; where that download is blocked the
 * package is present but the binary is not. We check for it ourselves instead of `require('electron')`, which would
 * try to download it again and end in a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_PACKAGE_DIR = path.join(REPO_ROOT, 'node_modules', 'electron');

/** Same lookup as node_modules/electron/index.js (path.txt + dist/, or ELECTRON_OVERRIDE_DIST_PATH), minus the download. */
export function findElectronBinary(packageDir = ELECTRON_PACKAGE_DIR, env = process.env) {
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  return binary && existsSync(binary) ? binary : undefined;
}

export const MISSING_BINARY_MESSAGE =
  'The Electron binary is not installed on this machine, so the desktop window cannot open: ' +
  'on a machine that can reach Electron\'s GitHub releases run `node node_modules/electron/install.js`, then `npm start` again. ' +
  'Without it, `npm run web` (the app in your browser) and `npx courseco-xero demo` still work.';

function fail(message) {
  console.error(message);
  process.exit(1);
}

function buildRenderer() {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('The renderer build (vite build) failed; see the output above.');
}

function launch(binary, appArgs) {
  const child = spawn(binary, [REPO_ROOT, ...appArgs], { cwd: REPO_ROOT, stdio: 'inherit', windowsHide: false });
  // Ctrl-C reaches the whole process group; forwarding keeps Electron's own shutdown path in charge either way.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => fail(`Electron could not be started: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const binary = findElectronBinary();
  if (!binary) fail(MISSING_BINARY_MESSAGE);
  buildRenderer();
  try {
    await buildElectron();
  } catch (error) {
    fail(`The Electron build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  launch(binary, process.argv.slice(2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
