/**
 * Starts the services process as a worker thread: how the web host and the Node harness that mirrors the desktop
 * app keep the services off the thread that serves the window.
 */
import { Worker } from 'node:worker_threads';
import { createChildLink } from './child-link';
import type { ChildLink, FromServices } from './messages';
import { ensureServicesBundle } from './services-bundle';

export function spawnServicesWorker(): ChildLink {
  const worker = new Worker(ensureServicesBundle());
  let lastError: string | undefined;
  worker.on('error', (error) => {
    lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  });
  const { link, ended } = createChildLink({
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: FromServices) => listener(message)),
    kill: () => void worker.terminate(),
  });
  worker.on('exit', (code) => ended(lastError ?? `it ended with code ${code}`));
  return link;
}
