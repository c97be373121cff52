/**
 * Where a profile's data lives. `--data-dir` or COURSECO_XERO_DATA_DIR isolates settings, the journal and the keychain
 * namespace, so tests and the sample-data profile never touch a user's real data.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'COURSECO_XERO_DATA_DIR';
export const APP_DIR_NAME = 'courseco-xero-assistant';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), APP_DIR_NAME);
}

export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env[DATA_DIR_ENV] ?? defaultDataDir(process.platform, env);
  return path.resolve(chosen);
}

/** The sample-data profile lives beside the real one and is never the same directory. */
export function sampleProfileDir(dataDir: string): string {
  return path.join(dataDir, 'sample-profile');
}
