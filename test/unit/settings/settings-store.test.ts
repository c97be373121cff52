import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors';
import { settingsDefaults } from '../../../main/settings/settings-schema';
import { describeSettingsHealth, openNodeSettingsStore } from '../../../main/settings/settings-store';
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

  it('holds documents in a locked period by default; takes the first open day when chosen, and nothing else', () => {
    const store = openNodeSettingsStore(temp.dir);
    expect(store.get('sync.lockedPeriod')).toBe('hold');
    expect(store.set('sync.lockedPeriod', 'first-open-day')['sync.lockedPeriod']).toBe('first-open-day');
    expect(() => store.set('sync.lockedPeriod', 'next-month' as never)).toThrow(DomainError);
    expect(store.set('sync.lockedPeriod', null)['sync.lockedPeriod']).toBe('hold');
  });

  it('clearing a key removes it, or restores its default', () => {
    const store = openNodeSettingsStore(temp.dir);
    store.update({ 'xero.tenantId': 'abc', 'xero.scopes': 'broad' });
    store.update({ 'xero.tenantId': null, 'xero.scopes': null });
    expect(store.get('xero.tenantId')).toBeUndefined();
    expect(store.get('xero.scopes')).toBe('granular');
  });

  it('names a value that does not fit (key, value, why), reads its default for now, and never erases it', () => {
    openNodeSettingsStore(temp.dir).update({ 'xero.tenantId': 'tenant-1', 'xero.invoiceAccountCode': '200' });
    const file = path.join(temp.dir, 'settings.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.settings['xero.scopes'] = 'everything';
    raw.settings['xero.issuer'] = 'javascript:alert(1)';
    raw.settings['xero.tenantId'] = 42;
    raw.settings['some.future.key'] = 'kept';
    writeFileSync(file, JSON.stringify(raw));

    const store = openNodeSettingsStore(temp.dir);
    expect(store.all()).toMatchObject({ 'xero.scopes': 'granular', 'xero.issuer': 'https://identity.xero.com', 'xero.invoiceAccountCode': '200' });
    expect(store.get('xero.tenantId')).toBeUndefined();
    const health = store.health();
    expect(health.file).toBe(file);
    expect(health.invalid.map((p) => [p.key, p.value]).sort()).toEqual([['xero.issuer', '"javascript:alert(1)"'], ['xero.scopes', '"everything"'], ['xero.tenantId', '42']]);
    expect(health.invalid.every((p) => p.reason.length > 0)).toBe(true);
    expect(describeSettingsHealth(health)?.message).toContain('xero.tenantId = 42');

    // Another change leaves them (and the key this version does not know) exactly as they were.
    store.set('xero.paymentAccountCode', '090');
    const after = JSON.parse(readFileSync(file, 'utf8')).settings;
    expect(after).toMatchObject({ 'xero.scopes': 'everything', 'xero.issuer': 'javascript:alert(1)', 'xero.tenantId': 42, 'some.future.key': 'kept', 'xero.paymentAccountCode': '090' });
    // Setting or clearing the key itself is what replaces the value.
    store.set('xero.tenantId', 'tenant-2');
    store.set('xero.scopes', null);
    expect(store.health().invalid.map((p) => p.key)).toEqual(['xero.issuer']);
    expect(store.all()).toMatchObject({ 'xero.tenantId': 'tenant-2', 'xero.scopes': 'granular' });
  });

  it('a truncated file is named with its path, read as defaults, never written, and repaired only when asked', () => {
    const store = openNodeSettingsStore(temp.dir);
    store.update({ 'xero.tenantId': 'tenant-1', 'xero.invoiceAccountCode': '200' });
    const file = path.join(temp.dir, 'settings.json');
    const cut = readFileSync(file, 'utf8').slice(0, 40);
    writeFileSync(file, cut);

    const damaged = openNodeSettingsStore(temp.dir); // no bare SyntaxError
    expect(damaged.all()).toEqual(settingsDefaults);
    expect(damaged.health()).toMatchObject({ file, damaged: expect.stringContaining('not complete JSON') });
    expect(() => damaged.set('xero.taxRateName', 'x')).toThrow(expect.objectContaining({ kind: 'SettingsFileDamaged', cli: 'courseco-xero config repair' }));
    try {
      damaged.set('xero.taxRateName', 'x');
    } catch (error) {
      // What a GUI screen shows: no file, no command (those are in the CLI's hint and describeSettingsHealth).
      const { message, fix } = error as DomainError;
      expect(`${message} ${fix}`).not.toMatch(/settings\.json|courseco-xero|config repair/);
      expect(fix).toMatch(/support bundle on the Diagnostics page/);
    }
    expect(describeSettingsHealth(damaged.health())).toMatchObject({ message: expect.stringContaining(file), fix: expect.stringContaining('courseco-xero config repair') });
    expect(readFileSync(file, 'utf8')).toBe(cut);

    const repaired = damaged.repair();
    expect(repaired.restored).toBe('last-good');
    expect(readFileSync(repaired.setAside, 'utf8')).toBe(cut);
    expect(damaged.all()).toMatchObject({ 'xero.tenantId': 'tenant-1', 'xero.invoiceAccountCode': '200' });
    expect(damaged.health()).toEqual({ file, invalid: [] });
    expect(openNodeSettingsStore(temp.dir).get('xero.tenantId')).toBe('tenant-1');
    expect(() => damaged.repair()).toThrow(expect.objectContaining({ kind: 'SettingsNotDamaged' }));
  });

  it('with no good copy, repair brings back the defaults; an empty file counts as damaged', () => {
    const file = path.join(temp.dir, 'settings.json');
    writeFileSync(file, '');
    const store = openNodeSettingsStore(temp.dir);
    expect(store.health().damaged).toBe('it is empty');
    expect(store.repair().restored).toBe('defaults');
    expect(store.all()).toEqual(settingsDefaults);
    store.set('xero.tenantId', 't');
    expect(store.get('xero.tenantId')).toBe('t');
  });
});
