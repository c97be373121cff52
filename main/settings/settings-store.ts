/**
 * Typed access to settings over any conf-compatible backend. Keys contain dots, which conf would treat as paths,
 * so they are stored under one flat `settings` object.
 *
 * A file a person or another program damaged never costs the values in it:
 * - a value that does not fit its setting is named (key, value, why), read as its default for now, and left in the
 *   file exactly as it was until that setting is set or cleared; unknown keys are carried along the same way;
 * - a file that is not readable JSON is not opened at all: the profile runs on defaults, every write is refused with
 *   the way out (the file and the command for the CLI and support bundle only), and `repair()` (the user's `courseco-xero config repair`) sets it aside and
 *   brings back the last good copy (`settings.last-good.json`, written after every successful change).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { Settings, type SettingKey } from '../../contract/contract';
import { DomainError } from '../errors';
import { SETTINGS_VERSION, settingsDefaults, settingsMigrations, type MigrationStore } from './settings-schema';

export const SETTINGS_FILE = 'settings.json';
export const LAST_GOOD_FILE = 'settings.last-good.json';

export interface SettingsBackend {
  get(key: 'settings'): unknown;
  set(key: 'settings', value: unknown): void;
}

export interface SettingsProblem {
  key: string;
  /** The stored value as JSON, cut to 80 characters. */
  value: string;
  reason: string;
}

export interface SettingsHealth {
  file: string;
  /** Why the file could not be read at all; the profile runs on defaults and writes nothing until it is repaired. */
  damaged?: string;
  /** Values that do not fit their setting: used as their defaults for now, and kept in the file untouched. */
  invalid: SettingsProblem[];
}

export interface SettingsRepair {
  restored: 'last-good' | 'defaults';
  /** Where the damaged file now is. */
  setAside: string;
}

export interface SettingsStore {
  all(): Settings;
  get<K extends SettingKey>(key: K): Settings[K];
  set<K extends SettingKey>(key: K, value: Settings[K] | null): Settings;
  /** Sets several keys at once, validated together; nothing is written if any is invalid. */
  update(patch: Partial<{ [K in SettingKey]: Settings[K] | null }>): Settings;
  health(): SettingsHealth;
  /** Only for a damaged file: sets it aside and brings back the last good copy, or the defaults. */
  repair(): SettingsRepair;
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

/** Why the settings file cannot be used at all, or undefined when it can (or does not exist yet). */
function damageOf(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim() === '' ? 'it is empty' : 'it is not complete JSON (cut off or edited by hand)';
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'it does not hold a settings object';
  const inner = (json as Record<string, unknown>).settings;
  if (inner !== undefined && (!inner || typeof inner !== 'object' || Array.isArray(inner))) return 'its "settings" entry is not an object';
  return undefined;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * Thrown when something tries to save over a damaged file; the GUI shows it, so it names no file and no command
 * (the file, the reason and `courseco-xero config repair` are in describeSettingsHealth, the CLI's hint and the
 * support bundle).
 */
export function settingsDamaged(): DomainError {
  return new DomainError('SettingsFileDamaged', {
    message: 'The saved settings cannot be read (their file is damaged), so nothing can be saved for now. The assistant is using its default settings and has not changed the file.',
    fix: 'Export a support bundle on the Diagnostics page and send it to whoever supports you: they can bring back the last good copy of the settings. Your Xero sign-in and synced transactions are kept.',
    cli: 'courseco-xero config repair',
  });
}

/** The damaged file and the command-line way out, for the CLI's warning line and the support bundle. */
function damagedForSupport(file: string, why: string): { message: string; fix: string } {
  return {
    message: `The settings file ${file} cannot be read: ${why}. The assistant is using default settings and has not changed the file.`,
    fix: `Run "courseco-xero config repair" to set it aside and bring back the last good copy (${LAST_GOOD_FILE} in the same folder), or the defaults if there is none; or do the same by hand and restart the assistant. Your Xero sign-in and the sync journal are kept.`,
  };
}

/**
 * The store over a backend that `open` builds. `file` is where that backend keeps its JSON: it is checked before the
 * backend may touch it, since conf and electron-store would throw a bare SyntaxError on a damaged one. Without a file
 * (a backend in memory) there is nothing to damage and no last good copy.
 */
export function createSettingsStore(open: SettingsBackend | (() => SettingsBackend), file?: string): SettingsStore {
  const lastGoodFile = file === undefined ? undefined : path.join(path.dirname(file), LAST_GOOD_FILE);
  const build = typeof open === 'function' ? open : () => open;
  let damaged = file === undefined ? undefined : damageOf(file);
  let backend: SettingsBackend | undefined = damaged === undefined ? build() : undefined;

  const stored = (): Record<string, unknown> => (backend ? ((backend.get('settings') as Record<string, unknown> | undefined) ?? {}) : {});

  /** The settings in force, and the stored values that could not be used. */
  const inspect = (): { settings: Settings; invalid: SettingsProblem[] } => {
    const raw = stored();
    const merged = { ...settingsDefaults, ...raw };
    const parsed = Settings.safeParse(merged);
    if (parsed.success) return { settings: parsed.data, invalid: [] };
    const usable: Record<string, unknown> = { ...settingsDefaults };
    const invalid: SettingsProblem[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const field = Settings.shape[key as SettingKey];
      if (!field) continue;
      const checked = field.safeParse(value);
      if (checked.success) usable[key] = checked.data;
      else invalid.push({ key, value: shown(value), reason: checked.error.issues[0]?.message ?? 'not a valid value' });
    }
    return { settings: Settings.parse(usable), invalid };
  };

  const read = (): Settings => inspect().settings;

  const update: SettingsStore['update'] = (patch) => {
    if (damaged !== undefined || !backend) throw settingsDamaged();
    const raw = stored();
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
    // What this change does not touch stays as it was in the file: a value that did not fit its setting (still
    // named by health() until it is set or cleared) and keys this version does not know.
    const carried: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key in patch) continue;
      const field = Settings.shape[key as SettingKey];
      if (!field || !field.safeParse(value).success) carried[key] = value;
    }
    const written = { ...parsed.data, ...carried };
    backend.set('settings', written);
    if (lastGoodFile) writeFileSync(lastGoodFile, `${JSON.stringify({ settings: written }, null, 2)}\n`, { mode: 0o600 });
    return parsed.data;
  };

