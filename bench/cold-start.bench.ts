/**
 * Web-host cold start to an interactive wizard: from spawning `node bin/web-host.mjs` (a new process, fresh data dir,
 * renderer already built) to the host printing its URL, and on to the Setup page in Chromium with its first control
 * enabled and focusable. Chromium is started beforehand: its own start-up is not the app's. Median of several runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../main/web-host/renderer-build';
import { launchChromium } from '../test/e2e/support/chromium';
import type { BenchResult } from './run';

const RUNS = 5;
const HOST_TARGET_MS = 2000;
const INTERACTIVE_TARGET_MS = 3000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Spawns the web host and resolves with its URL once it says it is ready. */
function startHostProcess(dataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/web-host.mjs'), '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Web host ready: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${out}`)));
  });
}

export default async function coldStart(): Promise<BenchResult[]> {
  ensureRendererBuilt({ rebuildWhenStale: true });
  const browser = await launchChromium();
  const hostTimes: number[] = [];
  const interactiveTimes: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ccxa-bench-cold-'));
      const started = performance.now();
      const host = await startHostProcess(dataDir);
      hostTimes.push(performance.now() - started);
      const page = await browser.newPage();
      try {
        await page.goto(host.url);
        // Interactive: the first button of the Setup page can take focus.
        const first = page.getByRole('main').getByRole('button').first();
        await first.waitFor({ state: 'visible', timeout: 30_000 });
        await first.focus();
        interactiveTimes.push(performance.now() - started);
      } finally {
        await page.close();
        host.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const host = median(hostTimes);
  const interactive = median(interactiveTimes);
  return [
    { name: 'web host process start to "ready" (median)', value: host, unit: 'ms', target: `≤ ${HOST_TARGET_MS} ms`, pass: host <= HOST_TARGET_MS },
    {
      name: 'web host start to interactive Setup page in Chromium (median)',
      value: interactive,
      unit: 'ms',
      target: `≤ ${INTERACTIVE_TARGET_MS} ms`,
      pass: interactive <= INTERACTIVE_TARGET_MS,
    },
  ];
}
