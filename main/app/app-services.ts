/**
 * Wires the services one host needs and exposes them as contract handlers. Every host — the Electron shell, the web
 * host, the CLI — builds exactly this with its own settings backend and host kind; none of them holds logic of its own.
 */
import type { ConnectionStatus, HostKind } from '../contract/contract';
import type { Handlers } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { APP_NAME, APP_VERSION } from './app-identity';

export interface AppServicesDeps {
  host: HostKind;
  dataDir: string;
  settings: SettingsStore;
  keychain: Keychain;
  clock?: Clock;
  log?: Logger;
  /** Runtime versions to report; Electron adds its own. */
  versions?: { node: string; electron?: string; chrome?: string };
}

export interface AppServices {
  handlers: Handlers;
  bus: EventBus;
  settings: SettingsStore;
  keychain: Keychain;
  clock: Clock;
  log: Logger;
  connectionStatus(): Promise<ConnectionStatus>;
  dispose(): Promise<void>;
}

export function createAppServices(deps: AppServicesDeps): AppServices {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? silentLogger;
  const bus = createEventBus();
  const { settings } = deps;

  const connectionStatus = async (): Promise<ConnectionStatus> => {
    const current = settings.all();
    if (!current['xero.clientId']) return { state: 'not-configured', reason: 'No Xero app credentials are stored yet.' };
    if (!current['xero.tenantId']) return { state: 'disconnected', reason: 'No Xero organisation is connected yet.' };
    const status: ConnectionStatus = { state: 'disconnected', tenantId: current['xero.tenantId'] };
    if (current['xero.expectedOrganisation']) status.organisationName = current['xero.expectedOrganisation'];
    return status;
  };

  const handlers: Handlers = {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: deps.host,
      platform: process.platform,
      versions: deps.versions ?? { node: process.versions.node },
      dataDir: deps.dataDir,
    }),
    'app.ping': ({ message }) => ({ echo: message, receivedAt: new Date(clock.now()).toISOString() }),
    'connection.status': () => connectionStatus(),
    'settings.get': () => settings.all(),
    'settings.set': async ({ key, value }) => {
      const next = settings.set(key, value);
      bus.emit('connection.changed', await connectionStatus());
      return next;
    },
  };

  return {
    handlers,
    bus,
    settings,
    keychain: deps.keychain,
    clock,
    log,
    connectionStatus,
    dispose: async () => undefined,
  };
}
