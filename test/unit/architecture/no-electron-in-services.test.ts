/**
 * The architecture's load-bearing rule, enforced by a test rather than by lint alone: services run in Node hosts
 * without Electron, so nothing outside main/shell (and the preload) may import it; the untrusted renderer reaches
 * main only through the contract's types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SOURCE = /\.(ts|tsx|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  const absolute = path.join(ROOT, dir);
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** Every module a file pulls in: static imports, re-exports, `import()` and `require()`, as TypeScript sees them. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

function electronImporters(files: string[]): string[] {
  return files.filter((file) => importsOf(readFileSync(path.join(ROOT, file), 'utf8')).some(isElectron));
}

describe('the import detector', () => {
  it('sees every way of reaching electron', () => {
    const samples = [
      "import { app } from 'electron';",
      'import type { IpcMain } from "electron";',
      "export { shell } from 'electron';",
      "const { ipcMain } = require('electron');",
      "const electron = await import('electron/main');",
      "import 'electron';",
    ];
    for (const sample of samples) expect(importsOf(sample).some(isElectron), sample).toBe(true);
    expect(importsOf("import Store from 'electron-store';").some(isElectron)).toBe(false);
  });
});

describe('electron stays in the shell', () => {
  const services = sourceFiles('main').filter((file) => !file.startsWith(`main${path.sep}shell${path.sep}`));
  const others = [...sourceFiles('sandbox'), ...sourceFiles('renderer')];

  it('scans the services, the sandbox and the renderer', () => {
    expect(services.length).toBeGreaterThan(10);
    expect(others.some((file) => file.startsWith('renderer'))).toBe(true);
  });

  it('no service under main/ (outside main/shell) imports or requires electron', () => {
    expect(electronImporters(services)).toEqual([]);
  });

  it('neither the sandbox nor the renderer imports or requires electron', () => {
    expect(electronImporters(others)).toEqual([]);
  });
});

function relativeImportTargets(file: string): string[] {
  return importsOf(readFileSync(path.join(ROOT, file), 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)));
}

describe('the renderer reaches the services only through the contract', () => {
  it('imports nothing outside renderer/ except contract/', () => {
    const offending = sourceFiles('renderer').flatMap((file) =>
      relativeImportTargets(file)
        .filter((target) => !target.startsWith(`renderer${path.sep}`) && !target.startsWith(`contract${path.sep}`))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the contract wing stands alone', () => {
  it('imports only zod and its own files', () => {
    const offending = sourceFiles('contract').flatMap((file) => {
      const bare = importsOf(readFileSync(path.join(ROOT, file), 'utf8')).filter((s) => !s.startsWith('.') && s !== 'zod');
      const outside = relativeImportTargets(file).filter((target) => !target.startsWith(`contract${path.sep}`));
      return [...bare, ...outside].map((target) => `${file} → ${target}`);
    });
    expect(offending).toEqual([]);
  });
});

describe('the preload stays small', () => {
  it('imports only electron, zod, its own files and contract/', () => {
    const offending = sourceFiles('preload').flatMap((file) => {
      const specifiers = importsOf(readFileSync(path.join(ROOT, file), 'utf8'));
      const bare = specifiers.filter((s) => !s.startsWith('.') && s !== 'electron' && s !== 'zod');
      const outside = relativeImportTargets(file).filter(
        (target) => !target.startsWith(`preload${path.sep}`) && !target.startsWith(`contract${path.sep}`),
      );
      return [...bare, ...outside].map((target) => `${file} → ${target}`);
    });
    expect(offending).toEqual([]);
  });
});
