/**
 * Where the desktop app finds its data and its own built files. Pure functions of argv, env and the app path, so
 * the rules are tested without Electron.
 */
import path from 'node:path';
import { DATA_DIR_ENV, defaultDataDir, resolveDataDir } from '../paths';

const DATA_DIR_FLAG = '--data-dir';

/** Reads `--data-dir DIR` or `--data-dir=DIR` (the second form is safest: Chromium parses `--x=y` switches itself). */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg.startsWith(`${DATA_DIR_FLAG}=`)) return arg.slice(DATA_DIR_FLAG.length + 1) || undefined;
    if (arg === DATA_DIR_FLAG) {
      const next = argv[index + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/**
 * `--data-dir`, then COURSECO_XERO_DATA_DIR, then the same default the CLI uses. The shell makes this Electron's
 * userData too, so the desktop app and `npx courseco-xero` share one profile and an explicit data dir isolates
 * everything Electron writes as well (settings, Chromium's storage, the single-instance lock).
 */
export function desktopDataDir(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  return resolveDataDir(dataDirArgument(argv), env);
}

/**
 * What a start the person did not type (at login) must pass to open this profile: nothing for the default folder;
 * `--data-dir=DIR` for any other (chosen with --data-dir or COURSECO_XERO_DATA_DIR, neither of which a login has).
 */
export function dataDirArgs(dataDir: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const standard = defaultDataDir(platform, { ...env, [DATA_DIR_ENV]: undefined });
  return path.resolve(dataDir) === path.resolve(standard) ? [] : [`${DATA_DIR_FLAG}=${path.resolve(dataDir)}`];
}

export interface BundleLayout {
  preload: string;
  rendererDir: string;
  /** The services process's bundle (utilityProcess.fork). */
  services: string;
  /** The CLI, for the installed app's `--run` (command-line.ts). */
  cli: string;
}

/** Mirrors scripts/build-electron.mjs and vite.config.ts; `appPath` is the folder (or asar) holding package.json. */
export function bundleLayout(appPath: string): BundleLayout {
  return {
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    services: path.join(appPath, 'dist', 'electron', 'services.mjs'),
    cli: path.join(appPath, 'dist', 'electron', 'cli.mjs'),
  };
}
