/**
 * The sync lock across processes: two processes that ask for it at the same instant, many times over, and exactly
 * one of them gets it every time; a lock whose owner was killed is taken over, also when two processes race for it.
 * The contenders are child processes (`support/lock-contender.mjs`) released together by a shared barrier (a file
 * they spin on); the winner holds the lock until both have answered, so "exactly one" never depends on timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../../main/sync/run/run-lock';
import { makeTempDir } from '../../support/temp-dir';

const CONTENDER = path.resolve('test/unit/sync/support/lock-contender.mjs');
// `npm run test:soak` raises it; a round costs a few milliseconds.
const ROUNDS = Number(process.env.CCXA_LOCK_ROUNDS ?? 150);

interface Contender {
  child: ChildProcess;
  send(line: string): void;
  next(): Promise<string>;
  exited: Promise<void>;
}

function contender(dataDir: string): Contender {
  const child = spawn(process.execPath, [CONTENDER, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const taker = waiting.shift();
    if (taker) taker(line);
    else lines.push(line);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    send: (line) => child.stdin!.write(`${line}\n`),
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    exited,
  };
}

let temp: { dir: string; cleanup(): void };
let running: Contender[] = [];
beforeEach(() => {
  temp = makeTempDir('ccxa-lock-');
});
afterEach(async () => {
  for (const c of running) {
    c.child.kill('SIGKILL');
    await c.exited;
  }
  running = [];
  temp.cleanup();
});

async function started(count: number): Promise<Contender[]> {
  const list = Array.from({ length: count }, () => contender(temp.dir));
  running.push(...list);
  for (const c of list) expect(await c.next()).toBe('up');
  return list;
}

/** Both contenders spin on one file; creating it lets them go together. Returns their answers. */
async function raceOnce(pair: Contender[], round: string): Promise<string[]> {
  const go = path.join(temp.dir, `go-${round}`);
  for (const c of pair) c.send(`arm ${go}`);
  for (const c of pair) expect(await c.next()).toBe('armed');
  writeFileSync(go, '');
  return Promise.all(pair.map((c) => c.next()));
}

/** A process that takes the lock and is then killed with SIGKILL: the lock it leaves has a dead owner. */
async function crashedOwner(): Promise<void> {
  const [owner] = await started(1);
  owner!.send('hold-and-die');
  expect(await owner!.next()).toBe('holding');
  owner!.child.kill('SIGKILL');
  await owner!.exited;
  running = running.filter((c) => c !== owner);
}

describe('sync lock across processes', () => {
  it(`two processes asking at the same instant: exactly one gets it, ${ROUNDS} rounds in a row`, { timeout: 120_000 }, async () => {
    const pair = await started(2);
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await raceOnce(pair, String(round));
      const won = answers.flatMap((a, i) => (a === 'acquired' ? [i] : []));
      expect(won, `round ${round}: ${answers.join(' / ')}`).toHaveLength(1);
      expect(answers[1 - won[0]!], `round ${round}`).toBe('refused SyncAlreadyRunning');
      pair[won[0]!]!.send('release');
      expect(await pair[won[0]!]!.next()).toBe('released');
    }
  });

  it('a lock left by a killed process is taken over, and by exactly one of two processes racing for it', { timeout: 120_000 }, async () => {
    await crashedOwner();
    const lock = acquireRunLock(temp.dir, 'cli', () => new Date().toISOString());
    lock.release();

    const pair = await started(2);
    const rounds = Math.max(4, Math.round(ROUNDS / 25));
    for (let round = 0; round < rounds; round++) {
      await crashedOwner();
      const answers = await raceOnce(pair, `stale-${round}`);
      const won = answers.flatMap((a, i) => (a === 'acquired' ? [i] : []));
      expect(won, `round ${round}: ${answers.join(' / ')}`).toHaveLength(1);
      pair[won[0]!]!.send('release');
      expect(await pair[won[0]!]!.next()).toBe('released');
    }
  });

  it('a live owner in another process is named in the refusal', { timeout: 60_000 }, async () => {
    const [owner] = await started(1);
    owner!.send('hold-and-die');
    expect(await owner!.next()).toBe('holding');
    expect(() => acquireRunLock(temp.dir, 'electron', () => new Date().toISOString())).toThrow(
      new RegExp(`already running for this profile \\(started .* by the command line, process ${owner!.child.pid}\\)`),
    );
  });
});
