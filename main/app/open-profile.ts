/**
 * The composition root: the one place a profile is opened, for every host. A profile is a data dir; opening it means
 * its settings file, its keychain namespace, its journal (on first use), its Xero connection and the services over
 * them. The Electron services process, the web host's worker, the CLI and the tests all come through here, so a
 * profile is wired the same way wherever it runs; hosts only add what they alone can do (a browser, a save dialog).
 */
import type { HostKind } from '../../contract/contract';
import type { Logger } from '../log';
import { createKeychain, type Keychain } from '../secrets/keychain';
import { openNodeSettingsStore, type SettingsStore } from '../settings/settings-store';
import { createAppServices, type AppServices, type AppServicesDeps } from './app-services';
import { createProfileHost, type ProfileHost, type ProfileHostDeps } from './profiles';

/** What a host can do for the services that the services cannot do themselves. */
export type HostCapabilities = Pick<AppServicesDeps, 'openExternal' | 'chooseSavePath' | 'printToPdf' | 'openFolder'>;

export interface OpenProfileOptions extends HostCapabilities, Pick<AppServicesDeps, 'clock' | 'fetch' | 'versions' | 'xero' | 'packaged'> {
  host: HostKind;
  dataDir: string;
  log?: Logger;
  /** Defaults to the settings file in the data dir; tests may hand in one they prepared. */
  settings?: SettingsStore;
  /** Defaults to the OS keychain under the data dir's namespace; the sample profile's is memory (sandbox-profile.ts). */
  keychain?: Keychain;
}

/** One profile, as the CLI and the tests use it. */
export function openProfile(options: OpenProfileOptions): AppServices {
  const { settings, keychain, ...rest } = options;
  return createAppServices({
    ...rest,
    settings: settings ?? openNodeSettingsStore(options.dataDir),
    keychain: keychain ?? createKeychain(options.dataDir),
  });
}

export interface OpenProfileHostOptions extends Omit<OpenProfileOptions, 'settings' | 'keychain'> {
  /** Test knobs for the sample-data profile's sign-in (loopback ports, redirect URIs the sandbox accepts). */
  sample?: ProfileHostDeps['sample'];
}

/** The user's own profile plus the switchable sample-data profile, as the desktop app and the web host show them. */
export function openProfileHost(options: OpenProfileHostOptions): ProfileHost {
  const { sample, ...common } = options;
  const servicesFor = (dataDir: string, settings: SettingsStore, keychain: Keychain) => openProfile({ ...common, dataDir, settings, keychain });
  return createProfileHost({
    own: openProfile(common),
    dataDir: options.dataDir,
    servicesFor,
    ...(sample ? { sample } : {}),
  });
}
