/**
 * The OAuth client, built by us rather than by xero-node (which hard-codes Xero's identity URLs and has no PKCE):
 * the discovery document at `xero.issuer` gives the authorize, token and revocation endpoints, and openid-client v5
 * makes the requests — `client_secret_basic` for a Web app, `none` (client_id in the body) for a PKCE app, and the
 * PKCE verifier on every code exchange. Every failure comes out as a DomainError a person can act on; the raw
 * openid-client error (which may hold the response) is never passed on or logged.
 */
import { createHash } from 'node:crypto';
import { custom, Issuer, type BaseClient, type TokenSet } from 'openid-client';
import { z } from 'zod';
import type { Clock } from '../clock';
import { isOnOrigin } from '../../contract/xero-origin';
import type { DomainError } from '../errors';
import type { StoredCredentials } from './credentials';
import {
  authorizationCodeRejected,
  authorizationCodeReused,
  authorizationFailed,
  identityMisconfigured,
  invalidClientCredentials,
  invalidScope,
  reconnectNeeded,
  xeroUnreachable,
} from './xero-errors';
import type { ScopeMode } from './scopes';

export const DEFAULT_HTTP_TIMEOUT_MS = 20_000;

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export const IssuerMetadata = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  revocation_endpoint: z.string().url().optional(),
  jwks_uri: z.string().url().optional(),
  userinfo_endpoint: z.string().url().optional(),
});
export type IssuerMetadata = z.infer<typeof IssuerMetadata>;

/** What a token request gives us, with the expiry computed on our clock. */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope?: string;
}

