/**
 * Settings in Electron: electron-store over the same options, schema and migrations the Node hosts give `conf`.
 * electron-store renames conf's `configName` option to `name` (and would silently use "config" otherwise), so the
 * options are translated here rather than passed through.
 */
import path from 'node:path';
import ElectronStore from 'electron-store';
import { createSettingsStore, SETTINGS_FILE, settingsBackendOptions, type SettingsBackend, type SettingsStore } from '../settings/settings-store';

export type ElectronStoreOptions = Omit<ReturnType<typeof settingsBackendOptions>, 'configName'> & { name: string };

export function electronStoreOptions(userDataDir: string): ElectronStoreOptions {
  const { configName, ...shared } = settingsBackendOptions(userDataDir);
  return { ...shared, name: configName };
}

export type SettingsStoreClass = new (options: ElectronStoreOptions) => SettingsBackend;

export function openElectronSettingsStore(
  userDataDir: string,
  Store: SettingsStoreClass = ElectronStore as unknown as SettingsStoreClass,
): SettingsStore {
  return createSettingsStore(() => new Store(electronStoreOptions(userDataDir)), path.join(userDataDir, SETTINGS_FILE));
}
