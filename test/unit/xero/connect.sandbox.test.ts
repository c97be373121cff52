/**
 * Connecting to Xero, against the real sandbox (our Xero simulator) and the real keychain. The app only knows the
 * sandbox as `xero.issuer` / `xero.apiOrigin`; the browser is played over HTTP with the sandbox's consent shortcut.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePortOtherThan } from '../../support/free-ports';
import { DomainError } from '../../../main/errors';
import type { Keychain } from '../../../main/secrets/keychain';
import { followAuthorizeUrl, nextAuthorizeUrl, startHarness, type Harness } from './support/sandbox-harness';
import { fileTextsUnder } from './support/file-texts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const tokenRequests = (since = 0) => h.sandbox.requestLog().filter((r) => r.method === 'POST' && r.path === '/connect/token' && r.at >= since);

/** Starts a connect, lets `browse` play the browser with the announced URL, and returns the connect outcome. */
async function connectWith(services: ReturnType<Harness['services']>, browse: (url: string) => Promise<unknown>, options: { tenant?: string } = {}) {
  const urlPromise = nextAuthorizeUrl(services);
  const outcome = services.connection.connect(options).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // If connect fails before announcing a URL, say why instead of waiting for one.
  const url = await Promise.race([
    urlPromise,
    outcome.then((o) => {
      throw o.ok ? new Error('connect finished before announcing an authorize URL') : o.error;
    }),
  ]);
  const browsed = await browse(url);
  return { url, browsed, outcome: await outcome };
}

async function connected(services = h.services(), consent = 'first') {
  const { outcome, browsed } = await connectWith(services, (url) => followAuthorizeUrl(url, consent));
  if (!outcome.ok) throw outcome.error;
  return { services, result: outcome.value, browsed: browsed as Awaited<ReturnType<typeof followAuthorizeUrl>> };
}

function errorOf(outcome: { ok: boolean; error?: unknown }): DomainError {
  expect(outcome.ok).toBe(false);
  expect(outcome.error).toBeInstanceOf(DomainError);
  return outcome.error as DomainError;
}

