/**
 * Checks for a newer version with electron-builder's updater, only when update-policy.ts says a release feed is
 * configured; otherwise it does nothing and says nothing. electron-updater is loaded here and only here, on demand:
 * the services and renderer bundles never import it, and development starts never load it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { describeError, type Logger } from '../log';
import { decideUpdateCheck, type UpdateDecision } from './update-policy';

/** The part of electron-updater's `autoUpdater` this uses (electron-updater 6). */
interface AutoUpdater {
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdatesAndNotify(notification?: { title: string; body: string }): Promise<unknown>;
}

// A name in a variable: the main bundle leaves it to node_modules (scripts/build-electron.mjs lists it external too).
const UPDATER_MODULE = 'electron-updater';

export function updateDecision(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): UpdateDecision {
  return decideUpdateCheck({
    isPackaged: app.isPackaged,
    hasBuiltInFeed: existsSync(path.join(process.resourcesPath ?? '', 'app-update.yml')),
    platform,
    env,
  });
}

export async function checkForUpdates(decision: UpdateDecision, log: Logger): Promise<void> {
  if (!decision.check) {
    log.debug('updates: not checking', { why: decision.why });
    return;
  }
  try {
    const { autoUpdater } = (await import(UPDATER_MODULE)) as { autoUpdater: AutoUpdater };
    autoUpdater.logger = null;
    if (decision.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
    // An unreachable feed is not the bookkeeper's problem: it goes to the log, never to a dialog.
    autoUpdater.on('error', (error) => log.warn('updates: the check failed', { error: describeError(error) }));
    await autoUpdater.checkForUpdatesAndNotify({
      title: 'A new version of CourseCo Xero Assistant is ready',
      body: 'Version {version} has been downloaded; it is installed when you quit the app.',
    });
  } catch (error) {
    log.warn('updates: the check could not run', { error: describeError(error) });
  }
}
