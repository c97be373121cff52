import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { eventMethodName, type AssistantBridge } from '../../../contract/api';
import { channelNames, eventNames } from '../../../contract/contract';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const fake = electron as unknown as FakeElectron;
let api: AssistantBridge;

beforeAll(async () => {
  await import('../../../preload/index');
  api = fake.contextBridge.exposed.get('assistant') as AssistantBridge;
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

  it('calls invoke on the contract channel and passes the envelope through', async () => {
    fake.ipcRenderer.answer.mockResolvedValueOnce({ ok: true, value: { echo: 'hi', receivedAt: '2026-01-01T00:00:00.000Z' } });
    await expect(api.app.ping({ message: 'hi' })).resolves.toEqual({ ok: true, value: { echo: 'hi', receivedAt: '2026-01-01T00:00:00.000Z' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith('app.ping', { message: 'hi' });
  });

  it('resolves an error envelope as plain data, so code and fix survive contextBridge (which keeps only an Error\'s message)', async () => {
    const error = { code: 'invalid-arguments', message: 'Invalid arguments for app.ping.', issues: [{ path: 'message', message: 'Expected string' }] };
    fake.ipcRenderer.answer.mockResolvedValueOnce({ ok: false, error });
    const envelope = await api.app.ping({ message: 'x' });
    expect(Object.getPrototypeOf(envelope)).toBe(Object.prototype);
    expect(envelope).toEqual({ ok: false, error });
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
