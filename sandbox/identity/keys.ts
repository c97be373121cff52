/** The RS256 key that signs access and id tokens, and its JWKS form (openid-client verifies id_tokens with it). */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningKey {
  privateKey: KeyObject;
  kid: string;
  publicJwk: Record<string, unknown>;
}

const generateKeyPairAsync = promisify(generateKeyPair);

export async function generateSigningKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function loadSigningKey(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = createHash('sha256').update(String(jwk.n)).digest('hex').slice(0, 32).toUpperCase();
  return { privateKey, kid, publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, e: jwk.e, n: jwk.n } };
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(key: SigningKey, payload: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key.privateKey);
  return `${header}.${body}.${b64url(signature)}`;
}

/** OIDC at_hash: left half of SHA-256 of the access token, base64url. */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return b64url(digest.subarray(0, digest.length / 2));
}
