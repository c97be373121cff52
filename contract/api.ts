/**
 * The renderer-facing API, derived from the contract in two layers:
 *
 * - `buildAssistantBridge(transport)` is what `window.assistant` holds in both hosts (Electron's preload and the web
 *   host's client). Its named functions resolve to plain envelopes, because Electron's contextBridge keeps only the
 *   `message` of a thrown Error: an envelope crosses intact, an error's code and fix would not.
 * - `wrapAssistantBridge(bridge)` runs in the page's own world and turns failed envelopes into thrown
 *   `AssistantCallError`s, so renderer code reads `await assistant.app.ping(...)` naturally.
 *
 * Only the contract's named functions exist on either; there is no generic invoke.
 */
import { channelNames, eventNames, type ArgsOf, type ChannelName, type EventName, type EventPayload, type ResultOf } from './contract';
import { AssistantCallError, type Envelope } from './envelope';

export interface Transport {
  invoke(channel: ChannelName, args: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type SplitChannel<C extends string> = C extends `${infer G}.${infer M}` ? [G, M] : never;
type Groups = SplitChannel<ChannelName>[0];
type ArgList<C extends ChannelName> = Record<never, never> extends ArgsOf<C> ? [args?: ArgsOf<C>] : [args: ArgsOf<C>];
type MethodsOf<G extends string, Wrap extends 'envelope' | 'value'> = {
  [C in ChannelName as SplitChannel<C>[0] extends G ? SplitChannel<C>[1] : never]: (
    ...args: ArgList<C>
  ) => Promise<Wrap extends 'envelope' ? Envelope<ResultOf<C>> : ResultOf<C>>;
};

type CamelEvent<E extends string> = E extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : E;
type EventSubscriptions = {
  [E in EventName as CamelEvent<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** `window.assistant`: named functions resolving to envelopes, plus event subscriptions. */
export type AssistantBridge = { [G in Groups]: MethodsOf<G, 'envelope'> } & { events: EventSubscriptions };
/** What renderer code uses: the same functions, resolving to values and throwing AssistantCallError. */
export type AssistantApi = { [G in Groups]: MethodsOf<G, 'value'> } & { events: EventSubscriptions };

export function eventMethodName(event: EventName): string {
  const [a, b] = event.split('.');
  return b ? `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` : event;
}

type Loose = Record<string, Record<string, unknown>>;

export function buildAssistantBridge(transport: Transport): AssistantBridge {
  const api: Loose = { events: {} };
  for (const channel of channelNames) {
    const [group, method] = channel.split('.') as [string, string];
    api[group] ??= {};
    api[group][method] = (args: unknown = {}) => transport.invoke(channel, args);
  }
  for (const event of eventNames) {
    api.events![eventMethodName(event)] = (listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  }
  return api as unknown as AssistantBridge;
}

export function wrapAssistantBridge(bridge: AssistantBridge): AssistantApi {
  const source = bridge as unknown as Loose;
  const api: Loose = { events: source.events ?? {} };
  for (const channel of channelNames) {
    const [group, method] = channel.split('.') as [string, string];
    const call = source[group]?.[method] as ((args?: unknown) => Promise<Envelope<unknown>>) | undefined;
    api[group] ??= {};
    api[group][method] = async (args: unknown = {}) => {
      if (!call) throw new AssistantCallError({ code: 'unknown-channel', message: `The host does not offer ${channel}.` });
      const envelope = await call(args);
      if (envelope.ok) return envelope.value;
      throw new AssistantCallError(envelope.error);
    };
  }
  return api as unknown as AssistantApi;
}
