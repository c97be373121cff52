/**
 * One sign-in through the system browser: authorize URL (PKCE + state) → the browser → the loopback listener → code
 * exchange → tokens to the keychain → the organisation settled by the caller. The listener has one owner and one
 * `finally`, so success, an error, a cancel and a timeout all close it. Xero's error callbacks become the domain
 * errors a person can act on.
 */
import type { ConnectResult } from '../../contract/contract';
import type { DomainError } from '../errors';
import { describeError, type Logger } from '../log';
import type { SettingsStore } from '../settings/settings-store';
import type { CredentialsStore } from './credentials';
import type { ConnectAttempt } from './last-sign-in';
import { openLoopbackListener, parsePorts, type AcceptedCallback } from './loopback-listener';
import type { OAuthClient } from './oauth-client';
import { createPkcePair, createState } from './pkce';
import { scopesFor, type ScopeMode } from './scopes';
import type { TokenService } from './token-service';
import { authorizationDenied, authorizationFailed, connectCancelled, credentialsNotConfigured, invalidClientCredentials, invalidScope } from './xero-errors';

export interface ConnectOptions {
  /** Tenant ID or organisation name (case-insensitive). */
  tenant?: string;
  /** Where the authorize URL goes; defaults to the host's openExternal. The CLI prints it and opens a browser. */
  onAuthorizeUrl?: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface BrowserSignInDeps {
  settings: SettingsStore;
  credentials: CredentialsStore;
  tokens: TokenService;
  log: Logger;
  oauthClient(): Promise<OAuthClient>;
  /** Picks the organisation once the tokens are saved. */
  settleTenant(wanted: string | undefined): Promise<ConnectResult>;
  noteAttempt(attempt: ConnectAttempt, change: Partial<ConnectAttempt>): void;
  /** Opens the system browser when the caller names no other way. */
  openExternal?: ((url: string) => void | Promise<void>) | undefined;
  authorizeUrl?: ((payload: { url: string; redirectUri: string }) => void) | undefined;
  callbackTimeoutMs?: number | undefined;
}

function callbackError(callback: AcceptedCallback, scopeMode: ScopeMode, hasSecret: boolean): DomainError {
  const code = callback.error ?? 'unknown_error';
  const evidence = `${code}${callback.errorDescription ? `: ${callback.errorDescription}` : ''}`;
  if (code === 'access_denied') return authorizationDenied(evidence);
  if (code === 'invalid_scope' || /scope/i.test(callback.errorDescription ?? '')) return invalidScope(scopeMode, evidence);
  if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'unauthorised_client') return invalidClientCredentials(evidence, hasSecret);
  return authorizationFailed(code, callback.errorDescription);
}

export async function signInThroughBrowser(deps: BrowserSignInDeps, options: ConnectOptions, signal: AbortSignal, attempt: ConnectAttempt): Promise<ConnectResult> {
  const { tokens, log } = deps;
  const creds = await deps.credentials.load();
  if (!creds) throw credentialsNotConfigured();
  const current = deps.settings.all();
  const oauth = await deps.oauthClient();
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
  deps.noteAttempt(attempt, { redirectUri: listener.redirectUri });
  try {
    const url = oauth.authorizationUrl({ redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge, scope: scopesFor(current['xero.scopes'], { settingsWrite: current['rules.addTrackingOptions'] === 'yes' }) });
    deps.authorizeUrl?.({ url, redirectUri: listener.redirectUri });
    const open = options.onAuthorizeUrl ?? deps.openExternal;
    try {
      await open?.(url);
    } catch (error) {
      log.warn('connection: could not open the browser; open the authorisation URL yourself', { error: describeError(error) });
    }
    return await listener.waitFor(async (callback) => {
      deps.noteAttempt(attempt, { callbackArrived: true });
      if (callback.error) throw callbackError(callback, current['xero.scopes'], creds.clientSecret !== undefined);
      if (!callback.code) throw authorizationFailed('missing_code', 'The callback carried neither a code nor an error.');
      const grant = await oauth.exchangeCode({ code: callback.code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier });
      await tokens.saveGrant(grant, creds.clientId);
      log.info('connection: signed in to Xero', { appType: creds.appType, scope: grant.scope });
      return deps.settleTenant(options.tenant);
    });
  } finally {
    await listener.close();
  }
}
