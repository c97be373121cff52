/**
 * A real sandbox plus the real app services on a temp data dir, for the connect tests: the sandbox registers this
 * file's own loopback ports (so test files running in parallel never compete for 47318–47320), the settings point
 * `xero.issuer` and `xero.apiOrigin` at it, and the app's clock is the sandbox's clock.
 */
import { startSandbox, type RunningSandbox } from '../../../../sandbox/index';
import { createAppServices, type AppServices, type AppServicesDeps } from '../../../../main/app/app-services';
import { nextAuthorizeUrl, pointProfileAt } from '../../../../main/app/sandbox-profile';
import { createLogger } from '../../../../main/log';
import { createKeychain, type Keychain } from '../../../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../../../main/settings/settings-store';
import { makeTempDir } from '../../../support/temp-dir';
import { freePorts } from '../../../support/free-ports';

export { freePorts };


export interface Harness {
  sandbox: RunningSandbox;
  ports: number[];
  dataDir: string;
  logLines: string[];
  web: { clientId: string; clientSecret: string };
  pkce: { clientId: string };
  /** Builds app services on the data dir (call again to simulate a restart). */
  services(overrides?: Partial<AppServicesDeps>): AppServices;
  keychain: Keychain;
  stop(): Promise<void>;
}

/** `limits: 'off'` for specs that make many more calls than a minute of Xero's limits allows and test nothing about them. */
export async function startHarness(options: { limits?: 'xero' | 'off' } = {}): Promise<Harness> {
  const ports = await freePorts(3);
  const sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`), ...options });
  const temp = makeTempDir('ccxa-connect-');
  const keychain = createKeychain(temp.dir);
  const logLines: string[] = [];
  const web = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret);
  const pkce = sandbox.clients.find((c) => c.type === 'pkce');
  if (!web?.clientSecret || !pkce) throw new Error('the sandbox has no web + pkce apps');
  const built: AppServices[] = [];
  const harness: Harness = {
    sandbox,
    ports,
    dataDir: temp.dir,
    logLines,
    web: { clientId: web.clientId, clientSecret: web.clientSecret },
    pkce: { clientId: pkce.clientId },
    keychain,
    services(overrides = {}) {
      const settings = openNodeSettingsStore(temp.dir);
      pointProfileAt(settings, sandbox, ports);
      const services = createAppServices({
        host: 'cli',
        dataDir: temp.dir,
        settings,
        keychain,
        clock: { now: () => sandbox.now() },
        log: createLogger((line) => logLines.push(line), 'debug'),
        xero: { callbackTimeoutMs: 10_000, tokenRetryDelaysMs: [10, 10, 10] },
        ...overrides,
      });
      built.push(services);
      return services;
    },
    async stop() {
      await Promise.all(built.map((s) => s.dispose()));
      await keychain.delete('token-set').catch(() => undefined);
      await keychain.delete('client-secret').catch(() => undefined);
      await sandbox.stop();
      temp.cleanup();
    },
  };
  return harness;
}

/**
 * Plays the browser: opens the authorize URL with the sandbox's `sandbox_consent` shortcut (or not), and follows its
 * redirect to the loopback listener. Returns what each hop answered.
 */
export async function followAuthorizeUrl(url: string, consent: string | undefined = 'first'): Promise<{ authorize: Response; callback?: Response; callbackBody?: string; location?: string }> {
  const target = new URL(url);
  if (consent) target.searchParams.set('sandbox_consent', consent);
  const authorize = await fetch(target, { redirect: 'manual' });
  const location = authorize.headers.get('location') ?? undefined;
  if (!location) return { authorize };
  const callback = await fetch(location, { redirect: 'manual' });
  return { authorize, callback, callbackBody: await callback.text(), location };
}

export { nextAuthorizeUrl };