describe('connect (sandbox)', () => {
  it('full connect with a Web app: tokens in the keychain, tenant and organisation name in settings, organisation details shown', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const { result, browsed } = await connected(services);
    const liffey = h.sandbox.tenants[0]!;
    expect(browsed.callback?.status).toBe(200);
    expect(browsed.callbackBody).toContain(`connected to ${liffey.name}`);
    expect(result).toMatchObject({ needsChoice: false, organisation: { tenantId: liffey.tenantId, name: liffey.name, countryCode: 'IE', baseCurrency: 'EUR', shortCode: liffey.shortCode } });
    expect(result.status).toMatchObject({ state: 'connected', appType: 'web', tenantId: liffey.tenantId, organisationName: liffey.name, refreshTokenAgeDays: 0 });
    expect(services.settings.get('xero.tenantId')).toBe(liffey.tenantId);
    expect(services.settings.get('xero.expectedOrganisation')).toBe(liffey.name);
    expect(JSON.parse((await h.keychain.get('token-set'))!)).toHaveProperty('refreshToken');
    // The Web app authenticated with its secret (Basic) and still sent a PKCE verifier.
    const exchange = tokenRequests()[0]!;
    expect(exchange.headers.authorization).toBe('Basic ***');
    expect(await services.connection.check()).toMatchObject({ state: 'connected', check: { ok: true }, organisation: { name: liffey.name } });
  });

  it('full connect with a PKCE-only app (no secret, no Basic auth)', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.pkce);
    expect(await services.connection.credentials.status()).toMatchObject({ appType: 'pkce', secretStored: false });
    const { result } = await connected(services);
    expect(result.status).toMatchObject({ state: 'connected', appType: 'pkce' });
    expect(tokenRequests()[0]!.headers.authorization).toBeUndefined();
    expect((await services.connection.check()).check).toMatchObject({ ok: true });
  });

  it('a callback with the wrong state is refused with its own message, and the real one still completes', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const { outcome, browsed } = await connectWith(services, async (url) => {
      const forged = new URL(`http://localhost:${h.ports[0]}/callback?code=forged&state=not-the-state`);
      const refused = await fetch(forged);
      const page = await refused.text();
      await followAuthorizeUrl(url);
      return { status: refused.status, page };
    });
    expect(browsed).toMatchObject({ status: 400 });
    expect((browsed as { page: string }).page).toMatch(/does not belong to the connection attempt/);
    expect(outcome.ok).toBe(true);
    expect(tokenRequests()).toHaveLength(1); // the forged code never reached the token endpoint
  });

  it('a replayed authorisation code is refused as already used', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const first = await connected(services);
    const oldCode = new URL(first.browsed.location!).searchParams.get('code')!;
    const { outcome, browsed } = await connectWith(services, async (url) => {
      const state = new URL(url).searchParams.get('state')!;
      const response = await fetch(`http://localhost:${h.ports[0]}/callback?code=${oldCode}&state=${state}`);
      return response.text();
    });
    const error = errorOf(outcome);
    expect(error.kind).toBe('AuthorizationCodeReused');
    expect(error.message).toMatch(/already used/);
    expect(browsed).toMatch(/already used/);
  });

  it('a code issued for another PKCE challenge (wrong verifier) is refused with its own message', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const { outcome } = await connectWith(services, async (url) => {
      const tampered = new URL(url);
      tampered.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
      return followAuthorizeUrl(tampered.toString());
    });
    const error = errorOf(outcome);
    expect(error.kind).toBe('AuthorizationCodeRejected');
    expect(error.message).toMatch(/PKCE code verifier did not match/);
  });

  it('an unregistered redirect URI: Xero shows its error page, the app times out and names the exact URI to add', async () => {
    const unregistered = await freePortOtherThan(h.ports);
    const services = h.services({ xero: { callbackTimeoutMs: 1_500 } });
    services.settings.set('oauth.ports', String(unregistered));
    await services.connection.setCredentials(h.web);
    const { outcome, browsed } = await connectWith(services, (url) => followAuthorizeUrl(url));
    const page = browsed as Awaited<ReturnType<typeof followAuthorizeUrl>>;
    expect(page.authorize.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(await page.authorize.text()).toMatch(/Invalid redirect_uri/);
    const error = errorOf(outcome);
    expect(error.kind).toBe('RedirectUriNotRegistered');
    expect(error.fix).toContain(`add exactly http://localhost:${unregistered}/callback`);
    expect(await services.connection.status()).toMatchObject({ state: 'disconnected' });
  });

  it('a wrong Client Secret is refused as "Client ID or Secret is incorrect"', async () => {
    const services = h.services();
    await services.connection.setCredentials({ clientId: h.web.clientId, clientSecret: 'Wrong-Secret_0123456789abcdefghijklmnopqrstuvwxyz' });
    const { outcome, browsed } = await connectWith(services, (url) => followAuthorizeUrl(url));
    const error = errorOf(outcome);
    expect(error.kind).toBe('InvalidClientCredentials');
    expect(error.message).toBe('Xero says the Client ID or Secret is incorrect.');
    expect((browsed as { callbackBody: string }).callbackBody).toMatch(/Client ID or Secret is incorrect/);
    expect(await h.keychain.get('token-set')).toBeNull();
  });

  it('legacy broad scopes on a new (granular-only) app: invalid_scope names the setting to change', async () => {
    const services = h.services();
    services.settings.set('xero.scopes', 'broad');
    await services.connection.setCredentials(h.web);
    const { outcome } = await connectWith(services, (url) => followAuthorizeUrl(url));
    const error = errorOf(outcome);
    expect(error.kind).toBe('InvalidScope');
    expect(error.cli).toBe('courseco-xero config set xero.scopes granular');
    expect(error.fix).not.toMatch(/courseco-xero|xero\.scopes/);
  });

  it('access denied on the consent page ends the attempt with its own message', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const { outcome } = await connectWith(services, async (url) => {
      const state = new URL(url).searchParams.get('state')!;
      return (await fetch(`http://localhost:${h.ports[0]}/callback?error=access_denied&state=${state}`)).text();
    });
    expect(errorOf(outcome).kind).toBe('AuthorizationDenied');
  });

  it('cancel ends the wait and closes the listener', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const { outcome } = await connectWith(services, async () => {
      expect(await services.connection.status()).toMatchObject({ state: 'connecting' });
      return services.connection.cancel();
    });
    expect(errorOf(outcome).kind).toBe('ConnectCancelled');
    await expect(fetch(`http://localhost:${h.ports[0]}/callback`)).rejects.toThrow();
  });
});

