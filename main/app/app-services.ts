/**
 * Wires the services one host needs and exposes them as contract handlers. Every host — the Electron shell, the web
 * host, the CLI — builds exactly this with its own settings backend and host kind; none of them holds logic of its own.
 */
import type { ConnectionStatus, HostKind, Settings } from '../../contract/contract';
import type { Handlers } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import { createConnectionService, type ConnectionService, type ConnectionServiceDeps } from '../xero/connection-service';
import { openLastSignInStore } from '../xero/last-sign-in';
import type { FetchLike } from '../xero/oauth-client';
import { openJournal, type Journal } from '../sync/journal';
import { chartReader, writeChartSetting } from '../wizard/chart-setting-write';
import { APP_NAME, APP_VERSION } from './app-identity';
import type { PdfPrinter } from './close-pack-export';
import type { FeatureContext } from './feature-context';
import { createDiagnosticsFeature } from './features/diagnostics-handlers';
import { createReconcileHandlers } from './features/reconcile-handlers';
import { createRulesHandlers } from './features/rules-handlers';
import { createSettingsHandlers } from './features/settings-handlers';
import { createScheduleFeature, intervalTicker, type ScheduleTicker } from './features/schedule-handlers';
import { createSyncHandlers } from './features/sync-handlers';
import { createTransactionsHandlers } from './features/transactions-handlers';
import { createWizardHandlers } from './features/wizard-handlers';

export interface AppServicesDeps {
  host: HostKind;
  dataDir: string;
  settings: SettingsStore;
  keychain: Keychain;
  clock?: Clock;
  log?: Logger;
  /** Runtime versions to report; Electron adds its own. */
  versions?: { node: string; electron?: string; chrome?: string };
  /** Desktop app: whether it runs installed; reported by `app.info` (start at login needs it). */
  packaged?: boolean;
  /**
   * Opens the system browser at Xero's authorize URL (Electron shell: shell.openExternal). Hosts without one (web host,
   * tests) leave it out and follow the `connection.authorizeUrl` event instead.
   */
  openExternal?: (url: string) => void | Promise<void>;
  /**
   * Asks the user where to save a file (Electron shell: the save dialog); resolves undefined when they cancel. Hosts
   * without one (web host, CLI) save into the data dir's `exports/` folder.
   */
  chooseSavePath?: (defaultName: string) => Promise<string | undefined>;
  /**
   * Prints one self-contained HTML page to PDF with the host's own Chromium (Electron shell: printToPDF in a hidden
   * window). Hosts without one (web host, CLI) print with a headless Chromium found on the machine (chromium-pdf.ts).
   */
  printToPdf?: PdfPrinter;
  /**
   * Shows a folder in the computer's file manager (Electron shell: shell.openPath). The services choose the folder,
   * never a window; hosts without a file manager (web host, CLI) leave it out and the page offers Copy instead.
   */
  openFolder?: (folder: string) => Promise<void>;
  fetch?: FetchLike;
  /**
   * What makes scheduled syncs look at the clock: every 30 seconds in the hosts that stay running (desktop, web), none
   * in the CLI (its installed-app entry runs one command and ends). Tests hand in their own and tick by hand.
   */
  scheduleTicker?: ScheduleTicker;
  /** The zone scheduled times are in; the computer's own by default. */
  timeZone?: string;
  /** Timing knobs for tests; defaults are Xero's (5-minute callback wait, 20 s identity and 30 s API timeouts). */
  xero?: Pick<ConnectionServiceDeps, 'callbackTimeoutMs' | 'httpTimeoutMs' | 'apiTimeoutMs' | 'tokenRetryDelaysMs' | 'sleep'>;
}

export interface AppServices {
  handlers: Handlers;
  bus: EventBus;
  settings: SettingsStore;
  keychain: Keychain;
  clock: Clock;
  log: Logger;
  /** Credentials, sign-in, tokens, organisations and the Xero API client. */
  connection: ConnectionService;
  /** The profile's sync journal, opened on first use. */
  journal(): Journal;
  connectionStatus(): Promise<ConnectionStatus>;
  /** Scheduled syncs start nothing until the returned function is called (see Scheduler.hold): for a reset. */
  holdSchedule(): Promise<() => void>;
  dispose(): Promise<void>;
}

