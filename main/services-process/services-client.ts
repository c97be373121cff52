/**
 * The window side of the split: contract handlers that forward each call to the services process, and a bus that
 * re-emits its events. The dispatcher in front of the window stays exactly as it is: it checks the sender and the
 * arguments and parses the result; these handlers only carry the call across. When the services process dies, calls
 * in flight fail with words a person can act on, a new process is started (the journal is intact, and a sync that
 * was interrupted carries on from where it stopped when started again, as after a crash), and the window is told.
 */
import { channelNames, events, type ChannelName, type EventName } from '../../contract/contract';
import type { ErrorInfo } from '../../contract/envelope';
import { ForwardedFailure, type Handlers } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { describeError, type Logger } from '../log';
import type { ChildLink, FromServices, HostOp, ServicesOptions } from './messages';

const HOST_OP_WORDS: Record<HostOp, string> = { openExternal: 'open a browser', chooseSavePath: 'show a save dialog', printToPdf: 'print a PDF', openFolder: 'open a folder' };

export type HostRequests = Partial<Record<HostOp, (arg: string) => Promise<string | undefined> | string | undefined>>;

export interface ServicesClientOptions {
  options: ServicesOptions;
  /** Starts one services process; called again after it dies. */
  spawn(): ChildLink;
  /** What the window's process does when the services ask (open a browser, show a save dialog). */
  hostRequests?: HostRequests;
  log: Logger;
  /** Restarts allowed in a row without a call answered in between; then the app says it cannot go on. */
  maxRestarts?: number;
}

export interface RemoteServices {
  handlers: Handlers;
  bus: EventBus;
  log: Logger;
  /** Resolves once the current services process has opened the profile. */
  ready(): Promise<void>;
  /** How many times the services process has been started again. */
  restarts(): number;
  /** Ends the services process abruptly, as a crash would (tests, and a process that will not stop). */
  kill(): void;
  dispose(): Promise<void>;
}

const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

const RESTARTED: ErrorInfo = {
  code: 'domain',
  kind: 'ServicesRestarted',
  message: "The assistant's background work stopped unexpectedly, so this step did not finish. It has been started again.",
  fix: 'Try again. A sync that was running carries on from where it stopped when you start it again; nothing is sent twice.',
};

const GAVE_UP: ErrorInfo = {
  code: 'domain',
  kind: 'ServicesStopped',
  message: "The assistant's background work keeps stopping, so it was not started again.",
  fix: 'Quit the assistant and open it again. If it happens again, send the log to support.',
};

interface Incarnation {
  link: ChildLink;
  ready: Promise<void>;
  pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
  exited: boolean;
}

export function createServicesClient(config: ServicesClientOptions): RemoteServices {
  const { log } = config;
  const bus = createEventBus();
  const emit = bus.emit as (event: EventName, payload: unknown) => void;
  const maxRestarts = config.maxRestarts ?? 3;
  let nextId = 1;
  let restarts = 0;
  let restartsInARow = 0;
  let stopping = false;
  let gaveUp = false;

  const answerHost = async (current: Incarnation, id: number, op: HostOp, arg: string) => {
    const act = config.hostRequests?.[op];
    try {
      if (!act) throw new Error(`This host cannot ${HOST_OP_WORDS[op]}.`);
      const value = await act(arg);
      current.link.post({ kind: 'host-answer', id, ok: true, value: typeof value === 'string' ? value : undefined });
    } catch (error) {
      current.link.post({ kind: 'host-answer', id, ok: false, message: describeError(error) });
    }
  };

  const start = (): Incarnation => {
    const link = config.spawn();
    let opened!: () => void;
    let failed!: (error: Error) => void;
    const current: Incarnation = {
      link,
      ready: new Promise<void>((resolve, reject) => {
        opened = resolve;
        failed = reject;
      }),
      pending: new Map(),
      exited: false,
    };
    current.ready.catch(() => undefined);
    link.onMessage((message: FromServices) => {
      switch (message.kind) {
        case 'ready':
          return opened();
        case 'fatal':
          log.error('services: the profile could not be opened', { reason: message.message });
          return failed(new ForwardedFailure({ code: 'internal', message: `The assistant could not open its data: ${message.message}` }));
        case 'result': {
          const call = current.pending.get(message.id);
          current.pending.delete(message.id);
          restartsInARow = 0;
          if (!call) return;
          if (message.envelope.ok) call.resolve(message.envelope.value);
          else call.reject(new ForwardedFailure(message.envelope.error));
          return;
        }
        case 'event':
          // Checked against the contract by the services' own bus before it crossed.
          if (isEventName(message.event)) bus.relay(message.event, message.payload);
          return;
        case 'host-request':
          return void answerHost(current, message.id, message.op, message.arg);
        case 'stopped':
          return;
      }
    });
    link.onExit((detail) => onExit(current, detail));
    link.post({ kind: 'start', options: config.options });
    return current;
  };

  let current = start();

  function onExit(ended: Incarnation, detail: string): void {
    ended.exited = true;
    const lost = [...ended.pending.values()];
    ended.pending.clear();
    if (stopping) {
      for (const call of lost) call.reject(new ForwardedFailure(RESTARTED));
      return;
    }
    log.error('services: the services process stopped unexpectedly', { detail, callsInFlight: lost.length });
    restartsInARow += 1;
    if (restartsInARow > maxRestarts) {
      gaveUp = true;
      for (const call of lost) call.reject(new ForwardedFailure(GAVE_UP));
      return;
    }
    restarts += 1;
    current = start();
    for (const call of lost) call.reject(new ForwardedFailure(RESTARTED));
    current.ready.then(
      () => emit('app.servicesRestarted', { reason: detail, restarts }),
      () => undefined,
    );
  }

  const call = async (channel: ChannelName, args: unknown): Promise<unknown> => {
    if (gaveUp) throw new ForwardedFailure(GAVE_UP);
    // The copy across is a turn of its own, apart from the dispatcher's checks before it: for an export (tens of MB of
    // base64) the two together would hold the window's thread for twice as long.
    await new Promise((resolve) => setImmediate(resolve));
    const target = current;
    await target.ready;
    if (target.exited) throw new ForwardedFailure(gaveUp ? GAVE_UP : RESTARTED);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      target.pending.set(id, { resolve, reject });
      target.link.post({ kind: 'call', id, channel, args });
    });
  };

  const handlers = {} as Record<ChannelName, (args: unknown) => Promise<unknown>>;
  for (const channel of channelNames) handlers[channel] = (args) => call(channel, args);

  let disposed: Promise<void> | undefined;
  return {
    handlers: handlers as unknown as Handlers,
    bus,
    log,
    ready: () => current.ready,
    restarts: () => restarts,
    kill: () => current.link.kill(),
    dispose() {
      disposed ??= (async () => {
        stopping = true;
        const last = current;
        if (last.exited) return;
        const ended = new Promise<void>((resolve) => last.link.onExit(() => resolve()));
        last.link.post({ kind: 'stop' });
        // The profile closes its journal and connection; a process that does not finish doing so is ended.
        const timer = setTimeout(() => last.link.kill(), 10_000);
        await ended;
        clearTimeout(timer);
      })();
      return disposed;
    },
  };
}