describe('organisations (sandbox)', () => {
  it('several organisations: the user chooses; a later sign-in to the wrong one says "you authorised X, not Y"', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const [liffey, uk] = h.sandbox.tenants as [Harness['sandbox']['tenants'][0], Harness['sandbox']['tenants'][0]];
    const { result } = await connected(services, 'all');
    expect(result.needsChoice).toBe(true);
    expect(result.organisations.map((o) => o.name).sort()).toEqual([liffey.name, uk.name].sort());
    const chosen = await services.connection.choose(uk.name.toUpperCase());
    expect(chosen.organisation).toMatchObject({ tenantId: uk.tenantId, baseCurrency: 'GBP' });
    expect(services.settings.get('xero.tenantId')).toBe(uk.tenantId);

    // Disconnect UK in Xero only, then sign in again picking the Irish org: the app expected the UK one.
    const { outcome } = await connectWith(services, (url) => followAuthorizeUrl(url, liffey.tenantId));
    expect(outcome.ok).toBe(true); // UK is still connected from the first consent, so it is found
    await services.connection.disconnect();
    const again = await connectWith(services, (url) => followAuthorizeUrl(url, liffey.tenantId));
    const error = errorOf(again.outcome);
    expect(error.kind).toBe('OrganisationNotAuthorised');
    expect(error.message).toBe(`You authorised "${liffey.name}", not "${uk.name}".`);
    expect(services.settings.get('xero.tenantId')).toBe(uk.tenantId); // nothing lost
  });

  it('connect --tenant picks by ID or name, and names the mismatch when that organisation was not authorised', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const [liffey, uk] = h.sandbox.tenants as [Harness['sandbox']['tenants'][0], Harness['sandbox']['tenants'][0]];
    const byId = await connectWith(services, (url) => followAuthorizeUrl(url, 'all'), { tenant: uk.tenantId });
    expect(byId.outcome.ok && byId.outcome.value.organisation?.name).toBe(uk.name);
    await services.connection.disconnect();
    const wrong = await connectWith(services, (url) => followAuthorizeUrl(url, liffey.tenantId), { tenant: uk.name });
    expect(errorOf(wrong.outcome).message).toBe(`You authorised "${liffey.name}", not "${uk.name}".`);
  });
});

describe('tokens (sandbox)', () => {
  it('renews the access token after the sandbox clock passes 30 minutes (proactively, one token request)', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    const before = await services.connection.status();
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    expect((await services.connection.check()).check).toMatchObject({ ok: true });
    expect(tokenRequests(mark)).toHaveLength(1);
    const after = await services.connection.status();
    expect(Date.parse(after.accessTokenExpiresAt!)).toBeGreaterThan(Date.parse(before.accessTokenExpiresAt!) + 30 * 60_000);
  });

  it('10 concurrent API calls at expiry cause exactly one refresh (app clock in step with Xero)', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    const orgs = await Promise.all(Array.from({ length: 10 }, () => services.connection.xero.getOrganisation()));
    expect(new Set(orgs.map((o) => o.name)).size).toBe(1);
    expect(tokenRequests(mark)).toHaveLength(1);
  });

  it('10 concurrent API calls refused with 401 TokenExpired (app clock behind Xero) also cause exactly one refresh', async () => {
    const services = h.services({ clock: { now: () => Date.now() } });
    await services.connection.setCredentials(h.web);
    await connected(services);
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    await Promise.all(Array.from({ length: 10 }, () => services.connection.xero.getOrganisation()));
    expect(tokenRequests(mark)).toHaveLength(1);
    const refused = h.sandbox.requestLog().filter((r) => r.at >= mark && r.path === '/api.xro/2.0/Organisation' && r.status === 401);
    expect(refused).toHaveLength(10);
  });

  it('rotation survives a crash between receiving and storing the new refresh token (30-minute grace)', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    let crash = true;
    const crashing: Keychain = {
      ...h.keychain,
      get: (name) => h.keychain.get(name),
      delete: (name) => h.keychain.delete(name),
      probe: () => h.keychain.probe(),
      set: async (name, value) => {
        if (name === 'token-set' && crash) {
          crash = false;
          throw new DomainError('KeychainUnavailable', { message: 'simulated crash before the new tokens were stored' });
        }
        return h.keychain.set(name, value);
      },
    };
    const doomed = h.services({ keychain: crashing });
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    await expect(doomed.connection.xero.getOrganisation()).rejects.toMatchObject({ kind: 'KeychainUnavailable' });
    // Restart: the keychain still has the previous refresh token, which Xero accepts within its grace window.
    h.sandbox.advanceClock(10 * 60);
    const restarted = h.services();
    expect((await restarted.connection.check()).check).toMatchObject({ ok: true });
    expect(tokenRequests(mark).map((r) => r.status)).toEqual([200, 200]);
  });

  it('after the grace window the old refresh token gets invalid_grant: reconnect needed, with the reason, settings kept', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    const tenant = services.settings.get('xero.tenantId');
    const saved = (await h.keychain.get('token-set'))!;
    h.sandbox.advanceClock(31 * 60);
    await services.connection.xero.getOrganisation(); // rotates; the old refresh token is now in its grace window
    await h.keychain.set('token-set', saved); // as if that rotation had never been stored
    h.sandbox.advanceClock(31 * 60);
    const restarted = h.services();
    const status = await restarted.connection.check();
    expect(status.state).toBe('reconnect-needed');
    expect(status.reason).toMatch(/invalid_grant/);
    expect(status.check).toMatchObject({ ok: false, kind: 'ReconnectNeeded' });
    expect(restarted.settings.get('xero.tenantId')).toBe(tenant);
    expect(restarted.settings.get('xero.clientId')).toBe(h.web.clientId);
    expect(await h.services().connection.status()).toMatchObject({ state: 'reconnect-needed' });
  });
});

