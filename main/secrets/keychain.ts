/**
 * The only place secrets are stored: the OS keychain through @napi-rs/keyring (the maintained, keytar-compatible
 * successor of the archived keytar). The service name carries a hash of the data directory, so every profile — and
 * every test's temporary data dir — has its own namespace and never touches a user's real entries.
 */
import { createHash } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { DomainError } from '../errors';

export type SecretName = 'client-secret' | 'token-set';

export interface Keychain {
  readonly service: string;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<boolean>;
  /** Says whether the keychain answers at all, and if not, why in plain words. */
  probe(): Promise<{ available: true; backend: string } | { available: false; reason: string }>;
}

export function keychainServiceName(dataDir: string): string {
  const profile = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return `CourseCo Xero Assistant (${profile})`;
}

export function backendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (e.g. GNOME Keyring, KWallet)';
}

function unavailable(cause: unknown): DomainError {
  return new DomainError('KeychainUnavailable', {
    message: 'The system keychain is not available, so secrets cannot be stored safely.',
    fix:
      process.platform === 'linux'
        ? 'Start or unlock your keyring (GNOME Keyring or KWallet) and try again; nothing was written to disk instead.'
        : 'Unlock the system keychain and try again; nothing was written to disk instead.',
    evidence: cause instanceof Error ? cause.message.slice(0, 200) : undefined,
    cause,
  });
}

/**
 * On Linux the library would otherwise fall back, per process and silently, to the in-kernel keyutils store when the
 * Secret Service is slow to answer: secrets there are invisible to every other process and gone at logout, so a
 * rotated refresh token could be lost. Pinned, an unavailable Secret Service is an error we can say out loud.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

export function createKeychain(dataDir: string): Keychain {
  const service = keychainServiceName(dataDir);
  const entry = (name: SecretName) => new AsyncEntry(service, name, ENTRY_OPTIONS);
  return {
    service,
    async get(name) {
      try {
        return await entry(name).getPassword();
      } catch (error) {
        throw unavailable(error);
      }
    },
    async set(name, value) {
      try {
        await entry(name).setPassword(value);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async delete(name) {
      try {
        return await entry(name).deletePassword();
      } catch (error) {
        throw unavailable(error);
      }
    },
    async probe() {
      try {
        await new AsyncEntry(service, 'probe', ENTRY_OPTIONS).getPassword();
        return { available: true, backend: backendName() };
      } catch (error) {
        return { available: false, reason: unavailable(error).message };
      }
    },
  };
}
