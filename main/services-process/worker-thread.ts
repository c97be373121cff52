/**
 * Starts the services process as a worker thread: how the web host and the Node harness that mirrors the desktop
 * app keep the services off the thread that serves the window.
 */
import { Worker } from 'node:worker_threads';
import type { ChildLink, FromServices, ToServices } from './messages';
import { ensureServicesBundle } from './services-bundle';

export function spawnServicesWorker(): ChildLink {
  const worker = new Worker(ensureServicesBundle());
  const exitListeners: Array<(detail: string) => void> = [];
  let exited = false;
  let lastError: string | undefined;
  worker.on('error', (error) => {
    lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  });
  worker.on('exit', (code) => {
    exited = true;
    const detail = lastError ?? `it ended with code ${code}`;
    for (const listener of exitListeners) listener(detail);
  });
  return {
    post: (message: ToServices) => {
      if (!exited) worker.postMessage(message);
    },
    onMessage: (listener) => worker.on('message', (message: FromServices) => listener(message)),
    onExit: (listener) => {
      if (exited) listener(lastError ?? 'it had already ended');
      else exitListeners.push(listener);
    },
    kill: () => void worker.terminate(),
  };
}
