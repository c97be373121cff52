#!/usr/bin/env node
// `npm run web`: the development web host. Builds the renderer when it is missing or older than its sources, starts
// the same services as the desktop app on http://127.0.0.1:<port>, prints the URL (token in the fragment) and stays
// up until Ctrl+C. Data lives in `.data/web-host` unless --data-dir or COURSECO_XERO_DATA_DIR says otherwise, so
// development never touches the real profile.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();

const USAGE = `Usage: npm run web -- [--port 5178] [--data-dir DIR]

Starts the development web host on 127.0.0.1 and prints the address to open in a browser.
  --port N        port to listen on (default 5178; 0 picks a free one)
  --data-dir DIR  profile directory for settings and keychain namespace (default .data/web-host)`;

let values;
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string', default: '5178' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  console.error(`web-host: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`web-host: --port must be a number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}

const { startWebHost, ensureRendererBuilt, REPO_ROOT } = await import('../main/web-host/index.ts');
const { DATA_DIR_ENV } = await import('../main/paths.ts');
const { createLogger } = await import('../main/log.ts');
const dataDir = path.resolve(values['data-dir'] ?? process.env[DATA_DIR_ENV] ?? path.join(REPO_ROOT, '.data', 'web-host'));

try {
  if (ensureRendererBuilt({ rebuildWhenStale: true }) === 'built') console.log('Built the renderer (dist/renderer).');
  const log = createLogger((line) => process.stderr.write(`${line}\n`), 'warn');
  const host = await startWebHost({ dataDir, port, log });
  console.log(`Data directory: ${dataDir}`);
  console.log(`Web host ready: ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const shutdown = () => {
    host.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  const reason = error?.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port.` : error.message;
  console.error(`web-host: ${reason}`);
  process.exit(1);
}
