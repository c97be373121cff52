import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { eventMethodName, type AssistantApi } from '../../../main/contract/api';
import { channelNames, eventNames } from '../../../main/contract/contract';
import { AssistantCallError } from '../../../main/contract/envelope';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const fake = electron as unknown as FakeElectron;
let api: AssistantApi;

beforeAll(async () => {
  await import('../../../preload/index');
  api = fake.contextBridge.exposed.get('assistant') as AssistantApi;
});

function expectedShape(): Record<string, string[]> {
  // Derived from the contract, which grows with every issue; the point is that nothing else is exposed.
  const shape: Record<string, string[]> = { events: eventNames.map(eventMethodName) };
  for (const channel of channelNames) {
    const [group, method] = channel.split('.') as [string, string];
    (shape[group] ??= []).push(method);
  }
  return shape;
}

describe('the preload', () => {
  it('exposes one global, `assistant`, and nothing else', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['assistant']);
  });

  it("exposes exactly the contract's groups, methods and event subscriptions, all functions", () => {
    const actual = Object.fromEntries(Object.entries(api).map(([group, methods]) => [group, Object.keys(methods as object).sort()]));
    const expected = Object.fromEntries(Object.entries(expectedShape()).map(([group, methods]) => [group, methods.sort()]));
    expect(actual).toEqual(expected);
    expect(expected.events).toContain('connectionChanged');
    for (const methods of Object.values(api)) {
      for (const member of Object.values(methods as Record<string, unknown>)) expect(typeof member).toBe('function');
    }
  });

  it('offers nothing generic: no invoke, send, on or ipcRenderer anywhere', () => {
    const names = Object.entries(api).flatMap(([group, methods]) => [group, ...Object.keys(methods as object)]);
    for (const generic of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'require', 'process']) expect(names).not.toContain(generic);
  });

  it('calls invoke on the contract channel and unwraps a successful envelope', async () => {
    fake.ipcRenderer.answer.mockResolvedValueOnce({ ok: true, value: { echo: 'hi', receivedAt: '2026-01-01T00:00:00.000Z' } });
    await expect(api.app.ping({ message: 'hi' })).resolves.toEqual({ echo: 'hi', receivedAt: '2026-01-01T00:00:00.000Z' });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith('app.ping', { message: 'hi' });
  });

  it('turns an error envelope into an AssistantCallError carrying the code', async () => {
    fake.ipcRenderer.answer.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-arguments', message: 'Invalid arguments for app.ping.' } });
    const failure = await api.app.ping({ message: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AssistantCallError);
    expect(failure).toMatchObject({ code: 'invalid-arguments' });
  });

  it('delivers only the event payload to listeners (never the IPC event object) until unsubscribed', () => {
    const received: unknown[] = [];
    const unsubscribe = api.events.connectionChanged((status) => received.push(status));
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };
    fake.ipcRenderer.emit('event:connection.changed', ipcEvent, { state: 'connected' });
    unsubscribe();
    fake.ipcRenderer.emit('event:connection.changed', ipcEvent, { state: 'disconnected' });
    expect(received).toEqual([{ state: 'connected' }]);
    expect(fake.ipcRenderer.listenerCount('event:connection.changed')).toBe(0);
  });
});
