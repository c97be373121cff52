/**
 * The services process dies mid-sync (terminated the way a crash ends it, while an invoice write is in flight): the
 * window's side fails the call in flight with words a person can act on, starts the services again, says so with an
 * event, and the sync started again finishes with every invoice, credit note and payment in Xero exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../contract/contract';
import { ForwardedFailure } from '../../../main/ipc/dispatcher';
import { createLogger } from '../../../main/log';
import { createServicesClient, type RemoteServices } from '../../../main/services-process/services-client';
import { spawnServicesWorker } from '../../../main/services-process/worker-thread';
import { expectExactlyOnce, startEngineHarness, workload, type EngineHarness } from '../sync/engine-support';

const HOLD_MS = 250;
let h: EngineHarness;
let client: RemoteServices | undefined;
const logLines: string[] = [];

beforeAll(async () => {
  h = await startEngineHarness({ appClock: 'real' });
});
afterAll(async () => {
  await client?.dispose();
  await h?.stop();
});

/** Resolves with the first event of that name the window's side re-emits. */
function nextEvent(services: RemoteServices, name: EventName): Promise<unknown> {
  return new Promise((resolve) => {
    const detach = services.bus.attach((event, payload) => {
      if (event === name) {
        detach();
        resolve(payload);
      }
    });
  });
}

describe('the services process dies mid-sync', () => {
  it('is started again, the window is told, and the sync started again puts every document in Xero exactly once', { timeout: 120_000 }, async () => {
    const w = workload('R', 40, { creditEvery: 9 });
    h.put(w.transactions, w.payments);
    // The profile was prepared on this thread; from here on only the services process opens it.
    await h.services.dispose();
    client = createServicesClient({
      options: { host: 'web', dataDir: h.dataDir, logLevel: 'warn', capabilities: [], versions: { node: process.versions.node } },
      spawn: spawnServicesWorker,
      log: createLogger((line) => logLines.push(line), 'info'),
    });
    const handlers = client.handlers;

    // The next invoice write is held in the sandbox; the services die the moment the sandbox has taken it.
    h.sandbox.addFault({ kind: 'latency', latencyMs: HOLD_MS, method: 'PUT', path: '/api.xro/2.0/Invoices', count: 1 });
    const restarted = nextEvent(client, 'app.servicesRestarted');
    const first = Promise.resolve(handlers['sync.run']({ all: true })).then(
      () => 'finished',
      (error: unknown) => error,
    );
    while (h.sandbox.faults().some((f) => f.kind === 'latency' && f.latencyMs === HOLD_MS)) await new Promise((resolve) => setTimeout(resolve, 1));
    client.kill();

    const failure = await first;
    expect(failure).toBeInstanceOf(ForwardedFailure);
    expect((failure as ForwardedFailure).info).toMatchObject({ code: 'domain', kind: 'ServicesRestarted', fix: expect.stringMatching(/carries on from where it stopped/) });
    expect(await restarted).toMatchObject({ restarts: 1 });
    expect(client.restarts()).toBe(1);
    expect(logLines.join('\n')).toMatch(/the services process stopped unexpectedly/);

    const second = await handlers['sync.run']({ all: true });
    expect(second).toMatchObject({ outcome: 'completed' });
    const { runs } = await handlers['sync.runs']({});
    expect(runs.map((run) => run.outcome)).toEqual(['completed', 'interrupted']);

    await client.dispose();
    client = undefined;
    expectExactlyOnce(h, [w]);
  });
});
