/**
 * Every Xero failure a person can act on, as a DomainError with a plain-words message, the evidence and the fix.
 * The kinds map onto the setup guide's "Common Issues" (redirect URI, Client ID/Secret, tenant, organisation) plus
 * the token lifecycle and the API's own answers. Nothing here ever carries a token, a secret or a raw header dump.
 */
import { DomainError } from '../errors';

export const XERO_APPS_URL = 'https://developer.xero.com/app/manage';

/**
 * Where a Xero app's settings are, in the words the GUI may show (no bare address path). Fixes name no command: the
 * CLI adds its command per kind (main/cli/program.ts).
 */
export const XERO_APP_CONFIGURATION = "Xero's developer portal (developer.xero.com): open My Apps, choose your app, then Configuration";

/** Xero's OAuth error codes we turn into something better than the code itself. */
export type OAuthErrorCode = 'invalid_client' | 'unauthorized_client' | 'invalid_grant' | 'invalid_scope' | 'access_denied' | string;

/** Keeps evidence short and free of anything that looks like a credential. */
export function safeEvidence(text: string, max = 300): string {
  return text
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, '[redacted token]')
    .replace(/\b(refresh_token|access_token|client_secret|code|code_verifier)=([^&\s"]+)/gi, '$1=[redacted]')
    .slice(0, max);
}

export function credentialsNotConfigured(): DomainError {
  return new DomainError('CredentialsNotConfigured', {
    message: 'No Xero app credentials are stored yet.',
    fix: `Enter the Client ID (and the Client Secret for a Web app) of your Xero app in Setup. Both are in ${XERO_APP_CONFIGURATION}.`,
    cli: 'courseco-xero credentials set --client-id ID --client-secret-stdin',
  });
}

export function invalidClientCredentials(evidence: string, hasSecret: boolean): DomainError {
  return new DomainError('InvalidClientCredentials', {
    message: 'Xero says the Client ID or Secret is incorrect.',
    fix: hasSecret
      ? `In ${XERO_APP_CONFIGURATION}: copy the Client ID and generate a new Client Secret; enter both again, then connect.`
      : `In ${XERO_APP_CONFIGURATION}: copy the Client ID again. If the app is a Web app, it needs its Client Secret too.`,
    evidence: safeEvidence(evidence),
  });
}

export function redirectUriNotRegistered(redirectUri: string, waited: string): DomainError {
  return new DomainError('RedirectUriNotRegistered', {
    message: `Xero did not send the browser back to the assistant within ${waited}. Most often this is because the redirect URI is not registered in your Xero app (Xero then shows "Invalid redirect_uri" instead of coming back).`,
    fix: `In ${XERO_APP_CONFIGURATION}; under Redirect URIs add exactly ${redirectUri} — same port, no trailing slash — save, and connect again.`,
    evidence: `The assistant waited at ${redirectUri}.`,
  });
}

export function authorizationDenied(evidence: string): DomainError {
  return new DomainError('AuthorizationDenied', {
    message: 'Access was not allowed on Xero\'s consent page, so the assistant is not connected.',
    fix: 'Connect again and click "Allow access" for your organisation.',
    evidence: safeEvidence(evidence),
  });
}

export function invalidScope(scopeMode: 'granular' | 'broad', evidence: string): DomainError {
  const other = scopeMode === 'granular' ? 'broad' : 'granular';
  return new DomainError('InvalidScope', {
    message:
      scopeMode === 'granular'
        ? 'Xero refused the granular scopes the assistant asked for. Apps created before 2 March 2026 may still use the older broad scopes.'
        : 'Xero refused the broad scopes (accounting.transactions). Apps created on or after 2 March 2026 only accept granular scopes.',
    fix: `The assistant has to ask Xero for the ${other} permissions instead, a setting changed from the command line: export a support bundle on the Diagnostics page for whoever supports you, then connect again.`,
    cli: `courseco-xero config set xero.scopes ${other}`,
    evidence: safeEvidence(evidence),
  });
}

export function authorizationFailed(code: string, description: string | undefined): DomainError {
  return new DomainError('AuthorizationFailed', {
    message: `Xero ended the authorisation with the error "${code}"${description ? `: ${description}` : ''}.`,
    fix: 'Check the app\'s settings in Xero (Client ID, redirect URI, scopes) and connect again.',
    evidence: safeEvidence(`${code}${description ? ` ${description}` : ''}`),
  });
}

export function authorizationCodeReused(evidence: string): DomainError {
  return new DomainError('AuthorizationCodeReused', {
    message: 'Xero refused the authorisation code because it was already used: each code works once.',
    fix: 'Connect again; a sign-in link or callback from an earlier attempt cannot be replayed.',
    evidence: safeEvidence(evidence),
  });
}

export function authorizationCodeRejected(evidence: string): DomainError {
  return new DomainError('AuthorizationCodeRejected', {
    message:
      'Xero refused the authorisation code for this sign-in: the PKCE code verifier did not match the one the sign-in started with, or the code expired (codes last 5 minutes).',
    fix: 'Connect again and finish the sign-in in one go, in the browser tab the assistant opens.',
    evidence: safeEvidence(evidence),
  });
}

export function stateMismatch(): DomainError {
  return new DomainError('AuthorizationStateMismatch', {
    message: 'This sign-in response does not belong to the connection attempt the assistant is waiting for, so it was refused.',
    fix: 'Go back to the assistant and connect again; use the browser tab it opens.',
  });
}

export function connectCancelled(): DomainError {
  return new DomainError('ConnectCancelled', {
    message: 'Connecting to Xero was cancelled.',
    fix: 'Connect again when you are ready.',
  });
}

export function loopbackPortsBusy(ports: number[], evidence: string): DomainError {
  return new DomainError('LoopbackPortsBusy', {
    message: `The assistant could not listen for Xero's answer: ports ${ports.join(', ')} on localhost are all in use.`,
    fix: 'Close the program using them, or set oauth.ports to free ports and register the matching redirect URIs in your Xero app.',
    evidence: safeEvidence(evidence),
  });
}

export function notConnected(): DomainError {
  return new DomainError('NotConnected', {
    message: 'The assistant is not connected to Xero.',
    fix: 'Connect to Xero first.',
  });
}

export function reconnectNeeded(reason: string): DomainError {
  return new DomainError('ReconnectNeeded', {
    message: `The connection to Xero has to be renewed: ${reason}`,
    fix: 'Connect again. Settings and synced data are kept.',
    evidence: safeEvidence(reason),
  });
}

/** The guide's "user did not select the correct Xero organisation": `wanted` absent means any organisation at all. */
export function organisationNotAuthorised(authorised: string[], wanted: string | undefined): DomainError {
  const list = authorised.length === 0 ? 'no organisation' : authorised.map((n) => `"${n}"`).join(', ');
  if (wanted === undefined) {
    return new DomainError('OrganisationNotAuthorised', {
      message: 'No organisation was connected on Xero\'s consent page.',
      fix: 'Connect again and tick the organisation CourseCo uses before clicking "Allow access".',
      evidence: `Connected organisations: ${list}.`,
    });
  }
  return new DomainError('OrganisationNotAuthorised', {
    message: `You authorised ${list}, not "${wanted}".`,
    fix: `Connect again and pick "${wanted}" in Xero's organisation list on the consent page${authorised.length > 0 ? `, or choose ${list} instead if that is the organisation CourseCo uses` : ''}.`,
    evidence: `Connected organisations: ${list}.`,
    ...(authorised.length > 0 ? { cli: 'courseco-xero connect --tenant "<organisation name>"' } : {}),
  });
}

export function xeroUnreachable(what: string, evidence: string): DomainError {
  return new DomainError('XeroUnreachable', {
    message: `Could not reach Xero (${what}).`,
    fix: 'Check the internet connection (and any proxy), then try again. Nothing was changed.',
    evidence: safeEvidence(evidence),
  });
}

export function identityMisconfigured(issuer: string, evidence: string): DomainError {
  return new DomainError('IdentityDiscoveryFailed', {
    message: `Could not read Xero's sign-in configuration from ${issuer}.`,
    fix: 'Check the setting xero.issuer (normally https://identity.xero.com) and the internet connection.',
    evidence: safeEvidence(evidence),
  });
}
