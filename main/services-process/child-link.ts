/**
 * The ChildLink over a started services process, whichever kind started it (a worker thread, Electron's
 * utilityProcess): both need the same care at the end, so it lives here once.
 */
import type { ChildLink, FromServices, ToServices } from './messages';

/** What a started process offers, in the words of its own kind. */
export interface StartedChild {
  postMessage(message: ToServices): void;
  onMessage(listener: (message: FromServices) => void): void;
  kill(): void;
}

/**
 * Nothing is posted once the process has ended, and its end reaches every `onExit` listener, also one that subscribes
 * after it (a dispose that comes late must not wait forever). The caller calls `ended` from the process's exit event.
 */
export function createChildLink(child: StartedChild): { link: ChildLink; ended(detail: string): void } {
  const exitListeners: Array<(detail: string) => void> = [];
  let endDetail: string | undefined;
  const link: ChildLink = {
    post: (message) => {
      if (endDetail === undefined) child.postMessage(message);
    },
    onMessage: (listener) => child.onMessage(listener),
    onExit: (listener) => {
      if (endDetail !== undefined) listener(endDetail);
      else exitListeners.push(listener);
    },
    kill: () => child.kill(),
  };
  const ended = (detail: string) => {
    endDetail = detail;
    for (const listener of exitListeners) listener(detail);
  };
  return { link, ended };
}
