/**
 * Serves the built renderer, and nothing else, from one directory. Every request path is decoded, checked segment by
 * segment and resolved through symlinks before a byte is read, so `..`, encoded slashes, backslashes, dotfiles and
 * links pointing outside the directory all end in 403/404 rather than a file from elsewhere on disk.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor } from '../http/content-types';


export type ResolvedPath = { ok: true; relative: string } | { ok: false; status: 403 | 404 };

/**
 * Turns a request URL's path into a path relative to the served directory, or refuses it. Pure, so the rules can be
 * tested without a server.
 */
export function resolveRequestPath(rawUrl: string): ResolvedPath {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 403 };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  if (decoded === '/') return { ok: true, relative: 'index.html' };
  const segments = decoded.slice(1).split('/');
  // `..` would climb out; any other dot-segment is either `.` (pointless) or a dotfile we never publish.
  if (segments.some((segment) => segment.startsWith('.'))) return { ok: false, status: 403 };
  if (segments.some((segment) => segment === '')) return { ok: false, status: 404 };
  return { ok: true, relative: segments.join('/') };
}

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void>;
}

export async function createStaticFiles(rootDir: string): Promise<StaticFiles> {
  const root = await realpath(rootDir);

  async function locate(relative: string): Promise<string | undefined> {
    const candidate = path.resolve(root, relative);
    try {
      // Resolve symlinks, then insist the real file still lies inside the served directory.
      const real = await realpath(candidate);
      if (real !== root && !real.startsWith(root + path.sep)) return undefined;
      return (await stat(real)).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async serve(req, res, headers) {
      const send = (status: number, body: string, extra: Record<string, string> = {}) => {
        res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
      const resolved = resolveRequestPath(req.url ?? '/');
      if (!resolved.ok) return send(resolved.status, resolved.status === 403 ? 'Forbidden.\n' : 'Not found.\n');
      const file = await locate(resolved.relative);
      if (!file) return send(404, 'Not found.\n');
      const body = await readFile(file);
      const type = contentTypeFor(file);
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
