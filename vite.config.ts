import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// The renderer is built once and served by both hosts: Electron's app:// protocol and the web host. Relative asset
// URLs (`base: './'`) work under either origin; no inline scripts are emitted, so the strict CSP holds.
export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    // Chromium supports modulepreload natively; the polyfill would only add code we do not need.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
