export { startWebHost, LOOPBACK, type WebHost, type WebHostOptions } from './web-host';
export { ensureRendererBuilt, rendererBuildState, buildRenderer, resolveRendererDir, REPO_ROOT } from './renderer-build';
