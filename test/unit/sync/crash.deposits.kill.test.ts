/**
 * Deposits survive kill -9 (issue 13 part 7): the CLI syncs with deposits on in a child process and is killed while
 * a PUT /BatchPayments is in flight (the sandbox holds that request, saves it, and answers a process that is gone),
 * then resumed. Xero must hold every payment exactly once, inside exactly one deposit per day and method, and the
 * journal must point at exactly those payments.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';
import { expectExactlyOnce, killWhenHeldWriteTaken, startEngineHarness, workload, type EngineHarness, type Workload } from './engine-support';

const TRIALS = 3;
const HOLD_MS = 250;
const EVERY_ANSWER = { kind: 'latency', latencyMs: 5, path: '/api.xro/2.0/*' } as const;

let h: EngineHarness;
let state: { dir: string; cleanup(): void };

beforeAll(async () => {
  state = makeTempDir('ccxa-crash-deposits-');
  h = await startEngineHarness({ stateFile: path.join(state.dir, 'sandbox.json') });
  h.services.settings.set('xero.batchDeposits', 'on');
});
afterAll(async () => {
  await h?.stop();
  state?.cleanup();
});

function startSync() {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', h.dataDir, '--json', 'sync', '--all'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, exit };
}

/** A run to its end; a child that found no sign-in in the keychain made no call to Xero and is started again. */
async function resume(): Promise<{ code: number | null; stderr: string }> {
  for (let attempt = 1; ; attempt++) {
    const done = await startSync().exit;
    if (attempt < 4 && done.code === 1 && /not connected to Xero/.test(done.stderr)) continue;
    return done;
  }
}

describe('deposits survive kill -9 during PUT /BatchPayments', () => {
  it(`${TRIALS} trials: killed with a deposit in flight, resumed, every payment once in one deposit per day and method`, { timeout: 300_000 }, async () => {
    const all: Workload[] = [];
    let killed = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const w = workload(`KD${trial}-`, 15, { contacts: 5, date: '2026-09-01' });
      // Each trial's payments on days of their own, so each trial makes its own deposits.
      for (const p of w.payments) p.date = p.date.replace('2026-09-', `2026-${String(10 + trial)}-`);
      all.push(w);
      h.put(w.transactions, w.payments);
      h.sandbox.clearFaults();
      h.sandbox.addFault({ kind: 'latency', latencyMs: HOLD_MS, method: 'PUT', path: '/api.xro/2.0/BatchPayments', count: 1 });
      h.sandbox.addFault(EVERY_ANSWER);
      if (await killWhenHeldWriteTaken(startSync(), h.sandbox, HOLD_MS)) killed++;
      // Let the held request finish in the sandbox (it saves the deposit and answers nobody).
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
      h.sandbox.clearFaults();
      // Resumed after Xero has forgotten the request's Idempotency-Key (6 minutes): the same key would otherwise
      // simply replay the first answer, and only reading Xero can tell what the killed run left there.
      h.sandbox.advanceClock(7 * 60);
      const done = await resume();
      expect(done.code, done.stderr).toBe(0);
      expectExactlyOnce(h, all);
    }
    expect(killed).toBe(TRIALS);
    // One deposit per trial, day and method: Card on day 05 and EFT on day 10 of each trial's month.
    const batches = new Map<string, number>();
    for (const p of h.org().Payments) if (typeof p.BatchPaymentID === 'string' && p.Status !== 'DELETED') batches.set(p.BatchPaymentID, (batches.get(p.BatchPaymentID) ?? 0) + 1);
    expect(batches.size).toBe(TRIALS * 2);
    expect([...batches.values()].reduce((a, b) => a + b, 0)).toBe(all.reduce((n, w) => n + w.payments.length, 0));
  });
});
