/**
 * Settings are non-secret. The same schema, defaults and migrations serve electron-store (Electron) and conf (Node
 * hosts): electron-store is conf with Electron's paths, so both take these options unchanged.
 */
import type { Settings } from '../../contract/contract';
import { XERO_API_ORIGIN, XERO_IDENTITY_ORIGIN } from '../../contract/xero-origin';

export const SETTINGS_VERSION = '1.0.0';

/** First is preferred; the others are fallbacks when a port is taken. All must be registered in the Xero app. */
export const DEFAULT_OAUTH_PORTS = '47318,47319,47320';

export const settingsDefaults: Settings = {
  'xero.issuer': XERO_IDENTITY_ORIGIN,
  'xero.apiOrigin': XERO_API_ORIGIN,
  'xero.scopes': 'granular',
  'oauth.ports': DEFAULT_OAUTH_PORTS,
  'xero.invoiceStatus': 'AUTHORISED',
  // Nothing is re-dated unless the bookkeeper chooses it (main/sync/plan/lock-dates.ts).
  'sync.lockedPeriod': 'hold',
  // Deposits (batch payments) change what the bank feed matches against, so a profile opts in (issue 13 part 7).
  'xero.batchDeposits': 'off',
};

/** Minimal view of conf/electron-store the migrations need; keeps this module free of either package. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  delete(key: string): void;
}

/** Keyed by the version that introduced the change; conf runs the ones newer than the file's recorded version. */
export const settingsMigrations: Record<string, (store: MigrationStore) => void> = {
  '1.0.0': (store) => {
    for (const [key, value] of Object.entries(settingsDefaults)) {
      if (!store.has(key)) store.set(key, value);
    }
  },
};
