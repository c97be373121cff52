/**
 * Vitest global setup of the E2E suite: builds the renderer once, before any worker starts, when it is missing or
 * older than its sources. Test files run two at a time; left to openApp, two of them could find it stale together and
 * run vite into the same dist/renderer at once.
 */
import { ensureRendererBuilt } from '../../../main/web-host/renderer-build';

export default function setup(): void {
  ensureRendererBuilt({ rebuildWhenStale: true });
}
