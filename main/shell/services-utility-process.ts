/**
 * Starts the services process as Electron's utilityProcess: a Node process of its own, so the main process keeps
 * only windows, the app protocol, dialogs and the contract's door, and never waits on the journal, an import or a sync.
 */
import type { UtilityProcess } from 'electron';
import { createChildLink } from '../services-process/child-link';
import type { ChildLink, FromServices } from '../services-process/messages';

/** The part of Electron's `utilityProcess` used here; a test's fake provides the same. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): Pick<UtilityProcess, 'postMessage' | 'on' | 'kill'>;
}

export function forkServicesProcess(utilityProcess: UtilityProcessModule, modulePath: string): ChildLink {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'CourseCo Xero Assistant services', stdio: 'inherit' });
  const { link, ended } = createChildLink({
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromServices) => listener(message)),
    kill: () => void child.kill(),
  });
  child.on('exit', (code: number) => ended(`it ended with code ${code}`));
  return link;
}
