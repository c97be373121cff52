#!/usr/bin/env node
/**
 * `npm start`: build the renderer and the Electron bundles, then open the desktop app. Arguments after `--` go to the
 * app (e.g. `npm start -- --data-dir=/tmp/profile`).
 *
 * Electron 45's package has no install script: it downloads its binary on first use. We do that step ourselves, once,
 * with the package's own `install.js`, so a blocked download ends in one line that says what to do instead of the
 * stack trace `require('electron')` would print. ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt.
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

export function missingBinaryMessage(reason) {
  return (
    `The Electron binary is not installed on this machine${reason ? ` (download failed: ${reason})` : ''}, so the desktop window cannot open: ` +
    "on a machine that can reach Electron's GitHub releases, `npm start` downloads it (or run `node node_modules/electron/install.js`). " +
    'Without it, `npm run web` (the app in your browser) and `npx courseco-xero demo` still work.'
  );
}

/** The first line that names an error in install.js's output, e.g. "RequestError: getaddrinfo ENOTFOUND github.com". */
function downloadFailureReason(output) {
  const line = output.split('\n').find((text) => /error/i.test(text) && !/^\s+at /.test(text)) ?? output.split('\n')[0] ?? '';
  return line.trim().slice(0, 160) || 'no reason given';
}

/** Runs the electron package's own installer; says "downloading" only if it takes long enough to be a real download. */
function downloadElectronBinary(packageDir = ELECTRON_PACKAGE_DIR) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const notice = setTimeout(() => console.error('Downloading the Electron binary (first start only)...'), 1500);
    const finish = (ok, reason) => {
      clearTimeout(notice);
      resolve({ ok, reason });
    };
    child.on('error', (error) => finish(false, error.message));
    child.on('close', (code) => finish(code === 0, code === 0 ? undefined : downloadFailureReason(output)));
  });
}

async function ensureElectronBinary() {
  const present = findElectronBinary();
  if (present) return present;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) fail(missingBinaryMessage());
  const download = await downloadElectronBinary();
  const binary = findElectronBinary();
  if (!binary) fail(missingBinaryMessage(download.reason));
  return binary;
}

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
  const binary = await ensureElectronBinary();
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
