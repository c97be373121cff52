/**
 * Builds the renderer-facing API (`window.assistant`) from the contract. Both the Electron preload and the web-host
 * client call this with their own transport, so the renderer sees the same object in either host and cannot tell
 * them apart. Only the contract's named functions exist on the result; there is no generic invoke.
 */
import { channelNames, eventNames, type ArgsOf, type ChannelName, type EventName, type EventPayload, type ResultOf } from './contract';
import { AssistantCallError, type Envelope } from './envelope';

export interface Transport {
  invoke(channel: ChannelName, args: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type SplitChannel<C extends string> = C extends `${infer G}.${infer M}` ? [G, M] : never;
type Groups = SplitChannel<ChannelName>[0];
type MethodsOf<G extends string> = {
  [C in ChannelName as SplitChannel<C>[0] extends G ? SplitChannel<C>[1] : never]: (
    ...args: Record<never, never> extends ArgsOf<C> ? [args?: ArgsOf<C>] : [args: ArgsOf<C>]
  ) => Promise<ResultOf<C>>;
};

type CamelEvent<E extends string> = E extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : E;

export type AssistantApi = { [G in Groups]: MethodsOf<G> } & {
  events: { [E in EventName as CamelEvent<E>]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

export function eventMethodName(event: EventName): string {
  const [a, b] = event.split('.');
  return b ? `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` : event;
}

export function buildAssistantApi(transport: Transport): AssistantApi {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const channel of channelNames) {
    const [group, method] = channel.split('.') as [string, string];
    api[group] ??= {};
    api[group][method] = async (args: unknown = {}) => {
      const envelope = await transport.invoke(channel, args);
      if (envelope.ok) return envelope.value;
      throw new AssistantCallError(envelope.error);
    };
  }
  for (const event of eventNames) {
    api.events![eventMethodName(event)] = (listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  }
  return api as unknown as AssistantApi;
}
