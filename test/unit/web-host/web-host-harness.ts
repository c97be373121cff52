/** Helpers for the web host's specifications: a throwaway renderer dir, raw upgrade attempts, a real client socket. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../main/web-host/web-host';
import { IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../../contract/wire-protocol';
import { makeTempDir } from '../../support/temp-dir';

export const SECRET_TEXT = 'top-secret-outside-the-renderer';

/**
 * Layout: <tmp>/secret.txt (must never be served), <tmp>/renderer/{index.html, assets/app.js}, <tmp>/data.
 */
export async function startTestHost(): Promise<{ host: WebHost; port: number; dirs: { root: string; renderer: string }; cleanup(): Promise<void> }> {
  const tmp = makeTempDir('ccxa-webhost-');
  const renderer = path.join(tmp.dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>test renderer</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(tmp.dir, 'secret.txt'), SECRET_TEXT);
  const host = await startWebHost({ dataDir: path.join(tmp.dir, 'data'), port: 0, rendererDir: renderer });
  const port = Number(new URL(host.origin).port);
  return {
    host,
    port,
    dirs: { root: tmp.dir, renderer },
    cleanup: async () => {
      await host.stop();
      tmp.cleanup();
    },
  };
}

export type TestHost = Omit<Awaited<ReturnType<typeof startTestHost>>, 'cleanup'>;

/** A fresh test host for each test of the file, stopped after it; `started` receives it before the test runs. */
export function testHostPerTest(started: (test: TestHost) => void): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const { cleanup: stop, ...test } = await startTestHost();
    cleanup = stop;
    started(test);
  });
  afterEach(async () => {
    await cleanup?.();
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain GET with the exact path given (no client-side normalisation of `..`). */
export function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Attempts a WebSocket upgrade with exactly these headers; resolves 101 on success, else the refusal status. */
export function attemptUpgrade(port: number, headers: Record<string, string>, rawPath = '/ipc'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: rawPath,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

export function validUpgradeHeaders(host: WebHost): Record<string, string> {
  return {
    Host: new URL(host.origin).host,
    Origin: host.origin,
    'Sec-WebSocket-Protocol': `${IPC_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${host.token}`,
  };
}

/** A client the way the browser connects: own origin, token offered as a subprotocol. */
export interface TestClient {
  socket: WebSocket;
  call(channel: unknown, args: unknown): Promise<unknown>;
  next(): Promise<unknown>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectClient(host: WebHost): Promise<TestClient> {
  const socket = new WebSocket(`ws://${new URL(host.origin).host}/ipc`, [IPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${host.token}`], {
    origin: host.origin,
  });
  const inbox: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = () => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise<unknown>((resolve) => waiting.push(resolve)));
  let id = 0;
  return {
    socket,
    next,
    closed,
    async call(channel, args) {
      id += 1;
      socket.send(JSON.stringify({ id, channel, args }));
      return next();
    },
  };
}
