/**
 * The profile switch: the user's own profile, and a separate sample-data profile (`sampleProfileDir(dataDir)`: its
 * own settings and journal, and its secrets in memory: `sampleKeychain`) pointed at the built-in sandbox started in-process. The host holds
 * one AppServices per profile and a `Handlers` object that delegates every channel to the active one, so the wizard
 * and every other feature run unchanged in both: product logic never asks which profile it is in. The sandbox is
 * just another `xero.issuer` / `xero.apiOrigin`, with its Web app's credentials stored like any user's.
 *
 * The active profile is remembered (`active-profile.json` in the own data dir), so a restart resumes where it was.
 * The CLI stays single-profile and never builds this.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelNames, type ChannelName, type EventName, type ResultOf } from '../../contract/contract';
import type { ProfileInfo, ProfileKind } from '../../contract/features/wizard';
import type { Handlers } from '../ipc/dispatcher';
import { createEventBus } from '../ipc/event-bus';
import { DomainError } from '../errors';
import { describeError } from '../log';
import { sampleProfileDir } from '../paths';
import type { Keychain } from '../secrets/keychain';
import { openNodeSettingsStore, type SettingsStore } from '../settings/settings-store';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import type { AppServices } from './app-services';
import { ACTIVE_PROFILE_FILE, clearProfileFolder, ownProfileKeeps, SANDBOX_PORT_FILE, SANDBOX_STATE_FILE } from './profile-files';
import { pointProfileAt, sampleKeychain, sandboxWebApp } from './sandbox-profile';

export { ACTIVE_PROFILE_FILE } from './profile-files';
/** The sample profile's CourseCo domain (the sandbox's Irish training centre). */
export const SAMPLE_COURSECO_DOMAIN = 'liffeytraining.courseco.co';

export interface ProfileHostDeps {
  /** The user's own profile, built by the host as before. */
  own: AppServices;
  /** The own profile's data dir; the sample profile lives in `sampleProfileDir(dataDir)`. */
  dataDir: string;
  /** Builds the same host's services over another profile's data dir, settings and keychain. */
  servicesFor(dataDir: string, settings: SettingsStore, keychain: Keychain): AppServices;
  /** The sample profile's settings store; conf in every host by default. */
  openSettings?(dataDir: string): SettingsStore;
  /** Test knobs: loopback ports for the sample profile's sign-in, and redirect URIs the sandbox should accept. */
  sample?: { oauthPorts?: string; redirectUris?: string[] };
}

export interface ProfileHost extends AppServices {
  profile(): ProfileKind;
}

interface SampleProfile {
  services: AppServices;
  sandbox: RunningSandbox;
}

type AnyHandler = (args: unknown) => unknown;

/**
 * The sample sandbox listens where it listened last time when it can: tokens and the secret are bound to the origin
 * they were issued for, so a new port would mean signing in to the practice Xero again after every restart.
 */
async function startSampleSandbox(dir: string, redirectUris: string[] | undefined): Promise<RunningSandbox> {
  const portFile = path.join(dir, SANDBOX_PORT_FILE);
  let previous = 0;
  try {
    const parsed = JSON.parse(readFileSync(portFile, 'utf8')) as { port?: unknown };
    if (typeof parsed.port === 'number' && Number.isInteger(parsed.port) && parsed.port > 1023 && parsed.port < 65536) previous = parsed.port;
  } catch {
    // first start, or an unreadable note: any free port
  }
  const options = { stateFile: path.join(dir, SANDBOX_STATE_FILE), ...(redirectUris ? { redirectUris } : {}) };
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ ...options, port: previous });
  } catch (error) {
    if (previous === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    sandbox = await startSandbox({ ...options, port: 0 });
  }
  writeFileSync(portFile, `${JSON.stringify({ port: Number(new URL(sandbox.baseUrl).port) })}\n`);
  return sandbox;
}

function readActive(dataDir: string): ProfileKind {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, ACTIVE_PROFILE_FILE), 'utf8')) as { active?: unknown };
    return parsed.active === 'sample' ? 'sample' : 'own';
  } catch {
    return 'own';
  }
}

function writeActive(dataDir: string, active: ProfileKind): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, ACTIVE_PROFILE_FILE), `${JSON.stringify({ active })}\n`);
}

