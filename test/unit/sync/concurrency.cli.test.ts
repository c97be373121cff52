/**
 * Two processes on one profile, as happens when cron runs the CLI while the app is open: two syncs started at the
 * same moment, and a large import while a sync runs. Each run ends in words (a sync's JSON, or "already running"),
 * never with "database is locked", and every document is in Xero exactly once. `npm run test:soak` runs the same
 * spec bigger (test/soak/concurrency.soak.ts sets the sizes).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExport } from '../../../bench/import.bench';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness, type Workload } from './engine-support';
import { CLI_BIN } from '../../support/cli-bin';

const ROUNDS = Number(process.env.CCXA_CONCURRENT_ROUNDS ?? 2);
const PER_ROUND = Number(process.env.CCXA_CONCURRENT_TRANSACTIONS ?? 30);
const IMPORT_ROWS = Number(process.env.CCXA_CONCURRENT_IMPORT_ROWS ?? 20_000);
const TIMEOUT = Number(process.env.CCXA_CONCURRENT_TIMEOUT_MS ?? 180_000);

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A CLI child; `started` resolves at its first progress line (a sync) or at once (anything else). */
function cli(h: EngineHarness, args: string[]): { started: Promise<void>; ended: Promise<Ended> } {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', h.dataDir, '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
    if (line.startsWith('sync: ')) markStarted();
  });
  const ended = new Promise<Ended>((resolve) =>
    child.on('exit', (code) => {
      markStarted();
      resolve({ code, stdout, stderr });
    }),
  );
  return { started, ended };
}

/**
 * A sync to its end. A child that found no sign-in in the keychain (it made no call to Xero) is started again: under
 * load the Linux keyring binding sometimes falls back to its in-kernel store for a whole process (see crash.kill).
 */
async function syncToEnd(h: EngineHarness): Promise<Ended> {
  for (let attempt = 1; ; attempt++) {
    const done = await cli(h, ['sync', '--all']).ended;
    if (attempt < 4 && done.code === 1 && /not connected to Xero/.test(done.stderr)) continue;
    return done;
  }
}

const completed = (run: Ended) => {
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ failed: 0, failures: [], outcome: 'completed' });
};

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngineHarness();
  // Answers take a little while, so the two processes overlap for real.
  await h.fault({ kind: 'latency', latencyMs: 10, path: '/api.xro/2.0/*' });
});
afterAll(async () => {
  await h?.stop();
});

describe('two processes on one profile', () => {
  const all: Workload[] = [];

  it(`two syncs started together: each completes or says a sync is already running, never "database is locked" (${ROUNDS} rounds of ${PER_ROUND})`, { timeout: TIMEOUT }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const w = workload(`T${round}-`, PER_ROUND, { contacts: Math.max(4, Math.round(PER_ROUND / 5)), creditEvery: 10 });
      all.push(w);
      h.put(w.transactions, w.payments);
      const runs = await Promise.all([cli(h, ['sync', '--all']).ended, cli(h, ['sync', '--all']).ended]);
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/database is locked|SqliteError/);
        if (run.code === 0) expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'completed' });
        else if (!/not connected to Xero/.test(run.stderr)) expect(run.stderr).toMatch(/A sync is already running for this profile/);
      }
      // Whatever ran, one more run finds nothing left, and Xero holds each document once.
      completed(await syncToEnd(h));
      expectExactlyOnce(h, all);
    }
  });

  it(`an import of ${IMPORT_ROWS.toLocaleString('en')} rows while a sync runs: both end normally, every document once`, { timeout: TIMEOUT }, async () => {
    const w = workload('I', PER_ROUND * 2, { contacts: Math.max(4, Math.round(PER_ROUND / 4)), creditEvery: 10 });
    all.push(w);
    h.put(w.transactions, w.payments);
    const file = path.join(h.dataDir, 'large-export.csv');
    writeFileSync(file, generateExport(IMPORT_ROWS));

    const sync = cli(h, ['sync', '--all', '--batch-size', '5']);
    await sync.started;
    const imported = await cli(h, ['import', file]).ended;
    const synced = await sync.ended;

    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'transactions', updated: 0, changed: 0 });
    expect(synced.stderr).not.toMatch(/database is locked|SqliteError/);
    if (!/not connected to Xero/.test(synced.stderr)) completed(synced);
    else completed(await syncToEnd(h));
    expectExactlyOnce(h, all);
  });
});
