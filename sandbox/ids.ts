/** Identifier shapes that look like Xero's, stable where tests and the demo benefit from it. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

function hashHex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A deterministic RFC 4122 v4-shaped UUID derived from a seed string. */
export function stableUuid(seed: string): string {
  const h = hashHex(seed);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Xero client IDs are 32 upper-case hex characters. */
export function stableClientId(seed: string): string {
  return hashHex(seed).slice(0, 32).toUpperCase();
}

export function newUuid(): string {
  return randomUUID();
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Xero client secrets are 48 characters of a base64url-like alphabet. */
export function randomClientSecret(): string {
  const bytes = randomBytes(48);
  let out = '';
  for (const b of bytes) out += SECRET_ALPHABET[b & 63];
  return out;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Opaque tokens (codes, refresh tokens) are 64 upper-case hex characters, like Xero's. */
export function randomOpaqueToken(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_RE.test(value);
}
