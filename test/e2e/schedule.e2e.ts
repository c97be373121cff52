/**
 * Scheduled syncs on screen, in Chromium, light and dark: the status bar of the running app (web host) showing the
 * last scheduled sync with its time and counts, a link to its failures that opens Transactions on the failed ones;
 * and the Settings page's section (not mounted in this branch: the Settings page is built separately) drawn with the
 * app's own stylesheet, as the desktop app and the web host show it. axe: no serious or critical violation.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledRunResult, ScheduleView } from '../../contract/features/schedule';
import { SCHEDULE_STATE_FILE } from '../../main/schedule/scheduler';
import { resolveRendererDir } from '../../main/web-host/renderer-build';
import { ScheduleSectionView } from '../../renderer/src/settings/ScheduleSection';
import { seriousA11yProblems } from './support/a11y';
import { ensureRenderer, openApp } from './support/app-session';
import { launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

const lastRun: ScheduledRunResult = {
  scheduledFor: '2026-10-26T02:00:00.000Z',
  startedAt: '2026-10-26T07:02:00.000Z',
  finishedAt: '2026-10-26T07:05:00.000Z',
  outcome: 'some-failed',
  runId: 1,
  synced: 120,
  failed: 2,
  skipped: 0,
  late: true,
  missed: 1,
};

const { runId: _runId, ...withoutRunId } = lastRun;

describe('the status bar after a scheduled sync (web host)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`says when it ran and how it went, with a way to the failures (${colorScheme})`, async () => {
      const session = await openApp(browser, { colorScheme });
      try {
        // What the scheduler recorded for the profile's last scheduled run (as after a night's run).
        writeFileSync(path.join(session.dataDir, SCHEDULE_STATE_FILE), JSON.stringify({ fingerprint: 'off|02:00|every-day', since: 0, lastSlot: Date.parse(lastRun.scheduledFor), lastRun }));
        await session.page.reload();
        const line = session.page.getByRole('contentinfo').getByRole('button', { name: /Last scheduled sync/ });
        await line.waitFor();
        expect(await line.textContent()).toBe('Last scheduled sync: 26/10/2026 07:02 · 120 sent, 2 failed');
        await saveScreenshot(session.page, `schedule-status-bar-${colorScheme}`);
        expect(await seriousA11yProblems(session.page)).toEqual([]);
        await line.click();
        await session.page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
        expect(session.problems).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }
});

describe('the Settings section', () => {
  const css = () => {
    ensureRenderer();
    const assets = path.join(resolveRendererDir(), 'assets');
    return readdirSync(assets).filter((file) => file.endsWith('.css')).map((file) => readFileSync(path.join(assets, file), 'utf8')).join('\n');
  };
  const view = (over: Partial<ScheduleView>): ScheduleView => ({ enabled: true, time: '02:00', days: 'every-day', keepInTray: true, startAtLogin: false, timeZone: 'Europe/Dublin', nextRunAt: '2026-10-27T02:00:00.000Z', ...over });
  const states: Array<{ name: string; host: 'electron' | 'web'; view: ScheduleView }> = [
    { name: 'desktop', host: 'electron', view: view({ lastRun, lastSkip: undefined }) },
    {
      name: 'desktop-stopped',
      host: 'electron',
      // Stopped before a sync could start: no run of the journal's.
      view: view({ keepInTray: false, startAtLogin: true, lastRun: { ...withoutRunId, late: false, outcome: 'stopped', synced: 0, failed: 0, reason: 'Xero asked to sign in again: the connection was not used for 60 days.', fix: 'Open Setup and connect to Xero again; nothing was sent and nothing is lost.' } }),
    },
    { name: 'web', host: 'web', view: view({ enabled: false, keepInTray: false, lastRun: undefined }) },
  ];

  for (const state of states) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${state.name} (${colorScheme})`, async () => {
        const markup = renderToStaticMarkup(createElement(ScheduleSectionView, { view: state.view, host: state.host, saving: false, failure: undefined, change: async () => undefined }));
        const context = await browser.newContext({ viewport: { width: 820, height: 620 }, colorScheme, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.setContent(`<!doctype html><html lang="en-IE"><head><title>Settings</title><style>${css()}</style></head><body><main class="app-main"><h1>Settings</h1>${markup}</main></body></html>`);
        await saveScreenshot(page, `schedule-section-${state.name}-${colorScheme}`);
        expect(await seriousA11yProblems(page)).toEqual([]);
        await context.close();
      });
    }
  }
});
