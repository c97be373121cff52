import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeychain, keychainServiceName } from '../../../main/secrets/keychain';
import { makeTempDir } from '../../support/temp-dir';

// The real OS keychain: `npm test` runs this under a private dbus session with gnome-keyring unlocked.
describe('keychain (real Secret Service)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('namespaces each data dir under its own service name', () => {
    expect(keychainServiceName('/a')).not.toBe(keychainServiceName('/b'));
    expect(keychainServiceName('/a')).toMatch(/^CourseCo Xero Assistant \([0-9a-f]{12}\)$/);
  });

  it('stores, reads and deletes a secret; other profiles cannot see it', async () => {
    const keychain = createKeychain(temp.dir);
    const other = createKeychain(`${temp.dir}-other`);
    expect(await keychain.probe()).toMatchObject({ available: true });
    await keychain.set('client-secret', 's3cr3t-value');
    expect(await keychain.get('client-secret')).toBe('s3cr3t-value');
    expect(await other.get('client-secret')).toBeNull();
    expect(await keychain.delete('client-secret')).toBe(true);
    expect(await keychain.get('client-secret')).toBeNull();
  });
});
