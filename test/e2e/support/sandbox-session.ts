/**
 * The E2E lifecycle against the sandbox: one Chromium and one sandbox per test file, the sandbox's loopback redirect
 * ports picked free so runs side by side never compete, and one app session per test whose services reach the
 * sandbox only through settings, as a person's would reach Xero. The keychain is the machine's real one, so the
 * entries a session stored are deleted after its test, then the session and its services closed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { openProfile } from '../../../main/app/open-profile';
import { pointProfileAt } from '../../../main/app/sandbox-profile';
import type { Settings } from '../../../contract/contract';
import { createKeychain } from '../../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { freePorts } from '../../support/free-ports';
import { openApp, type AppSession, type SessionOptions } from './app-session';
import { launchChromium } from './chromium';

export interface SandboxSessions {
  sandbox(): RunningSandbox;
  /** The loopback ports the sandbox accepts as redirect URIs, and the app listens on. */
  ports(): number[];
  /** Opens the app in a fresh session pointed at the sandbox; it is closed after the current test. */
  open(options?: Omit<SessionOptions, 'services'>): Promise<AppSession<AppServices>>;
}

export interface SandboxSessionOptions {
  /** Settings every session starts with, besides the sandbox's base URLs and ports. */
  settings?: Partial<Settings>;
}

interface Opened {
  dataDir: string;
  services: AppServices;
  session?: AppSession<AppServices>;
}

export function useSandboxSessions(options: SandboxSessionOptions = {}): SandboxSessions {
  let browser: Browser | undefined;
  let sandbox: RunningSandbox | undefined;
  let ports: number[] = [];
  // Recorded as the services are built, so they are cleaned up even when the page then fails to open.
  let opened: Opened[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    ports = await freePorts(3);
    sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`) });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });
  afterEach(async () => {
    for (const { dataDir, services, session } of opened) {
      const keychain = createKeychain(dataDir);
      await keychain.delete('token-set');
      await keychain.delete('client-secret');
      await session?.close();
      await services.dispose();
    }
    opened = [];
  });

  const running = () => {
    if (!browser || !sandbox) throw new Error('Chromium and the sandbox are not running yet: call this inside a test.');
    return { browser, sandbox };
  };

  return {
    sandbox: () => running().sandbox,
    ports: () => {
      running();
      return ports;
    },
    async open(sessionOptions = {}) {
      const { browser, sandbox } = running();
      let entry: Opened | undefined;
      const services = (dataDir: string) => {
        const settings = openNodeSettingsStore(dataDir);
        pointProfileAt(settings, sandbox, ports);
        if (options.settings) settings.update(options.settings);
        entry = { dataDir, services: openProfile({ host: 'web', dataDir, settings, clock: { now: () => sandbox.now() } }) };
        opened.push(entry);
        return entry.services;
      };
      const session = await openApp(browser, { ...sessionOptions, services });
      entry!.session = session;
      return session;
    },
  };
}
