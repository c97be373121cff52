/**
 * A stand-in for the services behind `window.assistant`: the real bridge and wrapper from the contract over a
 * transport whose answers each test sets. Installed on a `window` global, because that is where the renderer looks.
 */
import { buildAssistantBridge, type Transport } from '../../../contract/api';
import type { ArgsOf, ChannelName, EventName, EventPayload, ResultOf } from '../../../contract/contract';
import type { ErrorInfo } from '../../../contract/envelope';

type Handler<C extends ChannelName> = (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;

/** Thrown by a handler: the host answers with this failed envelope. */
export class HostFailure {
  constructor(readonly info: ErrorInfo) {}
}

export function failure(message: string, fix?: string, kind = 'TestFailure'): HostFailure {
  return new HostFailure({ code: 'domain', kind, message, ...(fix ? { fix } : {}) });
}

/** A promise the test settles when it chooses, for answers that must arrive late or out of order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class FakeHost {
  readonly calls: Array<{ channel: ChannelName; args: unknown }> = [];
  private readonly handlers = new Map<ChannelName, (args: unknown) => unknown>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  readonly transport: Transport = {
    invoke: async (channel, args) => {
      this.calls.push({ channel, args });
      const handler = this.handlers.get(channel);
      if (!handler) return { ok: false, error: { code: 'internal', message: `No answer set for ${channel}.` } };
      try {
        return { ok: true, value: await handler(args) };
      } catch (error) {
        if (error instanceof HostFailure) return { ok: false, error: error.info };
        throw error;
      }
    },
    subscribe: (event, listener) => {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener);
      this.listeners.set(event, set);
      return () => set.delete(listener);
    },
  };

  answer<C extends ChannelName>(channel: C, handler: Handler<C>): void {
    this.handlers.set(channel, handler as (args: unknown) => unknown);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  listening(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsTo(channel: ChannelName): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.args);
  }

  clear(): void {
    this.calls.length = 0;
    this.handlers.clear();
    this.listeners.clear();
  }
}

/** One host per test file: the renderer caches the wrapped `window.assistant` on first use. */
export function installFakeHost(): FakeHost {
  const host = new FakeHost();
  (globalThis as { window?: unknown }).window = { assistant: buildAssistantBridge(host.transport) };
  return host;
}

/** Lets every promise callback already queued run (answers from the fake host are a few microtasks deep). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
