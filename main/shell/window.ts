/**
 * The one application window. Its options are a pure function so the security flags are asserted by a test, not
 * trusted to a reviewer's eye.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_NAME } from '../app/app-identity';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // The renderer is untrusted: its own JS world, an OS-sandboxed process, no Node, same-origin policy on.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

type WindowLike = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** Brings the existing window to the front (used when the user starts the app a second time). */
export function focusWindow(window: WindowLike | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
