import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_VERSION } from '../../../main/settings/settings-schema';
import { electronStoreOptions, openElectronSettingsStore } from '../../../main/shell/settings-electron';
import { ConfAsElectronStore } from './conf-as-electron-store';

// The real electron-store loads `electron` at import, which here would try to download the binary.
vi.mock('electron-store', () => ({ default: vi.fn() }));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('settings in Electron', () => {
  it("passes electron-store the shared options with conf's configName renamed to name", () => {
    const options = electronStoreOptions('/profile');
    expect(options).toMatchObject({ cwd: '/profile', name: 'settings', projectVersion: SETTINGS_VERSION });
    expect(options).not.toHaveProperty('configName');
    expect(Object.keys(options.migrations)).toContain('1.0.0');
  });

  it('writes settings.json in the data dir, with defaults from the migrations, same as the Node hosts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'electron-settings-'));
    dirs.push(dir);
    const store = openElectronSettingsStore(dir, ConfAsElectronStore);
    expect(store.get('xero.scopes')).toBe('granular');
    store.set('courseco.domain', 'school.example.com');
    expect(existsSync(path.join(dir, 'settings.json'))).toBe(true);
    expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).toContain('school.example.com');
    expect(openElectronSettingsStore(dir, ConfAsElectronStore).get('courseco.domain')).toBe('school.example.com');
  });
});