export function createProfileHost(deps: ProfileHostDeps): ProfileHost {
  // Replaced by a fresh one when the own profile is reset.
  let { own } = deps;
  const bus = createEventBus();
  // The active profile's bus checked each event already. `schedule.ownChanged` comes from the own profile alone, open
  // or not: the desktop app's tray, start at login and notices about the user's scheduled syncs follow it.
  const forward = (event: EventName, payload: unknown) => {
    if (event !== 'schedule.ownChanged') bus.relay(event, payload);
  };
  const forwardOwn = (event: EventName, payload: unknown) => {
    if (event === 'schedule.ownChanged') bus.relay(event, payload);
  };
  let active: { kind: ProfileKind; services: AppServices } = { kind: 'own', services: own };
  let detach = own.bus.attach(forward);
  let detachOwn = own.bus.attach(forwardOwn);
  let sample: Promise<SampleProfile> | undefined;
  let disposed = false;

  const info = (): ProfileInfo => ({ profile: active.kind, canSwitch: true });

  const startSample = async (): Promise<SampleProfile> => {
    const dir = sampleProfileDir(deps.dataDir);
    mkdirSync(dir, { recursive: true });
    const sandbox = await startSampleSandbox(dir, deps.sample?.redirectUris);
    try {
      const settings = (deps.openSettings ?? openNodeSettingsStore)(dir);
      pointProfileAt(settings, sandbox, deps.sample?.oauthPorts);
      if (!settings.get('courseco.domain')) settings.set('courseco.domain', SAMPLE_COURSECO_DOMAIN);
      const services = deps.servicesFor(dir, settings, sampleKeychain(dir));
      const web = sandboxWebApp(sandbox);
      // A secret saved for the sandbox's earlier address is not handed out here (it is bound to that origin).
      const stored = await services.connection.credentials.load().catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'SecretForAnotherServer') return null;
        throw error;
      });
      if (stored?.clientId !== web.clientId || stored.clientSecret !== web.clientSecret) await services.connection.setCredentials(web);
      // The sample CourseCo exports, once, through the transactions feature's own channel when the host has it.
      const loadSample = (services.handlers as unknown as Record<string, AnyHandler | undefined>)['transactions.sampleData'];
      if (loadSample && services.journal().counts().total === 0) {
        try {
          await loadSample({});
        } catch (error) {
          services.log.warn('profiles: could not load the sample transactions', { error: describeError(error) });
        }
      }
      return { services, sandbox };
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  };

  const switchTo = async (kind: ProfileKind): Promise<ProfileInfo> => {
    if (active.kind !== kind) {
      let services = own;
      if (kind === 'sample') {
        sample ??= startSample();
        sample.catch(() => (sample = undefined));
        services = (await sample).services;
      }
      detach();
      active = { kind, services };
      detach = services.bus.attach(forward);
      writeActive(deps.dataDir, kind);
      bus.emit('profile.changed', info());
      bus.emit('connection.changed', await services.connectionStatus());
    }
    return info();
  };

  // Resume in the profile the user last chose; calls wait until it is ready.
  let ready: Promise<unknown> = Promise.resolve();
  if (readActive(deps.dataDir) === 'sample' && existsSync(sampleProfileDir(deps.dataDir))) {
    ready = switchTo('sample').catch((error: unknown) => {
      own.log.error('profiles: could not resume the sample-data profile; using your own', { error: describeError(error) });
      writeActive(deps.dataDir, 'own');
    });
  }

  const handlers = {} as Record<ChannelName, AnyHandler>;
  for (const channel of channelNames) {
    handlers[channel] = async (args) => {
      await ready;
      return (active.services.handlers[channel] as AnyHandler)(args);
    };
  }
  handlers['schedule.getOwn'] = async () => {
    await ready;
    return (own.handlers['schedule.getOwn'] as AnyHandler)({});
  };
  handlers['profile.current'] = async () => {
    await ready;
    return info();
  };
  handlers['profile.useSample'] = async () => {
    await ready;
    return switchTo('sample');
  };
  handlers['profile.useOwn'] = async () => {
    await ready;
    return switchTo('own');
  };
  handlers['profile.reset'] = async () => {
    await ready;
    const run = ready.then(() => resetActive());
    // Calls that arrive meanwhile wait for the fresh profile instead of reaching the one being deleted.
    ready = run.catch(() => undefined);
    return run;
  };

  /** A sync must not be writing into the files about to go: one started by hand, or by the schedule. */
  const refuseWhileSyncing = async (services: AppServices) => {
    const view = await (services.handlers['sync.state'] as AnyHandler)({});
    // A scheduled run just started may not have reached the sync's own state yet; the scheduler already knows it.
    const scheduled = await (services.handlers['schedule.get'] as AnyHandler)({});
    if ((view as { state?: string }).state !== 'idle' || (scheduled as { runningSince?: string }).runningSince !== undefined) {
      throw new DomainError('ResetWhileSyncing', {
        message: 'A sync is running, so the profile was not reset. Nothing was deleted.',
        fix: 'Wait for the sync to finish, or stop it on the Transactions page, then reset again.',
      });
    }
  };

  /** Deletes the secrets the password store keeps for a profile; false when the store could not be reached. */
  const clearSecrets = async (keychain: Keychain): Promise<boolean> => {
    try {
      await keychain.delete('token-set');
      await keychain.delete('client-secret');
      return true;
    } catch (error) {
      own.log.warn('profiles: reset could not reach the password store', { error: describeError(error) });
      return false;
    }
  };

  /**
   * Resets the profile in use and opens the own profile afresh. The sample profile's folder is the app's alone, and its
   * practice Xero is reset with it (its state file goes; the next "Try with sample data" starts a new one). The own
   * profile keeps the sample profile's folder and what the person exported (profile-files.ts).
   */
  const resetActive = async (): Promise<ResultOf<'profile.reset'>> => {
    // The schedule starts nothing from here on: a tick between the check below and the closing of these services would
    // start a sync in files about to be deleted. The closed services never tick again; fresh ones tick on their own.
    const release = await active.services.holdSchedule();
    try {
      await refuseWhileSyncing(active.services);
    } catch (error) {
      release();
      throw error;
    }
    if (active.kind === 'sample') {
      const running = await sample?.catch(() => undefined);
      await switchTo('own');
      sample = undefined;
      if (running) {
        await running.services.dispose();
        await running.sandbox.stop();
      }
      const outcome = clearProfileFolder(sampleProfileDir(deps.dataDir));
      own.log.info('profiles: the sample-data profile was reset', { removed: outcome.removed.length, left: outcome.left });
      return { profile: info(), removed: outcome.removed.length, left: outcome.left, secretsCleared: true };
    }
    const secretsCleared = await clearSecrets(own.keychain);
    detach();
    detachOwn();
    const { keychain } = own;
    await own.dispose();
    const outcome = clearProfileFolder(deps.dataDir, ownProfileKeeps(deps.dataDir));
    own = deps.servicesFor(deps.dataDir, (deps.openSettings ?? openNodeSettingsStore)(deps.dataDir), keychain);
    active = { kind: 'own', services: own };
    detach = own.bus.attach(forward);
    detachOwn = own.bus.attach(forwardOwn);
    // The fresh profile has no tray, start at login or schedule: the desktop app lets go of the old one's.
    bus.emit('schedule.ownChanged', (await own.handlers['schedule.getOwn']({})) as ResultOf<'schedule.getOwn'>);
    own.log.info('profiles: your own profile was reset', { removed: outcome.removed.length, left: outcome.left });
    bus.emit('profile.changed', info());
    bus.emit('connection.changed', await own.connectionStatus());
    return { profile: info(), removed: outcome.removed.length, left: outcome.left, secretsCleared };
  };

  return {
    handlers: handlers as unknown as Handlers,
    bus,
    profile: () => active.kind,
    get settings() {
      return active.services.settings;
    },
    get keychain() {
      return active.services.keychain;
    },
    get clock() {
      return active.services.clock;
    },
    get log() {
      return own.log;
    },
    get connection() {
      return active.services.connection;
    },
    journal: () => active.services.journal(),
    connectionStatus: () => active.services.connectionStatus(),
    holdSchedule: () => active.services.holdSchedule(),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await ready.catch(() => undefined);
      detach();
      detachOwn();
      await own.dispose();
      const running = await sample?.catch(() => undefined);
      if (running) {
        await running.services.dispose();
        await running.sandbox.stop();
      }
    },
  };
}
