import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { api, connectWeb, first, invoice, sandbox, tokenRequest, basic, webClient } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence (--state FILE)', () => {
  it('writes atomically before answering a mutation and restores everything on restart', async () => {
    const stateFile = path.join(dir, 'world.json');
    const one = await sandbox({ stateFile });
    const secret = webClient(one).clientSecret!;
    const tokens = await connectWeb(one);
    const inv = first(await api(one, tokens.access_token).put('/Invoices', invoice({ Reference: 'survives' })), 'Invoices');
    // Flushed before the response: the file already holds the new invoice.
    expect(readFileSync(stateFile, 'utf8')).toContain('"Reference":"survives"');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    one.advanceClock(120);
    const offsetBefore = one.now();
    await one.stop();

    const two = await sandbox({ stateFile });
    try {
      expect(webClient(two).clientSecret).toBe(secret);
      expect(two.adminToken).toBe(one.adminToken);
      expect(two.now()).toBeGreaterThanOrEqual(offsetBefore);
      // Tokens, connections and data survive; the issuer changes with the port, but the opaque lookup does not care.
      const again = await api(two, tokens.access_token).get(`/Invoices/${String(inv.InvoiceID)}`);
      expect(again.status).toBe(200);
      expect(first(again, 'Invoices').Reference).toBe('survives');
      const refreshed = await tokenRequest(two, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, basic(webClient(two)));
      expect(refreshed.status).toBe(200);
      expect((await api(two, tokens.access_token).put('/Invoices', invoice())).body.Invoices).toBeDefined();
    } finally {
      await two.stop();
    }
  });

  it('keeps memory-only sandboxes off disk', async () => {
    const sb = await sandbox();
    await connectWeb(sb);
    await sb.stop();
    expect(existsSync(path.join(dir, 'memory.json'))).toBe(false);
  });
});

describe('courseco-xero sandbox (CLI)', () => {
  it('prints exactly one JSON line, serves until SIGINT, then exits 0', async () => {
    const stateFile = path.join(dir, 'cli.json');
    const child = spawn(process.execPath, ['bin/courseco-xero.mjs', 'sandbox', '--port', '0', '--redirect-uri', 'http://localhost:5005/cb', '--limits', 'off', '--state', stateFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const firstLine = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout });
      rl.on('line', (line) => {
        lines.push(line);
        if (lines.length === 1) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
    });
    const info = JSON.parse(firstLine) as { baseUrl: string; adminToken: string; clients: { clientId: string; clientSecret?: string; type: string; redirectUris: string[] }[]; tenants: { tenantId: string; name: string }[] };
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.adminToken).toMatch(/^[0-9a-f]{48}$/);
    expect(info.clients.map((c) => c.type)).toEqual(['web', 'pkce']);
    expect(info.clients[0]!.clientSecret).toHaveLength(48);
    expect('clientSecret' in info.clients[1]!).toBe(false);
    expect(info.clients[1]!.redirectUris).toContain('http://localhost:5005/cb');
    expect(info.tenants.map((t) => t.name)).toEqual(['Liffey Training Academy', 'Thames Valley Courses Ltd']);
    const state = await fetch(`${info.baseUrl}/sandbox/state`, { headers: { 'x-sandbox-admin': info.adminToken } });
    expect(state.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(lines).toHaveLength(1);
    expect(existsSync(stateFile)).toBe(true);
  }, 30_000);

  it('fails with a one-line reason for a bad option', async () => {
    const child = spawn(process.execPath, ['bin/courseco-xero.mjs', 'sandbox', '--limits', 'sometimes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('courseco-xero sandbox: --limits must be "xero" or "off", not sometimes');
  }, 30_000);
});
