/** What handlers see of a request: parsed URL, headers, the raw body and small readers for it. */
import type { IncomingMessage } from 'node:http';

export interface SandboxRequest {
  method: string;
  /** Path without query, as received (Xero paths are case-insensitive; routes match case-insensitively). */
  path: string;
  url: URL;
  headers: IncomingMessage['headers'];
  rawBody: string;
  params: Record<string, string>;
  /** Set once the bearer token has been checked, for the request log. */
  clientId?: string;
  tenantId?: string;
  /** Added latency from an injected fault; the API gate waits while holding a concurrency slot. */
  latencyMs?: number;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Xero's query parameters are case-insensitive (`IDs`, `ids`, `pageSize`, `pagesize`). */
export function queryParam(req: SandboxRequest, name: string): string | undefined {
  const direct = req.url.searchParams.get(name);
  if (direct !== null) return direct;
  const lower = name.toLowerCase();
  for (const [key, value] of req.url.searchParams) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function formBody(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody);
}

export class JsonBodyError extends Error {}

export function jsonBody(req: SandboxRequest): unknown {
  if (req.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch {
    throw new JsonBodyError('The request body is not valid JSON.');
  }
}

export function cookie(req: SandboxRequest, name: string): string | undefined {
  const raw = header(req, 'cookie');
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
