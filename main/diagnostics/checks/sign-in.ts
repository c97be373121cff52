/**
 * The sign-in's "Common Issues": the redirect URI (the exact URIs the Xero app must list, the one the last attempt
 * used, whether Xero's answer ever came back), the Client ID / Secret (format + the last `invalid_client`), and the
 * granted scopes against the ones the assistant needs (granular or broad).
 */
import { maskId } from '../masking';
import { validateClientId, validateClientSecret } from '../../xero/credentials';
import { TRACKING_SCOPE_REASON } from '../../sync/plan';
import { scopeList } from '../../xero/scopes';
import { DomainError } from '../../errors';
import { formatDateTime } from '../../../contract/locale';
import { defineCheck, fail, notRun, notSetUp, pass, warn } from './check';

/** Where a Xero app's settings are, said as a place to go and what to open there (not as a bare address). */
const APPS = "Xero's developer portal (sign in at developer.xero.com, open My Apps, choose your app, then Configuration)";
/** When a sign-in was tried, for the page; the exact instant goes in the detail. */
const tried = (iso: string) => formatDateTime(iso);

export const redirectUri = defineCheck({ id: 'redirect-uri', title: 'Redirect URI matches exactly', group: 'common-issues' }, async (facts) => {
  const { connection } = facts.deps;
  const uris = connection.redirectUris();
  const list = uris.join(', ');
  const attempt = connection.lastAttempt();
  const state = await facts.tokenState();
  if (attempt && attempt.outcome !== 'pending' && !attempt.callbackArrived) {
    const used = attempt.redirectUri ?? uris[0] ?? '(none)';
    return fail(
      `The last sign-in (${tried(attempt.startedAt)}) waited at ${used}, but Xero never sent the browser back to it: Xero shows "Invalid redirect_uri" when the address is not registered exactly. The Xero app must list exactly: ${list}.`,
      `In ${APPS}, under Redirect URIs, add exactly ${used} (same port, http, localhost, /callback, no slash at the end) and the others (${list}) as fallbacks; save there, then connect again in Setup.`,
      `Attempt started ${attempt.startedAt}${attempt.errorKind ? `; error ${attempt.errorKind}` : ''}.`,
    );
  }
  if (attempt && attempt.callbackArrived) {
    return pass(`The last sign-in (${tried(attempt.startedAt)}) used ${attempt.redirectUri ?? uris[0]} and Xero's answer arrived. The Xero app must list exactly: ${list}.`, `Attempt started ${attempt.startedAt}.`);
  }
  if (attempt && attempt.outcome === 'pending') return pass(`A sign-in is waiting at ${attempt.redirectUri ?? uris[0]}. The Xero app must list exactly: ${list}.`);
  if (state.kind === 'active') return pass(`The assistant is signed in, so Xero accepted its redirect URI. The Xero app must list exactly: ${list}.`);
  // Before any Client ID the Xero app itself is the first step; after it, connecting is what proves the URIs.
  if (!facts.settings()['xero.clientId']) {
    return notSetUp('app', `no Xero app is set up for the assistant yet. The Xero app must list exactly these redirect URIs: ${list}.`, `Open Setup and follow it to create your Xero app in ${APPS} with exactly those redirect URIs; then enter its Client ID and Secret in Setup.`);
  }
  return notSetUp('connect', `no sign-in has been tried yet. The Xero app must list exactly: ${list}.`, `Add those redirect URIs to your Xero app in ${APPS}, then connect in Setup.`);
});

