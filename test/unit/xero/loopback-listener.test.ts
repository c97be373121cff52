import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DomainError } from '../../../main/errors';
import { openLoopbackListener, parsePorts, redirectUriFor, type LoopbackListener } from '../../../main/xero/loopback-listener';

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function get(address: string, port: number, path: string, host = `localhost:${port}`): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const open: LoopbackListener[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

async function start(options: Partial<Parameters<typeof openLoopbackListener>[0]> & { ports: number[] }) {
  const listener = await openLoopbackListener({ expectedState: 'the-state', ...options });
  open.push(listener);
  return listener;
}

describe('loopback listener', () => {
  it('parses oauth.ports and builds exact localhost redirect URIs', () => {
    expect(parsePorts('47318, 47319,47320,47318')).toEqual([47318, 47319, 47320]);
    expect(redirectUriFor(47318)).toBe('http://localhost:47318/callback');
  });

  it('listens on 127.0.0.1 and ::1 only, never on other interfaces', async () => {
    const port = await freePort();
    const listener = await start({ ports: [port] });
    expect(listener.redirectUri).toBe(`http://localhost:${port}/callback`);
    expect(listener.hosts).toContain('127.0.0.1');
    for (const host of listener.hosts) expect(['127.0.0.1', '::1']).toContain(host);
    for (const host of listener.hosts) expect((await get(host, port, '/callback?state=x')).status).toBe(503); // not waiting yet
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && !info.internal && info.family === 'IPv4');
    if (external) await expect(get(external.address, port, '/callback')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('accepts exactly one callback whose state matches, hands it over, shows the outcome and closes', async () => {
    const port = await freePort();
    const listener = await start({ ports: [port], successMessage: () => 'Connected to Demo Company.' });
    const seen: string[] = [];
    const result = listener.waitFor(async (callback) => {
      seen.push(callback.code ?? '');
      return 'done';
    });
    const stray = await get('127.0.0.1', port, '/callback?state=forged&code=evil');
    expect(stray.status).toBe(400);
    expect(stray.body).toMatch(/does not belong to the connection attempt/);
    const missing = await get('127.0.0.1', port, '/callback?code=evil');
    expect(missing.status).toBe(400);
    expect(seen).toEqual([]); // the forged callbacks did not end the wait
    const good = await get(listener.hosts.includes('::1') ? '::1' : '127.0.0.1', port, '/callback?state=the-state&code=abc&scope=offline_access');
    expect(good.status).toBe(200);
    expect(good.body).toMatch(/Connected to Demo Company\./);
    expect(good.body).toMatch(/You can close this tab/);
    expect(good.headers['content-security-policy']).toMatch(/default-src 'none'/);
    await expect(result).resolves.toBe('done');
    expect(seen).toEqual(['abc']);
    await expect(get('127.0.0.1', port, '/callback?state=the-state&code=again')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('shows a handler failure in the browser and rejects with it', async () => {
    const port = await freePort();
    const listener = await start({ ports: [port] });
    const result = listener
      .waitFor(async () => {
        throw new DomainError('InvalidClientCredentials', { message: 'Xero says the Client ID or Secret is incorrect.', fix: 'Enter them again.' });
      })
      .catch((error: unknown) => error);
    const page = await get('127.0.0.1', port, '/callback?state=the-state&code=abc');
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/Client ID or Secret is incorrect/);
    expect(await result).toMatchObject({ kind: 'InvalidClientCredentials' });
  });

  it('refuses other paths, methods and Host headers (DNS rebinding)', async () => {
    const port = await freePort();
    await start({ ports: [port] });
    expect((await get('127.0.0.1', port, '/favicon.ico')).status).toBe(404);
    expect((await get('127.0.0.1', port, '/callback?state=the-state&code=x', `evil.example:${port}`)).status).toBe(421);
  });

  it('times out naming the exact redirect URI to register', async () => {
    const port = await freePort();
    const listener = await start({ ports: [port], timeoutMs: 50 });
    const error = await listener.waitFor(async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'RedirectUriNotRegistered' });
    expect((error as DomainError).fix).toContain(`http://localhost:${port}/callback`);
    await expect(get('127.0.0.1', port, '/callback')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cancels on abort and closes', async () => {
    const port = await freePort();
    const abort = new AbortController();
    const listener = await start({ ports: [port], signal: abort.signal });
    const result = listener.waitFor(async () => 'never');
    abort.abort();
    await expect(result).rejects.toMatchObject({ kind: 'ConnectCancelled' });
    await expect(get('127.0.0.1', port, '/callback')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('falls back to the next configured port when the first is taken, and names them all when none is free', async () => {
    const busy = await freePort();
    const spare = await freePort();
    const blocker = await occupy(busy);
    try {
      const listener = await start({ ports: [busy, spare] });
      expect(listener.port).toBe(spare);
      await listener.close();
      await expect(openLoopbackListener({ ports: [busy], expectedState: 's' })).rejects.toMatchObject({ kind: 'LoopbackPortsBusy' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
