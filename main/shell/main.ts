/** Electron's entry point (bundled to dist/electron/main.mjs). Everything it does is in desktop-app.ts. */
import { startDesktopApp } from './desktop-app';

void startDesktopApp();
