import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { api, connectWeb, expectStateFileMatches, first, invoice, sandbox, tokenRequest, basic, webClient } from './helpers';
import { CLI_BIN } from '../../support/cli-bin';

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

/**
 * Runs `before` on a sandbox kept in `stateFile`, stops it, runs `whileDown`, then `after` on a new sandbox started
 * from that file.
 */
async function acrossRestart<T>(
  stateFile: string,
  before: (sb: RunningSandbox, token: string) => Promise<T>,
  after: (sb: RunningSandbox, token: string, value: T) => Promise<void>,
  whileDown: () => void = () => undefined,
): Promise<void> {
  const one = await sandbox({ stateFile });
  const token = (await connectWeb(one)).access_token;
  const value = await before(one, token);
  await one.stop();
  whileDown();
  const two = await sandbox({ stateFile });
  try {
    await after(two, token, value);
  } finally {
    await two.stop();
  }
}

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

  it('appends only what a request changed, instead of rewriting the whole world', async () => {
    const stateFile = path.join(dir, 'journal.json');
    const sb = await sandbox({ stateFile });
    try {
      const x = api(sb, (await connectWeb(sb)).access_token);
      const snapshot = lines(stateFile)[0]!;
      const before = lines(stateFile).length;
      const created = first(await x.put('/Invoices', invoice({ Reference: 'journalled' })), 'Invoices');
      const after = lines(stateFile);
      // One new line; the snapshot line is untouched; the new line holds that invoice and not the seeded ones.
      expect(after).toHaveLength(before + 1);
      expect(after[0]).toBe(snapshot);
      const entry = JSON.parse(after.at(-1)!) as { records: { collection: string; record: { InvoiceID: string } }[] };
      expect(entry.records.filter((r) => r.collection === 'invoices').map((r) => r.record.InvoiceID)).toEqual([created.InvoiceID]);
      // A read changes nothing and writes nothing.
      await x.get('/Invoices');
      expect(lines(stateFile)).toHaveLength(before + 1);
      await expectStateFileMatches(sb, stateFile);
    } finally {
      await sb.stop();
    }
  });

  it('replays a stored Idempotency-Key answer after a restart', async () => {
    const body = invoice({ Reference: 'once only' });
    await acrossRestart(
      path.join(dir, 'idempotent.json'),
      async (one, token) => first(await api(one, token).put('/Invoices', body, { 'idempotency-key': 'restart-key-1' }), 'Invoices'),
      async (two, token, sent) => {
        const replay = await api(two, token).put('/Invoices', body, { 'idempotency-key': 'restart-key-1' });
        expect(first(replay, 'Invoices').InvoiceID).toBe(sent.InvoiceID);
        const all = (await api(two, token).get(`/Invoices?where=${encodeURIComponent('Reference=="once only"')}`)).body.Invoices as unknown[];
        expect(all).toHaveLength(1);
      },
    );
  });

  it('skips a line torn by a kill mid-append, and names the line of a damaged file', async () => {
    const stateFile = path.join(dir, 'torn.json');
    await acrossRestart(
      stateFile,
      async (one, token) => first(await api(one, token).put('/Invoices', invoice({ Reference: 'kept' })), 'Invoices'),
      async (two, token, kept) => {
        expect((await api(two, token).get(`/Invoices/${String(kept.InvoiceID)}`)).status).toBe(200);
        // Start-up folded the journal into one clean snapshot.
        expect(lines(stateFile)).toHaveLength(1);
      },
      // As a kill in the middle of appending the next change would leave it.
      () => appendFileSync(stateFile, '{"records":[{"org":"5506cf08-24dd-4015-9a1e-1d69f9d7'),
    );
    const damaged = path.join(dir, 'damaged.json');
    const [head] = lines(stateFile);
    writeFileSync(damaged, `${head!}\n{"records":[oops\n{"small":null}\n`);
    await expect(sandbox({ stateFile: damaged })).rejects.toThrow(/damaged\.json: line 2 is not valid JSON; the state file is damaged/);
  });

  it('folds the journal into a new snapshot once it outgrows the snapshot, so the file stays bounded', async () => {
    const stateFile = path.join(dir, 'compacted.json');
    const sb = await sandbox({ stateFile, limits: 'off' });
    try {
      const x = api(sb, (await connectWeb(sb)).access_token);
      const batch = (n: number) => ({ Invoices: Array.from({ length: 50 }, (_, i) => invoice({ Reference: `bulk ${n}-${i}` })) });
      let longest = 0;
      let folded = false;
      for (let n = 0; n < 60 && !folded; n++) {
        expect((await x.put('/Invoices', batch(n))).status).toBe(200);
        const count = lines(stateFile).length;
        folded = count < longest;
        longest = Math.max(longest, count);
      }
      expect(folded).toBe(true);
      // Never much more than twice the data: the journal is folded in at the snapshot's size.
      expect(statSync(stateFile).size).toBeLessThan(3 * lines(stateFile)[0]!.length + (1 << 20));
      await expectStateFileMatches(sb, stateFile);
    } finally {
      await sb.stop();
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
    const child = spawn(process.execPath, [CLI_BIN, 'sandbox', '--port', '0', '--redirect-uri', 'http://localhost:5005/cb', '--limits', 'off', '--state', stateFile], {
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
    const child = spawn(process.execPath, [CLI_BIN, 'sandbox', '--limits', 'sometimes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('courseco-xero sandbox: --limits must be "xero" or "off", not sometimes');
  }, 30_000);
});
