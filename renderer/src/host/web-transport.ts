/**
 * The contract's Transport over the web host's WebSocket: each call gets an id and waits for the envelope with the
 * same id; events are fanned out to subscribers. If the socket closes (or never opens), every waiting and later call
 * fails with one plain-words error saying how to get the host back, instead of hanging.
 */
import type { Transport } from '../../../contract/api';
import type { EventName } from '../../../contract/contract';
import type { Envelope, ErrorInfo } from '../../../contract/envelope';
import { TOKEN_SUBPROTOCOL_PREFIX, IPC_SUBPROTOCOL } from '../../../contract/wire-protocol';

export interface WebTransport extends Transport {
  close(): void;
}

type Incoming = { id: number; envelope: Envelope<unknown> } | { event: EventName; payload: unknown };

const NEVER_OPENED: ErrorInfo = {
  code: 'domain',
  kind: 'HostUnavailable',
  message: 'The assistant could not reach its web host.',
  fix: 'Open the full address the web host printed when it started (it carries the access key), and check it is still running.',
};

const CLOSED: ErrorInfo = {
  code: 'domain',
  kind: 'HostUnavailable',
  message: 'The connection to the assistant’s web host closed.',
  fix: 'Start the web host again (npm run web) and open the address it prints.',
};

export function createWebSocketTransport(options: { url: string; token: string | undefined }): WebTransport {
  // A missing token still opens a socket: the host refuses it, and the caller gets the "never opened" error.
  const protocols = [IPC_SUBPROTOCOL, ...(options.token ? [`${TOKEN_SUBPROTOCOL_PREFIX}${options.token}`] : [])];
  const socket = new WebSocket(options.url, protocols);
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let opened = false;
  let failure: ErrorInfo | undefined;

  // One close handler does everything in order: browsers run microtasks between listeners, so a waiting call
  // resumed by `ready` must already see `failure` set.
  const ready = new Promise<void>((resolve) => {
    socket.addEventListener('open', () => {
      opened = true;
      resolve();
    });
    socket.addEventListener('close', () => {
      failure = opened ? CLOSED : NEVER_OPENED;
      for (const settle of pending.values()) settle({ ok: false, error: failure });
      pending.clear();
      resolve();
    });
  });

  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (typeof message.data !== 'string') return;
    let incoming: Incoming;
    try {
      incoming = JSON.parse(message.data) as Incoming;
    } catch {
      return;
    }
    if ('id' in incoming) {
      const settle = pending.get(incoming.id);
      pending.delete(incoming.id);
      settle?.(incoming.envelope);
      return;
    }
    for (const listener of listeners.get(incoming.event) ?? []) {
      // One failing listener must not keep the others from hearing the event.
      try {
        listener(incoming.payload);
      } catch (error) {
        console.error(`A listener for ${incoming.event} failed`, error);
      }
    }
  });

  return {
    async invoke(channel, args) {
      await ready;
      if (failure || socket.readyState !== WebSocket.OPEN) return { ok: false, error: failure ?? CLOSED };
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, args }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    close: () => socket.close(),
  };
}
