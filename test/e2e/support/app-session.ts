/**
 * One E2E session: the web host started in-process on a fresh temporary data dir (isolated settings and keychain
 * namespace), and a new browser context with the app open. Every console error, uncaught page error and CSP
 * violation is collected, so each test can insist the app ran clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../../main/web-host/renderer-build';
import { startWebHost, type HostedServices, type WebHost } from '../../../main/web-host/web-host';

export interface AppSession<S extends HostedServices = HostedServices> {
  host: WebHost<S>;
  /** The session's own temporary data dir, removed on close. */
  dataDir: string;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export interface SessionOptions<S extends HostedServices = HostedServices> {
  colorScheme?: 'light' | 'dark';
  /** Open the host's root without the token fragment, as a stray tab would. */
  withoutToken?: boolean;
  /** Replace the default services, e.g. to make a handler slow. Receives the session's fresh data dir. */
  services?: (dataDir: string) => S;
}

let rendererChecked = false;

/** Builds the renderer once per test process if it is missing or older than its sources. */
export function ensureRenderer(): void {
  if (rendererChecked) return;
  ensureRendererBuilt({ rebuildWhenStale: true });
  rendererChecked = true;
}

export async function openApp<S extends HostedServices = HostedServices>(browser: Browser, options: SessionOptions<S> = {}): Promise<AppSession<S>> {
  ensureRenderer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccxa-e2e-'));
  const host = await startWebHost<S>({ dataDir, port: 0, ...(options.services ? { services: options.services(dataDir) } : {}) });
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, colorScheme: options.colorScheme ?? 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(options.withoutToken ? `${host.origin}/` : host.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return {
    host,
    dataDir,
    context,
    page,
    problems,
    async close() {
      await context.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught page errors, collected as they happen: a spec ends by expecting none. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
