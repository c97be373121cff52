/**
 * The Xero app's credentials: the Client ID (not secret; in settings) and, for a Web app, the Client Secret (only in
 * the OS keychain). Both are validated before anything is stored, and the usual paste mistakes are named: a secret in
 * the ID field, an ID in the secret field, a token, a URL, stray whitespace. A PKCE app ("mobile or desktop") has no
 * secret at all. The secret goes in and never comes out over IPC; `status()` only says whether one is stored.
 */
import type { CredentialsStatus, ParsedArgsOf } from '../../contract/contract';
import { XERO_IDENTITY_ORIGIN } from '../../contract/xero-origin';
import { DomainError } from '../errors';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { XERO_APP_CONFIGURATION } from './xero-errors';

/** `web` with a secret, `pkce` without. */
export type AppType = NonNullable<CredentialsStatus['appType']>;

export interface StoredCredentials {
  clientId: string;
  clientSecret?: string;
  appType: AppType;
}

const HEX32 = /^[0-9a-fA-F]{32}$/;
const SECRETISH = /^[A-Za-z0-9_\-.~+/=]{30,128}$/;

function looksLikeToken(value: string): boolean {
  return /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./.test(value) || /^bearer\s/i.test(value);
}

function invalid(field: 'Client ID' | 'Client Secret', message: string, fix: string): DomainError {
  return new DomainError(field === 'Client ID' ? 'InvalidClientId' : 'InvalidClientSecret', { message, fix });
}

const ID_FIX = `Copy the Client ID again, in full, from ${XERO_APP_CONFIGURATION}: 32 characters, 0–9 and A–F.`;
const SECRET_FIX = 'Copy the Client Secret from your Xero app (Configuration → Generate a secret) and paste it into the secret field.';

/** Trims and checks a Client ID; names the mistake when it is something else. */
export function validateClientId(raw: string): string {
  const value = raw.trim();
  if (value === '') throw invalid('Client ID', 'The Client ID is empty.', ID_FIX);
  if (/\s/.test(value)) throw invalid('Client ID', 'The Client ID contains spaces or line breaks; it is one word of 32 characters.', ID_FIX);
  if (HEX32.test(value)) return value;
  if (looksLikeToken(value)) {
    throw invalid('Client ID', 'This looks like an access token, not a Client ID.', ID_FIX);
  }
  if (/^https?:\/\//i.test(value)) throw invalid('Client ID', 'This is a web address, not a Client ID.', ID_FIX);
  if (/^[0-9a-fA-F-]{36}$/.test(value)) {
    throw invalid('Client ID', 'This looks like a Tenant ID or another Xero ID (a GUID with dashes), not the Client ID.', ID_FIX);
  }
  if (SECRETISH.test(value) && value.length !== 32) {
    throw invalid(
      'Client ID',
      'This looks like the Client Secret pasted into the Client ID field. The Client ID is 32 characters of 0–9 and A–F.',
      `${ID_FIX} Put the secret in the Client Secret field.`,
    );
  }
  // Right characters, wrong length: most often a copy that missed the start or the end.
  if (/^[0-9a-fA-F]+$/.test(value)) {
    throw invalid('Client ID', `The Client ID is too ${value.length < 32 ? 'short' : 'long'}: Xero's Client IDs have 32 characters, this one has ${value.length}.`, ID_FIX);
  }
  throw invalid('Client ID', `The Client ID must be 32 characters of 0–9 and A–F; this one has ${value.length} characters, some of them other than 0–9 and A–F.`, ID_FIX);
}

/** Trims and checks a Client Secret; names the mistake when it is the Client ID or something else. */
export function validateClientSecret(raw: string, clientId?: string): string {
  const value = raw.trim();
  if (value === '') throw invalid('Client Secret', 'The Client Secret is empty.', SECRET_FIX);
  if (/\s/.test(value)) throw invalid('Client Secret', 'The Client Secret contains spaces or line breaks; it is one word.', SECRET_FIX);
  if (HEX32.test(value) || (clientId !== undefined && value.toLowerCase() === clientId.trim().toLowerCase())) {
    throw invalid(
      'Client Secret',
      'This looks like the Client ID pasted into the Client Secret field.',
      `${SECRET_FIX} The Client ID (32 characters, 0–9 and A–F) belongs in the Client ID field.`,
    );
  }
  if (looksLikeToken(value)) throw invalid('Client Secret', 'This looks like an access token, not a Client Secret.', SECRET_FIX);
  if (/^https?:\/\//i.test(value)) throw invalid('Client Secret', 'This is a web address, not a Client Secret.', SECRET_FIX);
  if (value.length < 20 || value.length > 128) {
    throw invalid('Client Secret', `A Xero Client Secret is about 48 characters long; this one has ${value.length}.`, SECRET_FIX);
  }
  return value;
}

export function maskClientId(clientId: string): string {
  if (clientId.length <= 8) return '…';
  return `${clientId.slice(0, 4)}…${clientId.slice(-4)}`;
}

export interface CredentialsStore {
  status(): Promise<CredentialsStatus>;
  /** Validates, then stores the secret in the keychain (or removes it for a PKCE app) and the Client ID in settings. */
  set(input: ParsedArgsOf<'credentials.set'>): Promise<{ changedClientId: boolean; appType: AppType }>;
  clear(): Promise<void>;
  /** For the OAuth client only; the secret never leaves main. */
  load(): Promise<StoredCredentials | null>;
}

/**
 * The secret is kept together with the identity origin it was entered for, and is sent to no other: a settings file
 * pointed elsewhere (by hand, by another program) finds a secret it may not use, and the person is asked to enter
 * it again for the new server. The keychain entry is the binding, so only this app can change it.
 */
interface BoundSecret {
  v: 1;
  secret: string;
  issuer: string;
}

function readBoundSecret(raw: string | null): BoundSecret | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<BoundSecret> | null;
    if (value && value.v === 1 && typeof value.secret === 'string' && typeof value.issuer === 'string') return value as BoundSecret;
  } catch {
    // a secret saved before secrets were bound to a server: a plain string
  }
  // Such a secret was entered when only Xero's own sign-in could be configured for real use.
  return { v: 1, secret: raw, issuer: XERO_IDENTITY_ORIGIN };
}

