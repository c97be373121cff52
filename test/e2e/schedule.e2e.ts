/**
 * Scheduled syncs on screen, in Chromium on the web host, light and dark: the status bar showing the last scheduled
 * sync with its time and counts, a link to its failures that opens Transactions on the failed ones; and the Settings
 * page's "Scheduled syncs" card: turned on at 02:00 on Monday to Friday from the keyboard, the next run in words that
 * survive a reload, and the last run as the scheduler recorded it (failures and the way to them, a stop with its reason
 * and what to do, a skip). axe: no serious or critical violation; no developer words. Screenshots:
 * test-results/schedule-*.png.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { formatDateTimeNumeric } from '../../contract/locale';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledRunResult, ScheduledSkip } from '../../contract/features/schedule';
import { SCHEDULE_STATE_FILE } from '../../main/schedule/scheduler';
import { seriousA11yProblems } from './support/a11y';
import { openApp } from './support/app-session';
import { launchChromium } from './support/chromium';
import { judgeInBothSchemes } from './support/plain-words';
import { saveScreenshot } from './support/screenshots';
import { navButton } from './support/shell';

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

// The page shows times in the computer's zone (the services send it with the schedule): so does the expectation,
// whatever zone the test machine is in.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const when = (iso: string) => formatDateTimeNumeric(iso, zone);
const clock = (iso: string) => when(iso).slice(-5);

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
        expect(await line.textContent()).toBe(`Last scheduled sync: ${when(lastRun.startedAt)} · 120 sent, 2 failed`);
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

/** The section as the Settings page draws it: its card, headed "Scheduled syncs". */
async function openScheduleSection(page: Page): Promise<Locator> {
  await navButton(page, 'Settings').click();
  const section = page.getByRole('region', { name: 'Scheduled syncs' });
  await section.getByRole('checkbox', { name: 'Send ready transactions to Xero by itself' }).waitFor();
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** What the section should say for a schedule at 02:00 on weekdays, worked out here from the clock and calendar alone. */
function nextWeekdayAtTwo(now: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (let ahead = 0; ahead < 8; ahead += 1) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + ahead, 2, 0);
    if (day.getTime() <= now.getTime() || day.getDay() === 0 || day.getDay() === 6) continue;
    if (ahead === 0) return 'today at 02:00';
    if (ahead === 1) return 'tomorrow at 02:00';
    const weekday = new Intl.DateTimeFormat('en-IE', { timeZone: zone, weekday: 'long' }).format(day);
    return `on ${weekday} ${String(day.getDate()).padStart(2, '0')}/${String(day.getMonth() + 1).padStart(2, '0')}/${day.getFullYear()} at 02:00`;
  }
  throw new Error('no weekday in the coming week');
}

/** The section's controls Tab stops on, from the top of the page, each named by its label. */
async function tabStopsIn(page: Page, section: Locator): Promise<string[]> {
  await page.locator('#main').focus();
  const reached: string[] = [];
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const here = await section.evaluate((el) => {
      const focused = document.activeElement as HTMLInputElement | null;
      if (!focused || !el.contains(focused)) return undefined;
      const label = focused.labels?.[0]?.textContent ?? focused.textContent ?? '';
      return `${focused.type === 'radio' ? 'radio ' : ''}${label.trim()}`;
    });
    if (here !== undefined && !reached.includes(here)) reached.push(here);
  }
  return reached;
}

