/**
 * `courseco-xero sync` at Xero's daily limit (issue 12): it stops cleanly with its own exit code (75, "try again
 * later"), `--json` says `outcome: "daily-limit"` and when it can continue, the rest stays ready, and the help lists
 * the exit codes. A child process on a profile connected to a sandbox started here with a small daily limit.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { expectExactlyOnce, harnessPerTest, workload } from './engine-support';


const harness = harnessPerTest();

const cli = runCli;

describe("courseco-xero sync at Xero's daily limit", () => {
  it('exits 75 with outcome "daily-limit" and continueAt; the next day the same command finishes without duplicates', async () => {
    const h = await harness.start({ limits: 'xero', rateLimits: { perDay: 10 } });
    const w = workload('C', 30, { contacts: 6 });
    h.put(w.transactions, w.payments);

    const dry = await cli(h.dataDir, '--json', 'sync', '--dry-run', '--batch-size', '5');
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as { quota: { callsNeeded: number; dayRemaining: number; message: string } };
    expect(plan.quota.dayRemaining).toBeLessThan(10);
    expect(dry.stderr).toContain(plan.quota.message);
    expect(plan.quota.message).toMatch(/^This sync needs about \d+ Xero calls; \d+ are left today: about \d+ % now, the rest after Xero's daily reset/);

    const first = await cli(h.dataDir, '--json', 'sync', '--all', '--batch-size', '5');
    expect(first.code, first.stderr).toBe(75);
    const out = JSON.parse(first.stdout) as { outcome: string; continueAt: string; continueInSeconds: number; synced: number; message: string };
    expect(out.outcome).toBe('daily-limit');
    expect(Number.isNaN(Date.parse(out.continueAt))).toBe(false);
    expect(out.continueInSeconds).toBeGreaterThan(3600);
    expect(out.message).toMatch(/Xero's daily limit of calls for this organisation is used up/);
    expect(first.stderr).toMatch(/Xero's daily limit ran out; run the sync again after .* \(or use --wait\)\. Nothing is lost\./);
    expect(h.journal().inFlight()).toEqual([]);
    expect(h.journal().counts()).toMatchObject({ failed: 0, ready: 30 - out.synced });

    // The same command, day after day, until done (the sandbox clock moves a day each time).
    let synced = out.synced;
    for (let day = 0; day < 10 && synced < 30; day++) {
      h.sandbox.advanceClock(24 * 3600);
      const next = await cli(h.dataDir, '--json', 'sync', '--all', '--batch-size', '5');
      const result = JSON.parse(next.stdout) as { outcome: string; synced: number };
      expect([0, 75]).toContain(next.code);
      expect(result.outcome).toBe(next.code === 0 ? 'completed' : 'daily-limit');
      synced += result.synced;
    }
    expect(synced).toBe(30);
    expectExactlyOnce(h, [w]);
  }, 120_000);

  it('documents the exit codes and --wait in its help', async () => {
    const help = await cli('/nonexistent-profile-for-help', 'sync', '--help');
    expect(help.stdout).toContain("--wait");
    expect(help.stdout).toMatch(/75\s+Xero's daily limit for the organisation ran out/);
  }, 30_000);
});
