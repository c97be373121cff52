/**
 * An expired access token whose 401 answer cannot be read (issue 17, finding 8). Xero says `TokenExpired` in the body
 * of that 401; when the body is cut off, the assistant cannot tell an expired token from a revoked sign-in, so it
 * renews once with the refresh token — the token endpoint then says definitively (`invalid_grant` for a revoked
 * sign-in) — and retries, instead of telling the user the sign-in was revoked.
 *
 * The app's clock runs behind the sandbox's, so the app still trusts its access token when Xero has expired it: the
 * only way the app learns is the 401, which the sandbox's faults then cut off (`drop`: headers, half the body, then a
 * reset; `cut`: half the body as if it were all of it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followAuthorizeUrl, nextAuthorizeUrl, startHarness, type Harness } from './support/sandbox-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** Ends the 401 inside `"Title":"Unauthorized"`, before Xero's Detail says `TokenExpired`. */
const BEFORE_DETAIL = 40;

const requests = (path: string, since: number) => h.sandbox.requestLog().filter((r) => r.path === path && r.at >= since);

/** Connected services whose clock is the wall clock, which stays behind the sandbox clock once that is advanced. */
async function connectedBehindXero() {
  const services = h.services({ clock: { now: () => Date.now() } });
  await services.connection.setCredentials(h.web);
  const url = nextAuthorizeUrl(services);
  const connecting = services.connection.connect({});
  await followAuthorizeUrl(await url);
  await connecting;
  return services;
}

async function revokeSignIn() {
  const saved = JSON.parse((await h.keychain.get('token-set'))!) as { refreshToken: string };
  const answer = await fetch(`${h.sandbox.baseUrl}/connect/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${h.web.clientId}:${h.web.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ token: saved.refreshToken }),
  });
  expect(answer.status).toBe(200);
}

describe('a 401 whose body cannot be read, after the access token expired (sandbox)', () => {
  it('GET /connections: the connection drops mid-body; one refresh, one retry, and the organisations are listed', async () => {
    const services = await connectedBehindXero();
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    h.sandbox.addFault({ kind: 'drop', method: 'GET', path: '/connections', count: 1, bodyBytes: BEFORE_DETAIL });

    const organisations = await services.connection.organisations();

    expect(organisations.length).toBeGreaterThan(0);
    expect(requests('/connections', mark).map((r) => [r.status, r.fault])).toEqual([
      [401, 'drop'],
      [200, undefined],
    ]);
    expect(requests('/connect/token', mark).map((r) => r.status)).toEqual([200]);
    expect(await services.connection.status()).toMatchObject({ state: 'connected' });
  });

  it('GET /Organisation: the 401 body ends early with no network error; one refresh, one retry, and the check passes', async () => {
    const services = await connectedBehindXero();
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    h.sandbox.addFault({ kind: 'cut', method: 'GET', path: '/api.xro/2.0/Organisation', count: 1, bodyBytes: BEFORE_DETAIL });

    const checked = await services.connection.check();

    expect(checked).toMatchObject({ state: 'connected', check: { ok: true } });
    expect(requests('/api.xro/2.0/Organisation', mark).map((r) => [r.status, r.fault])).toEqual([
      [401, 'cut'],
      [200, undefined],
    ]);
    expect(requests('/connect/token', mark).map((r) => r.status)).toEqual([200]);
  });

  it('a sign-in revoked at Xero still says "Connect again": the one refresh answers invalid_grant', async () => {
    const services = await connectedBehindXero();
    await revokeSignIn();
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    h.sandbox.addFault({ kind: 'drop', method: 'GET', path: '/connections', count: 1, bodyBytes: BEFORE_DETAIL });

    await expect(services.connection.organisations()).rejects.toMatchObject({ kind: 'ReconnectNeeded', fix: expect.stringMatching(/^Connect again/) });

    expect(requests('/connect/token', mark).map((r) => r.status)).toEqual([400]);
    expect(requests('/connections', mark)).toHaveLength(1);
    expect(await services.connection.status()).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/invalid_grant/) });
  });

  it('the same through the Accounting API: a cut 401 for a revoked sign-in ends in one refresh and "Connect again"', async () => {
    const services = await connectedBehindXero();
    await revokeSignIn();
    const mark = h.sandbox.now();
    h.sandbox.advanceClock(31 * 60);
    h.sandbox.addFault({ kind: 'cut', method: 'GET', path: '/api.xro/2.0/Organisation', count: 1, bodyBytes: BEFORE_DETAIL });

    const checked = await services.connection.check();

    expect(checked).toMatchObject({ state: 'reconnect-needed', check: { ok: false, kind: 'ReconnectNeeded' } });
    expect(requests('/connect/token', mark).map((r) => r.status)).toEqual([400]);
    expect(requests('/api.xro/2.0/Organisation', mark)).toHaveLength(1);
  });
});
