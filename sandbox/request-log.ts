/** A bounded log of requests for `/sandbox/state`, with credentials masked so it is safe to export. */
import type { IncomingHttpHeaders } from 'node:http';

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  clientId?: string;
  tenantId?: string;
  fault?: string;
  headers: Record<string, string>;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-sandbox-admin', 'proxy-authorization']);
const SECRET_QUERY = /^(code|refresh_token|access_token|token|client_secret|code_verifier|id_token)$/i;

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (SECRET_HEADERS.has(name)) {
      const scheme = /^(Bearer|Basic)\s/i.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ***` : '***';
    } else out[name] = value;
  }
  return out;
}

export function maskQuery(params: URLSearchParams): string {
  const masked = new URLSearchParams();
  for (const [k, v] of params) masked.append(k, SECRET_QUERY.test(k) ? '***' : v);
  const s = masked.toString();
  return s ? `?${s}` : '';
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 1000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
