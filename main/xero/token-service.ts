/**
 * The token lifecycle. The token set lives only in the OS keychain (never in settings, logs, errors or IPC results).
 *
 * - Proactive refresh: an access token within `refreshMarginMs` of expiry is renewed before it is handed out.
 * - Single-flight: concurrent callers share one refresh (xero-node has no locking, and two refreshes of the same token
 *   set break it), and a refresh first re-reads the keychain in case another process already renewed it.
 * - Rotation: the new refresh token is written to the keychain before the new access token is handed to anyone; if the
 *   write fails, the new tokens are dropped and the old refresh token — still valid for Xero's 30-minute grace —
 *   is used next time.
 * - A network failure during refresh is retried a few times within that grace; `invalid_grant` turns the connection
 *   into "reconnect needed" with the reason, touching nothing but the token entry (settings and journal are kept).
 * - The refresh token's age is tracked: unused refresh tokens expire after 60 days, and the status warns ahead of it.
 */
import type { Clock } from '../clock';
import { XERO_API_ORIGIN, XERO_IDENTITY_ORIGIN, type XeroOrigins } from '../../contract/xero-origin';
import { DomainError } from '../errors';
import { silentLogger, type Logger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { OAuthClient, TokenGrant } from './oauth-client';
import { notConnected, reconnectNeeded } from './xero-errors';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** "Unused refresh tokens expire after 60 days." */
export const REFRESH_TOKEN_LIFETIME_MS = 60 * DAY_MS;
/** Warn when fewer than this many days remain. */
export const REFRESH_TOKEN_WARNING_MS = 14 * DAY_MS;
/** Xero lets the previous refresh token be retried for 30 minutes after a rotation whose answer was lost. */
export const REFRESH_GRACE_MS = 30 * 60_000;
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 3_000, 10_000];

interface StoredTokens {
  v: 1;
  clientId: string;
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken?: string;
  /** When the current refresh token was issued (the 60-day clock restarts at each rotation). */
  refreshTokenIssuedAt: number;
  scope?: string;
  connectedAt: number;
  refreshedAt?: number;
  /**
   * The origins that issued these tokens and accept them. Tokens go to no other: a profile pointed elsewhere after
   * signing in finds them unusable here (and left as they are, so pointing it back works again).
   */
  issuer?: string;
  apiOrigin?: string;
}

interface ReconnectMarker {
  v: 1;
  reconnectNeeded: { reason: string; at: number };
}

type Stored = StoredTokens | ReconnectMarker | null;

export type TokenState =
  | { kind: 'none' }
  | { kind: 'reconnect-needed'; reason: string; at: number }
  | {
      kind: 'active';
      clientId: string;
      accessTokenExpiresAt: number;
      accessTokenExpired: boolean;
      hasRefreshToken: boolean;
      refreshTokenIssuedAt: number;
      refreshTokenExpiresAt: number;
      refreshTokenAgeDays: number;
      /** Present when the 60-day refresh window is close to its end. */
      warning?: string;
      scope?: string;
      connectedAt: number;
    };

export interface TokenServiceDeps {
  keychain: Keychain;
  /** Where these tokens may be used: the connection service's, fixed when it started; Xero's by default. */
  origins?: XeroOrigins;
  clock: Clock;
  log?: Logger;
  /** The OAuth client for the stored credentials (built lazily: discovery needs the network). */
  oauthClient: () => Promise<OAuthClient>;
  /** Called after every change of the token entry (renewed, reconnect needed, cleared). */
  onChange?: () => void;
  sleep?: (ms: number) => Promise<void>;
  refreshMarginMs?: number;
  retryDelaysMs?: number[];
}

export interface TokenService {
  state(): Promise<TokenState>;
  /** Stores the tokens of a completed sign-in. */
  saveGrant(grant: TokenGrant, clientId: string): Promise<void>;
  /** A valid access token, renewed first when close to expiry. */
  accessToken(): Promise<string>;
  /** After the API refused `rejected` (401 TokenExpired): renew unless someone already has, and return the new token. */
  renewAfterRejection(rejected: string): Promise<string>;
  /** Revokes the refresh token at Xero (which drops all of this app's connections for the user), then forgets it. */
  revoke(): Promise<void>;
  clear(): Promise<void>;
  markReconnectNeeded(reason: string): Promise<void>;
}

