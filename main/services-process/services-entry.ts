/**
 * The services process's entry point: a worker thread (web host, Node harness) or Electron's utilityProcess (the
 * desktop app; bundled to dist/electron/services.mjs). It opens the profile through the one composition root and
 * serves it to the window's process; nothing here knows which host it serves.
 */
import { parentPort } from 'node:worker_threads';
import { openProfileHost } from '../app/open-profile';
import { createLogger } from '../log';
import type { FromServices, ParentLink, ToServices } from './messages';
import { serveServices } from './serve-services';

/** Electron gives a utility process `process.parentPort`, whose messages arrive wrapped as `{ data }`. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentLink(): ParentLink {
  if (parentPort) {
    const port = parentPort;
    return {
      post: (message: FromServices) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (message: ToServices) => listener(message)),
    };
  }
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (!utility) throw new Error('The services process was started without a parent to serve.');
  return {
    post: (message: FromServices) => utility.postMessage(message),
    onMessage: (listener) => utility.on('message', (event) => listener(event.data as ToServices)),
  };
}

const link = parentLink();
const log = createLogger((line) => process.stderr.write(`${line}\n`), 'info');
serveServices(
  link,
  (options, capabilities) => {
    return openProfileHost({
      host: options.host,
      dataDir: options.dataDir,
      log: createLogger((line) => process.stderr.write(`${line}\n`), options.logLevel),
      versions: options.versions,
      ...(options.packaged !== undefined ? { packaged: options.packaged } : {}),
      ...capabilities,
      ...(options.sample ? { sample: options.sample } : {}),
      ...(options.callbackTimeoutMs ? { xero: { callbackTimeoutMs: options.callbackTimeoutMs } } : {}),
    });
  },
  log,
  // A worker ends when nothing keeps it busy; a utility process must be told.
  () => (parentPort ? parentPort.close() : process.exit(0)),
);
