import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors';
import { createKeychain, type Keychain } from '../../../main/secrets/keychain';
import type { OAuthClient, TokenGrant } from '../../../main/xero/oauth-client';
import { createTokenService, DAY_MS } from '../../../main/xero/token-service';
import { reconnectNeeded, xeroUnreachable } from '../../../main/xero/xero-errors';
import { makeTempDir } from '../../support/temp-dir';

const T0 = Date.parse('2026-11-25T09:00:00Z');

function manualClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A fake identity server's token endpoint: rotates refresh tokens and counts requests. */
function fakeOAuth(clock: { now(): number }, behaviour: { fail?: (attempt: number) => Error | undefined; delayMs?: number } = {}) {
  let n = 0;
  const calls: string[] = [];
  const client: OAuthClient = {
    clientId: 'client',
    appType: 'web',
    metadata: { issuer: 'x', authorization_endpoint: 'http://x/a', token_endpoint: 'http://x/t' },
    authorizationUrl: () => 'http://x/a',
    exchangeCode: async () => {
      throw new Error('unused');
    },
    refresh: async (refreshToken) => {
      calls.push(refreshToken);
      if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
      const failure = behaviour.fail?.(calls.length);
      if (failure) throw failure;
      n += 1;
      return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt: clock.now() + 1800_000, scope: 'offline_access' };
    },
    revoke: async (token) => {
      calls.push(`revoke:${token}`);
    },
  };
  return { client, calls };
}

const firstGrant = (clock: { now(): number }): TokenGrant => ({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: clock.now() + 1800_000, scope: 'offline_access accounting.invoices' });

