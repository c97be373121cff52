/**
 * The web host runs the services on a worker thread, as the desktop app runs them in a utility process. When that
 * process dies, the window says so in plain words, the app keeps answering (the services were started again), and the
 * notice goes when dismissed. Screenshot: test-results/services-restarted.png.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteServices } from '../../main/services-process/services-client';
import { expectNoSeriousA11yProblems } from './support/a11y';
import { useAppSessions } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { connectionStatus, navButton } from './support/shell';

const app = useAppSessions();

describe('the services process stops unexpectedly', () => {
  it('is started again and the window says so until dismissed; the app keeps answering', async () => {
    const session = await app.open();
    const { page } = session;
    await expect.poll(() => connectionStatus(page).textContent()).toContain('Not set up');
    // The host started its own services worker (no services were handed in): end it the way a crash would.
    (session.host.services as unknown as RemoteServices).kill();

    // A call the page had in flight may fail too, with its own "Try again"; the frame's notice is the one that stays.
    const notice = page.getByRole('alert').filter({ hasText: 'was started again' }).filter({ has: page.getByRole('button', { name: 'Dismiss' }) });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('it carries on from where it stopped');
    // The page was opened afresh: what it asked for before the crash is asked again, so it shows its content, not a
    // failure of the call that was lost.
    await page.getByRole('button', { name: 'Try with sample data' }).waitFor();
    await saveScreenshot(page, 'services-restarted');
    await expectNoSeriousA11yProblems(page);

    // The restarted services answer: another page loads its data.
    await navButton(page, 'Transactions').click();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });
});
