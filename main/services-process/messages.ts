/**
 * What travels between the window's process (Electron's main process, the web host's thread) and the services
 * process (Electron's utilityProcess, a worker thread). Everything here survives a structured clone: plain data only.
 *
 *   window → services  start { options }              once, first
 *   window → services  call { id, channel, args }     a contract call whose sender and arguments the dispatcher checked
 *   window → services  host-answer { id, … }          what the window did for a host request
 *   window → services  stop                           close the journal and the connection, then exit
 *   services → window  ready | stopped | fatal { message }
 *   services → window  result { id, envelope }        the call's answer: a value, or an error already shaped
 *   services → window  event { event, payload }       a contract event from the services' bus
 *   services → window  host-request { id, op, arg }   open the browser at a sign-in page, ask where to save a file, or
 *                                                     print a page to PDF (the close pack, with Electron's Chromium),
 *                                                     or show a profile folder in the file manager
 */
import type { HostKind } from '../../contract/contract';
import type { Envelope } from '../../contract/envelope';
import type { LogLevel } from '../log';

/** printToPdf's answer is the PDF in base64: host requests carry strings only. */
export type HostOp = 'openExternal' | 'chooseSavePath' | 'printToPdf' | 'openFolder';

export interface ServicesOptions {
  host: HostKind;
  dataDir: string;
  logLevel: LogLevel;
  /** Runtime versions `app.info` reports: the window's process knows Electron's and Chromium's. */
  versions: { node: string; electron?: string; chrome?: string };
  /** Desktop app: whether it runs installed (app.isPackaged); `app.info` reports it. */
  packaged?: boolean;
  /** The host requests the services may make of the window's process. */
  capabilities: HostOp[];
  /** Test knobs for the sample-data profile's sign-in. */
  sample?: { oauthPorts?: string; redirectUris?: string[] };
  /** Test knob: how long a sign-in waits for Xero's redirect (default five minutes). */
  callbackTimeoutMs?: number;
}

export type ToServices =
  | { kind: 'start'; options: ServicesOptions }
  | { kind: 'call'; id: number; channel: string; args: unknown }
  | { kind: 'host-answer'; id: number; ok: true; value: string | undefined }
  | { kind: 'host-answer'; id: number; ok: false; message: string }
  | { kind: 'stop' };

export type FromServices =
  | { kind: 'ready' }
  | { kind: 'stopped' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | { kind: 'event'; event: string; payload: unknown }
  | { kind: 'host-request'; id: number; op: HostOp; arg: string };

/** The services side's view of its parent: a worker's `parentPort` or a utility process's `process.parentPort`. */
export interface ParentLink {
  post(message: FromServices): void;
  onMessage(listener: (message: ToServices) => void): void;
}

/** The window side's view of one services process, however it was started. */
export interface ChildLink {
  post(message: ToServices): void;
  onMessage(listener: (message: FromServices) => void): void;
  /** Called once when the process ends, expectedly or not. */
  onExit(listener: (detail: string) => void): void;
  /** Ends it at once (no goodbye): used when it does not stop in time, and by tests that kill it. */
  kill(): void;
}
