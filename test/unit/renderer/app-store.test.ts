/** The frame's store and how it follows the host: pages, the errand's way back, the connection, app info. */
import { beforeEach, describe, expect, it } from 'vitest';
import { deferred, failure, installFakeHost, settle } from './fake-host';
import { assistant } from '../../../renderer/src/host/assistant';
import { useAppStore } from '../../../renderer/src/state/app-store';
import { followHost } from '../../../renderer/src/state/follow-host';
import type { AppInfo, ConnectionStatus } from '../../../contract/contract';

const host = installFakeHost();
const store = () => useAppStore.getState();
const INFO: AppInfo = { name: 'CourseCo Xero Assistant', version: '0.1.0', host: 'web', platform: 'linux', versions: { node: '20' }, dataDir: '/data' };

beforeEach(() => {
  host.clear();
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('the app store', () => {
  it('opens on Setup, checking the connection', () => {
    expect(store()).toMatchObject({ page: 'setup', connection: { phase: 'checking' }, returnTo: undefined });
  });

  it('keeps an errand’s way back only until the next navigation', () => {
    store().navigate('transactions', { returnTo: { page: 'setup', label: 'Back to the test' } });
    expect(store()).toMatchObject({ page: 'transactions', returnTo: { page: 'setup', label: 'Back to the test' } });
    store().navigate('diagnostics');
    expect(store()).toMatchObject({ page: 'diagnostics', returnTo: undefined });
  });

  it('records what the host says about the connection, or that it cannot be reached', () => {
    store().connectionKnown({ state: 'connected', organisationName: 'Demo' });
    expect(store().connection).toEqual({ phase: 'known', status: { state: 'connected', organisationName: 'Demo' } });
    store().hostUnavailable('The web host closed.', 'Start it again.');
    expect(store().connection).toEqual({ phase: 'unavailable', message: 'The web host closed.', fix: 'Start it again.' });
  });
});

describe('following the host', () => {
  it('asks for the status and app info once, then follows connection events', async () => {
    host.answer('connection.status', () => ({ state: 'disconnected' }));
    host.answer('app.info', () => INFO);
    const stop = followHost(assistant(), store());
    await settle();
    expect(store()).toMatchObject({ connection: { phase: 'known', status: { state: 'disconnected' } }, appInfo: INFO });
    host.emit('connection.changed', { state: 'connecting' });
    expect(store().connection).toMatchObject({ status: { state: 'connecting' } });
    stop();
    host.emit('connection.changed', { state: 'connected' });
    expect(store().connection).toMatchObject({ status: { state: 'connecting' } });
  });

  it('never lets the slower first answer overwrite a newer event', async () => {
    const status = deferred<ConnectionStatus>();
    host.answer('connection.status', () => status.promise);
    host.answer('app.info', () => INFO);
    const stop = followHost(assistant(), store());
    host.emit('connection.changed', { state: 'connected', organisationName: 'Demo' });
    status.resolve({ state: 'disconnected' });
    await settle();
    expect(store().connection).toMatchObject({ status: { state: 'connected' } });
    stop();
  });

  it('hears that the services were started again: shows the notice until dismissed and asks the status afresh', async () => {
    let answers = 0;
    host.answer('connection.status', () => (++answers === 1 ? { state: 'connected', organisationName: 'Demo' } : { state: 'disconnected' }));
    host.answer('app.info', () => INFO);
    const stop = followHost(assistant(), store());
    await settle();
    expect(store().servicesRestart).toBeUndefined();
    host.emit('app.servicesRestarted', { reason: 'it ended with code 1', restarts: 1 });
    await settle();
    expect(store().servicesRestart).toEqual({ restarts: 1 });
    expect(store().servicesRestarts).toBe(1);
    expect(store().connection).toMatchObject({ status: { state: 'disconnected' } });
    store().dismissServicesRestart();
    expect(store().servicesRestart).toBeUndefined();
    expect(store().servicesRestarts).toBe(1);
    stop();
    host.emit('app.servicesRestarted', { reason: 'again', restarts: 2 });
    expect(store().servicesRestart).toBeUndefined();
  });

  it('says the host is unavailable when the status cannot be asked, and ignores a failed app info', async () => {
    host.answer('connection.status', () => {
      throw failure('The assistant could not reach its web host.', 'Open the full address.');
    });
    host.answer('app.info', () => {
      throw failure('No info.');
    });
    const stop = followHost(assistant(), store());
    await settle();
    expect(store().connection).toEqual({ phase: 'unavailable', message: 'The assistant could not reach its web host.', fix: 'Open the full address.' });
    expect(store().appInfo).toBeUndefined();
    stop();
  });
});