export function secretForAnotherServer(savedFor: string, issuer: string): DomainError {
  return new DomainError('SecretForAnotherServer', {
    message: `The Client Secret on this computer was entered for ${savedFor}, but this profile now signs in at ${issuer}. It was not sent there.`,
    fix: `If you meant to use ${issuer}, enter the Client ID and Client Secret again in Setup; otherwise point the profile back at ${savedFor}.`,
    cli: 'courseco-xero credentials set --client-id ID --client-secret-stdin',
  });
}

export function createCredentialsStore(deps: { settings: SettingsStore; keychain: Keychain; issuer: string }): CredentialsStore {
  const { settings, keychain, issuer } = deps;
  const readSecret = async () => readBoundSecret(await keychain.get('client-secret'));
  return {
    async status() {
      const clientId = settings.get('xero.clientId');
      const probe = await keychain.probe();
      let secretStored = false;
      let webApp = false;
      if (probe.available) {
        const stored = await readSecret();
        // A Web app whose secret is bound to another server: still a Web app, but its secret has to be entered again.
        webApp = stored !== null;
        secretStored = stored?.issuer === issuer;
      }
      const status: CredentialsStatus = {
        clientIdStored: Boolean(clientId),
        secretStored,
        keychain: probe.available
          ? { available: true, detail: probe.backend, persistent: probe.persistent }
          : { available: false, detail: probe.reason, fix: probe.fix },
      };
      if (clientId) {
        status.clientId = maskClientId(clientId);
        status.appType = webApp ? 'web' : 'pkce';
      }
      return status;
    },
    async set(input) {
      const clientId = validateClientId(input.clientId);
      const secret = input.clientSecret === undefined ? undefined : validateClientSecret(input.clientSecret, clientId);
      // Secret first: if the keychain is unavailable, nothing at all is written.
      if (secret === undefined) await keychain.delete('client-secret');
      else await keychain.set('client-secret', JSON.stringify({ v: 1, secret, issuer } satisfies BoundSecret));
      const previous = settings.get('xero.clientId');
      settings.set('xero.clientId', clientId);
      return { changedClientId: previous !== undefined && previous.toLowerCase() !== clientId.toLowerCase(), appType: secret === undefined ? 'pkce' : 'web' };
    },
    async clear() {
      await keychain.delete('client-secret');
      settings.set('xero.clientId', null);
    },
    async load() {
      const clientId = settings.get('xero.clientId');
      if (!clientId) return null;
      const stored = await readSecret();
      if (stored === null) return { clientId, appType: 'pkce' };
      if (stored.issuer !== issuer) throw secretForAnotherServer(stored.issuer, issuer);
      return { clientId, clientSecret: stored.secret, appType: 'web' };
    },
  };
}
