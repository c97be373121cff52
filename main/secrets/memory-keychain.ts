/**
 * A keychain that keeps its secrets in this process's memory only, never on disk: for throwaway credentials (the
 * sandbox's, in the demo when the OS keychain cannot be used) and for code that signs in nowhere (benchmarks, specs).
 */
import type { Keychain, SecretName } from './keychain';

export function memoryKeychain(service: string, backend = 'memory (this run only)'): Keychain {
  const secrets = new Map<SecretName, string>();
  return {
    service,
    get: async (name) => secrets.get(name) ?? null,
    set: async (name, value) => void secrets.set(name, value),
    delete: async (name) => secrets.delete(name),
    probe: async () => ({ available: true, backend }),
  };
}
