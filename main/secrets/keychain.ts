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
  /** Says whether the keychain answers at all, and if not, why in plain words and what to do. */
  probe(): Promise<KeychainProbe>;
}

export type KeychainProbe =
  /** `persistent: false`: secrets live in this process's memory only and are gone when the app closes. */
  | { available: true; backend: string; persistent: boolean }
  | { available: false; reason: string; fix: string };

export function keychainServiceName(dataDir: string): string {
  const profile = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return `CourseCo Xero Assistant (${profile})`;
}

export function backendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (e.g. GNOME Keyring, KWallet)';
}

/** The password store this computer should have, named the way a person finds it in their system's settings. */
function storeName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'on Linux, a keyring such as GNOME Keyring or KWallet';
}

/**
 * The one explanation of a missing or locked keychain, wherever it surfaces (setup, sign-in, diagnostics, the CLI).
 * The library's own text (a DBus socket path, "Platform failure") means nothing to a bookkeeper, so it is kept only
 * as the cause, for the log; the screen says what is missing and offers the two ways on. Nothing is ever written
 * elsewhere instead (SECURITY.md: secrets live in a keychain or nowhere).
 */
export function keychainUnavailable(cause?: unknown, platform: NodeJS.Platform = process.platform): DomainError {
  return new DomainError('KeychainUnavailable', {
    message: `This computer has no password store the assistant can use (${storeName(platform)}), so it cannot keep your Xero app's secret and sign-in safely. Nothing was saved.`,
    fix:
      platform === 'linux'
        ? 'Try with sample data instead (it needs no password store), or install and unlock GNOME Keyring or KWallet and try again. A server, WSL or a container often has none.'
        : `Try with sample data instead (it needs no password store), or unlock ${storeName(platform)} and try again.`,
    ...(cause === undefined ? {} : { cause }),
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
        throw keychainUnavailable(error);
      }
    },
    async set(name, value) {
      try {
        await entry(name).setPassword(value);
      } catch (error) {
        throw keychainUnavailable(error);
      }
    },
    async delete(name) {
      try {
        return await entry(name).deletePassword();
      } catch (error) {
        throw keychainUnavailable(error);
      }
    },
    async probe() {
      try {
        await new AsyncEntry(service, 'probe', ENTRY_OPTIONS).getPassword();
        return { available: true, backend: backendName(), persistent: true };
      } catch (error) {
        const problem = keychainUnavailable(error);
        return { available: false, reason: problem.message, fix: problem.fix ?? '' };
      }
    },
  };
}
