/**
 * `GET/DELETE ${apiOrigin}/connections`, called directly: xero-node's `updateTenants`/`disconnect` hard-code
 * api.xero.com. Bearer token only, no tenant header. The answer is checked against the shape Xero documents.
 */
import { z } from 'zod';
import type { FetchLike } from './oauth-client';
import { DEFAULT_HTTP_TIMEOUT_MS } from './oauth-client';
import { XeroApiError } from './xero-client-errors';
import { xeroUnreachable } from './xero-errors';

export const XeroConnection = z.object({
  id: z.string(),
  authEventId: z.string().nullish(),
  tenantId: z.string(),
  tenantType: z.string(),
  tenantName: z.string().nullish(),
  createdDateUtc: z.string().nullish(),
  updatedDateUtc: z.string().nullish(),
});
export type XeroConnection = z.infer<typeof XeroConnection>;

/** The connections, with Xero's `Date` header (epoch ms) when it sent a valid one: diagnostics compares clocks with it. */
export interface ConnectionsAnswer {
  connections: XeroConnection[];
  serverDate?: number;
}

export interface ConnectionsApi {
  list(accessToken: string): Promise<XeroConnection[]>;
  answer(accessToken: string): Promise<ConnectionsAnswer>;
  remove(accessToken: string, connectionId: string): Promise<'deleted' | 'not-found'>;
}

export function createConnectionsApi(deps: { apiOrigin: () => string; fetch?: FetchLike; timeoutMs?: number }): ConnectionsApi {
  const fetchImpl = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const base = () => `${deps.apiOrigin().replace(/\/+$/, '')}/connections`;

  const request = async (method: 'GET' | 'DELETE', url: string, accessToken: string): Promise<Response> => {
    try {
      return await fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        // Xero's /connections never redirects; following one would carry the token wherever it pointed.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw xeroUnreachable(`${method} /connections`, error instanceof Error ? `${error.name}: ${error.message}` : 'network error');
    }
  };

  const failure = async (response: Response, operation: string): Promise<XeroApiError> => {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep text
    }
    return XeroApiError.fromResponse({ status: response.status, body, headers: Object.fromEntries(response.headers), operation });
  };

  const answer = async (accessToken: string): Promise<ConnectionsAnswer> => {
    const response = await request('GET', base(), accessToken);
    if (!response.ok) throw await failure(response, 'GET /connections');
    const parsed = z.array(XeroConnection).safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw XeroApiError.fromResponse({ status: 502, body: 'GET /connections answered something other than a list of connections.', headers: {}, operation: 'GET /connections' });
    }
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    return { connections: parsed.data, ...(Number.isFinite(serverDate) ? { serverDate } : {}) };
  };

  return {
    answer,
    list: async (accessToken) => (await answer(accessToken)).connections,
    async remove(accessToken, connectionId) {
      const response = await request('DELETE', `${base()}/${encodeURIComponent(connectionId)}`, accessToken);
      if (response.status === 404) return 'not-found';
      if (!response.ok) throw await failure(response, 'DELETE /connections');
      return 'deleted';
    },
  };
}
