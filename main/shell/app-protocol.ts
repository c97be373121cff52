/**
 * The `app://assistant/` protocol that serves the built renderer. A custom scheme instead of `file://` gives the
 * renderer a real origin (so the sender check and CSP `'self'` mean "our files only") and lets us refuse every path
 * outside one directory. The request → file mapping is pure and tested; the Electron glue is one `protocol.handle`.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor } from '../http/content-types';
import type { Protocol } from 'electron';
import { ELECTRON_APP_ORIGIN } from '../app/app-identity';
import { APP_RESPONSE_HEADERS } from './content-security-policy';

const APP_URL = new URL(ELECTRON_APP_ORIGIN);
export const APP_SCHEME = APP_URL.protocol.slice(0, -1);
export const APP_HOST = APP_URL.host;
export const APP_ENTRY_URL = `${ELECTRON_APP_ORIGIN}/index.html`;

/**
 * Must be registered before `app` is ready. `standard` gives the scheme normal URL resolution and an origin,
 * `secure` makes it a secure context like https, `supportFetchAPI` lets ES module scripts load from it. `corsEnabled`
 * stays off on purpose: our module scripts are same-origin, and with it on any origin could read these files.
 */
export const APP_SCHEME_PRIVILEGES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
] as const;

export { contentTypeFor };

export type AppFileResolution = { ok: true; file: string } | { ok: false; status: 403 | 404 };

function decodedPathname(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/**
 * Maps an `app://assistant/...` URL to a file under `root`, or refuses it. Decoding happens before the checks, so
 * `%2e%2e%2f` is judged as `../`; backslashes and NULs are refused outright because Windows and C APIs treat them
 * as separators or terminators; dot-segments and dotfiles are refused; the final path must still lie inside `root`.
 */
export function resolveAppFile(root: string, rawUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 403 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return { ok: false, status: 403 };
  const decoded = decodedPathname(url);
  if (decoded === undefined || !decoded.startsWith('/') || decoded.includes('\\') || decoded.includes('\0')) {
    return { ok: false, status: 403 };
  }
  const segments = decoded === '/' ? ['index.html'] : decoded.slice(1).split('/');
  if (segments.some((segment) => segment.startsWith('.'))) return { ok: false, status: 403 };
  if (segments.some((segment) => segment === '')) return { ok: false, status: 404 };
  const file = path.resolve(root, ...segments);
  if (!isInside(root, file)) return { ok: false, status: 403 };
  return { ok: true, file };
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

/** Symlinks are followed before the inside-root check is repeated, so a link cannot lead out of the directory. */
async function realFileInside(realRoot: string, file: string): Promise<string | undefined> {
  try {
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Answers one protocol request from files under `root`. Every response, errors included, carries the CSP. */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
  const resolved = resolveAppFile(root, request.url);
  if (!resolved.ok) return textResponse(resolved.status, resolved.status === 403 ? 'Forbidden.\n' : 'Not found.\n');
  const realRoot = await realpath(root).catch(() => undefined);
  const file = realRoot && (await realFileInside(realRoot, resolved.file));
  if (!file) return textResponse(404, 'Not found.\n');
  const body = await readFile(file);
  const headers = { ...APP_RESPONSE_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.length) };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
