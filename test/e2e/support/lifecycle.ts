/**
 * The per-file E2E lifecycle: one Chromium per test file, one fresh app session (web host + data dir + page) per
 * test, closed after it whatever happened.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openApp, type AppSession, type SessionOptions } from './app-session';
import { launchChromium } from './chromium';

export interface AppSessions {
  browser(): Browser;
  /** Opens the app in a fresh session; it is closed after the current test. */
  open(options?: SessionOptions): Promise<AppSession>;
}

export function useAppSessions(): AppSessions {
  let browser: Browser | undefined;
  const open: AppSession[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const session of open.splice(0)) await session.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('Chromium is not running yet: call open() inside a test.');
      return browser;
    },
    async open(options) {
      if (!browser) throw new Error('Chromium is not running yet: call open() inside a test.');
      const session = await openApp(browser, options);
      open.push(session);
      return session;
    },
  };
}
