/**
 * The profile switch: "Try with sample data" starts the sandbox in-process and moves every channel to a separate
 * profile (own settings, journal and keychain namespace) pointed at it only through settings; the user's own profile
 * is untouched, events follow the active profile, and a restart resumes where the person was.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/app/app-services';
import { createProfileHost, SAMPLE_COURSECO_DOMAIN, type ProfileHost } from '../../../main/app/profiles';
import type { EventName } from '../../../contract/contract';
import { sampleProfileDir } from '../../../main/paths';
import { createKeychain, type Keychain } from '../../../main/secrets/keychain';
import { openNodeSettingsStore, type SettingsStore } from '../../../main/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';
import { freePorts } from '../xero/support/sandbox-harness';

const temp = makeTempDir('ccxa-profiles-');
const hosts: ProfileHost[] = [];

async function build(): Promise<ProfileHost> {
  const ports = await freePorts(1);
  const servicesFor = (dir: string, settings: SettingsStore, keychain: Keychain = createKeychain(dir)) => createAppServices({ host: 'web', dataDir: dir, settings, keychain });
  const host = createProfileHost({
    own: servicesFor(temp.dir, openNodeSettingsStore(temp.dir)),
    dataDir: temp.dir,
    servicesFor,
    sample: { oauthPorts: String(ports[0]), redirectUris: [`http://localhost:${ports[0]}/callback`] },
  });
  hosts.push(host);
  return host;
}

afterAll(async () => {
  for (const host of hosts) await host.dispose();
  for (const dir of [temp.dir, sampleProfileDir(temp.dir)]) {
    await createKeychain(dir).delete('client-secret');
    await createKeychain(dir).delete('token-set');
  }
  temp.cleanup();
});

describe('profile host', () => {
  it('switches every channel to a separate sample profile on the in-process sandbox, and back', async () => {
    const host = await build();
    const events: EventName[] = [];
    host.bus.attach((event) => events.push(event));
    expect(await host.handlers['profile.current']({})).toEqual({ profile: 'own', canSwitch: true });
    expect((await host.handlers['credentials.status']({})).clientIdStored).toBe(false);

    expect(await host.handlers['profile.useSample']({})).toEqual({ profile: 'sample', canSwitch: true });
    expect(events).toContain('profile.changed');
    const settings = await host.handlers['settings.get']({});
    expect(settings['xero.issuer']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(settings['xero.apiOrigin']).toBe(settings['xero.issuer']);
    expect(settings['courseco.domain']).toBe(SAMPLE_COURSECO_DOMAIN);
    const credentials = await host.handlers['credentials.status']({});
    expect(credentials).toMatchObject({ clientIdStored: true, secretStored: true, appType: 'web' });
    expect((await host.handlers['app.info']({})).dataDir).toBe(sampleProfileDir(temp.dir));
    const state = await host.handlers['wizard.state']({});
    expect(state.profile).toBe('sample');
    expect(state.currentStep).toBe('connect');
    expect((await host.handlers['transactions.counts']({})).total).toBeGreaterThan(30);

    // The own profile never saw any of it.
    const own = openNodeSettingsStore(temp.dir).all();
    expect(own['xero.issuer']).toBe('https://identity.xero.com');
    expect(own['xero.clientId']).toBeUndefined();

    expect(await host.handlers['profile.useOwn']({})).toEqual({ profile: 'own', canSwitch: true });
    expect((await host.handlers['credentials.status']({})).clientIdStored).toBe(false);
    expect((await host.handlers['wizard.state']({})).profile).toBe('own');
    await host.handlers['profile.useSample']({});
  });

  it('the own profile\'s schedule reaches the desktop shell while the sample data is open; the sample\'s never does', async () => {
    const dir = makeTempDir('ccxa-profiles-own-');
    const ports = await freePorts(1);
    const servicesFor = (d: string, settings: SettingsStore, keychain: Keychain = createKeychain(d)) => createAppServices({ host: 'web', dataDir: d, settings, keychain });
    const own = servicesFor(dir.dir, openNodeSettingsStore(dir.dir));
    const host = createProfileHost({ own, dataDir: dir.dir, servicesFor, sample: { oauthPorts: String(ports[0]), redirectUris: [`http://localhost:${ports[0]}/callback`] } });
    hosts.push(host);
    await host.handlers['schedule.set']({ enabled: true, keepInTray: true, startAtLogin: true });
    await host.handlers['profile.useSample']({});
    const seen: Array<{ event: EventName; keepInTray: boolean }> = [];
    host.bus.attach((event, payload) => {
      if (event === 'schedule.changed' || event === 'schedule.ownChanged') seen.push({ event, keepInTray: (payload as { keepInTray: boolean }).keepInTray });
    });

    expect(await host.handlers['schedule.get']({})).toMatchObject({ keepInTray: false, startAtLogin: false });
    expect(await host.handlers['schedule.getOwn']({})).toMatchObject({ enabled: true, keepInTray: true, startAtLogin: true });
    await host.handlers['schedule.set']({ enabled: true });
    // The own profile's scheduler keeps working (and telling) behind the sample data.
    await own.handlers['schedule.set']({ time: '03:00' });
    expect(seen).toEqual([
      { event: 'schedule.changed', keepInTray: false },
      { event: 'schedule.ownChanged', keepInTray: true },
    ]);
    await host.dispose();
    await createKeychain(sampleProfileDir(dir.dir)).delete('client-secret');
    await createKeychain(sampleProfileDir(dir.dir)).delete('token-set');
    dir.cleanup();
  });

  it('resumes in the sample profile after a restart, with its credentials and sandbox state kept', async () => {
    await hosts[0]!.dispose();
    expect(existsSync(sampleProfileDir(temp.dir))).toBe(true);
    const again = await build();
    expect(await again.handlers['profile.current']({})).toEqual({ profile: 'sample', canSwitch: true });
    const state = await again.handlers['wizard.state']({});
    expect(state.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['app', 'credentials']);
  });

  it('a single-profile host (CLI) says plainly that it cannot switch', async () => {
    const services = createAppServices({ host: 'cli', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain: createKeychain(temp.dir) });
    try {
      expect(await services.handlers['profile.current']({})).toEqual({ profile: 'own', canSwitch: false });
      await expect(Promise.resolve().then(() => services.handlers['profile.useSample']({}))).rejects.toMatchObject({ kind: 'ProfileSwitchUnavailable' });
    } finally {
      await services.dispose();
    }
  });
});