describe('the Settings page’s scheduled syncs (web host)', () => {
  it('turned on, at 02:00 on Monday to Friday, by keyboard: says when it runs next in words, and keeps it after a reload', async () => {
    const session = await openApp(browser);
    try {
      const { page } = session;
      let section = await openScheduleSection(page);
      const on = section.getByRole('checkbox', { name: 'Send ready transactions to Xero by itself' });
      const time = section.getByLabel('Time (24-hour)');
      const next = section.getByRole('status');
      expect(await on.isChecked()).toBe(false);
      expect(await next.textContent()).toBe('Scheduled syncs are off.');
      expect(await section.getByText('No scheduled sync has run yet.').count()).toBe(1);
      // The web host has no tray: nothing about it is offered.
      expect(await section.getByRole('checkbox', { name: /tray|log in/ }).count()).toBe(0);
      await judgeInBothSchemes(page, 'schedule-settings-off');

      // Tab from the top of the page reaches every control of the section (a radio group is one stop).
      expect(await tabStopsIn(page, section)).toEqual(['Send ready transactions to Xero by itself', 'Time (24-hour)', 'radio Every day']);

      // On, with the keyboard: focus stays where the person is while it saves.
      await on.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => next.textContent()).toMatch(/^The next sync runs /);
      expect(await on.isChecked()).toBe(true);
      await expect.poll(() => on.evaluate((el) => el === document.activeElement)).toBe(true);
      // This profile is not set up: the schedule says now that nothing can go at 02:00, with the way to Setup.
      await section.getByText(/^Nothing can be sent at the scheduled time yet\./).waitFor();
      expect(await section.getByRole('button', { name: 'Go to Setup' }).count()).toBe(1);

      // Another time, then 02:00: the next run follows each choice.
      await time.selectOption('06:30');
      await expect.poll(() => next.textContent()).toMatch(/ at 06:30\. Times are in this computer's time zone\.$/);
      await time.selectOption('02:00');
      await expect.poll(() => next.textContent()).toMatch(/ at 02:00\. /);

      // Monday to Friday with the arrow key, as a radio group is used from the keyboard.
      await section.getByRole('radio', { name: 'Every day' }).focus();
      await page.keyboard.press('ArrowDown');
      const weekdays = section.getByRole('radio', { name: 'Monday to Friday' });
      await expect.poll(() => weekdays.isChecked()).toBe(true);
      const expected = `The next sync runs ${nextWeekdayAtTwo(new Date())}. Times are in this computer's time zone.`;
      await expect.poll(() => next.textContent()).toBe(expected);
      await judgeInBothSchemes(page, 'schedule-settings-on');

      // Saved by the services, not kept by the page: a reload shows the same schedule.
      await page.reload();
      section = await openScheduleSection(page);
      expect(await section.getByRole('checkbox', { name: 'Send ready transactions to Xero by itself' }).isChecked()).toBe(true);
      expect(await section.getByLabel('Time (24-hour)').inputValue()).toBe('02:00');
      expect(await section.getByRole('radio', { name: 'Monday to Friday' }).isChecked()).toBe(true);
      expect(await section.getByRole('status').textContent()).toBe(expected);
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  /** The last scheduled run as the scheduler recorded it, the schedule being on at 02:00 on weekdays. */
  const remember = (dataDir: string, memory: { lastRun?: ScheduledRunResult; lastSkip?: ScheduledSkip }) =>
    writeFileSync(path.join(dataDir, SCHEDULE_STATE_FILE), JSON.stringify({ fingerprint: 'on|02:00|weekdays', since: Date.now(), lastSlot: Date.parse(lastRun.scheduledFor), ...memory }));

  it('says how the last scheduled sync went: failures with the way to them, a stop with its reason and what to do, a skip', async () => {
    const session = await openApp(browser);
    try {
      const { page } = session;
      // The sample's transactions imported into this profile, so the way to the failures lands on a filtered list (not an empty page).
      await navButton(page, 'Transactions').click();
      await page.getByRole('button', { name: 'Try with sample data', exact: true }).click();
      await page.getByRole('button', { name: /^Details of transaction / }).first().waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => window.assistant.schedule.set({ enabled: true, time: '02:00', days: 'weekdays' }))).toMatchObject({ ok: true, value: { enabled: true } });

      // Two failed, late after a night the computer slept through.
      remember(session.dataDir, { lastRun });
      await page.reload();
      let section = await openScheduleSection(page);
      let text = (await section.textContent()) ?? '';
      expect(text).toContain(`Last scheduled sync: ${when(lastRun.startedAt)} · 120 sent, 2 failed`);
      expect(text).toContain(`It ran at ${clock(lastRun.startedAt)} instead of ${clock(lastRun.scheduledFor)}: the computer was asleep or the assistant was closed at that time. One earlier scheduled time was missed the same way; it ran once for all of them.`);
      await judgeInBothSchemes(page, 'schedule-settings-some-failed');
      await section.getByRole('button', { name: 'See the 2 failed transactions and what to do' }).click();
      await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
      await expect.poll(() => filterStatus(page)).toBe('failed');

      // Could not run at all: why, and what to do, in one place.
      const stopped: ScheduledRunResult = {
        ...withoutRunId,
        late: false,
        missed: 0,
        startedAt: '2026-10-27T02:00:04.000Z',
        finishedAt: '2026-10-27T02:00:05.000Z',
        scheduledFor: '2026-10-27T02:00:00.000Z',
        outcome: 'stopped',
        synced: 0,
        failed: 0,
        reason: 'Xero asked to sign in again: the connection was not used for 60 days.',
        fix: 'Open Setup and connect to Xero again; nothing was sent and nothing is lost.',
      };
      remember(session.dataDir, { lastRun: stopped });
      await page.reload();
      section = await openScheduleSection(page);
      text = (await section.textContent()) ?? '';
      expect(text).toContain('Last scheduled sync: 27/10/2026 02:00 · could not run');
      expect(text).toContain(`${stopped.reason} What to do: ${stopped.fix}`);
      expect(await section.getByRole('button', { name: /failed transaction/ }).count()).toBe(0);
      await judgeInBothSchemes(page, 'schedule-settings-stopped');

      // A later time skipped while another sync was still running: said after the last run.
      remember(session.dataDir, { lastRun: { ...lastRun, late: false, missed: 0, failed: 0, outcome: 'completed' }, lastSkip: { scheduledFor: '2026-10-27T02:00:00.000Z', at: '2026-10-27T02:00:30.000Z', reason: 'still-running' } });
      await page.reload();
      section = await openScheduleSection(page);
      text = (await section.textContent()) ?? '';
      expect(text).toContain(`Last scheduled sync: ${when(lastRun.startedAt)} · 120 sent, 0 failed`);
      expect(text).toContain('The sync due at 27/10/2026 02:00 was skipped: another sync was still running then. Nothing is lost; what is ready goes with the next one.');
      await judgeInBothSchemes(page, 'schedule-settings-skipped');
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

/** The Transactions page's status filter, as chosen. */
async function filterStatus(page: Page): Promise<string> {
  return page.getByRole('search', { name: 'Filter transactions' }).getByLabel('Status').inputValue();
}