export const clientCredentials = defineCheck({ id: 'client-credentials', title: 'Client ID and Secret are correct', group: 'common-issues' }, async (facts) => {
  const { connection } = facts.deps;
  const clientId = facts.settings()['xero.clientId'];
  if (!clientId) return notSetUp('credentials', 'no Client ID is stored.', `Copy the Client ID (and generate a Client Secret) from your app in ${APPS}, and enter them in Setup.`);
  try {
    validateClientId(clientId);
  } catch (error) {
    const reason = error instanceof DomainError ? error.message : 'it is not a Client ID';
    return fail(`The stored Client ID ${maskId(clientId)} is malformed: ${reason}`, error instanceof DomainError && error.fix ? error.fix : `Copy the Client ID again from your app in ${APPS}.`);
  }
  const creds = await connection.credentials.status();
  if (creds.secretStored) {
    // Read only to check its shape; nothing of it leaves this function (not even its length).
    const stored = await connection.credentials.load();
    try {
      if (stored?.clientSecret !== undefined) validateClientSecret(stored.clientSecret, clientId);
    } catch (error) {
      return fail(
        `The Client Secret stored in the keychain is malformed: ${error instanceof DomainError ? error.message : 'it is not a Client Secret'}`,
        `Generate a new secret for your app in ${APPS}, and enter it in Setup.`,
      );
    }
  }
  const kind = creds.appType === 'web' ? 'a Web app with its Client Secret in the keychain' : 'an app without a Client Secret (PKCE)';
  const attempt = connection.lastAttempt();
  const base = `Client ID ${maskId(clientId)} is well-formed (32 characters, 0–9 and A–F)${creds.secretStored ? ' and so is the stored secret' : ''}; the assistant is set up as ${kind}.`;
  const refused = attempt?.errorKind === 'InvalidClientCredentials';
  const seen = await facts.connections();
  const refusedNow = !seen.ok && seen.problem.kind === 'InvalidClientCredentials';
  if (refused || refusedNow) {
    const when = refused ? `the last sign-in (${tried(attempt!.startedAt)})` : 'renewing the sign-in just now';
    return fail(
      `${base} But Xero refused them at ${when}: the Client ID or Secret is incorrect.`,
      creds.appType === 'web'
        ? `In ${APPS}, check the Client ID and click "Generate a secret"; enter both in Setup, then connect again.`
        : `Check the Client ID in ${APPS}. If the app is a Web app, enter its Client Secret too.`,
      `Xero answered invalid_client${refused ? ` to the attempt of ${attempt!.startedAt}` : ' to a token renewal'}.`,
    );
  }
  if (!creds.keychain.available) return warn(`${base} The keychain does not answer, so the stored secret cannot be read.`, 'See "Keychain available".');
  const state = await facts.tokenState();
  if (state.kind === 'active' && state.clientId.toLowerCase() !== clientId.toLowerCase()) {
    return warn(`${base} The saved sign-in belongs to another Client ID (${maskId(state.clientId)}).`, 'Connect again with the current Client ID.');
  }
  return pass(`${base}${state.kind === 'active' ? ' Xero accepted them at the last sign-in.' : ''}`);
});

/** Granted scopes cover a required one: a broad or write scope covers its narrower or read-only form. */
function covers(granted: ReadonlySet<string>, required: string): boolean {
  if (granted.has(required)) return true;
  if (required.endsWith('.read') && granted.has(required.slice(0, -'.read'.length))) return true;
  if (['accounting.invoices', 'accounting.payments'].includes(required) && granted.has('accounting.transactions')) return true;
  return false;
}

export const scopes = defineCheck({ id: 'scopes', title: 'Xero granted the permissions the assistant needs', group: 'environment' }, async (facts) => {
  const mode = facts.settings()['xero.scopes'];
  const required = scopeList(mode, { settingsWrite: facts.settings()['rules.addTrackingOptions'] === 'yes' });
  const state = await facts.tokenState();
  const asked = `The assistant asks for the ${mode} scopes: ${required.join(' ')}.`;
  if (state.kind === 'none') return notSetUp('connect', 'not signed in yet, so Xero has granted no permissions yet.', 'Connect to Xero in Setup.');
  if (state.kind !== 'active') return notRun('Not signed in, so Xero has granted no permissions yet.', 'Connect to Xero again in Setup.', asked);
  if (state.scope === undefined) return warn('Xero did not say which permissions it granted.', 'Nothing to do while syncs work; if Xero refuses a request as not allowed, connect again in Setup.');
  const granted = new Set(state.scope.split(/\s+/).filter(Boolean));
  const missing = required.filter((s) => !covers(granted, s));
  const style = granted.has('accounting.transactions') ? 'broad (legacy, accounting.transactions)' : 'granular';
  const detail = `Granted (${style}): ${[...granted].join(' ')}. Required (${mode}): ${required.join(' ')}.`;
  if (missing.length) {
    return fail(
      `Xero has not granted ${missing.length === 1 ? 'one permission' : `${missing.length} permissions`} the assistant needs: ${missing.join(', ')}.`,
      missing.includes('offline_access')
        ? 'Connect again; without offline_access the sign-in cannot be renewed.'
        : missing.includes('accounting.settings')
          ? `Connect again and approve changing settings in Xero: the assistant needs it ${TRACKING_SCOPE_REASON} (you agreed to that in the rules per course).`
          : `Connect again in Setup and approve everything Xero asks for. If Xero still leaves out ${missing.join(', ')}, your Xero app may need the other kind of permissions (apps created on or after 2 March 2026 take only Xero's newer, narrower ones): export a support bundle below and send it to whoever supports you.`,
      detail,
    );
  }
  return pass(`Xero granted every permission the assistant needs (${required.length}).`, detail);
});
