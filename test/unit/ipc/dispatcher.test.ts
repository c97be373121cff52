import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { createDispatcher, ForwardedFailure, type Dispatch, type Handlers } from '../../../main/ipc/dispatcher';
import { DomainError } from '../../../main/errors';
import { trustOnlyOrigin } from '../../../main/ipc/trusted-sender';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { memoryKeychain } from '../../../main/secrets/memory-keychain';
import { makeTempDir } from '../../support/temp-dir';

const TRUSTED = 'app://assistant/index.html';
const fakeKeychain = memoryKeychain('test');

describe('IPC dispatcher', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let services: AppServices;
  let dispatch: Dispatch;
  let onInternalError: ReturnType<typeof vi.fn<(channel: string, error: unknown) => void>>;

  beforeEach(() => {
    temp = makeTempDir();
    services = createAppServices({ host: 'web', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain: fakeKeychain });
    onInternalError = vi.fn<(channel: string, error: unknown) => void>();
    dispatch = createDispatcher({
      handlers: services.handlers,
      isTrustedSender: trustOnlyOrigin('app://assistant'),
      onInternalError,
    });
  });
  afterEach(() => temp.cleanup());

  it('round-trips a valid call through the handler', async () => {
    const envelope = await dispatch('app.ping', { message: 'hello' }, TRUSTED);
    expect(envelope.ok).toBe(true);
    expect(envelope.ok && envelope.value).toMatchObject({ echo: 'hello' });
  });

  it('refuses unknown channels without reaching any handler', async () => {
    const envelope = await dispatch('app.__proto__', {}, TRUSTED);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses calls from untrusted frames before parsing arguments', async () => {
    const spy = vi.spyOn(services.handlers, 'app.ping');
    for (const url of ['https://evil.example/', 'app://evil/index.html', 'file:///index.html', undefined, 'not a url']) {
      expect(await dispatch('app.ping', { message: 'hi' }, url)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects malformed arguments with the offending path, never calling the handler', async () => {
    const handlers = { ...services.handlers, 'app.ping': vi.fn() } as unknown as Handlers;
    const guarded = createDispatcher({ handlers, isTrustedSender: () => true });
    const envelope = await guarded('app.ping', { message: 42 }, TRUSTED);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(!envelope.ok && envelope.error.issues?.[0]?.path).toBe('message');
    expect(handlers['app.ping']).not.toHaveBeenCalled();
    expect(await guarded('app.ping', { message: 'x', extra: true }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await guarded('settings.set', { key: 'not.a.key', value: 'x' }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('turns a DomainError into a typed envelope carrying its fix', async () => {
    const handlers = {
      ...services.handlers,
      'app.ping': () => {
        throw new DomainError('InvalidClientCredentials', { message: 'Client ID or Secret is incorrect.', fix: 'Copy them again.' });
      },
    } as Handlers;
    const envelope = await createDispatcher({ handlers, isTrustedSender: () => true })('app.ping', { message: 'x' }, TRUSTED);
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'domain', kind: 'InvalidClientCredentials', message: 'Client ID or Secret is incorrect.', fix: 'Copy them again.' },
    });
  });

  it('hides unexpected failures behind a generic message and reports them', async () => {
    const secretLooking = new Error('boom with token abc123');
    const handlers = { ...services.handlers, 'app.ping': () => Promise.reject(secretLooking) } as Handlers;
    const report = vi.fn();
    const envelope = await createDispatcher({ handlers, isTrustedSender: () => true, onInternalError: report })('app.ping', { message: 'x' }, TRUSTED);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('abc123');
    expect(report).toHaveBeenCalledWith('app.ping', secretLooking);
  });

  it('passes on, unchanged and unreported, a failure the services process already shaped', async () => {
    const info = { code: 'domain' as const, kind: 'RateLimited', message: 'Xero asked us to slow down.', fix: 'Wait a minute.' };
    const report = vi.fn();
    const handlers = { ...services.handlers, 'app.ping': () => Promise.reject(new ForwardedFailure(info)) } as Handlers;
    const envelope = await createDispatcher({ handlers, isTrustedSender: () => true, onInternalError: report })('app.ping', { message: 'x' }, TRUSTED);
    expect(envelope).toEqual({ ok: false, error: info });
    expect(report).not.toHaveBeenCalled();
  });

  it('strips fields a handler returns beyond the result schema', async () => {
    const handlers = {
      ...services.handlers,
      'app.ping': () => ({ echo: 'x', receivedAt: 'now', accessToken: 'leak' }),
    } as unknown as Handlers;
    const envelope = await createDispatcher({ handlers, isTrustedSender: () => true })('app.ping', { message: 'x' }, TRUSTED);
    expect(envelope).toEqual({ ok: true, value: { echo: 'x', receivedAt: 'now' } });
  });

  it('reports an invalid handler result as internal, not as success', async () => {
    const handlers = { ...services.handlers, 'app.ping': () => ({ echo: 1 }) } as unknown as Handlers;
    const envelope = await createDispatcher({ handlers, isTrustedSender: () => true, onInternalError })('app.ping', { message: 'x' }, TRUSTED);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(onInternalError).toHaveBeenCalled();
  });

  describe('hostile values in process (what JSON cannot carry: functions, getters, Proxies)', () => {
    const boom = () => {
      throw new Error('touched');
    };
    const trapEverything = () => new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };

    it.each([
      ['an object whose toString is not a function', () => ({ toString: 'x' })],
      ['an object whose toString and valueOf throw', () => ({ toString: boom, valueOf: boom })],
      ['an object with a throwing toString getter', () => Object.defineProperty({}, 'toString', { get: boom })],
      ['an object with a Symbol.toPrimitive that throws', () => ({ [Symbol.toPrimitive]: boom })],
      ['a Proxy that throws on every trap', trapEverything],
      ['a revoked Proxy', revoked],
      ['a symbol', () => Symbol('app.ping')],
      ['a bigint', () => 10n],
      ['a function', () => () => 'app.ping'],
    ])('refuses a channel that is %s with unknown-channel, never touching it', async (_label, make) => {
      const handlers = { ...services.handlers, 'app.ping': vi.fn() } as unknown as Handlers;
      const envelope = await createDispatcher({ handlers, isTrustedSender: () => true })(make(), {}, TRUSTED);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel', message: expect.stringMatching(/must be a string/) } });
      expect(handlers['app.ping']).not.toHaveBeenCalled();
    });

    it.each([
      ['a Proxy that throws on every trap', trapEverything],
      ['a revoked Proxy', revoked],
      ['an object with a throwing getter for a known key', () => Object.defineProperty({}, 'message', { get: boom, enumerable: true })],
    ])('answers arguments that are %s with invalid-arguments, without running the handler', async (_label, make) => {
      const handlers = { ...services.handlers, 'app.ping': vi.fn() } as unknown as Handlers;
      const envelope = await createDispatcher({ handlers, isTrustedSender: () => true })('app.ping', make(), TRUSTED);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      expect(handlers['app.ping']).not.toHaveBeenCalled();
    });

    it('still answers with an envelope when the sender check or the error reporter itself throws', async () => {
      const throwingCheck = createDispatcher({ handlers: services.handlers, isTrustedSender: boom });
      expect(await throwingCheck('app.ping', { message: 'x' }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'internal' } });
      const handlers = { ...services.handlers, 'app.ping': () => Promise.reject(new Error('handler failed')) } as Handlers;
      const throwingReporter = createDispatcher({ handlers, isTrustedSender: () => true, onInternalError: boom });
      expect(await throwingReporter('app.ping', { message: 'x' }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'internal' } });
    });
  });

  it('emits connection.changed when settings change', async () => {
    const seen: unknown[] = [];
    services.bus.attach((event, payload) => seen.push({ event, payload }));
    await dispatch('settings.set', { key: 'xero.tenantId', value: '0123456789ABCDEF0123456789ABCDEF' }, TRUSTED);
    expect(seen).toEqual([{ event: 'connection.changed', payload: expect.objectContaining({ state: 'not-configured', tenantId: '0123456789ABCDEF0123456789ABCDEF' }) }]);
  });
});
