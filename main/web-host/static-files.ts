/**
 * Serves the built renderer, and nothing else, from one directory. Every request path is decoded, checked segment by
 * segment and resolved through symlinks before a byte is read, so `..`, encoded slashes, backslashes, dotfiles and
 * links pointing outside the directory all end in 403/404 rather than a file from elsewhere on disk.
 */
import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor } from '../http/content-types';
import { decodePath, realFileInside, servedPath, type ServedPath } from '../http/served-path';


/**
 * Turns a request URL's path into a path relative to the served directory, or refuses it (the rules:
 * ../http/served-path.ts). Pure, so the rules can be tested without a server.
 */
export function resolveRequestPath(rawUrl: string): ServedPath {
  return servedPath(decodePath(rawUrl.split(/[?#]/, 1)[0] ?? ''));
}

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void>;
}

export async function createStaticFiles(rootDir: string): Promise<StaticFiles> {
  const root = await realpath(rootDir);

  const locate = (relative: string) => realFileInside(root, path.resolve(root, relative));

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
