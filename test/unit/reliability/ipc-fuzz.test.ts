/**
 * IPC fuzz: random payloads on every contract channel. Each payload the channel's schema refuses must come back as
 * `invalid-arguments` without its handler ever running; nothing may throw out of the dispatcher; and the web host keeps
 * serving after a burst of garbage, including frames that are not JSON at all.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../contract/contract';
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatcher';
import { pick, seededRandom } from '../../support/seeded-random';
import { connectClient, startTestHost } from '../web-host/web-host-harness';

const SEED = 4242;
const PER_CHANNEL = 150;

function randomValue(random: () => number, depth = 0): unknown {
  const kinds = ['null', 'undefined', 'bool', 'int', 'float', 'nan', 'string', 'long-string', 'array', 'object', 'proto'] as const;
  const kind = pick(random, depth > 2 ? kinds.slice(0, 8) : kinds);
  switch (kind) {
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'bool':
      return random() < 0.5;
    case 'int':
      return pick(random, [0, -1, 1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER]);
    case 'float':
      return pick(random, [0.5, -1e308, 1e-9, Infinity, -Infinity]);
    case 'nan':
      return Number.NaN;
    case 'string':
      return pick(random, ['', ' ', 'x', '../../etc/passwd', '<script>alert(1)</script>', '\u0000', 'DROP TABLE transactions;', 'ABCDEF0123456789ABCDEF0123456789']);
    case 'long-string':
      return 'A'.repeat(1 + Math.floor(random() * 300_000));
    case 'array':
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    case 'object': {
      const keys = ['message', 'key', 'value', 'ids', 'transactionIds', 'clientId', 'clientSecret', 'tenant', 'tenantId', 'revoke', 'all', 'status', 'limit', 'x'];
      const entries = Array.from({ length: Math.floor(random() * 4) }, () => [pick(random, keys), randomValue(random, depth + 1)] as const);
      return Object.fromEntries(entries);
    }
    case 'proto':
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown;
  }
}

describe('IPC fuzz through the dispatcher (every channel)', () => {
  it('refuses every payload its schema refuses, before any handler runs, and never throws', async () => {
    const spies = Object.fromEntries(channelNames.map((name) => [name, vi.fn(() => undefined)])) as unknown as Record<ChannelName, ReturnType<typeof vi.fn>>;
    const dispatch = createDispatcher({ handlers: spies as unknown as Handlers, isTrustedSender: () => true });
    const random = seededRandom(SEED);
    let refused = 0;
    for (const channel of channelNames) {
      for (let n = 0; n < PER_CHANNEL; n += 1) {
        const payload = randomValue(random);
        const valid = channels[channel].args.safeParse(payload ?? {}).success;
        const envelope = await dispatch(channel, payload, 'app://assistant/index.html');
        if (valid) continue;
        refused += 1;
        expect(envelope, `${channel} with ${JSON.stringify(payload)?.slice(0, 120)}`).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      }
    }
    // Valid-by-chance payloads may reach handlers; refused ones never do: total handler calls = valid payloads.
    const handlerCalls = channelNames.reduce((sum, name) => sum + spies[name].mock.calls.length, 0);
    expect(handlerCalls).toBe(channelNames.length * PER_CHANNEL - refused);
    expect(refused).toBeGreaterThan(channelNames.length * PER_CHANNEL * 0.8);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown and hostile channel names', async () => {
    const dispatch = createDispatcher({ handlers: {} as Handlers, isTrustedSender: () => true });
    for (const name of ['__proto__', 'constructor', 'toString', 'app', '', 42, null, {}, 'app.ping.extra', 'hasOwnProperty']) {
      expect(await dispatch(name, {}, 'app://assistant/')).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});

describe('IPC fuzz through the web host (real services)', () => {
  let harness: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    harness = await startTestHost();
  });
  afterAll(async () => {
    await harness.cleanup();
  });

  it('answers random calls with typed errors and keeps serving; garbage frames close only that socket', async () => {
    const random = seededRandom(SEED + 1);
    const client = await connectClient(harness.host);
    // Local, side-effect-free channels only: the fuzz must not sign in, import, sync or reach out to Xero.
    const local: string[] = ['app.info', 'app.ping', 'settings.get', 'connection.status', 'credentials.status', 'connection.redirectUris', 'transactions.list', 'transactions.counts'];
    const readOnly = channelNames.filter((name) => local.includes(name));
    expect(readOnly.length).toBeGreaterThanOrEqual(6);
    for (let n = 0; n < 300; n += 1) {
      const channel = pick(random, [...readOnly, 'nope.nothing', '__proto__']);
      const payload = randomValue(random);
      // `args: undefined` would vanish from the JSON and make the frame a protocol violation (the host closes the
      // socket for that, which the garbage-frame step below covers); null keeps it a call.
      client.socket.send(JSON.stringify({ id: n + 1, channel, args: payload ?? null }));
      let answer: { id?: number; envelope: { ok: boolean; error?: { code: string } } };
      // Events pushed meanwhile (e.g. connection.changed) are skipped: we want this call's answer.
      do answer = (await client.next()) as typeof answer;
      while (answer.id !== n + 1);
      if (!answer.envelope.ok) expect(['invalid-arguments', 'unknown-channel', 'domain']).toContain(answer.envelope.error!.code);
    }
    client.socket.send('this is not json {');
    expect((await client.closed).code).toBe(1008);

    const again = await connectClient(harness.host);
    expect(await again.call('app.ping', { message: 'still here' })).toMatchObject({ envelope: { ok: true, value: { echo: 'still here' } } });
    again.socket.close();
  });
});
