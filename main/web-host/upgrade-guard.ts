/**
 * Decides, before the WebSocket handshake completes, whether a socket may carry the contract. Any page in the
 * user's browser can open a socket to 127.0.0.1, so three checks must all pass:
 * - `Host` is exactly our `127.0.0.1:<port>` (defeats DNS rebinding, where a foreign name resolves to us);
 * - `Origin` is exactly our own origin (a foreign page's socket carries its own origin);
 * - the per-run token is offered as a subprotocol (proves the page was opened from the printed URL).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../contract/wire-protocol';

export type UpgradeVerdict = { ok: true } | { ok: false; reason: 'wrong-host' | 'wrong-origin' | 'missing-token' | 'wrong-token' };

export interface UpgradeExpectations {
  host: string;
  origin: string;
  token: string;
}

export function offeredToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const offered = value.split(',').map((part) => part.trim());
  const match = offered.find((part) => part.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  return match?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isOwnHost(headers: IncomingHttpHeaders, expectedHost: string): boolean {
  return (headers.host ?? '').toLowerCase() === expectedHost.toLowerCase();
}

export function checkUpgrade(headers: IncomingHttpHeaders, expected: UpgradeExpectations): UpgradeVerdict {
  if (!isOwnHost(headers, expected.host)) return { ok: false, reason: 'wrong-host' };
  if ((headers.origin ?? '').toLowerCase() !== expected.origin.toLowerCase()) return { ok: false, reason: 'wrong-origin' };
  const token = offeredToken(headers['sec-websocket-protocol']);
  if (!token) return { ok: false, reason: 'missing-token' };
  if (!sameSecret(token, expected.token)) return { ok: false, reason: 'wrong-token' };
  return { ok: true };
}
