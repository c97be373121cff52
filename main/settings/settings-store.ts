/**
 * Typed access to settings over any conf-compatible backend. Keys contain dots, which conf would treat as paths,
 * so they are stored under one flat `settings` object.
 */
import Conf from 'conf';
import { Settings, type SettingKey } from '../contract/contract';
import { DomainError } from '../errors';
import { SETTINGS_VERSION, settingsDefaults, settingsMigrations, type MigrationStore } from './settings-schema';

export interface SettingsBackend {
  get(key: 'settings'): unknown;
  set(key: 'settings', value: unknown): void;
}

export interface SettingsStore {
  all(): Settings;
  get<K extends SettingKey>(key: K): Settings[K];
  set<K extends SettingKey>(key: K, value: Settings[K] | null): Settings;
  /** Sets several keys at once, validated together; nothing is written if any is invalid. */
  update(patch: Partial<{ [K in SettingKey]: Settings[K] | null }>): Settings;
}

function flatMigrationView(backend: { get(key: string): unknown; set(key: string, value: unknown): void }): MigrationStore {
  const read = () => ({ ...((backend.get('settings') as Record<string, unknown> | undefined) ?? {}) });
  return {
    get: (key) => read()[key],
    has: (key) => key in read(),
    set: (key, value) => backend.set('settings', { ...read(), [key]: value }),
    delete: (key) => {
      backend.set('settings', Object.fromEntries(Object.entries(read()).filter(([k]) => k !== key)));
    },
  };
}

/** conf/electron-store options shared by both hosts (migrations are written against the flat view). */
export function settingsBackendOptions(cwd: string) {
  return {
    cwd,
    configName: 'settings',
    projectVersion: SETTINGS_VERSION,
    migrations: Object.fromEntries(
      Object.entries(settingsMigrations).map(([version, migrate]) => [
        version,
        (store: { get(key: string): unknown; set(key: string, value: unknown): void }) => migrate(flatMigrationView(store)),
      ]),
    ),
  };
}

export function createSettingsStore(backend: SettingsBackend): SettingsStore {
  const read = (): Settings => {
    const stored = (backend.get('settings') as Record<string, unknown> | undefined) ?? {};
    const merged = { ...settingsDefaults, ...stored };
    const parsed = Settings.safeParse(merged);
    if (parsed.success) return parsed.data;
    // A hand-edited or damaged file must not brick the app: keep each valid key, fall back to defaults for the rest.
    const repaired: Record<string, unknown> = { ...settingsDefaults };
    for (const [key, value] of Object.entries(stored)) {
      const field = Settings.shape[key as SettingKey];
      if (field && field.safeParse(value).success) repaired[key] = value;
    }
    return Settings.parse(repaired);
  };

  const update: SettingsStore['update'] = (patch) => {
    const cleared = new Set<string>();
    const next: Record<string, unknown> = { ...read() };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined || value === '') cleared.add(key);
      else next[key] = typeof value === 'string' ? value.trim() : value;
    }
    // Clearing a key with a default restores the default; clearing any other key removes it.
    for (const key of cleared) next[key] = (settingsDefaults as Record<string, unknown>)[key];
    const parsed = Settings.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('InvalidSetting', {
        message: `The value for ${issue?.path.join('.') ?? 'a setting'} is not valid: ${issue?.message ?? 'unknown reason'}.`,
        fix: 'Check the value and try again.',
      });
    }
    backend.set('settings', parsed.data);
    return parsed.data;
  };

  return {
    all: read,
    get: (key) => read()[key],
    set: (key, value) => update({ [key]: value } as Partial<Record<SettingKey, null>>),
    update,
  };
}

/** The Node hosts' store (CLI, web host, tests). Electron's shell builds the same over electron-store. */
export function openNodeSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ ...settingsBackendOptions(dataDir), projectName: 'courseco-xero-assistant' });
  return createSettingsStore(conf as unknown as SettingsBackend);
}
