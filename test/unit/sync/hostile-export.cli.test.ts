/**
 * Issue 12 end to end through the command line: the hostile but real CourseCo export (quotes, a backslash, accents,
 * Greek, three John Murphys — one already in Xero with payer 34's number —, bad e-mails, a course name over 4,000
 * characters, clashing long names) is imported with `courseco-xero import` and synced with `courseco-xero sync`
 * against a sandbox whose daily limit runs out mid-run. Each day's run stops cleanly with exit 75; the next day the
 * same command carries on; in the end every good transaction is in Xero once, billed to the right contact, and the bad
 * one has its reason.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { harnessPerTest } from './engine-support';
import { expectHostileExportBilledRight, HOSTILE_BAD, HOSTILE_GOOD, seedJohnMurphy34 } from './support/hostile-export';

const FIXTURES = path.resolve('test/fixtures/courseco');

const harness = harnessPerTest();

const cli = runCli;

describe('the hostile export, through the command line, at a daily limit that runs out mid-run', () => {
  it('stops cleanly each day, carries on the next, and ends with every good transaction once and the bad one explained', async () => {
    const h = await harness.start({ limits: 'xero', rateLimits: { perDay: 8 } });
    await seedJohnMurphy34(h);
    for (const [file, kind] of [['hostile.transactions.csv', 'transactions'], ['hostile.payments.csv', 'payments']] as const) {
      const imported = await cli(h.dataDir, '--json', 'import', path.join(FIXTURES, file), '--kind', kind);
      expect(imported.code, imported.stderr).toBe(0);
    }

    const outcomes: string[] = [];
    const failures: Array<{ transactionId: string; reason: string }> = [];
    for (let day = 0; day < 12; day++) {
      const run = await cli(h.dataDir, '--json', 'sync', '--all', '--batch-size', '3');
      const result = JSON.parse(run.stdout) as { outcome: string; failures: Array<{ transactionId: string; reason: string }> };
      expect(run.stderr).not.toMatch(/database is locked|SqliteError|TypeError/);
      outcomes.push(result.outcome);
      // Each failure is reported by the run that met it; later runs leave a failed transaction alone.
      failures.push(...result.failures);
      if (run.code !== 75) {
        expect(run.code, run.stderr).toBe(result.failures.length > 0 ? 1 : 0);
        break;
      }
      expect(result.outcome).toBe('daily-limit');
      expect(h.journal().inFlight()).toEqual([]);
      h.sandbox.advanceClock(24 * 3600);
    }
    // The limit really ran out on the way, at least once, and the last run finished the job.
    expect(outcomes.filter((o) => o === 'daily-limit').length).toBeGreaterThan(0);
    expect(outcomes.at(-1)).toBe('completed');
    expect(failures).toEqual([{ transactionId: HOSTILE_BAD, reason: expect.stringContaining("the payer's name cannot be made into a contact name Xero accepts"), advice: expect.objectContaining({ kind: 'contact', fromXero: false, temporary: false }) }]);
    expect(h.journal().counts()).toMatchObject({ synced: HOSTILE_GOOD.length, failed: 1, ready: 0 });
    expectHostileExportBilledRight(h);
  }, 180_000);
});
