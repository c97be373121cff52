/**
 * What a feature's handlers receive from the host-independent wiring in app-services.ts. Each feature (transactions,
 * sync, wizard, diagnostics) builds its handlers from this in `features/<name>-handlers.ts`, so features never edit
 * each other's files.
 */
import type { HostKind } from '../../contract/contract';
import type { Clock } from '../clock';
import type { Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import type { Journal } from '../sync/journal';
import type { ConnectionService } from '../xero/connection-service';
import type { PdfPrinter } from './close-pack-export';

export interface FeatureContext {
  host: HostKind;
  dataDir: string;
  settings: SettingsStore;
  keychain: Keychain;
  clock: Clock;
  log: Logger;
  bus: EventBus;
  connection: ConnectionService;
  /** The profile's sync journal, opened on first use and closed by dispose(). */
  journal(): Journal;
  /** The host's save dialog, when it has one (see AppServicesDeps.chooseSavePath). */
  chooseSavePath?: (defaultName: string) => Promise<string | undefined>;
  /** The host's own PDF printer, when it has one (see AppServicesDeps.printToPdf); else chromiumPdfPrinter(). */
  printToPdf?: PdfPrinter;
  /** Shows a folder in the computer's file manager, when the host can (see AppServicesDeps.openFolder). */
  openFolder?: (folder: string) => Promise<void>;
  /** Registers a clean-up step run by AppServices.dispose() (listeners, timers, child services). */
  onDispose(step: () => Promise<void> | void): void;
}

export type FeatureHandlers<C extends keyof Handlers> = Pick<Handlers, C>;