function isTokens(value: Stored): value is StoredTokens {
  return value !== null && 'accessToken' in value;
}

function parseStored(raw: string | null, log: Logger): Stored {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredTokens & ReconnectMarker>;
    if (value.v === 1 && value.reconnectNeeded && typeof value.reconnectNeeded.reason === 'string') {
      return { v: 1, reconnectNeeded: { reason: value.reconnectNeeded.reason, at: Number(value.reconnectNeeded.at) || 0 } };
    }
    if (value.v === 1 && typeof value.accessToken === 'string' && typeof value.expiresAt === 'number' && typeof value.clientId === 'string') {
      return value as StoredTokens;
    }
  } catch {
    // fall through
  }
  log.warn('token store: the saved token entry is unreadable; treating the assistant as not connected');
  return null;
}

export function createTokenService(deps: TokenServiceDeps): TokenService {
  const { keychain, clock } = deps;
  const origins = deps.origins ?? { issuer: XERO_IDENTITY_ORIGIN, apiOrigin: XERO_API_ORIGIN };
  const log = deps.log ?? silentLogger;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const margin = deps.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const retryDelays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  let cache: Stored | undefined;
  let inflight: Promise<StoredTokens> | undefined;

  const read = async (): Promise<Stored> => {
    cache = parseStored(await keychain.get('token-set'), log);
    return cache;
  };
  const load = async (): Promise<Stored> => (cache === undefined ? read() : cache);
  const write = async (value: Exclude<Stored, null>): Promise<void> => {
    cache = undefined; // if the write fails, the next read sees whatever the keychain really holds
    await keychain.set('token-set', JSON.stringify(value));
    cache = value;
  };
  const changed = () => {
    try {
      deps.onChange?.();
    } catch (error) {
      log.warn('token store: a change listener failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };

  const expiring = (tokens: StoredTokens) => tokens.expiresAt - clock.now() <= margin;

  /** Why stored tokens may not be sent to this profile's origins, or undefined when they may. */
  const boundElsewhere = (tokens: StoredTokens): string | undefined => {
    // Tokens saved before they were bound to a server were issued by Xero itself.
    const issuer = tokens.issuer ?? XERO_IDENTITY_ORIGIN;
    const apiOrigin = tokens.apiOrigin ?? XERO_API_ORIGIN;
    if (issuer === origins.issuer && apiOrigin === origins.apiOrigin) return undefined;
    const whose = tokens.issuer === undefined ? 'was saved before sign-ins were tied to a server' : `belongs to ${issuer}`;
    return `The saved sign-in ${whose}, but this profile now talks to ${origins.issuer}; it was not sent there. Connect again to sign in at ${origins.issuer}.`;
  };

  const requireTokens = (stored: Stored): StoredTokens => {
    if (stored === null) throw notConnected();
    if (!isTokens(stored)) throw reconnectNeeded(stored.reconnectNeeded.reason);
    const elsewhere = boundElsewhere(stored);
    if (elsewhere) throw reconnectNeeded(elsewhere);
    return stored;
  };

  const markReconnectNeeded = async (reason: string) => {
    await write({ v: 1, reconnectNeeded: { reason, at: clock.now() } });
    log.warn('token store: reconnect needed', { reason });
    changed();
  };

  const doRefresh = async (rejected: string | undefined): Promise<StoredTokens> => {
    const current = requireTokens(await read());
    const alreadyRenewed = rejected !== undefined ? current.accessToken !== rejected : true;
    if (alreadyRenewed && !expiring(current)) return current;
    if (!current.refreshToken) {
      await markReconnectNeeded('Xero gave no refresh token (the offline_access scope was not granted), so the access token cannot be renewed.');
      throw reconnectNeeded('Xero gave no refresh token, so the access token cannot be renewed.');
    }
    const oauth = await deps.oauthClient();
    const started = clock.now();
    let grant: TokenGrant | undefined;
    for (let attempt = 0; grant === undefined; attempt += 1) {
      try {
        grant = await oauth.refresh(current.refreshToken);
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'ReconnectNeeded') {
          await markReconnectNeeded(error.evidence ?? error.message);
          throw error;
        }
        const retryable = error instanceof DomainError && error.kind === 'XeroUnreachable';
        const delay = retryDelays[attempt];
        if (!retryable || delay === undefined || clock.now() - started + delay > REFRESH_GRACE_MS) throw error;
        log.warn('token store: renewing the access token failed on the network; retrying with the same refresh token', { attempt: attempt + 1 });
        await sleep(delay);
      }
    }
    const now = clock.now();
    const rotated = grant.refreshToken !== undefined && grant.refreshToken !== current.refreshToken;
    const next: StoredTokens = {
      ...current,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      refreshToken: grant.refreshToken ?? current.refreshToken,
      refreshTokenIssuedAt: rotated ? now : current.refreshTokenIssuedAt,
      refreshedAt: now,
    };
    if (grant.scope !== undefined) next.scope = grant.scope;
    // Persist the rotated refresh token before anyone may use the new access token.
    await write(next);
    log.info('token store: access token renewed', { rotated, expiresInSeconds: Math.round((next.expiresAt - now) / 1000) });
    changed();
    return next;
  };

  const refreshShared = (rejected: string | undefined): Promise<StoredTokens> => {
    inflight ??= doRefresh(rejected).finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  return {
    async state() {
      const stored = await load();
      if (stored === null) return { kind: 'none' };
      if (!isTokens(stored)) return { kind: 'reconnect-needed', ...stored.reconnectNeeded };
      const elsewhere = boundElsewhere(stored);
      if (elsewhere) return { kind: 'reconnect-needed', reason: elsewhere, at: stored.refreshedAt ?? stored.connectedAt };
      const now = clock.now();
      const refreshTokenExpiresAt = stored.refreshTokenIssuedAt + REFRESH_TOKEN_LIFETIME_MS;
      const state: TokenState = {
        kind: 'active',
        clientId: stored.clientId,
        accessTokenExpiresAt: stored.expiresAt,
        accessTokenExpired: stored.expiresAt <= now,
        hasRefreshToken: Boolean(stored.refreshToken),
        refreshTokenIssuedAt: stored.refreshTokenIssuedAt,
        refreshTokenExpiresAt,
        refreshTokenAgeDays: Math.floor((now - stored.refreshTokenIssuedAt) / DAY_MS),
        connectedAt: stored.connectedAt,
      };
      if (stored.scope !== undefined) state.scope = stored.scope;
      const left = refreshTokenExpiresAt - now;
      if (left <= REFRESH_TOKEN_WARNING_MS) {
        const days = Math.max(0, Math.ceil(left / DAY_MS));
        state.warning =
          left <= 0
            ? 'The saved Xero sign-in has not been used for 60 days and has probably expired; connect again if Xero refuses it.'
            : `The saved Xero sign-in expires in ${days} day${days === 1 ? '' : 's'} unless the assistant talks to Xero before then (any status check or sync renews it).`;
      }
      return state;
    },
    async saveGrant(grant, clientId) {
      const now = clock.now();
      const tokens: StoredTokens = {
        v: 1,
        clientId,
        accessToken: grant.accessToken,
        expiresAt: grant.expiresAt,
        refreshTokenIssuedAt: now,
        connectedAt: now,
        issuer: origins.issuer,
        apiOrigin: origins.apiOrigin,
      };
      if (grant.refreshToken !== undefined) tokens.refreshToken = grant.refreshToken;
      if (grant.scope !== undefined) tokens.scope = grant.scope;
      await write(tokens);
      changed();
    },
    async accessToken() {
      const current = requireTokens(await load());
      if (!expiring(current)) return current.accessToken;
      return (await refreshShared(undefined)).accessToken;
    },
    async renewAfterRejection(rejected) {
      return (await refreshShared(rejected)).accessToken;
    },
    async revoke() {
      const stored = await read();
      // A sign-in bound to another server is forgotten here but never sent to this one to be revoked.
      if (isTokens(stored) && stored.refreshToken && !boundElsewhere(stored)) {
        const oauth = await deps.oauthClient();
        await oauth.revoke(stored.refreshToken);
      }
      await keychain.delete('token-set');
      cache = null;
      changed();
    },
    async clear() {
      await keychain.delete('token-set');
      cache = null;
      changed();
    },
    markReconnectNeeded,
  };
}
