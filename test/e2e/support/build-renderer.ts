/**
 * Vitest global setup of the E2E suite: builds the renderer and the services worker's bundle once, before any worker
 * starts, when they are missing or older than their sources. Test files run two at a time; left to each web host, two
 * of them could find a build stale together and both build it.
 */
import { ensureServicesBundle } from '../../../main/services-process/services-bundle';
import { ensureRendererBuilt } from '../../../main/web-host/renderer-build';

export default function setup(): void {
  ensureRendererBuilt({ rebuildWhenStale: true });
  ensureServicesBundle();
}
