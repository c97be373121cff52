#!/usr/bin/env node
/**
 * `npm test` (all), `npm run test:unit`, `npm run test:e2e`, `npm run test:soak`, and `npm run bench [names…]`
 * (the benchmarks sign in to the sandbox, so they need the same throwaway keychain).
 *
 * Sets up its own prerequisites: Chromium for the E2E tests, and a real Secret Service (gnome-keyring under a private
 * dbus session) so keychain tests exercise the real keychain without touching the user's own. Missing system packages
 * are installed when we are root on Debian/Ubuntu, otherwise we stop with one line naming what to install.
 *
 * Ends with a plain "N passed, N failed" line summing every vitest run, and exits non-zero if any step failed.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'all';
const inner = process.argv.includes('--inner');
const MODES = ['all', 'unit', 'e2e', 'soak', 'bench'];
/** What follows the mode (bench names to run), passed through the keychain's re-run. */
const passThrough = process.argv.slice(3).filter((arg) => arg !== '--inner');

if (!MODES.includes(mode)) {
  console.error(`run-tests: unknown mode "${mode}" (expected one of ${MODES.join(', ')})`);
  process.exit(2);
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function missingPackages() {
  if (process.platform !== 'linux') return [];
  const missing = [];
  if (mode !== 'unit' && !existsSync(CHROMIUM)) missing.push('chromium');
  // pdftoppm and pdfinfo: the close pack's E2E checks the printed PDF and turns its pages into images to look at.
  if ((mode === 'e2e' || mode === 'all') && !has('pdftoppm')) missing.push('poppler-utils');
  if (!has('gnome-keyring-daemon')) missing.push('gnome-keyring');
  if (!has('dbus-run-session')) missing.push('dbus');
  return missing;
}

function ensurePrerequisites() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`run-tests: missing system packages: ${missing.join(' ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`);
    process.exit(1);
  }
  console.error(`run-tests: installing ${missing.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || missingPackages().length > 0) {
    console.error(`run-tests: could not install ${missingPackages().join(' ')}; install them by hand and run again.`);
    process.exit(1);
  }
}

/**
 * Re-runs this script inside a private dbus session with its own gnome-keyring (Linux only). The keyring's files and
 * control socket live in a throwaway XDG_DATA_HOME / XDG_RUNTIME_DIR, so the tests never open, unlock or write the
 * user's own login keyring, and two test runs on one machine never share (and race on) one keyring file.
 */
function reexecWithKeyring() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ccxa-keyring-'));
  const runtimeDir = path.join(scratch, 'run');
  mkdirSync(runtimeDir, { mode: 0o700 });
  mkdirSync(path.join(scratch, 'data'));
  const env = { ...process.env, XDG_RUNTIME_DIR: runtimeDir, XDG_DATA_HOME: path.join(scratch, 'data') };
  const extra = passThrough.map((arg) => JSON.stringify(arg)).join(' ');
  const self = `node ${JSON.stringify(fileURLToPath(import.meta.url))} ${mode} ${extra} --inner`;
  const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ${self}`;
  const child = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], { stdio: 'inherit', cwd: root, env });
  rmSync(scratch, { recursive: true, force: true });
  process.exit(child.status ?? 1);
}

function run(label, command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    console.log(`\n▶ ${label}`);
    const started = Date.now();
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...extraEnv } });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? '✔' : '✘'} ${label} (${seconds} s)`);
      resolve(code === 0);
    });
  });
}

/** Like run, for a step that runs beside others: its output is held and printed in one piece when it ends. */
function runQuietly(label, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`\n▶ ${label}`);
      if (output.length > 0) process.stdout.write(Buffer.concat(output));
      console.log(`${code === 0 ? '✔' : '✘'} ${label} (${seconds} s)`);
      resolve(code === 0);
    });
  });
}

function vitestCounts(reportFile) {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: report.numPendingTests ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function main() {
  const resultsDir = path.join(root, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const steps = [];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let allOk = true;

  const vitest = async (label, config, reportName) => {
    const reportFile = path.join(resultsDir, reportName);
    rmSync(reportFile, { force: true });
    const ok = await run(label, npx, ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile=${reportFile}`]);
    const counts = vitestCounts(reportFile);
    totals.passed += counts.passed;
    totals.failed += counts.failed + (ok || counts.failed > 0 ? 0 : 1);
    totals.skipped += counts.skipped;
    return ok;
  };

  // A failing check that is not a test runner counts as one failure in the closing line.
  const check = (label, command, args) => async () => {
    const ok = await runQuietly(label, command, args);
    if (!ok) totals.failed += 1;
    return ok;
  };
  // The checks are single-threaded tools: two lanes side by side keep both cores busy (about 40 s instead of 75 s on
  // two cores). The tests themselves run after them, never beside them, so a spec's waits never compete with tsc.
  const lanes = (...lanesOfChecks) => async () => {
    const results = await Promise.all(
      lanesOfChecks.map(async (lane) => {
        let ok = true;
        for (const step of lane) if (!(await step())) ok = false;
        return ok;
      }),
    );
    return results.every(Boolean);
  };
  if (mode === 'bench') {
    // Benchmarks print their own table; no pass/fail line of tests here.
    const ok = await run('benchmarks (bench/run.ts)', npx, ['tsx', 'bench/run.ts', ...passThrough]);
    process.exit(ok ? 0 : 1);
  }
  const buildRenderer = check('build renderer (vite)', npx, ['vite', 'build', '--logLevel', 'warn']);
  if (mode === 'all') {
    steps.push(
      lanes(
        [
          check('typecheck main, preload, sandbox, tests (tsc --noEmit)', npx, ['tsc', '-p', 'tsconfig.json']),
          check('Electron security audit (Electronegativity; reviewed findings in security/)', process.execPath, ['scripts/security-audit.mjs']),
          buildRenderer,
        ],
        [
          check('typecheck renderer and E2E (tsc --noEmit)', npx, ['tsc', '-p', 'tsconfig.renderer.json']),
          check('lint (eslint)', npx, ['eslint', '.', '--max-warnings=0']),
        ],
      ),
    );
  }
  if (mode === 'all' || mode === 'unit') steps.push(() => vitest('unit tests (vitest)', 'vitest.config.ts', 'vitest-unit.json'));
  if (mode === 'soak') steps.push(() => vitest('reliability soak (20 crash trials of 2,000 transactions; faults at 10%)', 'vitest.soak.config.ts', 'vitest-soak.json'));
  if (mode === 'e2e') steps.push(buildRenderer);
  if (mode === 'all' || mode === 'e2e') steps.push(() => vitest('E2E tests (Playwright + Chromium on the web host)', 'vitest.e2e.config.ts', 'vitest-e2e.json'));

  for (const step of steps) {
    if (!(await step())) allOk = false;
  }

  console.log('');
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(allOk ? 0 : 1);
}

if (!inner) {
  ensurePrerequisites();
  if (process.platform === 'linux') reexecWithKeyring();
}
await main();
