/**
 * Sandbox throughput with limits off: a bounded loopback load loop (keep-alive, fixed concurrency) against
 * GET /api.xro/2.0/Organisation on a sandbox started through the real CLI in its own process, so the load
 * generator does not share the sandbox's event loop. Median of a few timed runs after a warm-up.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run';

const TARGET_RPS = 2000;
const CONCURRENCY = 16;
const RUN_MS = 2000;
const RUNS = 3;

interface StartLine {
  baseUrl: string;
  clients: { clientId: string; type: string; redirectUris: string[] }[];
  tenants: { tenantId: string }[];
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function loadFor(ms: number, agent: Agent, url: URL, headers: Record<string, string>): Promise<{ ok: number; failed: number; seconds: number }> {
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const status = await get(agent, url, headers);
      if (status === 200) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ok, failed, seconds: (performance.now() - started) / 1000 };
}

export default async function sandboxThroughput(): Promise<BenchResult[]> {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'courseco-xero.mjs');
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--limits', 'off'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
    });
    const info = JSON.parse(line) as StartLine;
    const pkce = info.clients.find((c) => c.type === 'pkce')!;
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${info.baseUrl}/identity/connect/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: pkce.clientId,
      redirect_uri: pkce.redirectUris[0]!,
      scope: 'accounting.settings.read',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      sandbox_consent: 'first',
    }).toString();
    const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const tokenRes = await fetch(`${info.baseUrl}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: pkce.clientId, code, redirect_uri: pkce.redirectUris[0]!, code_verifier: verifier }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const url = new URL(`${info.baseUrl}/api.xro/2.0/Organisation`);
    const headers = { authorization: `Bearer ${token}`, 'xero-tenant-id': info.tenants[0]!.tenantId, accept: 'application/json' };
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    await loadFor(500, agent, url, headers);
    const rates: number[] = [];
    let failures = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await loadFor(RUN_MS, agent, url, headers);
      rates.push(r.ok / r.seconds);
      failures += r.failed;
    }
    agent.destroy();
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    return [
      { name: `GET Organisation, limits off, ${CONCURRENCY} keep-alive connections (median of ${RUNS} × ${RUN_MS / 1000} s)`, value: Math.round(median), unit: 'req/s', target: `≥ ${TARGET_RPS} req/s`, pass: median >= TARGET_RPS && failures === 0 },
      { name: 'non-200 responses during the runs', value: failures, unit: '', target: '0', pass: failures === 0 },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
