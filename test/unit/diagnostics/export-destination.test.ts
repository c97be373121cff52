import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { DomainError } from '../../../main/errors';
import { memoryKeychain } from '../../../main/secrets/memory-keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

const emptyKeychain = memoryKeychain('test');

describe('where diagnostics.export saves the support bundle', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let services: AppServices | undefined;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(async () => {
    await services?.dispose();
    temp.cleanup();
  });

  const start = (chooseSavePath?: (name: string) => Promise<string | undefined>) =>
    (services = createAppServices({ host: 'electron', dataDir: temp.dir, settings: openNodeSettingsStore(temp.dir), keychain: emptyKeychain, ...(chooseSavePath ? { chooseSavePath } : {}) }));

  it('asks the host\'s save dialog (Electron) with a dated default name, and writes exactly there', async () => {
    const chosen = path.join(temp.dir, 'chosen', 'bundle.zip');
    const ask = vi.fn(async () => chosen);
    const result = await start(ask).handlers['diagnostics.export']({});
    expect(ask).toHaveBeenCalledWith(expect.stringMatching(/^courseco-xero-diagnostics-.*\.zip$/));
    expect(result.path).toBe(chosen);
    expect(statSync(chosen).size).toBe(result.bytes);
    expect(existsSync(path.join(temp.dir, 'exports'))).toBe(false);
  });

  it('saves nothing when the dialog is cancelled, and says so', async () => {
    const error = await Promise.resolve(start(async () => undefined).handlers['diagnostics.export']({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'ExportCancelled' });
    expect(existsSync(path.join(temp.dir, 'exports'))).toBe(false);
  });

  it('without a dialog (web host, CLI) saves into the data dir\'s exports folder', async () => {
    const result = await start().handlers['diagnostics.export']({});
    expect(path.dirname(result.path)).toBe(path.join(temp.dir, 'exports'));
    expect(existsSync(result.path)).toBe(true);
  });
});
