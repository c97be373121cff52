import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors';
import { settingsDefaults } from '../../../main/settings/settings-schema';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

describe('settings store (conf backend)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('starts from the defaults: real Xero URLs, granular scopes, the three loopback ports', () => {
    const settings = openNodeSettingsStore(temp.dir).all();
    expect(settings).toEqual(settingsDefaults);
    expect(settings['xero.issuer']).toBe('https://identity.xero.com');
    expect(settings['xero.apiOrigin']).toBe('https://api.xero.com');
  });

  it('persists changes in the data dir, trimmed, and survives reopening', () => {
    openNodeSettingsStore(temp.dir).set('xero.invoiceAccountCode', '  200 ');
    expect(openNodeSettingsStore(temp.dir).get('xero.invoiceAccountCode')).toBe('200');
    const file = JSON.parse(readFileSync(path.join(temp.dir, 'settings.json'), 'utf8'));
    expect(file.settings['xero.invoiceAccountCode']).toBe('200');
    expect(file.__internal__.migrations.version).toBe('1.0.0');
  });

  it('rejects an invalid value with a DomainError and writes nothing', () => {
    const store = openNodeSettingsStore(temp.dir);
    store.set('oauth.ports', '5000');
    expect(() => store.update({ 'oauth.ports': 'eighty', 'xero.tenantId': 'abc' })).toThrow(DomainError);
    expect(store.get('oauth.ports')).toBe('5000');
    expect(store.get('xero.tenantId')).toBeUndefined();
  });

  it('clearing a key removes it, or restores its default', () => {
    const store = openNodeSettingsStore(temp.dir);
    store.update({ 'xero.tenantId': 'abc', 'xero.scopes': 'broad' });
    store.update({ 'xero.tenantId': null, 'xero.scopes': null });
    expect(store.get('xero.tenantId')).toBeUndefined();
    expect(store.get('xero.scopes')).toBe('granular');
  });

  it('keeps the valid keys of a damaged file and falls back to defaults for the rest', () => {
    openNodeSettingsStore(temp.dir).set('xero.tenantId', 'tenant-1');
    const file = path.join(temp.dir, 'settings.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.settings['xero.scopes'] = 'everything';
    raw.settings['xero.issuer'] = 42;
    writeFileSync(file, JSON.stringify(raw));
    const settings = openNodeSettingsStore(temp.dir).all();
    expect(settings['xero.tenantId']).toBe('tenant-1');
    expect(settings['xero.scopes']).toBe('granular');
    expect(settings['xero.issuer']).toBe('https://identity.xero.com');
  });
});