export function createAppServices(deps: AppServicesDeps): AppServices {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? silentLogger;
  const bus = createEventBus();
  const { settings } = deps;

  const connection = createConnectionService({
    settings,
    keychain: deps.keychain,
    clock,
    log,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
    ...deps.xero,
    lastSignIn: openLastSignInStore(deps.dataDir),
    events: {
      changed: (status) => bus.emit('connection.changed', status),
      authorizeUrl: (payload) => bus.emit('connection.authorizeUrl', payload),
    },
  });
  const connectionStatus = (): Promise<ConnectionStatus> => connection.status();
  const credentialsStatus = () => connection.credentials.status();

  let journal: Journal | undefined;
  const disposers: Array<() => Promise<void> | void> = [];
  const feature: FeatureContext = {
    host: deps.host,
    dataDir: deps.dataDir,
    settings,
    keychain: deps.keychain,
    clock,
    log,
    bus,
    connection,
    journal: () =>
      (journal ??= openJournal(deps.dataDir, {
        clock,
        busy: {
          // Said in the log, so a sync that seems stuck while another process imports explains itself.
          onBusy: (waitedMs) => log.warn('journal: another process is writing to it; waiting', { waitedMs }),
          // The wait blocks its thread; where that thread also serves a window, a minute is the most it may take.
          ...(deps.host === 'cli' ? {} : { giveUpAfterMs: 60_000 }),
        },
      })),
    ...(deps.chooseSavePath ? { chooseSavePath: deps.chooseSavePath } : {}),
    ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
    ...(deps.openFolder ? { openFolder: deps.openFolder } : {}),
    onDispose: (step) => disposers.push(step),
  };

  const diagnostics = createDiagnosticsFeature(feature);
  const sync = createSyncHandlers(feature);
  const ticker = deps.scheduleTicker ?? (deps.host === 'cli' ? undefined : intervalTicker);
  const schedule = createScheduleFeature(feature, sync, { ...(ticker ? { ticker } : {}), ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) });
  const handlers: Handlers = diagnostics.refreshAfterChanges({
    ...createTransactionsHandlers(feature),
    ...sync,
    ...createWizardHandlers(feature),
    ...diagnostics.handlers,
    ...createRulesHandlers(feature),
    ...createReconcileHandlers(feature),
    ...createSettingsHandlers(feature),
    ...schedule.handlers,
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: deps.host,
      platform: process.platform,
      versions: deps.versions ?? { node: process.versions.node },
      dataDir: deps.dataDir,
      ...(deps.packaged !== undefined ? { packaged: deps.packaged } : {}),
    }),
    'app.ping': ({ message }) => ({ echo: message, receivedAt: new Date(clock.now()).toISOString() }),
    'connection.status': () => connectionStatus(),
    'connection.check': () => connection.check(),
    'connection.redirectUris': () => ({ redirectUris: connection.redirectUris() }),
    'connection.connect': ({ tenant }) => connection.connect(tenant === undefined ? {} : { tenant }),
    'connection.cancel': async () => ({ cancelled: await connection.cancel() }),
    'connection.organisations': async () => ({ organisations: await connection.organisations() }),
    'connection.choose': ({ tenantId }) => connection.choose(tenantId),
    'connection.disconnect': ({ revoke }) => connection.disconnect(revoke === undefined ? {} : { revoke }),
    'credentials.status': () => credentialsStatus(),
    'credentials.set': async ({ clientId, clientSecret }) => {
      await connection.setCredentials({ clientId, clientSecret });
      return credentialsStatus();
    },
    'credentials.clear': async () => {
      await connection.clearCredentials();
      return credentialsStatus();
    },
    'settings.get': () => settings.all(),
    // The contract admits only RendererSettingKey here: never the Xero origins, never the Client ID.
    'settings.set': async ({ key, value }) => {
      // Chart settings are judged by the chart policy first (a refusal is thrown; nothing is written).
      const { settings: next, warnings } = await writeChartSetting(settings, key, value as Settings[typeof key] | null, chartReader({ settings, connection }));
      for (const warning of warnings) log.warn(`settings: ${warning}`);
      bus.emit('connection.changed', await connectionStatus());
      return next;
    },
  });

  return {
    handlers,
    bus,
    settings,
    keychain: deps.keychain,
    clock,
    log,
    connection,
    journal: feature.journal,
    connectionStatus,
    holdSchedule: () => schedule.scheduler.hold(),
    dispose: async () => {
      for (const step of disposers.reverse()) await step();
      await connection.dispose();
      journal?.close();
      journal = undefined;
    },
  };
}
