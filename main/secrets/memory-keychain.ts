/**
 * A keychain that keeps its secrets in this process's memory only, never on disk: for throwaway credentials (the
 * sample profile's, which are the built-in practice Xero's own: main/app/sandbox-profile.ts `sampleKeychain`) and for
 * code that signs in nowhere (benchmarks, specs). Never for a person's real Xero secrets.
 */
import type { Keychain, SecretName } from './keychain';

export function memoryKeychain(service: string, backend = "this app's memory (until it closes)"): Keychain {
  const secrets = new Map<SecretName, string>();
  return {
    service,
    get: async (name) => secrets.get(name) ?? null,
    set: async (name, value) => void secrets.set(name, value),
    delete: async (name) => secrets.delete(name),
    probe: async () => ({ available: true, backend, persistent: false }),
  };
}
