/**
 * Settings → Reset and "Forget on this computer only". A reset deletes the app's own files in the profile folder and
 * nothing else: never a file the person keeps there, never through a link, never the folder above; the sample
 * profile's reset starts its practice Xero afresh; forgetting deletes the sign-in here and leaves Xero's connection.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/app/app-services';
import { clearProfileFolder, isAppFile, ownProfileKeeps } from '../../../main/app/profile-files';
import { createProfileHost, type ProfileHost } from '../../../main/app/profiles';
import { followWithConsent, nextAuthorizeUrl } from '../../../main/app/sandbox-profile';
import { sampleProfileDir } from '../../../main/paths';
import { SCHEDULE_STATE_FILE } from '../../../main/schedule/scheduler';
import { keychainServiceName, type Keychain } from '../../../main/secrets/keychain';
import { memoryKeychain } from '../../../main/secrets/memory-keychain';
import { openNodeSettingsStore, type SettingsStore } from '../../../main/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';
import { freePorts, startHarness } from '../xero/support/sandbox-harness';

const temps: Array<ReturnType<typeof makeTempDir>> = [];
const hosts: ProfileHost[] = [];
const tempDir = () => {
  const temp = makeTempDir('ccxa-reset-');
  temps.push(temp);
  return temp.dir;
};

afterAll(async () => {
  for (const host of hosts) await host.dispose();
  for (const temp of temps) temp.cleanup();
});

async function build(dataDir: string, ownKeychain: Keychain = memoryKeychain(keychainServiceName(dataDir))): Promise<ProfileHost> {
  const ports = await freePorts(1);
  const servicesFor = (dir: string, settings: SettingsStore, keychain: Keychain) => createAppServices({ host: 'web', dataDir: dir, settings, keychain });
  const host = createProfileHost({
    own: servicesFor(dataDir, openNodeSettingsStore(dataDir), ownKeychain),
    dataDir,
    servicesFor,
    sample: { oauthPorts: String(ports[0]), redirectUris: [`http://localhost:${ports[0]}/callback`] },
  });
  hosts.push(host);
  return host;
}

async function connect(host: ProfileHost) {
  const url = nextAuthorizeUrl(host);
  const connecting = host.handlers['connection.connect']({});
  await followWithConsent(await url);
  return connecting;
}

describe('clearProfileFolder', () => {
  it('deletes only the app\'s own files, keeps what it is told to keep, and never follows a link', () => {
    const dir = tempDir();
    const outside = tempDir();
    for (const name of ['settings.json', 'journal.sqlite', 'journal.sqlite-wal', 'wizard-facts.json', 'wizard-facts.json.4242.tmp', 'settings.damaged-2026-12-03T10-00-00-000Z.json']) {
      writeFileSync(path.join(dir, name), 'x');
    }
    writeFileSync(path.join(dir, 'my-notes.txt'), 'the bookkeeper\'s own file');
    writeFileSync(path.join(dir, 'notes.json.4242.tmp'), 'not ours: the name before .tmp is not an app file');
    mkdirSync(path.join(dir, 'exports'));
    writeFileSync(path.join(dir, 'exports', 'close-pack.pdf'), 'saved');
    mkdirSync(path.join(dir, 'sample-profile'));
    writeFileSync(path.join(dir, 'sample-profile', 'settings.json'), 'the other profile');
    // A link with an app file's name pointing at a file elsewhere: the link goes, the file it points at stays.
    writeFileSync(path.join(outside, 'precious.json'), 'elsewhere');
    symlinkSync(path.join(outside, 'precious.json'), path.join(dir, 'last-sign-in.json'));

    const outcome = clearProfileFolder(dir, ownProfileKeeps(dir));

    expect(outcome.removed).toEqual(
      expect.arrayContaining(['settings.json', 'journal.sqlite', 'journal.sqlite-wal', 'wizard-facts.json', 'wizard-facts.json.4242.tmp', 'last-sign-in.json']),
    );
    expect(outcome.left.sort()).toEqual(['my-notes.txt', 'notes.json.4242.tmp']);
    expect(readdirSync(dir).sort()).toEqual(['exports', 'my-notes.txt', 'notes.json.4242.tmp', 'sample-profile']);
    expect(readFileSync(path.join(outside, 'precious.json'), 'utf8')).toBe('elsewhere');
    expect(existsSync(path.join(dir, 'exports', 'close-pack.pdf'))).toBe(true);
    expect(existsSync(path.join(dir, 'sample-profile', 'settings.json'))).toBe(true);
  });

  it('refuses a filesystem root or a relative path, and a missing folder has nothing to delete', () => {
    expect(() => clearProfileFolder(path.parse(process.cwd()).root)).toThrow(/not a profile folder/);
    expect(clearProfileFolder(path.join(tempDir(), 'never-made'))).toEqual({ removed: [], left: [] });
    expect(isAppFile('..')).toBe(false);
    expect(isAppFile('settings.json')).toBe(true);
  });
});

describe('profile.reset and connection.forget', () => {
  it('forgets the sign-in on this computer only: the Client ID stays, and the connection in Xero stays active', async () => {
    const harness = await startHarness();
    try {
      const services = harness.services();
      await services.connection.setCredentials(harness.web);
      const url = nextAuthorizeUrl(services);
      const connecting = services.handlers['connection.connect']({});
      await followWithConsent(await url);
      await connecting;
      const activeConnections = async () => {
        const res = await fetch(`${harness.sandbox.baseUrl}/sandbox/state`, { headers: { 'x-sandbox-admin': harness.sandbox.adminToken } });
        const state = (await res.json()) as { connections: Array<{ active: boolean }> };
        return state.connections.filter((c) => c.active).length;
      };
      expect(await activeConnections()).toBe(1);

      expect(await services.handlers['connection.forget']({})).toEqual({ forgotten: true });
      expect((await services.handlers['connection.status']({})).state).toBe('disconnected');
      expect((await services.handlers['credentials.status']({})).clientIdStored).toBe(true);
      expect(await harness.keychain.get('token-set')).toBeNull();
      expect(await activeConnections()).toBe(1);
      expect(await services.handlers['connection.forget']({})).toEqual({ forgotten: false });
    } finally {
      await harness.stop();
    }
  });

  it('resets the sample profile after a sync: its folder is emptied, its practice Xero starts afresh, the own profile opens', async () => {
    const dataDir = tempDir();
    const host = await build(dataDir);
    await host.handlers['profile.useSample']({});
    await connect(host);
    const options = await host.handlers['wizard.options']({});
    const rates = Object.fromEntries(options.rateChoices.map((c) => [c.rate, c.options[0]!.taxType]));
    await host.handlers['wizard.choose']({
      invoiceAccountCode: options.selected.invoiceAccountCode ?? options.invoiceAccounts[0]!.code,
      paymentAccountId: options.selected.paymentAccountId ?? options.paymentAccounts[0]!.accountId,
      ...(options.rateChoices.length ? { taxTypesByRate: rates } : {}),
    });
    const first = (await host.handlers['transactions.list']({ limit: 3 })).rows.map((r) => r.transactionId);
    await host.handlers['sync.run']({ transactionIds: first });
    expect((await host.handlers['sync.runs']({})).runs.length).toBeGreaterThan(0);
    // A schedule gives the profile its scheduler's memory file, which goes with the rest.
    await host.handlers['schedule.set']({ enabled: true, time: '02:00' });
    expect(existsSync(path.join(sampleProfileDir(dataDir), SCHEDULE_STATE_FILE))).toBe(true);
    writeFileSync(path.join(dataDir, 'my-notes.txt'), 'kept');

    const outcome = await host.handlers['profile.reset']({ confirm: true });

    expect(outcome.profile).toEqual({ profile: 'own', canSwitch: true });
    // Every file the sample profile wrote is one the reset knows: a new file a feature adds must be named in profile-files.ts.
    expect(outcome.left).toEqual([]);
    expect(readdirSync(sampleProfileDir(dataDir))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'my-notes.txt'))).toBe(true);

    await host.handlers['profile.useSample']({});
    expect((await host.handlers['connection.status']({})).state).not.toBe('connected');
    expect((await host.handlers['sync.runs']({})).runs).toEqual([]);
    expect((await host.handlers['transactions.counts']({})).total).toBeGreaterThan(30);
  });

  it('resets the own profile: settings, imported transactions and secrets go; the sample profile and other files stay', async () => {
    const dataDir = tempDir();
    const keychain = memoryKeychain(keychainServiceName(dataDir));
    const host = await build(dataDir, keychain);
    await host.handlers['settings.set']({ key: 'courseco.domain', value: 'example.courseco.co' });
    await host.handlers['credentials.set']({ clientId: 'A'.repeat(32), clientSecret: 'S'.repeat(48) });
    expect(await keychain.get('client-secret')).not.toBeNull();
    await host.handlers['transactions.counts']({});
    await host.handlers['schedule.set']({ enabled: true, keepInTray: true, startAtLogin: true });
    expect(existsSync(path.join(dataDir, SCHEDULE_STATE_FILE))).toBe(true);
    const shell: Array<{ keepInTray: boolean; startAtLogin: boolean }> = [];
    host.bus.attach((event, payload) => event === 'schedule.ownChanged' && shell.push(payload as { keepInTray: boolean; startAtLogin: boolean }));
    await host.handlers['profile.useSample']({});
    await host.handlers['profile.useOwn']({});
    writeFileSync(path.join(dataDir, 'my-notes.txt'), 'kept');

    const outcome = await host.handlers['profile.reset']({ confirm: true });

    expect(outcome).toMatchObject({ profile: { profile: 'own' }, secretsCleared: true, left: ['my-notes.txt'] });
    expect(outcome.removed).toBeGreaterThan(0);
    expect(await keychain.get('client-secret')).toBeNull();
    // The desktop app lets go of the tray and the login start the deleted settings asked for.
    expect(shell.at(-1)).toMatchObject({ keepInTray: false, startAtLogin: false });
    expect((await host.handlers['settings.get']({}))['courseco.domain']).toBeUndefined();
    expect((await host.handlers['credentials.status']({})).clientIdStored).toBe(false);
    expect((await host.handlers['wizard.state']({})).steps.every((s) => !s.done)).toBe(true);
    expect(existsSync(path.join(sampleProfileDir(dataDir), 'settings.json'))).toBe(true);
    // The sample profile is still there to go back to.
    expect(await host.handlers['profile.useSample']({})).toEqual({ profile: 'sample', canSwitch: true });
  });

  it('a scheduled time that comes while the own profile is being reset starts no sync in the files about to go', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-11-10T10:00:00Z');
    const ticks: Array<() => Promise<void>> = [];
    const keychain = memoryKeychain(keychainServiceName(dataDir));
    // The password store answers only when the spec says: the reset is held between its check and closing the profile.
    let reached!: () => void;
    const atPasswordStore = new Promise<void>((resolve) => (reached = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const held: Keychain = {
      ...keychain,
      delete: async (name) => {
        reached();
        await answered;
        return keychain.delete(name);
      },
    };
    const servicesFor = (dir: string, settings: SettingsStore, chain: Keychain) =>
      createAppServices({ host: 'web', dataDir: dir, settings, keychain: chain, clock: { now: () => now }, timeZone: 'UTC', scheduleTicker: (tick) => (ticks.push(tick), () => undefined) });
    const own = servicesFor(dataDir, openNodeSettingsStore(dataDir), held);
    const host = createProfileHost({ own, dataDir, servicesFor });
    hosts.push(host);
    const started: string[] = [];
    own.bus.attach((event, payload) => {
      if (event === 'schedule.changed' && (payload as { runningSince?: string }).runningSince) started.push((payload as { runningSince: string }).runningSince);
    });
    await host.handlers['schedule.set']({ enabled: true, time: '11:00' });

    const reset = host.handlers['profile.reset']({ confirm: true });
    await atPasswordStore;
    now = Date.parse('2026-11-10T11:00:05Z');
    await ticks[0]!();
    answer();
    await reset;

    expect(started).toEqual([]);
  });

  it('refuses at the door without the confirmation', async () => {
    const { channels } = await import('../../../contract/contract');
    expect(channels['profile.reset'].args.safeParse({}).success).toBe(false);
    expect(channels['profile.reset'].args.safeParse({ confirm: false }).success).toBe(false);
    expect(channels['app.openFolder'].args.safeParse({ folder: '/etc' }).success).toBe(false);
  });
});
