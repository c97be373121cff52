/**
 * Starts the services process as Electron's utilityProcess: a Node process of its own, so the main process keeps
 * only windows, the app protocol, dialogs and the contract's door, and never waits on the journal, an import or a sync.
 */
import type { UtilityProcess } from 'electron';
import type { ChildLink, FromServices, ToServices } from '../services-process/messages';

/** The part of Electron's `utilityProcess` used here; a test's fake provides the same. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): Pick<UtilityProcess, 'postMessage' | 'on' | 'kill'>;
}

export function forkServicesProcess(utilityProcess: UtilityProcessModule, modulePath: string): ChildLink {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'CourseCo Xero Assistant services', stdio: 'inherit' });
  const exitListeners: Array<(detail: string) => void> = [];
  let exited = false;
  let detail = '';
  child.on('exit', (code: number) => {
    exited = true;
    detail = `it ended with code ${code}`;
    for (const listener of exitListeners) listener(detail);
  });
  return {
    post: (message: ToServices) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', (message: FromServices) => listener(message)),
    onExit: (listener) => {
      if (exited) listener(detail);
      else exitListeners.push(listener);
    },
    kill: () => void child.kill(),
  };
}