describe('token service (real keychain)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let keychain: Keychain;
  beforeEach(() => {
    temp = makeTempDir();
    keychain = createKeychain(temp.dir);
  });
  afterEach(async () => {
    await keychain.delete('token-set');
    temp.cleanup();
  });

  it('keeps the token set only in the keychain and hands out the access token until close to expiry', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock);
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client });
    await tokens.saveGrant(firstGrant(clock), 'client');
    expect(JSON.parse((await keychain.get('token-set'))!)).toMatchObject({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    expect(await tokens.accessToken()).toBe('access-0');
    clock.advance(26 * 60_000); // inside the 5-minute margin
    expect(await tokens.accessToken()).toBe('access-1');
    expect(calls).toEqual(['refresh-0']);
    expect(JSON.parse((await keychain.get('token-set'))!)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('single-flight: 10 concurrent callers at expiry share one refresh', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock, { delayMs: 20 });
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client });
    await tokens.saveGrant(firstGrant(clock), 'client');
    clock.advance(31 * 60_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.accessToken()));
    expect(new Set(results)).toEqual(new Set(['access-1']));
    expect(calls).toHaveLength(1);
    // Ten 401s for the same old token also cause one refresh, and a late one does not refresh again.
    const renewed = await Promise.all(Array.from({ length: 10 }, () => tokens.renewAfterRejection('access-1')));
    expect(new Set(renewed)).toEqual(new Set(['access-2']));
    expect(await tokens.renewAfterRejection('access-1')).toBe('access-2');
    expect(calls).toHaveLength(2);
  });

  it('persists the rotated refresh token before the new access token is used; a failed write drops the new tokens', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock);
    let failNextWrite = false;
    const order: string[] = [];
    const flaky: Keychain = {
      ...keychain,
      get: (name) => keychain.get(name),
      delete: (name) => keychain.delete(name),
      probe: () => keychain.probe(),
      set: async (name, value) => {
        if (failNextWrite) {
          failNextWrite = false;
          throw new DomainError('KeychainUnavailable', { message: 'crash between receiving and storing' });
        }
        order.push(`stored:${JSON.parse(value).accessToken}`);
        await keychain.set(name, value);
      },
    };
    const tokens = createTokenService({ keychain: flaky, clock, oauthClient: async () => client });
    await tokens.saveGrant(firstGrant(clock), 'client');
    clock.advance(31 * 60_000);
    failNextWrite = true;
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'KeychainUnavailable' });
    // The keychain still holds the old refresh token; a fresh process retries with it (Xero's 30-minute grace).
    const restarted = createTokenService({ keychain: flaky, clock, oauthClient: async () => client });
    const token = await restarted.accessToken();
    order.push(`used:${token}`);
    expect(calls).toEqual(['refresh-0', 'refresh-0']);
    expect(token).toBe('access-2');
    expect(order).toEqual(['stored:access-0', 'stored:access-2', 'used:access-2']);
  });

  it('retries a network failure with the same refresh token, then succeeds', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock, { fail: (attempt) => (attempt <= 2 ? xeroUnreachable('the token endpoint', 'ECONNRESET') : undefined) });
    const slept: number[] = [];
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client, sleep: async (ms) => void slept.push(ms) });
    await tokens.saveGrant(firstGrant(clock), 'client');
    clock.advance(31 * 60_000);
    expect(await tokens.accessToken()).toBe('access-1');
    expect(calls).toEqual(['refresh-0', 'refresh-0', 'refresh-0']);
    expect(slept).toEqual([1000, 3000]);
  });

  it('gives up after the retries without touching the stored tokens', async () => {
    const clock = manualClock();
    const { client } = fakeOAuth(clock, { fail: () => xeroUnreachable('the token endpoint', 'ECONNREFUSED') });
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client, sleep: async () => undefined });
    await tokens.saveGrant(firstGrant(clock), 'client');
    clock.advance(31 * 60_000);
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'XeroUnreachable' });
    expect(await tokens.state()).toMatchObject({ kind: 'active' });
  });

  it('invalid_grant → reconnect needed with the reason, kept across restarts', async () => {
    const clock = manualClock();
    const reason = 'Xero no longer accepts the saved sign-in (HTTP 400 invalid_grant).';
    const { client } = fakeOAuth(clock, { fail: () => reconnectNeeded(reason) });
    const changes: number[] = [];
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client, onChange: () => changes.push(1) });
    await tokens.saveGrant(firstGrant(clock), 'client');
    clock.advance(31 * 60_000);
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'ReconnectNeeded' });
    const restarted = createTokenService({ keychain, clock, oauthClient: async () => client });
    expect(await restarted.state()).toMatchObject({ kind: 'reconnect-needed', reason });
    await expect(restarted.accessToken()).rejects.toMatchObject({ kind: 'ReconnectNeeded' });
    expect(await keychain.get('token-set')).not.toContain('refresh-0');
    expect(changes.length).toBeGreaterThanOrEqual(2);
  });

  it('tracks the refresh token age and warns ahead of the 60-day expiry', async () => {
    const clock = manualClock();
    const { client } = fakeOAuth(clock);
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client });
    await tokens.saveGrant(firstGrant(clock), 'client');
    expect(await tokens.state()).toMatchObject({ kind: 'active', refreshTokenAgeDays: 0, refreshTokenExpiresAt: T0 + 60 * DAY_MS });
    expect(await tokens.state()).not.toHaveProperty('warning');
    clock.advance(50 * DAY_MS);
    const state = await tokens.state();
    expect(state).toMatchObject({ kind: 'active', refreshTokenAgeDays: 50, accessTokenExpired: true });
    expect(state.kind === 'active' && state.warning).toMatch(/expires in 10 days/);
    // Using the connection renews the refresh token and resets the age.
    await tokens.accessToken();
    expect(await tokens.state()).toMatchObject({ refreshTokenAgeDays: 0 });
  });

  it('revoke sends the refresh token to Xero and forgets the tokens', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock);
    const tokens = createTokenService({ keychain, clock, oauthClient: async () => client });
    await tokens.saveGrant(firstGrant(clock), 'client');
    await tokens.revoke();
    expect(calls).toEqual(['revoke:refresh-0']);
    expect(await keychain.get('token-set')).toBeNull();
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'NotConnected' });
  });

  it('tokens are used only at the origins that issued them; ones saved before that binding count as Xero\'s', async () => {
    const clock = manualClock();
    const { client, calls } = fakeOAuth(clock);
    const sandbox = { issuer: 'http://127.0.0.1:4000', apiOrigin: 'http://127.0.0.1:4000' };
    await createTokenService({ keychain, clock, oauthClient: async () => client, origins: sandbox }).saveGrant(firstGrant(clock), 'client');
    expect(JSON.parse((await keychain.get('token-set'))!)).toMatchObject({ issuer: sandbox.issuer, apiOrigin: sandbox.apiOrigin });
    const atXero = createTokenService({ keychain, clock, oauthClient: async () => client });
    await expect(atXero.accessToken()).rejects.toMatchObject({ kind: 'ReconnectNeeded', message: expect.stringContaining('belongs to http://127.0.0.1:4000') });
    await atXero.revoke(); // forgotten here, never sent to Xero to be revoked
    expect(calls).toEqual([]);

    // The form earlier versions saved: no origins, so Xero's own.
    const legacy = { v: 1, clientId: 'client', accessToken: 'legacy', expiresAt: clock.now() + 1800_000, refreshToken: 'r', refreshTokenIssuedAt: clock.now(), connectedAt: clock.now() };
    await keychain.set('token-set', JSON.stringify(legacy));
    expect(await createTokenService({ keychain, clock, oauthClient: async () => client }).accessToken()).toBe('legacy');
    const state = await createTokenService({ keychain, clock, oauthClient: async () => client, origins: sandbox }).state();
    expect(state).toMatchObject({ kind: 'reconnect-needed', reason: expect.stringContaining('saved before sign-ins were tied to a server') });
  });
});
