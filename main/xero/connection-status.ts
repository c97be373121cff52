/**
 * The connection's status as the contract's `ConnectionStatus`: read locally (settings, keychain, the token state,
 * the last rate-limit headers), or checked with one cheap authenticated call (GET /Organisation), whose failure is
 * reported in `check` rather than thrown. Never a token or the secret: only expiry times and ages.
 */
import type { ConnectionStatus, OrganisationDetails } from '../../contract/contract';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import type { TokenService } from './token-service';
import type { XeroClient } from './xero-client';

type ConnectionCheck = NonNullable<ConnectionStatus['check']>;

export interface ConnectionStatusSources {
  settings: SettingsStore;
  keychain: Keychain;
  tokens: TokenService;
  xero: XeroClient;
  clock: Clock;
  /** Asked after the keychain answers, so a sign-in that started meanwhile shows. */
  isConnecting(): boolean;
  /** The organisation last read from Xero, shown while it is still the configured tenant. */
  lastOrganisation(): OrganisationDetails | undefined;
  rememberOrganisation(organisation: OrganisationDetails): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function readConnectionStatus(sources: ConnectionStatusSources): Promise<ConnectionStatus> {
  const { settings, keychain, tokens, xero } = sources;
  const current = settings.all();
  const view: ConnectionStatus = { state: 'disconnected' };
  if (current['xero.tenantId']) view.tenantId = current['xero.tenantId'];
  if (current['xero.expectedOrganisation']) view.organisationName = current['xero.expectedOrganisation'];
  if (!current['xero.clientId']) return { ...view, state: 'not-configured', reason: 'No Xero app credentials are stored yet.' };
  view.appType = (await keychain.get('client-secret')) === null ? 'pkce' : 'web';
  if (sources.isConnecting()) return { ...view, state: 'connecting', reason: 'Waiting for the sign-in in the browser.' };
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
  const organisation = sources.lastOrganisation();
  if (organisation && organisation.tenantId === current['xero.tenantId']) view.organisation = organisation;
  const limits = current['xero.tenantId'] ? xero.rateLimits(current['xero.tenantId']) : undefined;
  if (limits) {
    const { at: _at, ...rest } = limits;
    view.rateLimits = rest;
  }
  return view;
}

/** The status after GET /Organisation; a Xero refusal the person can act on is reported in `check`, not thrown. */
export async function checkConnection(sources: ConnectionStatusSources): Promise<ConnectionStatus> {
  const before = await readConnectionStatus(sources);
  if (before.state !== 'connected' || !before.tenantId) return before;
  const at = iso(sources.clock.now());
  try {
    const organisation = await sources.xero.getOrganisation();
    sources.rememberOrganisation(organisation);
    const after = await readConnectionStatus(sources);
    return { ...after, organisationName: organisation.name, organisation, check: { ok: true, at } };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const after = await readConnectionStatus(sources);
    const failed: ConnectionCheck = { ok: false, at, kind: error.kind, message: error.message };
    if (error.fix) failed.fix = error.fix;
    const view: ConnectionStatus = { ...after, check: failed };
    if (error.kind === 'TenantNotConnected') {
      view.state = 'reconnect-needed';
      view.reason = error.message;
    }
    return view;
  }
}
