/**
 * The web host: the same services as the desktop app, behind the same contract, served to a browser on loopback.
 * It exists for E2E tests and development and is never shipped. Security is the point of most of this file:
 * bound to 127.0.0.1 only, `Host` checked on every request, the socket refused (403, before upgrade) unless Origin,
 * Host and the per-run token all match, and every call still checked by the dispatcher's sender check.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatcher, type Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { trustOnlyOrigin } from '../ipc/trusted-sender';
import { createLogger, describeError, type Logger } from '../log';
import { createServicesClient } from '../services-process/services-client';
import type { ServicesOptions } from '../services-process/messages';
import { spawnServicesWorker } from '../services-process/worker-thread';
import { SECURITY_HEADERS } from '../../contract/content-security-policy';
import { serveIpcSocket } from './ipc-socket';
import { resolveRendererDir } from './renderer-build';
import { createStaticFiles } from './static-files';
import { checkUpgrade, isOwnHost } from './upgrade-guard';
import { IPC_PATH, IPC_SUBPROTOCOL, MAX_MESSAGE_BYTES } from '../../contract/wire-protocol';

export const LOOPBACK = '127.0.0.1';

export interface WebHostOptions<S extends HostedServices = HostedServices> {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer; relative paths are taken from the repository root. */
  rendererDir?: string;
  /**
   * Services on this thread, for tests that reach into them (a fake handler, a journal entry written directly).
   * Without them the host starts the profile's services on a worker thread, as the desktop app starts its services
   * process, so the thread that serves the window never runs an import, a plan or a sync.
   */
  services?: S;
  /** Where the host's own warnings go (refused sockets, failed handlers). */
  log?: Logger;
  /** Test knobs passed to the services worker: the sample-data profile's sign-in, the sign-in's wait. */
  knobs?: Pick<ServicesOptions, 'sample' | 'callbackTimeoutMs'>;
}

/** What the host needs of the services, wherever they run. */
export interface HostedServices {
  handlers: Handlers;
  bus: EventBus;
  log: Logger;
  dispose(): Promise<void>;
}

export interface WebHost<S extends HostedServices = HostedServices> {
  /** What to open in the browser: carries the token in the fragment, which browsers never send to a server. */
  url: string;
  origin: string;
  token: string;
  services: S;
  stop(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: 403 | 404): void {
  const text = status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startWebHost<S extends HostedServices = HostedServices>(options: WebHostOptions<S>): Promise<WebHost<S>> {
  const rendererDir = resolveRendererDir(options.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no index.html in ${rendererDir}). Run \`npm run build:renderer\` first.`);
  }
  const staticFiles = await createStaticFiles(rendererDir);
  const ownsServices = !options.services;
  const services: S =
    options.services ??
    (createServicesClient({
      // The user's own profile plus the switchable sample-data profile, opened in the worker (main/app/open-profile.ts).
      options: { host: 'web', dataDir: options.dataDir, logLevel: 'warn', capabilities: [], versions: { node: process.versions.node }, ...options.knobs },
      spawn: spawnServicesWorker,
      log: options.log ?? createLogger((line) => process.stderr.write(`${line}\n`), 'warn'),
    }) as HostedServices as S);
  const token = randomBytes(32).toString('hex');
  const sockets = new Set<WebSocket>();

  // Origin and Host are only known once the port is; they are filled in right after listen(), before any request.
  let hostHeader = '';
  let origin = '';

  const server = createServer((req, res) => {
    if (!isOwnHost(req.headers, hostHeader)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden: this server answers only to its own loopback address.\n');
      return;
    }
    staticFiles.serve(req, res, SECURITY_HEADERS).catch((error: unknown) => {
      services.log.error('web host: static file failed', { error: describeError(error) });
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Answer with the fixed protocol name, never echoing the token back.
    handleProtocols: (offered) => (offered.has(IPC_SUBPROTOCOL) ? IPC_SUBPROTOCOL : false),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. EADDRINUSE: nothing was served, so release what was built for this host and let the caller say why.
    wss.close();
    if (ownsServices) await services.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  hostHeader = `${LOOPBACK}:${port}`;
  origin = `http://${hostHeader}`;
  const dispatch = createDispatcher({
    handlers: services.handlers,
    isTrustedSender: trustOnlyOrigin(origin),
    onInternalError: (channel, error) => services.log.error('web host: handler failed', { channel, error: describeError(error) }),
  });

  // Registered only now that the origin is known; no request can arrive between listen() and this line.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '').split('?', 1)[0];
    if (pathname !== IPC_PATH) return refuseUpgrade(socket, 404);
    const verdict = checkUpgrade(req.headers, { host: hostHeader, origin, token });
    if (!verdict.ok) {
      services.log.warn('web host: refused a socket', { reason: verdict.reason });
      return refuseUpgrade(socket, 403);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveIpcSocket(ws, { dispatch, bus: services.bus, senderUrl: `${origin}/`, log: services.log });
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsServices) await services.dispose();
    })();
    return stopped;
  };

  return { url: `${origin}/#token=${token}`, origin, token, services, stop };
}
