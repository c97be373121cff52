import { XERO_IDENTITY_ORIGIN } from '../../../contract/xero-origin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors';
import { createKeychain } from '../../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { createCredentialsStore, maskClientId, validateClientId, validateClientSecret } from '../../../main/xero/credentials';
import { makeTempDir } from '../../support/temp-dir';

const ID = '0123456789ABCDEF0123456789ABCDEF';
const SECRET = 'bq4E0gnX6ZDcQlx3x-JNa_0OHJjPL1Wq6LWPiBv4KHhH6l5U';

function kindOf(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('Client ID and Secret validation', () => {
  it('accepts a 32-hex Client ID, trimmed', () => {
    expect(validateClientId(`  ${ID}\n`)).toBe(ID);
    expect(validateClientId(ID.toLowerCase())).toBe(ID.toLowerCase());
  });

  it('names a secret pasted into the Client ID field', () => {
    const error = kindOf(() => validateClientId(SECRET));
    expect(error.kind).toBe('InvalidClientId');
    expect(error.message).toMatch(/Client Secret pasted into the Client ID field/);
  });

  it('names a Client ID pasted into the secret field, and the same value in both', () => {
    expect(kindOf(() => validateClientSecret(ID)).message).toMatch(/Client ID pasted into the Client Secret field/);
    expect(kindOf(() => validateClientSecret('ABCDEF0123456789ABCDEF0123456789', 'abcdef0123456789abcdef0123456789')).kind).toBe('InvalidClientSecret');
  });

  it('names other paste mistakes: empty, inner spaces, a GUID, a token, a URL, wrong length', () => {
    expect(kindOf(() => validateClientId('   ')).message).toMatch(/empty/);
    expect(kindOf(() => validateClientId('0123 4567')).message).toMatch(/spaces/);
    expect(kindOf(() => validateClientId('fe79f7dd-1234-4cde-9abc-0123456789ab')).message).toMatch(/Tenant ID/);
    expect(kindOf(() => validateClientId('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).message).toMatch(/access token/);
    expect(kindOf(() => validateClientId('https://developer.xero.com/app/manage')).message).toMatch(/web address/);
    expect(kindOf(() => validateClientId('ABC123')).message).toMatch(/32 characters/);
    expect(kindOf(() => validateClientSecret('short')).message).toMatch(/about 48 characters/);
  });

  it('masks the Client ID', () => {
    expect(maskClientId(ID)).toBe('0123…CDEF');
    expect(maskClientId(ID)).not.toContain('456789ABCDEF0123');
  });
});

describe('credentials store (real keychain)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('stores the ID in settings and the secret only in the keychain; status never returns the secret', async () => {
    const settings = openNodeSettingsStore(temp.dir);
    const keychain = createKeychain(temp.dir);
    const store = createCredentialsStore({ settings, keychain, issuer: XERO_IDENTITY_ORIGIN });
    expect(await store.set({ clientId: ` ${ID} `, clientSecret: ` ${SECRET}\n` })).toEqual({ changedClientId: false, appType: 'web' });
    expect(settings.get('xero.clientId')).toBe(ID);
    expect(JSON.parse((await keychain.get('client-secret'))!)).toEqual({ v: 1, secret: SECRET, issuer: XERO_IDENTITY_ORIGIN });
    const status = await store.status();
    expect(status).toMatchObject({ clientId: '0123…CDEF', clientIdStored: true, secretStored: true, appType: 'web', keychain: { available: true } });
    expect(JSON.stringify(status)).not.toContain(SECRET);
    expect(await store.load()).toEqual({ clientId: ID, clientSecret: SECRET, appType: 'web' });
  });

  it('a PKCE app has no secret: setting only the ID removes a stored secret', async () => {
    const settings = openNodeSettingsStore(temp.dir);
    const keychain = createCredentialsStore({ settings, keychain: createKeychain(temp.dir), issuer: XERO_IDENTITY_ORIGIN });
    await keychain.set({ clientId: ID, clientSecret: SECRET });
    expect(await keychain.set({ clientId: ID })).toMatchObject({ appType: 'pkce' });
    expect(await keychain.status()).toMatchObject({ secretStored: false, appType: 'pkce' });
  });

  it('stores nothing when either value is invalid', async () => {
    const settings = openNodeSettingsStore(temp.dir);
    const keychain = createKeychain(temp.dir);
    const store = createCredentialsStore({ settings, keychain, issuer: XERO_IDENTITY_ORIGIN });
    await expect(store.set({ clientId: ID, clientSecret: ID })).rejects.toMatchObject({ kind: 'InvalidClientSecret' });
    expect(settings.get('xero.clientId')).toBeUndefined();
    expect(await keychain.get('client-secret')).toBeNull();
  });

  it('clear removes both', async () => {
    const settings = openNodeSettingsStore(temp.dir);
    const keychain = createKeychain(temp.dir);
    const store = createCredentialsStore({ settings, keychain, issuer: XERO_IDENTITY_ORIGIN });
    await store.set({ clientId: ID, clientSecret: SECRET });
    await store.clear();
    expect(settings.get('xero.clientId')).toBeUndefined();
    expect(await keychain.get('client-secret')).toBeNull();
    expect(await store.status()).toMatchObject({ clientIdStored: false, secretStored: false });
  });

  it('a secret goes only to the sign-in server it was entered for; one saved before binding counts as Xero\'s', async () => {
    const settings = openNodeSettingsStore(temp.dir);
    const keychain = createKeychain(temp.dir);
    await createCredentialsStore({ settings, keychain, issuer: XERO_IDENTITY_ORIGIN }).set({ clientId: ID, clientSecret: SECRET });
    const elsewhere = createCredentialsStore({ settings, keychain, issuer: 'https://attacker.example' });
    await expect(elsewhere.load()).rejects.toMatchObject({ kind: 'SecretForAnotherServer', message: expect.stringContaining('https://identity.xero.com') });
    expect(await elsewhere.status()).toMatchObject({ secretStored: false, appType: 'web' });

    await keychain.set('client-secret', SECRET); // the plain form earlier versions saved
    expect(await createCredentialsStore({ settings, keychain, issuer: XERO_IDENTITY_ORIGIN }).load()).toMatchObject({ clientSecret: SECRET });
    await expect(createCredentialsStore({ settings, keychain, issuer: 'http://127.0.0.1:4000' }).load()).rejects.toMatchObject({ kind: 'SecretForAnotherServer' });
  });
});
