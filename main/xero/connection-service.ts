/**
 * Connecting the assistant to Xero, end to end: credentials → the sign-in through the browser
 * (`browser-sign-in.ts`) → `/connections` → the organisation (`organisation-choice.ts`: given by ID or name, the one
 * already configured, or the only one) → tenant ID and name to settings → `GET /Organisation` to show which
 * organisation it is. Also: choosing among several organisations, disconnecting (DELETE the connection, revoke the
 * refresh token), and the status (`connection-status.ts`). Results are the contract's types.
 *
 * Everything it touches comes in as a dependency; it knows nothing of Electron, the web host or the sandbox (the
 * sandbox is just another `xero.issuer` / `xero.apiOrigin`).
 */
import type { ConnectionStatus, ConnectResult, OrganisationChoice, OrganisationDetails, ParsedArgsOf, ResultOf } from '../../contract/contract';
import type { XeroOrigins } from '../../contract/xero-origin';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { describeError, silentLogger, type Logger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { signInThroughBrowser, type ConnectOptions } from './browser-sign-in';
import { checkConnection, readConnectionStatus, type ConnectionStatusSources } from './connection-status';
import { createConnectionsApi, type ConnectionsAnswer, type ConnectionsApi } from './connections';
import { createCredentialsStore, type AppType, type CredentialsStore } from './credentials';
import type { ConnectAttempt, LastSignInStore } from './last-sign-in';
import { parsePorts, redirectUriFor } from './loopback-listener';
import { createOAuthClient, discoverIssuer, type FetchLike, type IssuerMetadata, type OAuthClient } from './oauth-client';
import { organisationChoices, requireOrganisation, settleOrganisation } from './organisation-choice';
import { createSignInAttempts } from './sign-in-attempts';
import { createTokenService, type TokenService } from './token-service';
import { createXeroClient, type XeroClient } from './xero-client';
import { XeroApiError } from './xero-client-errors';
import { credentialsNotConfigured, notConnected } from './xero-errors';

export type { ConnectOptions } from './browser-sign-in';

export interface ConnectionEvents {
  changed?(status: ConnectionStatus): void;
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
  setCredentials(input: ParsedArgsOf<'credentials.set'>): Promise<{ appType: AppType }>;
  clearCredentials(): Promise<void>;
  connect(options?: ConnectOptions): Promise<ConnectResult>;
  /** Cancels a connect in progress; false when none was running. */
  cancel(): Promise<boolean>;
  organisations(): Promise<OrganisationChoice[]>;
  choose(tenant: string): Promise<ConnectResult>;
  disconnect(options?: ParsedArgsOf<'connection.disconnect'>): Promise<ResultOf<'connection.disconnect'>>;
  /**
   * Deletes this computer's saved sign-in and asks Xero nothing: the connection stays in Xero (another integration of
   * the same Xero app and user, such as CourseCo's own, keeps using it). False when there was nothing to forget.
   */
  forget(): Promise<boolean>;
  status(): Promise<ConnectionStatus>;
  check(): Promise<ConnectionStatus>;
  dispose(): Promise<void>;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { settings, keychain, clock } = deps;
  const log = deps.log ?? silentLogger;
  const origins: XeroOrigins = Object.freeze({ issuer: settings.get('xero.issuer'), apiOrigin: settings.get('xero.apiOrigin') });
  const credentials = createCredentialsStore({ settings, keychain, issuer: origins.issuer });
  const attempts = createSignInAttempts({ store: deps.lastSignIn, clock, log });
  const discovered = new Map<string, Promise<IssuerMetadata>>();
  const redeemedCodes = new Set<string>();
  let connecting: { abort: AbortController; done: Promise<unknown> } | undefined;
  let lastOrganisation: OrganisationDetails | undefined;

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

  const statusSources: ConnectionStatusSources = {
    settings,
    keychain,
    tokens,
    xero,
    clock,
    isConnecting: () => connecting !== undefined,
    lastOrganisation: () => lastOrganisation,
    rememberOrganisation: (organisation) => {
      lastOrganisation = organisation;
    },
  };
  const status = () => readConnectionStatus(statusSources);

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
  const listChoices = async (): Promise<OrganisationChoice[]> => organisationChoices((await readConnections()).connections, settings.get('xero.tenantId'));

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
    const choices = await listChoices();
    const choice = settleOrganisation(choices, wanted, { tenantId: settings.get('xero.tenantId'), expectedName: settings.get('xero.expectedOrganisation') });
    if (choice) return adopt(choice, choices);
    emitChanged();
    return { status: await status(), organisations: choices, needsChoice: true };
  };

  const signIn = (options: ConnectOptions, signal: AbortSignal, attempt: ConnectAttempt) =>
    signInThroughBrowser(
      {
        settings,
        credentials,
        tokens,
        log,
        oauthClient,
        settleTenant,
        noteAttempt: attempts.note,
        openExternal: deps.openExternal,
        authorizeUrl: (payload) => deps.events?.authorizeUrl?.(payload),
        callbackTimeoutMs: deps.callbackTimeoutMs,
      },
      options,
      signal,
      attempt,
    );

  /** Waits for the sign-in in progress to end after asking it to stop. */
  const stopConnecting = async (running: { abort: AbortController; done: Promise<unknown> }) => {
    running.abort.abort();
    await running.done.catch(() => undefined);
  };

  const connect = async (options: ConnectOptions = {}): Promise<ConnectResult> => {
    // A new attempt replaces the old one (the user closed the tab and clicked again).
    if (connecting) await stopConnecting(connecting);
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const attempt = attempts.start();
    const done = signIn(options, abort.signal, attempt);
    attempts.settleWith(attempt, done);
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

  return {
    origins,
    credentials,
    tokens,
    xero,
    redirectUris,
    lastAttempt: attempts.latest,
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
      await stopConnecting(connecting);
      return true;
    },
    organisations: listChoices,
    async choose(tenant) {
      const choices = await listChoices();
      return adopt(requireOrganisation(choices, tenant), choices);
    },
    async disconnect(options = {}) {
      const revoke = options.revoke ?? true;
      const state = await tokens.state();
      if (state.kind === 'none') throw notConnected();
      let connectionRemoved = false;
      let revoked = false;
      // Whether Xero was asked about the connection at all: when it was not, nobody knows whether it is still there.
      let xeroAsked = false;
      try {
        if (state.kind === 'active') {
          const tenantId = settings.get('xero.tenantId');
          if (tenantId) {
            const token = await tokens.accessToken();
            const connection = (await connectionsApi.list(token)).find((c) => c.tenantId === tenantId);
            xeroAsked = true;
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
      log.info('connection: disconnected', { connectionRemoved, revoked, xeroAsked });
      emitChanged();
      return { connectionRemoved, revoked, xeroAsked, status: await status() };
    },
    async forget() {
      const state = await tokens.state();
      if (state.kind === 'none') return false;
      await tokens.clear();
      lastOrganisation = undefined;
      log.info('connection: sign-in forgotten on this computer; the connection in Xero was left as it was');
      emitChanged();
      return true;
    },
    status,
    check: () => checkConnection(statusSources),
    async dispose() {
      if (connecting) await stopConnecting(connecting);
    },
  };
}
