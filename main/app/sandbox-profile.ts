/**
 * The one harness that joins a profile to the built-in sandbox, for "Try with sample data", the CLI demo, the bench
 * and the tests. The product never branches on "sandbox": these steps only do what a person does with any Xero, with
 * the sandbox's own answers (its base URL, its Web app's credentials, its consent shortcut) filled in.
 */
import { createServer } from 'node:net';
import type { RunningSandbox } from '../../sandbox/index';
import type { ConnectResult, EventPayload } from '../../contract/contract';
import { keychainServiceName, type Keychain } from '../secrets/keychain';
import { memoryKeychain } from '../secrets/memory-keychain';
import type { SettingsStore } from '../settings/settings-store';
import type { AppServices } from './app-services';

/** The sandbox's Web app with a secret and granular scopes: the kind CourseCo's guide has a person create. */
export function sandboxWebApp(sandbox: Pick<RunningSandbox, 'clients'>): { clientId: string; clientSecret: string } {
  const web = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret);
  if (!web?.clientSecret) throw new Error('The sandbox offers no Web app to connect with.');
  return { clientId: web.clientId, clientSecret: web.clientSecret };
}

/**
 * The sample profile's keychain: always this process's memory, whatever the computer has. Its only secrets are the
 * practice Xero's own (its Web app's secret, the tokens it issued), so they need no password store, and "Try with
 * sample data" works where there is none (a headless Linux, WSL, a container). The one rule for the desktop app, the
 * web host (both through main/app/profiles.ts) and the CLI demo: none of them ever asks the OS keychain for it.
 * The cost, said plainly: after a restart the sample profile signs in to the practice Xero again.
 */
export function sampleKeychain(dataDir: string): Keychain {
  return memoryKeychain(keychainServiceName(dataDir), "this app's memory (sample data's practice sign-in, until the app closes)");
}

/** Points a profile at the sandbox: just another pair of Xero base URLs, plus the loopback ports it accepts. */
export function pointProfileAt(settings: SettingsStore, sandbox: Pick<RunningSandbox, 'baseUrl'>, oauthPorts?: readonly number[] | string): void {
  const ports = typeof oauthPorts === 'string' ? oauthPorts : oauthPorts?.join(',');
  settings.update({ 'xero.issuer': sandbox.baseUrl, 'xero.apiOrigin': sandbox.baseUrl, ...(ports ? { 'oauth.ports': ports } : {}) });
}

/** Loopback ports free right now, for a sandbox's redirect URIs and the profile's sign-in listener. */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

export const redirectUrisFor = (ports: readonly number[]) => ports.map((port) => `http://localhost:${port}/callback`);

/**
 * The harness's "browser": opens an authorize URL with the sandbox's consent shortcut (`first`, `all` or a tenant id)
 * and follows the redirect home to the profile's loopback listener.
 */
export async function followWithConsent(url: string, consent = 'first'): Promise<void> {
  const target = new URL(url);
  target.searchParams.set('sandbox_consent', consent);
  const authorize = await fetch(target, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (!location) throw new Error(`the sandbox's authorize page answered HTTP ${authorize.status} without a redirect`);
  const callback = await fetch(location, { redirect: 'manual' });
  await callback.text();
}

/** Resolves with the next authorize URL the services announce (hosts without a system browser follow it). */
export function nextAuthorizeUrl(services: Pick<AppServices, 'bus'>): Promise<string> {
  return new Promise((resolve) => {
    const detach = services.bus.attach((event, payload) => {
      if (event !== 'connection.authorizeUrl') return;
      detach();
      resolve((payload as EventPayload<'connection.authorizeUrl'>).url);
    });
  });
}

/** Stores the sandbox's Web app credentials in the profile and signs in with the consent shortcut. */
export async function connectToSandbox(services: AppServices, sandbox: Pick<RunningSandbox, 'clients'>, consent = 'first'): Promise<ConnectResult> {
  await services.connection.setCredentials(sandboxWebApp(sandbox));
  const announced = nextAuthorizeUrl(services);
  const connecting = services.connection.connect();
  await followWithConsent(await announced, consent);
  return connecting;
}
