/**
 * Frame fuzz: hostile *frames* over a real, authenticated web-host socket (the argument fuzz in ipc-fuzz.test.ts sends
 * well-formed calls with bad arguments; this one breaks the call itself). Every frame has one expected outcome, known
 * from the wire protocol alone: a frame with a usable id is answered with a typed envelope for that id; anything else
 * (not JSON, not an object, no usable id, binary) closes only that socket. The test waits for that outcome or for a
 * crash signal (an unhandled rejection or uncaught exception in this process), never for a clock.
 * Afterwards the host still answers a valid call and nothing leaked onto Object.prototype.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channels, type ChannelName } from '../../../contract/contract';
import { pick, seededRandom } from '../../support/seeded-random';
import { connectClient, startTestHost, type TestClient } from '../web-host/web-host-harness';

const SEED = 1717;
const FRAMES = 500;

/** Channels whose handlers only read local state: the fuzz must not sign in, import, sync or reach Xero. */
const LOCAL_CHANNELS: ChannelName[] = ['app.info', 'app.ping', 'settings.get', 'connection.status', 'credentials.status', 'transactions.counts'];

type Expectation = { kind: 'answer'; id: number | string; channel: unknown; args: unknown } | { kind: 'close'; code: 1003 | 1008 };
interface Frame {
  label: string;
  data: string | Buffer;
  expect: Expectation;
}

const deep = (depth: number, open: string, close: string, core = '1') => open.repeat(depth) + core + close.repeat(depth);

/** JSON texts that must never be taken for a channel name. Getters and functions cannot cross JSON; see dispatcher.test.ts. */
function hostileChannelJson(random: () => number): string {
  return pick(random, [
    '{"toString":"x"}',
    '{"valueOf":"x"}',
    '{"toString":{},"valueOf":{}}',
    '{"toString":"app.ping","valueOf":"app.ping"}',
    '{"__proto__":{"toString":"x"}}',
    '{"__proto__":null}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"length":1000000000}',
    '[]',
    '["app.ping"]',
    '[{"toString":"x"}]',
    '42',
    '-0',
    '1e400',
    'true',
    'null',
    '{}',
    '"__proto__"',
    '"constructor"',
    '"toString"',
    '"valueOf"',
    '"hasOwnProperty"',
    '"app.__proto__"',
    '"app.ping\\u0000"',
    '"APP.PING"',
    '""',
    JSON.stringify('x'.repeat(1 + Math.floor(random() * 2_000_000))),
    deep(10_000 + Math.floor(random() * 90_000), '[', ']'),
    deep(10_000 + Math.floor(random() * 90_000), '{"a":', '}'),
  ]);
}

/** Arguments for a real channel: prototype-pollution keys, wrong types, depth and length. */
function hostileArgsJson(random: () => number): string {
  return pick(random, [
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"message":"x","__proto__":{"polluted":1}}',
    '{"__proto__":{"__proto__":{"polluted":1}}}',
    '{"prototype":{"polluted":1},"constructor":"Object"}',
    '{"message":{"toString":"x"}}',
    '{"message":["x"]}',
    '{"toString":"x","valueOf":"y"}',
    'null',
    '[]',
    '[{"message":"x"}]',
    '"args"',
    '0',
    'false',
    '{}',
    '{"message":"fine"}',
    JSON.stringify({ message: 'x'.repeat(1 + Math.floor(random() * 1_000_000)) }),
    deep(10_000 + Math.floor(random() * 90_000), '[', ']'),
    deep(10_000 + Math.floor(random() * 90_000), '{"message":', '}', '"x"'),
  ]);
}

/** Ids the protocol does not accept: the host cannot answer them, so it closes the socket. */
function badIdJson(random: () => number): string {
  return pick(random, ['null', 'true', '-1', '1.5', '1e400', '9007199254740993', '""', JSON.stringify('i'.repeat(65)), '{}', '[1]', '{"toString":"1"}', deep(50_000, '[', ']')]);
}

function notACall(random: () => number): string {
  return pick(random, [
    '',
    ' ',
    'not json at all',
    '{',
    '}{',
    '{"id":1,"channel":"app.ping","args":{}',
    '\u0000',
    '\ud800',
    'null',
    'true',
    '0',
    '"a string"',
    '[]',
    '[1,"app.ping",{}]',
    '{}',
    '{"channel":"app.ping","args":{}}',
    '{"id":1,"channel":"app.ping"}',
    '{"id":1}',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    deep(200_000, '[', ']'),
    'x'.repeat(1 + Math.floor(random() * 2_000_000)),
  ]);
}

function randomBytes(random: () => number): Buffer {
  return Buffer.from(Array.from({ length: Math.floor(random() * 256) }, () => Math.floor(random() * 256)));
}