  return {
    all: read,
    get: (key) => read()[key],
    set: (key, value) => update({ [key]: value } as Partial<Record<SettingKey, null>>),
    update,
    health: () => ({ file: file ?? '(in memory)', ...(damaged !== undefined ? { damaged } : {}), invalid: inspect().invalid }),
    repair() {
      if (damaged === undefined || file === undefined || lastGoodFile === undefined) {
        throw new DomainError('SettingsNotDamaged', {
          message: `The settings file ${file} reads fine; there is nothing to repair.`,
          fix: 'To change a value that does not fit, set it again (courseco-xero config set KEY VALUE) or clear it (config set KEY "").',
        });
      }
      const setAside = path.join(path.dirname(file), `settings.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      if (existsSync(file)) renameSync(file, setAside);
      const restored = damageOf(lastGoodFile) === undefined && existsSync(lastGoodFile) ? 'last-good' : 'defaults';
      if (restored === 'last-good') writeFileSync(file, readFileSync(lastGoodFile), { mode: 0o600 });
      damaged = undefined;
      backend = build();
      return { restored, setAside };
    },
  };
}

/** The Node hosts' store (CLI, web host, tests). Electron's shell builds the same over electron-store. */
export function openNodeSettingsStore(dataDir: string): SettingsStore {
  return createSettingsStore(
    () => new Conf<Record<string, unknown>>({ ...settingsBackendOptions(dataDir), projectName: 'courseco-xero-assistant' }) as unknown as SettingsBackend,
    path.join(dataDir, SETTINGS_FILE),
  );
}

/** The one description of an unhealthy settings file, for the CLI's warning line and the diagnostics check. */
export function describeSettingsHealth(health: SettingsHealth): { message: string; fix: string } | undefined {
  if (health.damaged !== undefined) {
    return damagedForSupport(health.file, health.damaged);
  }
  if (health.invalid.length === 0) return undefined;
  const named = health.invalid.map((p) => `${p.key} = ${p.value} (${p.reason})`).join('; ');
  const first = health.invalid[0]!.key;
  return {
    message: `${health.file} holds ${health.invalid.length === 1 ? 'a value that does not fit its setting' : `${health.invalid.length} values that do not fit their settings`}: ${named}. ${health.invalid.length === 1 ? 'Its default is' : 'Their defaults are'} used for now; the file keeps what it held.`,
    fix: `Set each again with the right value (courseco-xero config set ${first} VALUE, or in Setup) or clear it (config set ${first} "").`,
  };
}

/**
 * One setting read straight from the file, never written, never migrated: for the desktop app's window process, which
 * needs the CourseCo domain to decide where a link may open while the services process owns the settings. Anything
 * unreadable or not fitting its schema reads as absent.
 */
export function peekSetting<K extends keyof Settings>(dataDir: string, key: K): Settings[K] | undefined {
  try {
    const file: unknown = JSON.parse(readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8'));
    const flat = file !== null && typeof file === 'object' ? (file as { settings?: unknown }).settings : undefined;
    const value = flat !== null && typeof flat === 'object' && Object.hasOwn(flat, key) ? (flat as Record<string, unknown>)[key] : undefined;
    const parsed = Settings.shape[key].safeParse(value);
    return parsed.success ? (parsed.data as Settings[K]) : undefined;
  } catch {
    return undefined;
  }
}
