/**
 * Whether the installed app asks for a newer version, decided without Electron so every case is tested. The app checks
 * only where a release feed is configured, and says nothing at all where none is:
 * - the feed electron-builder writes into the package (resources/app-update.yml) when electron-builder.yml has a
 *   `publish` entry at build time; or
 * - COURSECO_XERO_UPDATE_URL, an https address of a generic feed (latest.yml and the installers), set by whoever
 *   deploys the app, overriding the built-in feed;
 * - COURSECO_XERO_UPDATES=off turns checking off (a managed computer whose IT installs updates).
 * Never in development (an unpackaged app has nothing to replace), and on Linux only for the AppImage: a .deb is
 * updated by the system's package manager.
 */
export const UPDATE_URL_ENV = 'COURSECO_XERO_UPDATE_URL';
export const UPDATES_ENV = 'COURSECO_XERO_UPDATES';

export interface UpdateSituation {
  isPackaged: boolean;
  /** resources/app-update.yml exists (electron-builder's `publish` was configured when the app was built). */
  hasBuiltInFeed: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type UpdateDecision =
  | { check: true; feedUrl?: string }
  | { check: false; why: 'development' | 'turned-off' | 'no-feed' | 'package-manager' | 'feed-not-https' };

export function decideUpdateCheck(situation: UpdateSituation): UpdateDecision {
  const { env } = situation;
  if (!situation.isPackaged) return { check: false, why: 'development' };
  if (env[UPDATES_ENV]?.trim().toLowerCase() === 'off') return { check: false, why: 'turned-off' };
  // The AppImage runtime sets APPIMAGE; a .deb or a tarball has no updater of its own.
  if (situation.platform === 'linux' && !env.APPIMAGE) return { check: false, why: 'package-manager' };
  const url = env[UPDATE_URL_ENV]?.trim();
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // Installers fetched over plain http could be swapped on the way.
    if (parsed?.protocol !== 'https:') return { check: false, why: 'feed-not-https' };
    return { check: true, feedUrl: parsed.href };
  }
  return situation.hasBuiltInFeed ? { check: true } : { check: false, why: 'no-feed' };
}
