/**
 * A compromised window tries to send the tokens and the client secret to a server of its choosing (issue 17, finding
 * 1). Every attempt goes through the IPC dispatcher exactly as the renderer's calls do, against a connected profile on
 * the sandbox; a "trap" server records whatever reaches it. The same trap then stands behind the other ways a Xero
 * origin could move: the settings file changed behind the app's back, a discovery document naming another token
 * endpoint, and an API answer that redirects.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { channelNames, SettingKey } from '../../../contract/contract';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { trustOnlyOrigin } from '../../../main/ipc/trusted-sender';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { createConnectionsApi } from '../../../main/xero/connections';
import { discoverIssuer } from '../../../main/xero/oauth-client';
import type { TokenService } from '../../../main/xero/token-service';
import { createXeroClient } from '../../../main/xero/xero-client';
import { followAuthorizeUrl, nextAuthorizeUrl, startHarness, type Harness } from '../xero/support/sandbox-harness';

interface Caught {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Records every request; answers a discovery document naming itself, and 200 `{}` to anything else. */
async function startTrap(): Promise<{ url: string; caught: Caught[]; close(): Promise<void> }> {
  const caught: Caught[] = [];
  let url = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      caught.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/.well-known/openid-configuration')) {
        res.end(JSON.stringify({ issuer: url, authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/token`, revocation_endpoint: `${url}/revoke` }));
      } else res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, caught, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let h: Harness;
let services: AppServices;
let dispatch: Dispatch;
let trap: Awaited<ReturnType<typeof startTrap>>;

const call = (channel: string, args: unknown = {}) => dispatch(channel, args, 'app://assistant/index.html');

/** The tokens and the secret as they are now, to look for in whatever the trap caught. */
async function credentials(): Promise<string[]> {
  const tokens = JSON.parse((await h.keychain.get('token-set')) ?? '{}') as { accessToken?: string; refreshToken?: string };
  return [h.web.clientSecret, tokens.accessToken, tokens.refreshToken].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

async function expectNothingCaught(known?: string[]): Promise<void> {
  const secrets = known ?? (await credentials());
  expect(secrets.length).toBeGreaterThanOrEqual(3);
  for (const request of trap.caught) {
    const seen = JSON.stringify(request);
    expect(request.headers.authorization, `${request.method} ${request.url}`).toBeUndefined();
    for (const secret of secrets) expect(seen).not.toContain(secret);
  }
  expect(trap.caught).toEqual([]);
}

beforeAll(async () => {
  h = await startHarness();
  trap = await startTrap();
  services = h.services();
  dispatch = createDispatcher({ handlers: services.handlers, isTrustedSender: trustOnlyOrigin('app://assistant') });
  await services.connection.setCredentials(h.web);
  const url = nextAuthorizeUrl(services);
  const connecting = services.connection.connect({});
  await followAuthorizeUrl(await url);
  await connecting;
});

afterAll(async () => {
  await trap?.close();
  await h?.stop();
});

describe('a compromised window cannot send a credential to another origin', () => {
  it('cannot set, clear or widen the Xero origins or the Client ID through the contract', async () => {
    const hostile = [trap.url, 'javascript:alert(1)', 'http://xero.example.com', 'https://identity.xero.com.evil.example', h.sandbox.baseUrl, '', null];
    for (const key of ['xero.issuer', 'xero.apiOrigin', 'xero.clientId']) {
      for (const value of hostile) {
        expect(await call('settings.set', { key, value }), `${key}=${String(value)}`).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      }
    }
    // Every other key a window may write is harmless wherever it points (SECURITY.md, "Threats"): it is stored or
    // refused, and the origins stay where the profile started.
    for (const key of SettingKey.options.filter((k) => !['xero.issuer', 'xero.apiOrigin', 'xero.clientId', 'xero.tenantId'].includes(k))) {
      await call('settings.set', { key, value: trap.url });
    }
    const settings = (await call('settings.get')) as { ok: true; value: Record<string, string> };
    expect(settings.value).toMatchObject({ 'xero.issuer': h.sandbox.baseUrl, 'xero.apiOrigin': h.sandbox.baseUrl });
    expect(services.connection.origins).toEqual({ issuer: h.sandbox.baseUrl, apiOrigin: h.sandbox.baseUrl });
  });

  it('no call a window can make sends anything to the trap, while the same calls do reach Xero', async () => {
    const before = h.sandbox.requestLog().length;
    // Every channel with empty arguments (but those that end the sign-in or leave the profile: they come last, in the
    // next spec), then the ones that use the sign-in with arguments of their own.
    const ending = ['connection.connect', 'connection.disconnect', 'connection.forget', 'credentials.clear', 'profile.useSample', 'profile.useOwn', 'profile.reset'];
    for (const channel of channelNames.filter((c) => !ending.includes(c))) await call(channel, {});
    await call('connection.check');
    await call('connection.organisations');
    await call('wizard.organisations', {});
    await call('diagnostics.run');
    expect(h.sandbox.requestLog().length).toBeGreaterThan(before);
    await expectNothingCaught();
  });

  it('a settings file pointed at another server moves nothing while the app runs, and nothing after a restart', async () => {
    const secrets = await credentials();
    // Another program (or a hand edit, or `config set` from the CLI) rewrites the profile's settings file.
    openNodeSettingsStore(h.dataDir).update({ 'xero.issuer': trap.url, 'xero.apiOrigin': trap.url });
    expect((await services.connection.check()).check?.ok).toBe(true); // the running app keeps the origins it started with

    const restarted = createAppServices({ host: 'cli', dataDir: h.dataDir, settings: openNodeSettingsStore(h.dataDir), keychain: h.keychain, clock: { now: () => h.sandbox.now() } });
    try {
      expect(restarted.connection.origins).toEqual({ issuer: trap.url, apiOrigin: trap.url });
      const status = await restarted.connection.check();
      expect(status).toMatchObject({ state: 'reconnect-needed', reason: expect.stringContaining('it was not sent there') });
      await expect(restarted.connection.connect({})).rejects.toMatchObject({ kind: 'SecretForAnotherServer' });
      // Disconnecting forgets the sign-in here but does not hand it to the trap to be revoked.
      await restarted.connection.disconnect({ revoke: true }).catch(() => undefined);
      await expectNothingCaught(secrets);
    } finally {
      await restarted.dispose();
    }
  });
});

describe('the other ways an origin could move', () => {
  it('refuses a discovery document whose token or revocation endpoint is on another origin', async () => {
    const doc = (token: string, revocation?: string) => async () =>
      new Response(JSON.stringify({ issuer: 'https://identity.xero.com', authorization_endpoint: 'https://login.xero.com/identity/connect/authorize', token_endpoint: token, ...(revocation ? { revocation_endpoint: revocation } : {}) }));
    await expect(discoverIssuer('https://identity.xero.com', doc('https://identity.xero.com/connect/token', 'https://identity.xero.com/connect/revocation'))).resolves.toBeDefined();
    await expect(discoverIssuer('https://identity.xero.com', doc(`${trap.url}/token`))).rejects.toMatchObject({ kind: 'IdentityDiscoveryFailed' });
    await expect(discoverIssuer('https://identity.xero.com', doc('https://identity.xero.com/connect/token', `${trap.url}/revoke`))).rejects.toMatchObject({ kind: 'IdentityDiscoveryFailed' });
  });

  it('follows no redirect with a token: the Accounting API and /connections answers that redirect to the trap fail', async () => {
    const redirector = createServer((req, res) => {
      res.writeHead(307, { location: `${trap.url}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    try {
      const tokens = { accessToken: async () => 'access-token-for-the-trap', renewAfterRejection: async () => 'renewed' } as unknown as TokenService;
      const client = createXeroClient({ tokens, apiOrigin: () => origin, tenantId: () => 'tenant-1', clock: { now: () => Date.now() } });
      await expect(client.getOrganisation()).rejects.toBeDefined();
      await expect(createConnectionsApi({ apiOrigin: () => origin }).list('access-token-for-the-trap')).rejects.toBeDefined();
      expect(trap.caught.filter((r) => JSON.stringify(r).includes('access-token-for-the-trap'))).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });
});
