import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'start-electron-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm start without the Electron binary', () => {
  it('prints one clear line naming the fix and the alternatives, and exits 1 without a stack trace', () => {
    // Electron's own override variable, pointed at an empty folder: "no binary" even on a machine that has one.
    const emptyDist = path.join(scratch, 'no-electron');
    mkdirSync(emptyDist);
    const result = spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed on this machine/);
    expect(lines[0]).toContain('node node_modules/electron/install.js');
    expect(lines[0]).toContain('npm run web');
    expect(lines[0]).toContain('npx courseco-xero demo');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('findElectronBinary', () => {
  const find = (packageDir: string, env: Record<string, string> = {}) => {
    const script = `import('./scripts/start-electron.mjs').then((m) => process.stdout.write(String(m.findElectronBinary(${JSON.stringify(packageDir)}, ${JSON.stringify(env)}))))`;
    return spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout;
  };

  it('finds the binary named by path.txt under dist/, as the electron package does', () => {
    const packageDir = path.join(scratch, 'electron-present');
    mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
    writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
    writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
    expect(find(packageDir)).toBe(path.join(packageDir, 'dist', 'electron'));
  });

  it('reports nothing when path.txt is missing or names a file that is not there', () => {
    const packageDir = path.join(scratch, 'electron-absent');
    mkdirSync(packageDir);
    expect(find(packageDir)).toBe('undefined');
    writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
    expect(find(packageDir)).toBe('undefined');
  });
});
