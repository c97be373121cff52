/**
 * The loopback redirect target for Xero's sign-in: `http://localhost:<port>/callback`, listening on 127.0.0.1 and ::1
 * only (the browser may resolve `localhost` to either), on the first free port of a fixed list (every one of them must
 * be registered in the Xero app, since Xero matches redirect URIs exactly).
 *
 * It accepts exactly one valid callback — the one whose `state` matches — hands it to its owner, shows the outcome in
 * the browser tab ("you can close this tab"), and closes. Stray callbacks with another state are refused with a page
 * saying so and do not end the wait. One owner, one `finally`: success, error, cancel, timeout and a second callback
 * all end in the same close.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../errors';
import { describeError, silentLogger, type Logger } from '../log';
import { connectCancelled, loopbackPortsBusy, redirectUriNotRegistered, stateMismatch } from './xero-errors';

export const CALLBACK_PATH = '/callback';
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

export function redirectUriFor(port: number): string {
  return `http://localhost:${port}${CALLBACK_PATH}`;
}

/** `oauth.ports` ("47318,47319,47320") → [47318, 47319, 47320], first preferred. */
export function parsePorts(setting: string): number[] {
  const ports = setting
    .split(',')
    .map((part) => Number.parseInt(part.trim(), 10))
    .filter((port) => Number.isInteger(port) && port > 0 && port < 65536);
  return [...new Set(ports)];
}

/** The query of the one callback whose state matched. */
export interface AcceptedCallback {
  code?: string;
  error?: string;
  errorDescription?: string;
  scope?: string;
  redirectUri: string;
}

export interface LoopbackOptions {
  ports: number[];
  expectedState: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  log?: Logger;
  /** What the success page says; defaults to a plain "connected". */
  successMessage?: (value: unknown) => string;
}

export interface LoopbackListener {
  readonly port: number;
  readonly redirectUri: string;
  /** Hosts actually bound (127.0.0.1, and ::1 where the system has IPv6). */
  readonly hosts: string[];
  /**
   * Waits for the one valid callback, runs `handle` with it while the browser tab waits, shows the outcome there, and
   * closes. Rejects with the handler's error, `ConnectCancelled` on abort, or `RedirectUriNotRegistered` on timeout.
   */
  waitFor<T>(handle: (callback: AcceptedCallback) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderPage(title: string, lines: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`;
}

function send(res: ServerResponse, status: number, title: string, lines: string[]): void {
  const body = renderPage(title, lines);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function formatDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export async function openLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const log = options.log ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  if (options.ports.length === 0) throw loopbackPortsBusy([], 'No ports are configured in oauth.ports.');

  /** Set while waiting: receives requests that passed the host, path and method checks. */
  let onCallback: (url: URL, res: ServerResponse) => void = (_url, res) =>
    send(res, 503, 'Not ready', ['The assistant is not waiting for a sign-in yet.']);
  let allowedHosts = new Set<string>();
  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      send(res, 421, 'Wrong address', ['This page only answers at localhost.']);
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname !== CALLBACK_PATH) {
      send(res, 404, 'Not found', ['Nothing here. You can close this tab.']);
      return;
    }
    if (req.method !== 'GET') {
      send(res, 405, 'Not allowed', ['The sign-in callback is a GET request.']);
      return;
    }
    onCallback(url, res);
  };

  let servers: Server[] = [];
  let chosen: number | undefined;
  const failures: string[] = [];
  for (const port of options.ports) {
    const v4 = createServer(dispatch);
    const v6 = createServer(dispatch);
    try {
      await listen(v4, port, '127.0.0.1');
    } catch (error) {
      failures.push(`${port}: ${errnoOf(error) ?? describeError(error)}`);
      continue;
    }
    try {
      await listen(v6, port, '::1');
      servers = [v4, v6];
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') {
        log.debug('loopback listener: no IPv6 loopback on this system; listening on 127.0.0.1 only', { port });
        servers = [v4];
      } else {
        failures.push(`${port} (::1): ${code ?? describeError(error)}`);
        await closeServer(v4);
        continue;
      }
    }
    chosen = port;
    break;
  }
  if (chosen === undefined) throw loopbackPortsBusy(options.ports, failures.join('; '));

  const port = chosen;
  const redirectUri = redirectUriFor(port);
  allowedHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  const hosts = servers.map((s) => (s.address() as AddressInfo).address);
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= Promise.all(servers.map(closeServer)).then(() => undefined));
  let waiting = false;

  const waitFor = <T>(handle: (callback: AcceptedCallback) => Promise<T>): Promise<T> => {
    if (waiting) throw new Error('waitFor may be called once per listener');
    waiting = true;
    let accepted = false;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;

    const outcome = new Promise<T>((resolve, reject) => {
      if (options.signal?.aborted) return reject(connectCancelled());
      timer = setTimeout(() => {
        if (!accepted) reject(redirectUriNotRegistered(redirectUri, formatDuration(timeoutMs)));
      }, timeoutMs);
      onAbort = () => {
        if (!accepted) reject(connectCancelled());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });

      onCallback = (url, res) => {
        if (accepted) {
          send(res, 409, 'Already handled', ['This sign-in has already been handled. You can close this tab and return to the assistant.']);
          return;
        }
        const state = url.searchParams.get('state');
        if (state !== options.expectedState) {
          const error = stateMismatch();
          log.warn('loopback listener: refused a callback whose state does not match this sign-in', { port, hasState: state !== null });
          send(res, 400, 'Sign-in refused', [error.message, error.fix ?? '']);
          return;
        }
        accepted = true;
        clearTimeout(timer);
        const callback: AcceptedCallback = { redirectUri };
        const code = url.searchParams.get('code');
        const err = url.searchParams.get('error');
        const description = url.searchParams.get('error_description');
        const scope = url.searchParams.get('scope');
        if (code) callback.code = code;
        if (err) callback.error = err;
        if (description) callback.errorDescription = description;
        if (scope) callback.scope = scope;
        handle(callback).then(
          (value) => {
            const message = options.successMessage?.(value) ?? 'The assistant is connected to Xero.';
            send(res, 200, 'Connected to Xero', [message, 'You can close this tab and return to the assistant.']);
            resolve(value);
          },
          (error: unknown) => {
            const lines =
              error instanceof DomainError
                ? [error.message, error.fix ?? '', 'You can close this tab and return to the assistant.']
                : ['Something went wrong while finishing the sign-in. The details are in the assistant.', 'You can close this tab.'];
            send(res, 400, 'Not connected', lines.filter(Boolean));
            reject(error);
          },
        );
      };
    });

    return outcome.finally(async () => {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
      await close();
    });
  };

  log.debug('loopback listener: waiting', { redirectUri, hosts });
  return { port, redirectUri, hosts, waitFor, close };
}