function makeFrame(random: () => number, n: number): Frame {
  const id = random() < 0.5 ? n : `f-${n}`;
  const roll = random();
  if (roll < 0.35) {
    const channelJson = hostileChannelJson(random);
    return {
      label: `hostile channel ${channelJson.slice(0, 60)}`,
      data: `{"id":${JSON.stringify(id)},"channel":${channelJson},"args":{}}`,
      expect: { kind: 'answer', id, channel: JSON.parse(channelJson), args: {} },
    };
  }
  if (roll < 0.65) {
    const channel = pick(random, LOCAL_CHANNELS);
    const argsJson = hostileArgsJson(random);
    return {
      label: `${channel} with args ${argsJson.slice(0, 60)}`,
      data: `{"id":${JSON.stringify(id)},"channel":${JSON.stringify(channel)},"args":${argsJson}}`,
      expect: { kind: 'answer', id, channel, args: JSON.parse(argsJson) },
    };
  }
  if (roll < 0.75) {
    const idJson = badIdJson(random);
    return { label: `bad id ${idJson.slice(0, 60)}`, data: `{"id":${idJson},"channel":"app.ping","args":{"message":"x"}}`, expect: { kind: 'close', code: 1008 } };
  }
  if (roll < 0.92) {
    const text = notACall(random);
    return { label: `not a call ${JSON.stringify(text.slice(0, 60))}`, data: text, expect: { kind: 'close', code: 1008 } };
  }
  return { label: 'binary frame', data: randomBytes(random), expect: { kind: 'close', code: 1003 } };
}

/** Resolves with the reason the moment this process reports an unhandled rejection or uncaught exception. */
function watchForCrashes() {
  const seen: string[] = [];
  let wake: (reason: string) => void = () => undefined;
  const crashed = () => new Promise<string>((resolve) => (seen.length > 0 ? resolve(seen[0]!) : (wake = resolve)));
  const record = (kind: string) => (error: unknown) => {
    const reason = `${kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`;
    seen.push(reason);
    wake(reason);
  };
  const onRejection = record('unhandled rejection');
  const onException = record('uncaught exception');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    crashed,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

type Message = { id?: unknown; event?: unknown; envelope?: { ok: boolean; value?: unknown; error?: { code: string; message: string } } };

/** The next message that is not a bus event, or the socket's close, or a crash: whichever comes first. */
async function nextOutcome(client: TestClient, crashed: Promise<string>): Promise<{ message: Message } | { closed: number } | { crash: string }> {
  for (;;) {
    const outcome = await Promise.race([
      client.next().then((message) => ({ message: message as Message })),
      client.closed.then(({ code }) => ({ closed: code })),
      crashed.then((crash) => ({ crash })),
    ]);
    if ('message' in outcome && outcome.message.event !== undefined) continue;
    return outcome;
  }
}

describe('IPC frame fuzz through the web host (real authenticated socket)', () => {
  let harness: Awaited<ReturnType<typeof startTestHost>>;
  let crashes: ReturnType<typeof watchForCrashes>;
  beforeAll(async () => {
    harness = await startTestHost();
  });
  afterAll(async () => {
    await harness.cleanup();
  });
  beforeEach(() => {
    crashes = watchForCrashes();
  });
  afterEach(() => crashes.stop());

  it('answers the frame from issue 17 (a channel that is an object with a non-function toString) and keeps serving', async () => {
    const client = await connectClient(harness.host);
    client.socket.send('{"id":2,"channel":{"toString":"x"},"args":{}}');
    const outcome = await nextOutcome(client, crashes.crashed());
    expect(outcome).toMatchObject({ message: { id: 2, envelope: { ok: false, error: { code: 'unknown-channel' } } } });
    expect(await client.call('app.ping', { message: 'still here' })).toMatchObject({ envelope: { ok: true, value: { echo: 'still here' } } });
    client.socket.close();
  });

  it(`survives ${FRAMES} hostile frames, each refused in the way the protocol says, with no crash and no pollution`, async () => {
    const random = seededRandom(SEED);
    const tally = { answered: 0, closed: 0, reconnects: 0 };
    let client = await connectClient(harness.host);
    for (let n = 1; n <= FRAMES; n += 1) {
      const frame = makeFrame(random, n);
      const where = `seed ${SEED}, frame ${n}: ${frame.label}`;
      client.socket.send(frame.data, { binary: Buffer.isBuffer(frame.data) });
      const outcome = await nextOutcome(client, crashes.crashed());
      expect(outcome, where).not.toHaveProperty('crash');
      if (frame.expect.kind === 'close') {
        expect(outcome, where).toEqual({ closed: frame.expect.code });
        tally.closed += 1;
        client = await connectClient(harness.host);
        tally.reconnects += 1;
        continue;
      }
      expect(outcome, where).toHaveProperty('message');
      const { id, envelope } = (outcome as { message: Message }).message;
      expect(id, where).toBe(frame.expect.id);
      tally.answered += 1;
      const { channel, args } = frame.expect;
      if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(channels, channel)) {
        expect(envelope, where).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
        // The refusal never echoes an unbounded value back.
        expect(envelope!.error!.message.length, where).toBeLessThan(200);
        continue;
      }
      const valid = channels[channel as ChannelName].args.safeParse(args ?? {}).success;
      if (valid) expect(envelope, where).toMatchObject({ ok: true });
      else expect(envelope, where).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    expect(crashes.seen).toEqual([]);
    expect(tally.answered + tally.closed).toBe(FRAMES);
    expect(tally.answered).toBeGreaterThan(FRAMES / 2);
    expect(tally.closed).toBeGreaterThan(FRAMES / 5);

    const again = await connectClient(harness.host);
    expect(await again.call('app.ping', { message: 'after the fuzz' })).toMatchObject({ envelope: { ok: true, value: { echo: 'after the fuzz' } } });
    again.socket.close();
    client.socket.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
