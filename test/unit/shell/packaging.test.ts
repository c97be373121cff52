import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  mac: { hardenedRuntime: boolean; notarize: boolean };
  electronFuses: Record<string, boolean>;
};

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('ships the built app (both bundles and the renderer) in an asar, with native binaries unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'sandbox/sample-data/**/*', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/@libsql/**', 'node_modules/@napi-rs/keyring*/**']));
  });

  it('carries the product name and a hardened, notarizable macOS build', () => {
    expect(config.productName).toBe('CourseCo Xero Assistant');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
  });

  it('flips the release fuses: no RunAsNode, NODE_OPTIONS or --inspect; app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    // electron-builder turns these keys into @electron/fuses options while packing; a misspelt key would be ignored.
    const packager = readFileSync(path.join(ROOT, 'node_modules', 'app-builder-lib', 'out', 'platformPackager.js'), 'utf8');
    for (const key of Object.keys(config.electronFuses)) expect(packager, key).toContain(key);
  });
});
