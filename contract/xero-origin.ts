/**
 * Where credentials may go. The client secret goes to the identity origin's token endpoint and the access token to
 * the API origin, so these two values decide who receives the keys to the books. They are Xero's unless a developer
 * points a profile at the built-in sandbox from outside the contract (`courseco-xero config set`, the sample-data
 * profile, tests); a window can neither set nor widen them (SECURITY.md, "Threats").
 *
 * The rule: an origin only (no path, query, fragment or user info), over https, or over plain http to this computer
 * alone (the sandbox listens on loopback). `javascript:`, `file:`, `data:` and http to any other host are refused.
 * Pure: the contract (imported by the renderer) uses it in the settings schema.
 */
import { z } from 'zod';

export const XERO_IDENTITY_ORIGIN = 'https://identity.xero.com';
export const XERO_API_ORIGIN = 'https://api.xero.com';

/** The pair a profile talks to: the identity origin (sign-in, token, revocation) and the API origin. */
export interface XeroOrigins {
  readonly issuer: string;
  readonly apiOrigin: string;
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why a value may not serve as a Xero origin, or undefined when it may. */
export function xeroOriginProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a web address';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} is not a web address Xero could have`;
  if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
    return 'plain http is allowed only to this computer (the built-in sandbox); Xero itself is https';
  }
  if (url.username || url.password) return 'a user name or password in the address is not allowed';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]$/.test(value)) {
    return 'only an origin (scheme, host and port) is allowed, no path';
  }
  return undefined;
}

/** The canonical form stored and compared: `new URL(v).origin` (no trailing slash, default ports dropped). */
export const XeroOrigin = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = xeroOriginProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => new URL(value).origin);

/** True when `url` is on exactly `origin` (scheme, host and port). */
export function isOnOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}
