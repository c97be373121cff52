/**
 * App services over a throwaway data dir and the OS keychain, reached through the real dispatcher as the window
 * reaches them (a trusted sender), fresh for each test: the channel specs' common ground.
 */
import { afterEach, beforeEach } from 'vitest';
import { createAppServices, type AppServices } from '../../main/app/app-services';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher';
import { createKeychain, type Keychain } from '../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../main/settings/settings-store';
import { makeTempDir } from './temp-dir';

export interface DispatchedServices {
  readonly services: AppServices;
  readonly keychain: Keychain;
  readonly call: Dispatch;
}

export function dispatchedServicesPerTest(): DispatchedServices {
  let temp: ReturnType<typeof makeTempDir>;
  let current: DispatchedServices;
  beforeEach(() => {
    temp = makeTempDir();
    const keychain = createKeychain(temp.dir);
    const services = createAppServices({ host: 'web', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain });
    current = { services, keychain, call: createDispatcher({ handlers: services.handlers, isTrustedSender: () => true }) };
  });
  afterEach(async () => {
    // The keychain is the machine's: what a test stored there must not outlive it.
    await current.keychain.delete('client-secret');
    await current.keychain.delete('token-set');
    await current.services.dispose();
    temp.cleanup();
  });
  return {
    get services() {
      return current.services;
    },
    get keychain() {
      return current.keychain;
    },
    get call() {
      return current.call;
    },
  };
}
