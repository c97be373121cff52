/**
 * A sync while another process writes to the journal for longer than the sync's busy timeout (a large import, in
 * the issue): the sync waits it out and ends normally, every document in Xero exactly once. Deterministic: the
 * writer (a worker thread with its own connection, as another process would have) takes the write lock in the
 * middle of the run, just as the first batch leaves, and lets go only after the sync has said it is waiting — so
 * the sync has certainly met a lock held past its busy timeout, however fast or slow the machine is.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../main/sync/journal';
import type { SyncGateway } from '../../../main/sync/run';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness } from './engine-support';

const WRITER = path.resolve('test/unit/sync/support/journal-writer.mjs');

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('a sync beside a long write by another process', () => {
  it('waits for the journal instead of failing with "database is locked", and ends with every document once', async () => {
    const w = workload('B', 40, { contacts: 8, creditEvery: 10 });
    h.put(w.transactions, w.payments);

    const signal = new SharedArrayBuffer(8);
    const flags = new Int32Array(signal);
    let writer: Worker | undefined;
    let writerDone: Promise<void> | undefined;
    const waits: number[] = [];
    const journal: Journal = openJournal(h.dataDir, {
      clock: { now: () => h.sandbox.now() },
      // Far shorter than the default 5 s so the spec is quick; the writer holds on regardless of it.
      busy: {
        busyTimeoutMs: 50,
        onBusy: (waitedMs) => {
          waits.push(waitedMs);
          Atomics.store(flags, 0, 1);
          Atomics.notify(flags, 0);
        },
      },
    });
    // When the first batch leaves, the writer takes the lock: the answer's journal writes meet it.
    const lockOnFirstWrite = (gateway: SyncGateway): SyncGateway => ({
      ...gateway,
      write: (kind, payloads, options) => {
        if (!writer) {
          writer = new Worker(WRITER, { workerData: { file: journal.path, signal } });
          writerDone = new Promise((resolve, reject) => {
            writer!.on('exit', () => resolve());
            writer!.on('error', reject);
          });
          Atomics.wait(flags, 1, 0);
        }
        return gateway.write(kind, payloads, options);
      },
    });
    try {
      const summary = await h.engine({}, lockOnFirstWrite, () => journal).run({ all: true });
      expect(summary, JSON.stringify(summary.failures).slice(0, 1000)).toMatchObject({ outcome: 'completed', synced: 40, failed: 0 });
    } finally {
      // Never leave the writer blocked, whatever happened.
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
      await writerDone;
      journal.close();
    }
    expect(waits.length).toBeGreaterThan(0);
    expectExactlyOnce(h, [w]);
    // The writer's own row is in too: its transaction committed whole once the sync had waited.
    expect(h.journal().savedMapping(['held'])).toMatchObject({ kind: 'transactions' });
  });
});
