/**
 * The `app://assistant/` protocol that serves the built renderer. A custom scheme instead of `file://` gives the
 * renderer a real origin (so the sender check and CSP `'self'` mean "our files only") and lets us refuse every path
 * outside one directory. The request → file mapping is pure and tested; the Electron glue is one `protocol.handle`.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor } from '../http/content-types';
import { decodePath, isInside, realFileInside, servedPath } from '../http/served-path';
import type { Protocol } from 'electron';
import { ELECTRON_APP_ORIGIN } from '../app/app-identity';
import { APP_RESPONSE_HEADERS } from '../../contract/content-security-policy';

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

/** Maps an `app://assistant/...` URL to a file under `root`, or refuses it (the rules: ../http/served-path.ts). */
export function resolveAppFile(root: string, rawUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 403 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return { ok: false, status: 403 };
  const served = servedPath(decodePath(url.pathname));
  if (!served.ok) return served;
  const file = path.resolve(root, served.relative);
  if (!isInside(root, file)) return { ok: false, status: 403 };
  return { ok: true, file };
}

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
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
