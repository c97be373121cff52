/** The credentials.* and connection.* channels through the real dispatcher: validated in, nothing secret out. */
import { describe, expect, it } from 'vitest';
import { dispatchedServicesPerTest } from '../../support/dispatched-services';

const ID = '0123456789ABCDEF0123456789ABCDEF';
const SECRET = 'bq4E0gnX6ZDcQlx3x-JNa_0OHJjPL1Wq6LWPiBv4KHhH6l5U';

const h = dispatchedServicesPerTest();

describe('credentials.* and connection.* over IPC', () => {
  it('credentials.set validates, stores the secret in the keychain, and answers without it', async () => {
    const refused = await h.call('credentials.set', { clientId: SECRET, clientSecret: ID }, 'x');
    expect(refused).toMatchObject({ ok: false, error: { code: 'domain', kind: 'InvalidClientId' } });
    const stored = await h.call('credentials.set', { clientId: ID, clientSecret: SECRET }, 'x');
    expect(stored).toEqual({ ok: true, value: { clientId: '0123…CDEF', clientIdStored: true, secretStored: true, appType: 'web', keychain: { available: true, detail: expect.any(String), persistent: true } } });
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.parse((await h.keychain.get('client-secret'))!)).toEqual({ v: 1, secret: SECRET, issuer: 'https://identity.xero.com' });
    expect(await h.call('connection.status', {}, 'x')).toMatchObject({ ok: true, value: { state: 'disconnected', appType: 'web' } });
    expect(await h.call('credentials.clear', {}, 'x')).toMatchObject({ ok: true, value: { clientIdStored: false, secretStored: false } });
    expect(await h.call('connection.status', {}, 'x')).toMatchObject({ ok: true, value: { state: 'not-configured' } });
  });

  it('connection.redirectUris gives the exact loopback URIs to register, from oauth.ports', async () => {
    expect(await h.call('connection.redirectUris', {}, 'x')).toEqual({
      ok: true,
      value: { redirectUris: ['http://localhost:47318/callback', 'http://localhost:47319/callback', 'http://localhost:47320/callback'] },
    });
  });

  it('connection.connect without credentials fails with a fix; bad arguments never reach the handler', async () => {
    expect(await h.call('connection.connect', {}, 'x')).toMatchObject({ ok: false, error: { kind: 'CredentialsNotConfigured', fix: expect.stringContaining('in Setup') } });
    expect(await h.call('connection.connect', { tenant: 42 }, 'x')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await h.call('connection.disconnect', {}, 'x')).toMatchObject({ ok: false, error: { kind: 'NotConnected' } });
    expect(await h.call('connection.cancel', {}, 'x')).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('settings.set refuses the Client ID and the Xero origins: a window changes none of them', async () => {
    for (const key of ['xero.clientId', 'xero.issuer', 'xero.apiOrigin']) {
      expect(await h.call('settings.set', { key, value: ID }, 'x')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    expect((await h.call('settings.get', {}, 'x')) as { value: Record<string, unknown> }).toMatchObject({
      value: { 'xero.issuer': 'https://identity.xero.com', 'xero.apiOrigin': 'https://api.xero.com' },
    });
    // The Client ID changes through credentials.set, which also ends the old app's sign-in.
    expect(await h.call('credentials.set', { clientId: ID }, 'x')).toMatchObject({ ok: true });
    await h.keychain.set('token-set', JSON.stringify({ v: 1, clientId: ID, accessToken: 'a', expiresAt: Date.now() + 60_000, refreshTokenIssuedAt: Date.now(), connectedAt: Date.now() }));
    expect(await h.call('credentials.set', { clientId: 'FEDCBA9876543210FEDCBA9876543210' }, 'x')).toMatchObject({ ok: true });
    expect(await h.keychain.get('token-set')).toBeNull();
  });
});
