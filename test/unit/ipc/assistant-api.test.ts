import { describe, expect, it, vi } from 'vitest';
import { buildAssistantBridge, wrapAssistantBridge, type Transport } from '../../../contract/api';
import { channelNames, eventNames } from '../../../contract/contract';
import { AssistantCallError } from '../../../contract/envelope';

describe('window.assistant built from the contract', () => {
  const transport = (): Transport & { invoke: ReturnType<typeof vi.fn> } => ({
    invoke: vi.fn(async () => ({ ok: true as const, value: { echo: 'hi', receivedAt: 'now' } })),
    subscribe: vi.fn(() => () => undefined),
  });

  it('has exactly one function per channel, grouped, plus one subscription per event', () => {
    const api = buildAssistantBridge(transport()) as unknown as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api)
      .filter(([group]) => group !== 'events')
      .flatMap(([group, fns]) => Object.keys(fns).map((m) => `${group}.${m}`));
    expect(methods.sort()).toEqual([...channelNames].sort());
    expect(Object.keys(api.events!)).toHaveLength(eventNames.length);
    expect(Object.values(api).flatMap((g) => Object.values(g)).every((f) => typeof f === 'function')).toBe(true);
    expect('invoke' in api).toBe(false);
  });

  it('sends the channel name and arguments, and unwraps a successful envelope', async () => {
    const t = transport();
    const api = wrapAssistantBridge(buildAssistantBridge(t));
    await expect(api.app.ping({ message: 'hi' })).resolves.toEqual({ echo: 'hi', receivedAt: 'now' });
    expect(t.invoke).toHaveBeenCalledWith('app.ping', { message: 'hi' });
  });

  it('throws an AssistantCallError carrying the error info', async () => {
    const t = transport();
    t.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-arguments', message: 'Invalid arguments for app.ping.' } });
    const api = wrapAssistantBridge(buildAssistantBridge(t));
    const error = await api.app.ping({ message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssistantCallError);
    expect(error).toMatchObject({ code: 'invalid-arguments', message: 'Invalid arguments for app.ping.' });
  });

  it('the bridge resolves failures to plain envelopes, which survive structured cloning', async () => {
    const t = transport();
    const failure = { ok: false as const, error: { code: 'domain' as const, kind: 'InvalidClientCredentials', message: 'Client ID or Secret is incorrect.', fix: 'Copy both again.' } };
    t.invoke.mockResolvedValueOnce(failure);
    const envelope = await buildAssistantBridge(t).app.ping({ message: 'x' });
    expect(structuredClone(envelope)).toEqual(failure);
  });

  it('subscribes to events by their camel-cased name', () => {
    const t = transport();
    const api = wrapAssistantBridge(buildAssistantBridge(t));
    const listener = vi.fn();
    api.events.connectionChanged(listener);
    expect(t.subscribe).toHaveBeenCalledWith('connection.changed', listener);
  });
});