export interface OAuthClient {
  readonly clientId: string;
  readonly appType: 'web' | 'pkce';
  readonly metadata: IssuerMetadata;
  authorizationUrl(params: { redirectUri: string; state: string; codeChallenge: string; scope: string }): string;
  exchangeCode(params: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
  revoke(refreshToken: string): Promise<void>;
}

/** Reads and checks the discovery document at `<issuer>/.well-known/openid-configuration`. */
export async function discoverIssuer(issuerUrl: string, fetchImpl: FetchLike = fetch, timeoutMs = DEFAULT_HTTP_TIMEOUT_MS): Promise<IssuerMetadata> {
  const url = `${issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw xeroUnreachable(`the sign-in configuration at ${url}`, networkDetail(error));
  }
  if (!response.ok) throw identityMisconfigured(issuerUrl, `GET ${url} answered HTTP ${response.status}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw identityMisconfigured(issuerUrl, `GET ${url} did not answer JSON.`);
  }
  const parsed = IssuerMetadata.safeParse(body);
  if (!parsed.success) {
    throw identityMisconfigured(issuerUrl, `The discovery document lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
  }
  // The client secret and the refresh token go to these two endpoints, so they must stay on the issuer's own origin
  // (Xero's are https://identity.xero.com/connect/token and /connect/revocation). The authorize endpoint may differ:
  // Xero's is on login.xero.com, and only the public Client ID goes there, through the browser.
  for (const [name, endpoint] of [['token_endpoint', parsed.data.token_endpoint], ['revocation_endpoint', parsed.data.revocation_endpoint]] as const) {
    if (endpoint !== undefined && !isOnOrigin(endpoint, issuerUrl)) {
      throw identityMisconfigured(issuerUrl, `The discovery document sends ${name} to ${new URL(endpoint).origin}, outside ${issuerUrl}; nothing was sent there.`);
    }
  }
  return parsed.data;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

function networkDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const causeCode = cause && typeof cause === 'object' ? cause.code : undefined;
    return [error.name === 'TimeoutError' ? 'timed out' : error.message, code, causeCode].filter(Boolean).join(' ').slice(0, 200);
  }
  return 'unknown network error';
}

export type OAuthFailure =
  | { type: 'network'; detail: string }
  | { type: 'oauth'; error: string; description?: string; status?: number }
  | { type: 'other'; detail: string };

/** openid-client throws OPError (the server said no), RPError (odd answer or timeout) or Node's own socket errors. */
export function classifyOAuthFailure(error: unknown): OAuthFailure {
  if (!(error instanceof Error)) return { type: 'other', detail: 'unknown failure' };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return { type: 'network', detail: `${code}` };
  if (error.name === 'RPError' && /timed out/.test(error.message)) return { type: 'network', detail: error.message };
  if (error.name === 'OPError') {
    const op = error as Error & { error?: unknown; error_description?: unknown; response?: { statusCode?: number } };
    const status = op.response?.statusCode;
    if (typeof status === 'number' && status >= 500) return { type: 'network', detail: `HTTP ${status}` };
    const failure: OAuthFailure = { type: 'oauth', error: typeof op.error === 'string' ? op.error : 'unknown_error' };
    if (typeof op.error_description === 'string') failure.description = op.error_description;
    if (typeof status === 'number') failure.status = status;
    return failure;
  }
  if (error instanceof SyntaxError) return { type: 'other', detail: 'The token endpoint did not answer JSON.' };
  return { type: 'other', detail: `${error.name}: ${error.message}`.slice(0, 200) };
}

function describeOAuth(failure: { error: string; description?: string; status?: number }): string {
  return `${failure.status ? `HTTP ${failure.status} ` : ''}${failure.error}${failure.description ? `: ${failure.description}` : ''}`;
}

export function mapExchangeFailure(error: unknown, ctx: { hasSecret: boolean; scopeMode: ScopeMode; reused?: boolean }): DomainError {
  const failure = classifyOAuthFailure(error);
  if (failure.type === 'network') return xeroUnreachable('the token endpoint', failure.detail);
  if (failure.type === 'other') return authorizationFailed('unexpected_response', failure.detail);
  const evidence = describeOAuth(failure);
  switch (failure.error) {
    case 'invalid_client':
    case 'unauthorized_client':
      return invalidClientCredentials(evidence, ctx.hasSecret);
    case 'invalid_grant':
      // Xero says only "invalid_grant". A code this client already sent was replayed; a fresh one (exchanged the
      // moment it arrived) failed on the PKCE verifier, or expired.
      return ctx.reused ? authorizationCodeReused(evidence) : authorizationCodeRejected(evidence);
    case 'invalid_scope':
      return invalidScope(ctx.scopeMode, evidence);
    default:
      return authorizationFailed(failure.error, failure.description);
  }
}

export function mapRefreshFailure(error: unknown, ctx: { hasSecret: boolean }): DomainError {
  const failure = classifyOAuthFailure(error);
  if (failure.type === 'network') return xeroUnreachable('the token endpoint, while renewing the access token', failure.detail);
  if (failure.type === 'other') return authorizationFailed('unexpected_response', failure.detail);
  const evidence = describeOAuth(failure);
  if (failure.error === 'invalid_client' || failure.error === 'unauthorized_client') return invalidClientCredentials(evidence, ctx.hasSecret);
  if (failure.error === 'invalid_grant') {
    return reconnectNeeded(
      `Xero no longer accepts the saved sign-in (${evidence}). This happens when the app was disconnected or revoked in Xero, the connection went unused for 60 days, or another copy of the assistant renewed it.`,
    );
  }
  return authorizationFailed(failure.error, failure.description);
}

export interface OAuthClientOptions {
  metadata: IssuerMetadata;
  credentials: StoredCredentials;
  scopeMode: ScopeMode;
  clock: Clock;
  timeoutMs?: number;
  /** Hashes of codes already sent to the token endpoint, shared across attempts, so a replay is named as one. */
  redeemedCodes?: Set<string>;
}

function toGrant(tokenSet: TokenSet, clock: Clock): TokenGrant {
  if (typeof tokenSet.access_token !== 'string' || tokenSet.access_token === '') {
    throw authorizationFailed('unexpected_response', 'The token endpoint answered without an access_token.');
  }
  // TokenSet turns expires_in into expires_at on the system clock; read the remaining seconds back at once and anchor
  // them on ours, so the sandbox and tests can drive time.
  const expiresIn = typeof tokenSet.expires_in === 'number' ? tokenSet.expires_in : 1800;
  const grant: TokenGrant = { accessToken: tokenSet.access_token, expiresAt: clock.now() + expiresIn * 1000 };
  if (typeof tokenSet.refresh_token === 'string' && tokenSet.refresh_token !== '') grant.refreshToken = tokenSet.refresh_token;
  if (typeof tokenSet.scope === 'string') grant.scope = tokenSet.scope;
  return grant;
}

export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const { metadata, credentials, clock, scopeMode } = options;
  const timeout = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const issuer = new Issuer({ ...metadata, token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'] });
  const hasSecret = credentials.clientSecret !== undefined;
  const redeemed = options.redeemedCodes ?? new Set<string>();
  const client: BaseClient = hasSecret
    ? new issuer.Client({ client_id: credentials.clientId, client_secret: credentials.clientSecret!, token_endpoint_auth_method: 'client_secret_basic', response_types: ['code'] })
    : new issuer.Client({ client_id: credentials.clientId, token_endpoint_auth_method: 'none', response_types: ['code'] });
  client[custom.http_options] = () => ({ timeout });

  return {
    clientId: credentials.clientId,
    appType: credentials.appType,
    metadata,
    authorizationUrl({ redirectUri, state, codeChallenge, scope }) {
      return client.authorizationUrl({
        response_type: 'code',
        redirect_uri: redirectUri,
        scope,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async exchangeCode({ code, redirectUri, codeVerifier }) {
      const fingerprint = createHash('sha256').update(code).digest('hex');
      const reused = redeemed.has(fingerprint);
      redeemed.add(fingerprint);
      let tokenSet: TokenSet;
      try {
        // grant(), not oauthCallback(): state is checked by the loopback listener, and no id_token is expected.
        tokenSet = await client.grant({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
      } catch (error) {
        throw mapExchangeFailure(error, { hasSecret, scopeMode, reused });
      }
      return toGrant(tokenSet, clock);
    },
    async refresh(refreshToken) {
      let tokenSet: TokenSet;
      try {
        tokenSet = await client.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
      } catch (error) {
        throw mapRefreshFailure(error, { hasSecret });
      }
      return toGrant(tokenSet, clock);
    },
    async revoke(refreshToken) {
      if (!metadata.revocation_endpoint) return;
      try {
        await client.revoke(refreshToken, 'refresh_token');
      } catch (error) {
        const failure = classifyOAuthFailure(error);
        if (failure.type === 'network') throw xeroUnreachable('the revocation endpoint', failure.detail);
        if (failure.type === 'oauth' && (failure.error === 'invalid_client' || failure.error === 'unauthorized_client')) {
          throw invalidClientCredentials(describeOAuth(failure), hasSecret);
        }
        // Anything else (e.g. the token was already invalid) leaves nothing to revoke.
      }
    },
  };
}
