/**
 * Connecting the assistant to Xero, end to end: credentials → authorize URL (PKCE + state) → the system browser →
 * the loopback listener → code exchange → tokens to the keychain → `/connections` → the organisation (given by ID or
 * name, the one already configured, or the only one) → tenant ID and name to settings → `GET /Organisation` to show
 * which organisation it is. Also: choosing among several organisations, disconnecting (DELETE the connection, revoke
 * the refresh token), and the status — locally, or checked with one cheap authenticated call.
 *
 * Everything it touches comes in as a dependency; it knows nothing of Electron, the web host or the sandbox (the
 * sandbox is just another `xero.issuer` / `xero.apiOrigin`).
 */
import type { Clock } from '../clock';
import type { XeroOrigins } from '../../contract/xero-origin';
import { DomainError } from '../errors';
import { describeError, silentLogger, type Logger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { createConnectionsApi, type ConnectionsAnswer, type ConnectionsApi, type XeroConnection } from './connections';
import { createCredentialsStore, type AppType, type CredentialsStore } from './credentials';
import type { ConnectAttempt, LastSignInStore } from './last-sign-in';
import { openLoopbackListener, parsePorts, redirectUriFor, type AcceptedCallback } from './loopback-listener';
import { createOAuthClient, discoverIssuer, type FetchLike, type IssuerMetadata, type OAuthClient } from './oauth-client';
import { createPkcePair, createState } from './pkce';
import { scopesFor, type ScopeMode } from './scopes';
import { createTokenService, type TokenService } from './token-service';
import { createXeroClient, type OrganisationSummary, type XeroClient } from './xero-client';
import { XeroApiError, type RateLimitSnapshot } from './xero-client-errors';
import {
  authorizationDenied,
  authorizationFailed,
  connectCancelled,
  credentialsNotConfigured,
  invalidClientCredentials,
  invalidScope,
  notConnected,
  organisationNotAuthorised,
} from './xero-errors';

export type ConnectionState = 'not-configured' | 'disconnected' | 'connecting' | 'connected' | 'reconnect-needed';

export interface ConnectionCheck {
  ok: boolean;
  at: string;
  kind?: string;
  message?: string;
  fix?: string;
}

export interface ConnectionStatusView {
  state: ConnectionState;
  organisationName?: string;
  tenantId?: string;
  reason?: string;
  appType?: AppType;
  accessTokenExpiresAt?: string;
  refreshTokenIssuedAt?: string;
  refreshTokenExpiresAt?: string;
  refreshTokenAgeDays?: number;
  warning?: string;
  scopes?: string;
  organisation?: OrganisationSummary;
  check?: ConnectionCheck;
  rateLimits?: Omit<RateLimitSnapshot, 'at'>;
}

export interface OrganisationChoice {
  tenantId: string;
  name: string;
  tenantType: string;
  current: boolean;
  connectedAt?: string;
}

export interface ConnectResult {
  status: ConnectionStatusView;
  organisations: OrganisationChoice[];
  /** Present once an organisation is chosen. */
  organisation?: OrganisationSummary;
  /** True when several organisations were authorised and none could be chosen automatically. */
  needsChoice: boolean;
}

export interface ConnectOptions {
  /** Tenant ID or organisation name (case-insensitive). */
  tenant?: string;
  /** Where the authorize URL goes; defaults to the host's openExternal. The CLI prints it and opens a browser. */
  onAuthorizeUrl?: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
}


export interface ConnectionEvents {
  changed?(status: ConnectionStatusView): void;
  authorizeUrl?(payload: { url: string; redirectUri: string }): void;
}

export interface ConnectionServiceDeps {
  settings: SettingsStore;
  keychain: Keychain;
  clock: Clock;
  log?: Logger;
  fetch?: FetchLike;
  /** Opens the system browser (Electron: shell.openExternal). Absent in hosts that follow the URL another way. */
  openExternal?: (url: string) => void | Promise<void>;
  events?: ConnectionEvents;
  callbackTimeoutMs?: number;
  httpTimeoutMs?: number;
  apiTimeoutMs?: number;
  tokenRetryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  /** Keeps the last sign-in attempt across restarts and hosts; without it, it lives in this process only. */
  lastSignIn?: LastSignInStore;
}

export interface ConnectionService {
  /**
   * The Xero origins this service was started with. Read once: a settings file changed later (by the CLI, a hand
   * edit or another process) moves no credential until the app starts again, and no window can change them at all.
   */
  readonly origins: XeroOrigins;
  readonly credentials: CredentialsStore;
  readonly tokens: TokenService;
  readonly xero: XeroClient;
  /** The exact redirect URIs to register in the Xero app, preferred first. */
  redirectUris(): string[];
  /** GET /connections now, with Xero's Date header (diagnostics); renews an expired token once. */
  readConnections(): Promise<ConnectionsAnswer>;
  /** The last sign-in attempt (this process's, else the stored one), or undefined. */
  lastAttempt(): ConnectAttempt | undefined;
  setCredentials(input: { clientId: string; clientSecret?: string | undefined }): Promise<{ appType: AppType }>;
  clearCredentials(): Promise<void>;
  connect(options?: ConnectOptions): Promise<ConnectResult>;
  /** Cancels a connect in progress; false when none was running. */
  cancel(): Promise<boolean>;
  organisations(): Promise<OrganisationChoice[]>;
  choose(tenant: string): Promise<ConnectResult>;
  disconnect(options?: { revoke?: boolean }): Promise<{ connectionRemoved: boolean; revoked: boolean; status: ConnectionStatusView }>;
  status(): Promise<ConnectionStatusView>;
  check(): Promise<ConnectionStatusView>;
  dispose(): Promise<void>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function callbackError(callback: AcceptedCallback, scopeMode: ScopeMode, hasSecret: boolean): DomainError {
  const code = callback.error ?? 'unknown_error';
  const evidence = `${code}${callback.errorDescription ? `: ${callback.errorDescription}` : ''}`;
  if (code === 'access_denied') return authorizationDenied(evidence);
  if (code === 'invalid_scope' || /scope/i.test(callback.errorDescription ?? '')) return invalidScope(scopeMode, evidence);
  if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'unauthorised_client') return invalidClientCredentials(evidence, hasSecret);
  return authorizationFailed(code, callback.errorDescription);
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { settings, keychain, clock } = deps;
  const log = deps.log ?? silentLogger;
  const origins: XeroOrigins = Object.freeze({ issuer: settings.get('xero.issuer'), apiOrigin: settings.get('xero.apiOrigin') });
  const credentials = createCredentialsStore({ settings, keychain, issuer: origins.issuer });
  const discovered = new Map<string, Promise<IssuerMetadata>>();
  const redeemedCodes = new Set<string>();
  let connecting: { abort: AbortController; done: Promise<unknown> } | undefined;
  let lastOrganisation: OrganisationSummary | undefined;
  let lastAttempt: ConnectAttempt | undefined = deps.lastSignIn?.read();
  /** Updates the attempt and keeps it; diagnostics evidence is never worth failing a sign-in over. */
  const noteAttempt = (attempt: ConnectAttempt, change: Partial<ConnectAttempt> = {}) => {
    Object.assign(attempt, change);
    if (lastAttempt !== attempt) return;
    try {
      deps.lastSignIn?.write(attempt);
    } catch (error) {
      log.warn('connection: could not keep the sign-in attempt for diagnostics', { error: describeError(error) });
    }
  };

  const discover = (issuer: string): Promise<IssuerMetadata> => {
    let pending = discovered.get(issuer);
    if (!pending) {
      pending = discoverIssuer(issuer, deps.fetch, deps.httpTimeoutMs);
      discovered.set(issuer, pending);
      pending.catch(() => discovered.delete(issuer));
    }
    return pending;
  };

  const oauthClient = async (): Promise<OAuthClient> => {
    const creds = await credentials.load();
    if (!creds) throw credentialsNotConfigured();
    const current = settings.all();
    const metadata = await discover(origins.issuer);
    const options: Parameters<typeof createOAuthClient>[0] = { metadata, credentials: creds, scopeMode: current['xero.scopes'], clock, redeemedCodes };
    if (deps.httpTimeoutMs !== undefined) options.timeoutMs = deps.httpTimeoutMs;
    return createOAuthClient(options);
  };

  const emitChanged = () => {
    if (!deps.events?.changed) return;
    status().then(
      (view) => deps.events?.changed?.(view),
      (error: unknown) => log.warn('connection: could not compute the status for listeners', { error: describeError(error) }),
    );
  };

  const tokens = createTokenService({
    keychain,
    origins,
    clock,
    log,
    oauthClient,
    onChange: emitChanged,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.tokenRetryDelaysMs ? { retryDelaysMs: deps.tokenRetryDelaysMs } : {}),
  });
  const connectionsApi: ConnectionsApi = createConnectionsApi({
    apiOrigin: () => origins.apiOrigin,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.httpTimeoutMs !== undefined ? { timeoutMs: deps.httpTimeoutMs } : {}),
  });
  const xero = createXeroClient({
    tokens,
    apiOrigin: () => origins.apiOrigin,
    tenantId: () => settings.get('xero.tenantId'),
    clock,
    log,
    ...(deps.apiTimeoutMs !== undefined ? { timeoutMs: deps.apiTimeoutMs } : {}),
  });

  const redirectUris = () => parsePorts(settings.get('oauth.ports')).map(redirectUriFor);

  /** GET /connections with the stored sign-in; a 401 that renewal may cure is renewed once like any API call. */
  const readConnections = async (): Promise<ConnectionsAnswer> => {
    const token = await tokens.accessToken();
    try {
      return await connectionsApi.answer(token);
    } catch (error) {
      if (error instanceof XeroApiError && error.renewalMayCure) return connectionsApi.answer(await tokens.renewAfterRejection(token));
      throw error;
    }
  };
  const listConnections = async (): Promise<XeroConnection[]> => (await readConnections()).connections;

  const toChoices = (connections: XeroConnection[]): OrganisationChoice[] => {
    const currentTenant = settings.get('xero.tenantId');
    return connections
      .filter((c) => c.tenantType === 'ORGANISATION')
      .map((c) => {
        const choice: OrganisationChoice = { tenantId: c.tenantId, name: c.tenantName ?? c.tenantId, tenantType: c.tenantType, current: c.tenantId === currentTenant };
        if (c.createdDateUtc) choice.connectedAt = c.createdDateUtc;
        return choice;
      });
  };

  const findTenant = (choices: OrganisationChoice[], wanted: string): OrganisationChoice | undefined => {
    const needle = wanted.trim().toLowerCase();
    return choices.find((c) => c.tenantId.toLowerCase() === needle) ?? choices.find((c) => c.name.trim().toLowerCase() === needle);
  };

  const adopt = async (choice: OrganisationChoice, choices: OrganisationChoice[]): Promise<ConnectResult> => {
    settings.update({ 'xero.tenantId': choice.tenantId, 'xero.expectedOrganisation': choice.name });
    const organisation = await xero.getOrganisation({ tenantId: choice.tenantId });
    lastOrganisation = organisation;
    if (organisation.name !== choice.name) settings.set('xero.expectedOrganisation', organisation.name);
    log.info('connection: organisation chosen', { organisation: organisation.name });
    emitChanged();
    const view = await status();
    return { status: view, organisations: choices.map((c) => ({ ...c, current: c.tenantId === choice.tenantId })), organisation, needsChoice: false };
  };

  /** Picks the organisation after consent: the one asked for, the one already configured, or the only one. */
  const settleTenant = async (wanted: string | undefined): Promise<ConnectResult> => {
    const choices = toChoices(await listConnections());
    const names = choices.map((c) => c.name);
    if (wanted !== undefined && wanted.trim() !== '') {
      const match = findTenant(choices, wanted);
      if (!match) throw organisationNotAuthorised(names, wanted.trim());
      return adopt(match, choices);
    }
    const configuredTenant = settings.get('xero.tenantId');
    const expectedName = settings.get('xero.expectedOrganisation');
    if (configuredTenant || expectedName) {
      const match = (configuredTenant ? findTenant(choices, configuredTenant) : undefined) ?? (expectedName ? findTenant(choices, expectedName) : undefined);
      if (!match) throw organisationNotAuthorised(names, expectedName ?? configuredTenant!);
      return adopt(match, choices);
    }
    if (choices.length === 1) return adopt(choices[0]!, choices);
    if (choices.length === 0) throw organisationNotAuthorised([], undefined);
    emitChanged();
    return { status: await status(), organisations: choices, needsChoice: true };
  };

  const runConnect = async (options: ConnectOptions, signal: AbortSignal, attempt: ConnectAttempt): Promise<ConnectResult> => {
    const creds = await credentials.load();
    if (!creds) throw credentialsNotConfigured();
    const current = settings.all();
    const oauth = await oauthClient();
    if (signal.aborted) throw connectCancelled();
    const pkce = createPkcePair();
    const state = createState();
    const listenerOptions: Parameters<typeof openLoopbackListener>[0] = {
      ports: parsePorts(current['oauth.ports']),
      expectedState: state,
      signal,
      log,
      successMessage: (value) => {
        const result = value as ConnectResult;
        return result.organisation ? `The assistant is connected to ${result.organisation.name}.` : 'The assistant is connected to Xero; choose the organisation in the assistant.';
      },
    };
    if (deps.callbackTimeoutMs !== undefined) listenerOptions.timeoutMs = deps.callbackTimeoutMs;
    const listener = await openLoopbackListener(listenerOptions);
    noteAttempt(attempt, { redirectUri: listener.redirectUri });
    try {
      const url = oauth.authorizationUrl({ redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge, scope: scopesFor(current['xero.scopes']) });
      deps.events?.authorizeUrl?.({ url, redirectUri: listener.redirectUri });
      const open = options.onAuthorizeUrl ?? deps.openExternal;
      try {
        await open?.(url);
      } catch (error) {
        log.warn('connection: could not open the browser; open the authorisation URL yourself', { error: describeError(error) });
      }
      return await listener.waitFor(async (callback) => {
        noteAttempt(attempt, { callbackArrived: true });
        if (callback.error) throw callbackError(callback, current['xero.scopes'], creds.clientSecret !== undefined);
        if (!callback.code) throw authorizationFailed('missing_code', 'The callback carried neither a code nor an error.');
        const grant = await oauth.exchangeCode({ code: callback.code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier });
        await tokens.saveGrant(grant, creds.clientId);
        log.info('connection: signed in to Xero', { appType: creds.appType, scope: grant.scope });
        return settleTenant(options.tenant);
      });
    } finally {
      await listener.close();
    }
  };

  const connect = async (options: ConnectOptions = {}): Promise<ConnectResult> => {
    if (connecting) {
      // A new attempt replaces the old one (the user closed the tab and clicked again).
      connecting.abort.abort();
      await connecting.done.catch(() => undefined);
    }
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const attempt: ConnectAttempt = { startedAt: iso(clock.now()), callbackArrived: false, outcome: 'pending' };
    lastAttempt = attempt;
    noteAttempt(attempt);
    const done = runConnect(options, abort.signal, attempt);
    done.then(
      () => noteAttempt(attempt, { outcome: 'connected', finishedAt: iso(clock.now()) }),
      (error: unknown) =>
        noteAttempt(attempt, {
          outcome: 'failed',
          finishedAt: iso(clock.now()),
          errorKind: error instanceof DomainError ? error.kind : 'Error',
          errorMessage: error instanceof Error ? error.message.slice(0, 300) : 'unknown failure',
        }),
    );
    const entry = { abort, done };
    connecting = entry;
    emitChanged();
    let result: ConnectResult;
    try {
      result = await done;
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      if (connecting === entry) connecting = undefined;
      emitChanged();
    }
    return { ...result, status: await status() };
  };

  const status = async (): Promise<ConnectionStatusView> => {
    const current = settings.all();
    const view: ConnectionStatusView = { state: 'disconnected' };
    if (current['xero.tenantId']) view.tenantId = current['xero.tenantId'];
    if (current['xero.expectedOrganisation']) view.organisationName = current['xero.expectedOrganisation'];
    if (!current['xero.clientId']) return { ...view, state: 'not-configured', reason: 'No Xero app credentials are stored yet.' };
    view.appType = (await keychain.get('client-secret')) === null ? 'pkce' : 'web';
    if (connecting) return { ...view, state: 'connecting', reason: 'Waiting for the sign-in in the browser.' };
    const tokenState = await tokens.state();
    if (tokenState.kind === 'none') return { ...view, state: 'disconnected', reason: 'The assistant is not connected to Xero.' };
    if (tokenState.kind === 'reconnect-needed') return { ...view, state: 'reconnect-needed', reason: tokenState.reason };
    view.state = 'connected';
    view.accessTokenExpiresAt = iso(tokenState.accessTokenExpiresAt);
    view.refreshTokenIssuedAt = iso(tokenState.refreshTokenIssuedAt);
    view.refreshTokenExpiresAt = iso(tokenState.refreshTokenExpiresAt);
    view.refreshTokenAgeDays = tokenState.refreshTokenAgeDays;
    if (tokenState.warning) view.warning = tokenState.warning;
    if (tokenState.scope) view.scopes = tokenState.scope;
    if (!current['xero.tenantId']) view.reason = 'Signed in to Xero; choose the organisation CourseCo uses.';
    if (lastOrganisation && lastOrganisation.tenantId === current['xero.tenantId']) view.organisation = lastOrganisation;
    const limits = current['xero.tenantId'] ? xero.rateLimits(current['xero.tenantId']) : undefined;
    if (limits) {
      const { at: _at, ...rest } = limits;
      view.rateLimits = rest;
    }
    return view;
  };

  const check = async (): Promise<ConnectionStatusView> => {
    const before = await status();
    if (before.state !== 'connected' || !before.tenantId) return before;
    const at = iso(clock.now());
    try {
      const organisation = await xero.getOrganisation();
      lastOrganisation = organisation;
      const after = await status();
      return { ...after, organisationName: organisation.name, organisation, check: { ok: true, at } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const after = await status();
      const failed: ConnectionCheck = { ok: false, at, kind: error.kind, message: error.message };
      if (error.fix) failed.fix = error.fix;
      const view: ConnectionStatusView = { ...after, check: failed };
      if (error.kind === 'TenantNotConnected') {
        view.state = 'reconnect-needed';
        view.reason = error.message;
      }
      return view;
    }
  };

  return {
    origins,
    credentials,
    tokens,
    xero,
    redirectUris,
    lastAttempt: () => (lastAttempt ? { ...lastAttempt } : undefined),
    readConnections,
    async setCredentials(input) {
      const result = await credentials.set(input);
      if (result.changedClientId) {
        // Tokens belong to the app that issued them; a new Client ID means signing in again.
        await tokens.clear();
      }
      emitChanged();
      return { appType: result.appType };
    },
    async clearCredentials() {
      await tokens.clear();
      await credentials.clear();
      emitChanged();
    },
    connect,
    async cancel() {
      if (!connecting) return false;
      connecting.abort.abort();
      await connecting.done.catch(() => undefined);
      return true;
    },
    organisations: async () => toChoices(await listConnections()),
    async choose(tenant) {
      const choices = toChoices(await listConnections());
      const match = findTenant(choices, tenant);
      if (!match) throw organisationNotAuthorised(choices.map((c) => c.name), tenant);
      return adopt(match, choices);
    },
    async disconnect(options = {}) {
      const revoke = options.revoke ?? true;
      const state = await tokens.state();
      if (state.kind === 'none') throw notConnected();
      let connectionRemoved = false;
      let revoked = false;
      try {
        if (state.kind === 'active') {
          const tenantId = settings.get('xero.tenantId');
          if (tenantId) {
            const token = await tokens.accessToken();
            const connection = (await connectionsApi.list(token)).find((c) => c.tenantId === tenantId);
            if (connection) connectionRemoved = (await connectionsApi.remove(token, connection.id)) === 'deleted';
          }
          if (revoke) {
            await tokens.revoke();
            revoked = true;
          }
        } else {
          await tokens.clear();
        }
      } catch (error) {
        // Xero already refuses the sign-in: there is nothing left to remove remotely, so just forget it here.
        if (!(error instanceof DomainError && error.kind === 'ReconnectNeeded')) throw error;
        await tokens.clear();
      }
      lastOrganisation = undefined;
      log.info('connection: disconnected', { connectionRemoved, revoked });
      emitChanged();
      return { connectionRemoved, revoked, status: await status() };
    },
    status,
    check,
    async dispose() {
      if (connecting) {
        connecting.abort.abort();
        await connecting.done.catch(() => undefined);
      }
    },
  };
}
