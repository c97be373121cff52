import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'start-electron-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts `npm start`'s script where no binary can exist or be fetched, on any machine. */
function startWithoutElectron(extraEnv: Record<string, string>) {
  // Electron's own override variable, pointed at an empty folder: "no binary" even on a machine that has one.
  const emptyDist = mkdtempSync(path.join(scratch, 'no-electron-'));
  return spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, ...extraEnv },
  });
}

/**
 * The script says "Downloading…" once a download attempt has run for 1.5 s, so on a loaded machine even a refused one
 * can show it first: allowed as the first line, once, never instead of the verdict.
 */
const DOWNLOADING = 'Downloading the Electron binary (first start only)...';

function expectOneClearLine(result: ReturnType<typeof spawnSync>) {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const all = String(result.stderr).trim().split('\n');
  const lines = all[0] === DOWNLOADING ? all.slice(1) : all;
  expect(lines, String(result.stderr)).toHaveLength(1);
  expect(lines[0]).toMatch(/Electron binary is not installed on this machine/);
  expect(lines[0]).toContain('node node_modules/electron/install.js');
  expect(lines[0]).toContain('npm run web');
  expect(lines[0]).toContain('npx courseco-xero demo');
  expect(String(result.stderr)).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('npm start without the Electron binary', () => {
  it('tries the download once and, when it fails, prints one clear line with the reason and exits 1', () => {
    const unreachable = 'http://127.0.0.1:9/';
    const line = expectOneClearLine(
      startWithoutElectron({
        ELECTRON_MIRROR: unreachable,
        npm_config_electron_mirror: unreachable,
        electron_config_cache: mkdtempSync(path.join(scratch, 'empty-cache-')),
      }),
    );
    expect(line).toMatch(/\(download failed: [^)]+\)/);
  });

  it('says the same without trying when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const line = expectOneClearLine(startWithoutElectron({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }));
    expect(line).not.toContain('download failed');
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
