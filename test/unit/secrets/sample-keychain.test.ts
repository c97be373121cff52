/**
 * The sample profile never touches the OS keychain, and a computer without one still gets sample data. The keyring
 * library is replaced by one that answers every call as a machine without a Secret Service does (the real library's
 * text on such a machine, DBus and all) and records which keychain service was asked. Through the real composition
 * root the desktop app and the web host use (`openProfileHost`): "Try with sample data" works and is ready to sign in,
 * no call ever names the sample profile's namespace, and the user's own profile gets the plain explanation.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

const asked = vi.hoisted(() => [] as string[]);
vi.mock('@napi-rs/keyring', () => {
  const refuse = async (): Promise<never> => {
    throw new Error('Platform failure: DBus error: Failed to connect to socket /nonexistent/bus: No such file or directory');
  };
  class AsyncEntry {
    constructor(service: string) {
      asked.push(service);
    }
    getPassword = refuse;
    setPassword = refuse;
    deletePassword = refuse;
  }
  return { AsyncEntry };
});

import { openProfileHost } from '../../../main/app/open-profile';
import type { ProfileHost } from '../../../main/app/profiles';
import { sampleKeychain } from '../../../main/app/sandbox-profile';
import { sampleProfileDir } from '../../../main/paths';
import { keychainServiceName } from '../../../main/secrets/keychain';
import { makeTempDir } from '../../support/temp-dir';
import { freePorts } from '../xero/support/sandbox-harness';

const temp = makeTempDir('ccxa-sample-keychain-');
let host: ProfileHost | undefined;

afterAll(async () => {
  await host?.dispose();
  temp.cleanup();
});

describe('the sample profile keeps its secrets in memory (no OS keychain on this computer)', () => {
  it("the own profile says plainly there is no password store; sample data works without ever asking the OS keychain", async () => {
    const ports = await freePorts(1);
    host = openProfileHost({ host: 'web', dataDir: temp.dir, sample: { oauthPorts: String(ports[0]), redirectUris: [`http://localhost:${ports[0]}/callback`] } });

    // The own profile: the OS keychain is asked, refuses, and the person reads one plain explanation with a choice.
    const own = await host.handlers['credentials.status']({});
    expect(own.keychain).toMatchObject({ available: false, detail: expect.stringContaining('no password store the assistant can use') });
    expect(own.keychain.fix).toContain('Try with sample data instead');
    const refused = await Promise.resolve(host.handlers['credentials.set']({ clientId: '0123456789ABCDEF0123456789ABCDEF', clientSecret: 'a'.repeat(48) })).then(
      () => undefined,
      (error: unknown) => error as Error & { kind?: string; fix?: string; evidence?: string },
    );
    expect(refused).toMatchObject({ kind: 'KeychainUnavailable', message: expect.stringContaining('Nothing was saved') });
    expect(`${refused?.message} ${refused?.fix} ${refused?.evidence ?? ''}`).not.toMatch(/DBus|socket|Platform failure/);
    expect((await host.handlers['wizard.state']({})).facts.keychain).toMatchObject({ available: false });
    expect(asked).toContain(keychainServiceName(temp.dir));

    // Sample data: switches, stores the practice Xero's credentials (in memory) and is ready to connect.
    expect(await host.handlers['profile.useSample']({})).toEqual({ profile: 'sample', canSwitch: true });
    const sample = await host.handlers['credentials.status']({});
    expect(sample).toMatchObject({ clientIdStored: true, secretStored: true, keychain: { available: true, persistent: false } });
    const state = await host.handlers['wizard.state']({});
    expect(state.currentStep).toBe('connect');
    expect(state.steps.find((s) => s.id === 'credentials')?.evidence).toContain("the secret is in this app's memory");
    expect(asked).not.toContain(keychainServiceName(sampleProfileDir(temp.dir)));
  });

  it('the CLI demo uses the same rule: a memory keychain under the profile namespace, never the OS one', async () => {
    const before = asked.length;
    const keychain = sampleKeychain(temp.dir);
    await keychain.set('client-secret', 'practice-secret');
    expect(await keychain.get('client-secret')).toBe('practice-secret');
    expect(await keychain.probe()).toMatchObject({ available: true, persistent: false });
    expect(asked.length).toBe(before);
  });
});
