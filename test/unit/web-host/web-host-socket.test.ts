import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../../contract/wire-protocol';
import { startWebHost, type WebHost } from '../../../main/web-host/web-host';
import { attemptUpgrade, connectClient, startTestHost, testHostPerTest, validUpgradeHeaders } from './web-host-harness';

let host: WebHost;
let port: number;
let dirs: { root: string; renderer: string };

testHostPerTest((test) => ({ host, port, dirs } = test));

describe('web host: who may open the IPC socket', () => {
  it('accepts its own origin, host and token, answering with the protocol name and never echoing the token', async () => {
    expect(await attemptUpgrade(port, validUpgradeHeaders(host))).toBe(101);
    const client = await connectClient(host);
    expect(client.socket.protocol).toBe(IPC_SUBPROTOCOL);
    client.socket.close();
  });

  it('refuses a foreign Origin with 403', async () => {
    expect(await attemptUpgrade(port, { ...validUpgradeHeaders(host), Origin: 'http://evil.example' })).toBe(403);
    expect(await attemptUpgrade(port, { ...validUpgradeHeaders(host), Origin: `http://localhost:${port}` })).toBe(403);
  });

  it('refuses a socket without any Origin (not a browser page of ours)', async () => {
    const headers: Record<string, string> = { ...validUpgradeHeaders(host) };
    delete headers.Origin;
    expect(await attemptUpgrade(port, headers)).toBe(403);
  });

  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    expect(await attemptUpgrade(port, { ...validUpgradeHeaders(host), Host: `rebind.example:${port}` })).toBe(403);
    expect(await attemptUpgrade(port, { ...validUpgradeHeaders(host), Host: `localhost:${port}` })).toBe(403);
  });

  it('refuses a missing token with 403', async () => {
    expect(await attemptUpgrade(port, { ...validUpgradeHeaders(host), 'Sec-WebSocket-Protocol': IPC_SUBPROTOCOL })).toBe(403);
  });

  it('refuses a wrong or truncated token with 403', async () => {
    const wrong = host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const token of [wrong, host.token.slice(0, 32), `${host.token}00`]) {
      const headers = { ...validUpgradeHeaders(host), 'Sec-WebSocket-Protocol': `${IPC_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${token}` };
      expect(await attemptUpgrade(port, headers)).toBe(403);
    }
  });

  it('does not accept the token in the query string', async () => {
    const headers = { ...validUpgradeHeaders(host), 'Sec-WebSocket-Protocol': IPC_SUBPROTOCOL };
    expect(await attemptUpgrade(port, headers, `/ipc?token=${host.token}`)).toBe(403);
  });

  it('offers sockets only on /ipc', async () => {
    expect(await attemptUpgrade(port, validUpgradeHeaders(host), '/other')).toBe(404);
  });

  it('makes a fresh 256-bit token per run and prints it only in the URL fragment', async () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${port}/#token=${host.token}`);
    const other = await startTestHost();
    try {
      expect(other.host.token).not.toBe(host.token);
    } finally {
      await other.cleanup();
    }
  });
});

describe('web host: calls over the socket', () => {
  it('round-trips app.ping through the dispatcher', async () => {
    const client = await connectClient(host);
    const answer = await client.call('app.ping', { message: 'hello' });
    expect(answer).toMatchObject({ id: 1, envelope: { ok: true, value: { echo: 'hello' } } });
    client.socket.close();
  });

  it('answers malformed arguments with invalid-arguments and keeps the socket open', async () => {
    const client = await connectClient(host);
    expect(await client.call('app.ping', { message: 42 })).toMatchObject({
      id: 1,
      envelope: { ok: false, error: { code: 'invalid-arguments', issues: [{ path: 'message' }] } },
    });
    expect(await client.call('app.ping', { message: 'still here' })).toMatchObject({ id: 2, envelope: { ok: true, value: { echo: 'still here' } } });
    client.socket.close();
  });

  it('answers an unknown channel with unknown-channel', async () => {
    const client = await connectClient(host);
    expect(await client.call('shell.exec', { command: 'rm -rf /' })).toMatchObject({ envelope: { ok: false, error: { code: 'unknown-channel' } } });
    client.socket.close();
  });

  it('closes the socket (policy violation) on a message that is not a call', async () => {
    const client = await connectClient(host);
    client.socket.send('not json at all');
    expect(await client.closed).toMatchObject({ code: 1008 });
  });

  it('pushes contract events from the services bus', async () => {
    const client = await connectClient(host);
    host.services.bus.emit('connection.changed', { state: 'connecting' });
    expect(await client.next()).toEqual({ event: 'connection.changed', payload: { state: 'connecting' } });
    client.socket.close();
  });

  it('closes open sockets when stopped', async () => {
    const client = await connectClient(host);
    await host.stop();
    expect((await client.closed).code).toBeGreaterThan(0);
  });
});

describe('web host: network exposure', () => {
  const refused = (address: string) =>
    new Promise<string>((resolve) => {
      const socket = connect({ host: address, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${port}`);
    expect(await refused('127.0.0.1')).toBe('connected');
    expect(await refused('::1')).not.toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((nic) => nic && !nic.internal && nic.family === 'IPv4')
      .map((nic) => nic!.address);
    for (const address of external) expect(await refused(address)).not.toBe('connected');
  });
});

describe('web host: start-up', () => {
  it('fails with EADDRINUSE when its port is taken, leaving the running host untouched', async () => {
    await expect(startWebHost({ dataDir: path.join(dirs.root, 'second'), port, rendererDir: dirs.renderer })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const client = await connectClient(host);
    expect(await client.call('app.ping', { message: 'still mine' })).toMatchObject({ envelope: { ok: true } });
    client.socket.close();
  });

  it('refuses to start without a built renderer, naming the command that builds it', async () => {
    const rendererDir = path.join(dirs.root, 'not-built');
    await expect(startWebHost({ dataDir: path.join(dirs.root, 'second'), port: 0, rendererDir })).rejects.toThrow(/npm run build:renderer/);
  });
});
