/**
 * The web host's socket end, with a dispatcher that misbehaves: whatever the dispatch does (throw, reject), the
 * caller gets an `internal` envelope for its id, the log names no argument value, and the socket keeps serving.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from '../../../main/ipc/dispatcher';
import { createEventBus } from '../../../main/ipc/event-bus';
import { createLogger } from '../../../main/log';
import { serveIpcSocket } from '../../../main/web-host/ipc-socket';

const SECRET_ARG = 'argument-value-that-must-not-be-logged';

let server: WebSocketServer | undefined;
let stopWatching: () => void = () => undefined;
afterEach(async () => {
  stopWatching();
  for (const ws of server?.clients ?? []) ws.terminate();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(dispatch: Dispatch) {
  const lines: string[] = [];
  const unhandled: unknown[] = [];
  // A call is never answered when the host lets a failure escape; this wakes the test on that escape instead.
  let crashed: (error: unknown) => void = () => undefined;
  const onRejection = (error: unknown) => {
    unhandled.push(error);
    crashed(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onRejection);
  stopWatching = () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onRejection);
  };
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
  server.on('connection', (ws) =>
    serveIpcSocket(ws, { dispatch, bus: createEventBus(), senderUrl: 'http://127.0.0.1/', log: createLogger((line) => lines.push(line), 'debug') }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const answers: unknown[] = [];
  const waiting: ((answer: unknown) => void)[] = [];
  client.on('message', (data) => {
    const answer: unknown = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(answer);
    else answers.push(answer);
  });
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const call = (frame: unknown) => {
    client.send(JSON.stringify(frame));
    if (answers.length > 0) return Promise.resolve(answers.shift());
    return new Promise<unknown>((resolve) => {
      waiting.push(resolve);
      crashed = (error) => resolve({ escaped: error instanceof Error ? error.message : error });
    });
  };
  const done = () => client.close();
  return { call, lines, unhandled, done };
}

describe('web host socket: a dispatch that fails is still answered', () => {
  it.each([
    ['rejects', (() => Promise.reject(new Error('dispatcher bug'))) as Dispatch],
    [
      'throws before returning a promise',
      (() => {
        throw new Error('dispatcher bug');
      }) as Dispatch,
    ],
  ])('answers internal when the dispatch %s, logs no argument value, and keeps serving', async (_label, broken) => {
    let calls = 0;
    const dispatch: Dispatch = (channel, args, sender) => {
      calls += 1;
      return calls === 1 ? broken(channel, args, sender) : Promise.resolve({ ok: true, value: { echo: 'fine' } });
    };
    const host = await serve(dispatch);
    expect(await host.call({ id: 7, channel: 'app.ping', args: { message: SECRET_ARG } })).toEqual({
      id: 7,
      envelope: { ok: false, error: { code: 'internal', message: expect.stringContaining('app.ping') } },
    });
    expect(await host.call({ id: 8, channel: 'app.ping', args: { message: 'again' } })).toEqual({ id: 8, envelope: { ok: true, value: { echo: 'fine' } } });
    expect(host.lines.join('\n')).toContain('app.ping');
    expect(host.lines.join('\n')).not.toContain(SECRET_ARG);
    expect(host.unhandled).toEqual([]);
    host.done();
  });

  it('logs a channel outside the contract by a placeholder, never by its value', async () => {
    const host = await serve(() => Promise.reject(new Error('dispatcher bug')));
    const answer = await host.call({ id: 'x1', channel: SECRET_ARG, args: {} });
    expect(answer).toMatchObject({ id: 'x1', envelope: { ok: false, error: { code: 'internal' } } });
    expect(host.lines.join('\n')).toContain('not a contract channel');
    expect(host.lines.join('\n')).not.toContain(SECRET_ARG);
    host.done();
  });
});
