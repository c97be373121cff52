/**
 * The daily limit by Xero's pricing tier (issue 12): the sandbox defaults to the Starter tier, 1,000 calls per
 * organisation per day (xero-facts.md §5, §9), and `--day-limit N` / `rateLimits.perDay` set another tier.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { toStartOptions } from '../../../sandbox/cli';
import type { RunningSandbox } from '../../../sandbox/index';
import { api, connectWeb, sandbox } from './helpers';
import { CLI_BIN } from '../../support/cli-bin';

let running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

async function started(options: Parameters<typeof sandbox>[0] = {}): Promise<RunningSandbox> {
  const sb = await sandbox(options);
  running.push(sb);
  return sb;
}

describe('daily limit (Starter tier by default)', () => {
  it('counts X-DayLimit-Remaining down from 1,000, then answers 429 day with Retry-After to the window end', async () => {
    // A still base clock: only advanceClock moves time, so Retry-After is exact.
    const t0 = Date.now();
    const sb = await started({ clock: { now: () => t0 } });
    const x = api(sb, (await connectWeb(sb)).access_token);
    const seen: string[] = [];
    for (let i = 0; i < 1000; i++) {
      // Keep inside the minute limit: a new minute every 50 calls (20 minutes of sandbox time in all).
      if (i > 0 && i % 50 === 0) sb.advanceClock(60);
      const r = await x.get('/Organisation');
      expect(r.status).toBe(200);
      seen.push(r.headers.get('x-daylimit-remaining')!);
    }
    expect(seen.slice(0, 3)).toEqual(['999', '998', '997']);
    expect(seen.at(-1)).toBe('0');
    sb.advanceClock(60);
    const over = await x.get('/Organisation');
    expect(over.status).toBe(429);
    expect(over.headers.get('x-rate-limit-problem')).toBe('day');
    expect(over.headers.get('x-daylimit-remaining')).toBe('0');
    // The day window opened with the first call; 20 minutes (19 × 60 s + the 60 s above) of it have gone by.
    expect(over.headers.get('retry-after')).toBe(String(86_400 - 20 * 60));
    // A rejected call does not count; once the window has ended the allowance is whole again.
    sb.advanceClock(86_400 - 20 * 60);
    // (The 30-minute access token has long expired: connect again.)
    const next = await api(sb, (await connectWeb(sb)).access_token).get('/Organisation');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-daylimit-remaining')).toBe('999');
  }, 60_000);

  it('takes another tier from rateLimits.perDay and from --day-limit', async () => {
    const core = await started(toStartOptions({ port: 0, dayLimit: '5000' }));
    const r = await api(core, (await connectWeb(core)).access_token).get('/Organisation');
    expect(r.headers.get('x-daylimit-remaining')).toBe('4999');
    expect(() => toStartOptions({ dayLimit: 'lots' })).toThrow('--day-limit must be a whole number of calls per day (1 or more), not lots');
    expect(() => toStartOptions({ dayLimit: '0' })).toThrow(/--day-limit must be/);
  });

  it('courseco-xero sandbox --day-limit 2: the third call of the day is a 429 day', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'sandbox', '--port', '0', '--day-limit', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      const info = JSON.parse(line) as Pick<RunningSandbox, 'baseUrl' | 'clients' | 'tenants'>;
      // The helpers talk to a RunningSandbox; a child's URLs, apps and tenants are all they need.
      const remote = { ...info, apiBaseUrl: `${info.baseUrl}/api.xro/2.0`, endpoints: { authorization: `${info.baseUrl}/identity/connect/authorize`, token: `${info.baseUrl}/connect/token` } } as unknown as RunningSandbox;
      const x = api(remote, (await connectWeb(remote)).access_token);
      expect((await x.get('/Organisation')).headers.get('x-daylimit-remaining')).toBe('1');
      expect((await x.get('/Organisation')).headers.get('x-daylimit-remaining')).toBe('0');
      const over = await x.get('/Organisation');
      expect([over.status, over.headers.get('x-rate-limit-problem')]).toEqual([429, 'day']);
    } finally {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exit;
    }
  }, 30_000);
});
