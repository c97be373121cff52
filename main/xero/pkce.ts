/**
 * PKCE (RFC 7636) with S256, always — for Web apps too, as Xero accepts it and it binds the code to this sign-in —
 * and the random `state` that ties the callback to the attempt that started it.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes → 43 base64url characters, inside RFC 7636's 43–128 from `A-Z a-z 0-9 - . _ ~`. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeFor(verifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new Error('A PKCE code verifier is 43–128 unreserved characters.');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(): PkcePair {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallengeFor(verifier), method: 'S256' };
}

export function createState(): string {
  return randomBytes(24).toString('base64url');
}
