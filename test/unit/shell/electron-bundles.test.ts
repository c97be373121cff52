/**
 * Checks the real build output, not just the sources: the sandboxed preload must be one CommonJS file that needs
 * nothing but `electron`, and must run with code generation disabled (as under our CSP); the main bundle must leave
 * Electron and the native/ESM-only packages to node_modules, where the packaged app can find them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventMethodName } from '../../../contract/api';
import { channelNames, eventNames } from '../../../contract/contract';
import { bundleLayout } from '../../../main/shell/launch-options';
import { createFakeElectron } from './fake-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let outDir: string;
let preloadSource: string;
let mainSource: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'electron-bundles-'));
  const result = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--out-dir', outDir], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  preloadSource = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
  mainSource = readFileSync(path.join(outDir, 'main.mjs'), 'utf8');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build output names', () => {
  it('match where the shell looks for them', () => {
    const layout = bundleLayout('/app');
    expect(path.basename(layout.preload)).toBe('preload.cjs');
    expect(path.dirname(layout.preload)).toBe(path.join('/app', 'dist', 'electron'));
    expect(layout.rendererDir).toBe(path.join('/app', 'dist', 'renderer'));
  });
});

describe('the preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload cannot load modules)', () => {
    const required = new Set([...preloadSource.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('runs with string code generation disabled and exposes exactly the contract', () => {
    const fake = createFakeElectron();
    const module = { exports: {} };
    const context = vm.createContext(
      {
        module,
        exports: module.exports,
        require: (name: string) => {
          if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
          return fake;
        },
        console,
      },
      // What a CSP without 'unsafe-eval' does to eval and new Function.
      { codeGeneration: { strings: false, wasm: false } },
    );
    vm.runInContext(preloadSource, context, { filename: 'preload.cjs' });
    const api = fake.contextBridge.exposed.get('assistant') as Record<string, Record<string, unknown>>;
    const groups = new Set(channelNames.map((channel) => channel.split('.')[0]!));
    expect(Object.keys(api).sort()).toEqual([...groups, 'events'].sort());
    expect(Object.keys(api.events!).sort()).toEqual(eventNames.map(eventMethodName).sort());
    for (const channel of channelNames) {
      const [group, method] = channel.split('.') as [string, string];
      expect(typeof api[group]![method], channel).toBe('function');
    }
  });
});

describe('the main bundle', () => {
  const bareImports = () =>
    [...mainSource.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?/gm)]
      .map((match) => match[1]!)
      .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier));

  it('is ESM that imports electron at run time instead of bundling it', () => {
    expect(bareImports()).toContain('electron');
    expect(mainSource).not.toMatch(/Electron failed to install correctly/);
  });

  it('imports only packages the app can resolve from node_modules', () => {
    const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
    const unresolved = bareImports().filter((specifier) => {
      if (specifier === 'electron') return false;
      try {
        requireFromRoot.resolve(specifier);
        return false;
      } catch {
        // ESM-only packages (conf, electron-store) have no CommonJS entry; resolving their package.json is enough.
        try {
          requireFromRoot.resolve(`${specifier}/package.json`);
          return false;
        } catch {
          return true;
        }
      }
    });
    expect(unresolved).toEqual([]);
  });
});

describe('the updater stays in the shell', () => {
  it('electron-updater is loaded on demand by the main bundle only: never by the services process or the CLI', () => {
    // Not a static import of the main bundle either: development starts and unconfigured installs never load it.
    expect(mainSource).toMatch(/["']electron-updater["']/);
    expect(mainSource).not.toMatch(/^\s*import[^;]*["']electron-updater["']/m);
    for (const bundle of ['services.mjs', 'cli.mjs']) expect(readFileSync(path.join(outDir, bundle), 'utf8'), bundle).not.toContain('electron-updater');
  });

  it('no source outside main/shell (services, renderer, preload, contract) names it', () => {
    const named = ['main', 'renderer', 'preload', 'contract']
      .flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name)))
      .filter((file) => !file.includes(`${path.sep}main${path.sep}shell${path.sep}`) && readFileSync(file, 'utf8').includes('electron-updater'));
    expect(named).toEqual([]);
  });
});