describe('disconnect and revoke (sandbox)', () => {
  it('disconnect removes the connection, revokes the refresh token and forgets it; settings are kept', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    const saved = JSON.parse((await h.keychain.get('token-set'))!) as { accessToken: string; refreshToken: string };
    const outcome = await services.connection.disconnect();
    expect(outcome).toMatchObject({ connectionRemoved: true, revoked: true, xeroAsked: true, status: { state: 'disconnected' } });
    expect(await h.keychain.get('token-set')).toBeNull();
    expect(services.settings.get('xero.tenantId')).toBe(h.sandbox.tenants[0]!.tenantId);
    const log = h.sandbox.requestLog();
    expect(log.some((r) => r.method === 'DELETE' && r.path.startsWith('/connections/') && r.status === 204)).toBe(true);
    expect(log.some((r) => r.method === 'POST' && r.path === '/connect/revocation' && r.status === 200)).toBe(true);
    // The revoked refresh token no longer works at Xero.
    const refresh = await fetch(`${h.sandbox.baseUrl}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${h.web.clientId}:${h.web.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: saved.refreshToken }),
    });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('disconnect with no organisation chosen forgets the sign-in and says Xero was not asked (the connection may still be there)', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    services.settings.set('xero.tenantId', null);
    const outcome = await services.connection.disconnect();
    expect(outcome).toMatchObject({ connectionRemoved: false, xeroAsked: false });
    expect(h.sandbox.requestLog().some((r) => r.method === 'DELETE' && r.path.startsWith('/connections/'))).toBe(false);
  });

  it('disconnect --no-revoke only deletes the organisation\'s connection and keeps the sign-in', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services, 'all');
    await services.connection.choose(h.sandbox.tenants[0]!.tenantId);
    const outcome = await services.connection.disconnect({ revoke: false });
    expect(outcome).toMatchObject({ connectionRemoved: true, revoked: false });
    const left = await services.connection.organisations();
    expect(left.map((o) => o.tenantId)).toEqual([h.sandbox.tenants[1]!.tenantId]);
    expect((await services.connection.check()).check).toMatchObject({ ok: false, kind: 'TenantNotConnected' });
  });

  it('a sign-in revoked elsewhere turns into reconnect needed at the next renewal', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    await connected(services);
    const saved = JSON.parse((await h.keychain.get('token-set'))!) as { refreshToken: string };
    await fetch(`${h.sandbox.baseUrl}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${h.web.clientId}:${h.web.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ token: saved.refreshToken }),
    });
    h.sandbox.advanceClock(31 * 60);
    const status = await services.connection.check();
    expect(status).toMatchObject({ state: 'reconnect-needed', check: { ok: false, kind: 'ReconnectNeeded' } });
  });
});

describe('no secret or token leaks (sandbox)', () => {
  it('after a full connect, neither the secret nor any token is in the data dir, the logs, results or events', async () => {
    const services = h.services();
    const events: string[] = [];
    services.bus.attach((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    await services.connection.setCredentials(h.web);
    const { result } = await connected(services);
    h.sandbox.advanceClock(31 * 60);
    const status = await services.connection.check(); // includes a refresh
    const tokens = JSON.parse((await h.keychain.get('token-set'))!) as { accessToken: string; refreshToken: string };
    const needles = [h.web.clientSecret, tokens.accessToken, tokens.refreshToken];
    const files = fileTextsUnder(h.dataDir);
    expect(files.length).toBeGreaterThan(0);
    const haystacks = [...files, h.logLines.join('\n'), JSON.stringify(result), JSON.stringify(status), events.join('\n'), JSON.stringify(await services.connection.credentials.status())];
    for (const haystack of haystacks) for (const needle of needles) expect(haystack).not.toContain(needle);
    expect(h.logLines.length).toBeGreaterThan(0);
  });
});
