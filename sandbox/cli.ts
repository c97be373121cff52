/**
 * `courseco-xero sandbox`: starts the sandbox, prints exactly one JSON line on stdout
 * ({"baseUrl","adminToken","clients":[...],"tenants":[...]}) and runs until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './index';
import { SEED_PRESETS } from './state/default-seed';
import type { SeedData } from './state/seed-types';

export const DEFAULT_CLI_PORT = 47400;

export interface SandboxCliOptions {
  port?: string | number;
  host?: string;
  redirectUri?: string[];
  limits?: string;
  /** Calls per organisation per day (Xero's tier: 1,000 Starter, the default; 5,000 Core and above). */
  dayLimit?: string | number;
  seed?: string;
  /** A named seed instead of a file: `default`, or `sterling` (the GBP organisation alone, no multi-currency). */
  preset?: string;
  state?: string;
}

export class SandboxCliError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function toStartOptions(raw: SandboxCliOptions): StartSandboxOptions {
  const port = raw.port === undefined ? DEFAULT_CLI_PORT : Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SandboxCliError(`--port must be a port number (0-65535), not ${String(raw.port)}`);
  const limits = raw.limits ?? 'xero';
  if (limits !== 'xero' && limits !== 'off') throw new SandboxCliError(`--limits must be "xero" or "off", not ${limits}`);
  for (const uri of raw.redirectUri ?? []) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new SandboxCliError(`--redirect-uri ${uri} is not a URL`);
    }
    const loopbackHttp = url.protocol === 'http:' && url.hostname === 'localhost';
    if (url.protocol !== 'https:' && !loopbackHttp) throw new SandboxCliError(`--redirect-uri ${uri}: Xero allows only https URIs or http://localhost`);
  }
  let perDay: number | undefined;
  if (raw.dayLimit !== undefined) {
    perDay = Number(raw.dayLimit);
    if (!Number.isInteger(perDay) || perDay < 1) throw new SandboxCliError(`--day-limit must be a whole number of calls per day (1 or more), not ${String(raw.dayLimit)}`);
  }
  let seed: SeedData | undefined;
  if (raw.seed && raw.preset) throw new SandboxCliError('Give either --seed FILE or --preset NAME, not both.');
  if (raw.preset) {
    seed = SEED_PRESETS[raw.preset];
    if (!seed) throw new SandboxCliError(`--preset must be one of ${Object.keys(SEED_PRESETS).join(', ')}, not ${raw.preset}`);
  }
  if (raw.seed) {
    try {
      seed = JSON.parse(readFileSync(raw.seed, 'utf8')) as SeedData;
    } catch (e) {
      throw new SandboxCliError(`--seed ${raw.seed}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { port, host: raw.host ?? '127.0.0.1', redirectUris: raw.redirectUri ?? [], limits, ...(perDay !== undefined ? { rateLimits: { perDay } } : {}), seed, stateFile: raw.state };
}

export function startupLine(sandbox: RunningSandbox): string {
  return JSON.stringify({
    baseUrl: sandbox.baseUrl,
    adminToken: sandbox.adminToken,
    clients: sandbox.clients.map((c) => ({
      clientId: c.clientId,
      ...(c.clientSecret ? { clientSecret: c.clientSecret } : {}),
      type: c.type,
      name: c.name,
      scopeMode: c.scopeMode,
      redirectUris: c.redirectUris,
    })),
    tenants: sandbox.tenants.map((t) => ({ tenantId: t.tenantId, name: t.name })),
  });
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runSandboxCli(
  raw: SandboxCliOptions,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
  stopWhen: () => Promise<unknown> = untilSignal,
): Promise<void> {
  const options = toStartOptions(raw);
  if (options.host && !LOOPBACK.has(options.host)) io.stderr.write(`sandbox: warning: listening on ${options.host}, not loopback only\n`);
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new SandboxCliError(`port ${String(options.port)} is in use; pass --port 0 for a free port`);
    throw e;
  }
  io.stdout.write(`${startupLine(sandbox)}\n`);
  io.stderr.write(`sandbox: Xero simulator at ${sandbox.baseUrl} (Ctrl+C to stop)\n`);
  await stopWhen();
  await sandbox.stop();
  io.stderr.write('sandbox: stopped\n');
}
