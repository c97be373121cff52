import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake);
const { createMainWindow, focusWindow } = await import('../../../main/shell/window');

describe('the application window', () => {
  let options: BrowserWindowConstructorOptions;
  let prefs: WebPreferences;
  beforeAll(() => {
    const window = createMainWindow('/app/dist/electron/preload.cjs') as unknown as { options: BrowserWindowConstructorOptions };
    options = window.options;
    prefs = options.webPreferences!;
  });

  it('isolates the renderer: context isolation, OS sandbox, no Node, web security on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
  });

  it('closes the side doors: no webview tag, no Node in workers or subframes, no insecure content', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the built preload it is given and starts hidden until ready to show', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(options.show).toBe(false);
  });
});

describe('focusWindow (a second launch brings the first window forward)', () => {
  it('restores a minimised window, shows and focuses it', () => {
    const calls: string[] = [];
    focusWindow({
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    });
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing when there is no window yet', () => {
    expect(() => focusWindow(undefined)).not.toThrow();
  });
});
