/**
 * Diagnostics are never stale, and a new profile is "not set up yet" rather than failed: the setup-bound checks say
 * what to do first, in the setup's order; after a sync that failed, an import or a settings change the checks that
 * ask Xero nothing run again by themselves (the status bar's health follows), while the Xero checks keep their result
 * with the time it was observed — and Xero is not asked once for that. Against the real sandbox.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticsHealth } from '../../../contract/features/diagnostics';
import type { AppServices } from '../../../main/app/app-services';
import { FULL_RUN_FRESH_MS } from '../../../main/diagnostics/diagnostics-service';
import type { DiagnosticsReport } from '../../../main/diagnostics/types';
import { startHarness, type Harness } from '../xero/support/sandbox-harness';
import { check, connectOnce, FIXTURE, healthyProfile, run } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** The health events of a profile, and a wait for the next one. */
function healthEvents(services: AppServices) {
  const seen: DiagnosticsHealth[] = [];
  services.bus.attach((event, payload) => {
    if (event === 'diagnostics.health') seen.push(payload as DiagnosticsHealth);
  });
  return {
    seen,
    async next(count: number): Promise<DiagnosticsHealth> {
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(count);
      return seen[count - 1]!;
    },
  };
}

const last = async (services: AppServices) => (await services.handlers['diagnostics.last']({})) as { report: DiagnosticsReport; health: DiagnosticsHealth };

describe('a brand-new profile', () => {
  it('is "not set up yet", not failed: the setup-bound checks say what to do first, in the setup’s order', async () => {
    const services = h.services();
    const report = await run(services);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    const notSetUp = report.checks.filter((c) => c.setupStep).map((c) => [c.id, c.setupStep]);
    expect(notSetUp).toEqual([
      ['redirect-uri', 'app'],
      ['connection-active', 'credentials'],
      ['client-credentials', 'credentials'],
      ['tenant-id', 'connect'],
      ['wrong-organisation', 'connect'],
      ['clock-skew', 'connect'],
      ['scopes', 'connect'],
      ['rate-limit', 'connect'],
      ['account-codes', 'choose'],
      ['tax-rate-title', 'choose'],
      ['transactions-push', 'test'],
    ]);
    // They lead the report, each with a fix; the evidence does not repeat "Not set up yet" (the page's section says it).
    expect(report.checks.slice(0, notSetUp.length).every((c) => c.status === 'not-run' && c.setupStep && !/not set up yet/i.test(c.evidence) && /^[A-Z]/.test(c.evidence) && c.fix)).toBe(true);
    expect(report.summary).toMatchObject({ fail: 0, notSetUp: 11 });
    expect((await last(services)).health).toMatchObject({ status: 'unknown', notSetUp: true, summary: expect.stringMatching(/^Not set up yet\. First: Open Setup and follow it to create your Xero app in Xero's developer portal/) });
  });

  it('once the credentials are stored, connecting is the first thing left to do', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    const report = await run(services);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks[0]).toMatchObject({ id: 'connection-active', setupStep: 'connect' });
    expect(check(report, 'client-credentials').status).toBe('pass');
  });
});

describe('never stale', () => {
  it('after a sync that failed, "Checks passed" goes; the local checks run again without a call to Xero, the Xero ones keep their age', async () => {
    const services = await healthyProfile(h);
    const health = healthEvents(services);
    const first = await run(services);
    expect((await health.next(1)).status).toBe('good');

    // Xero's sign-in lapses (61 days unused): the next sync fails.
    h.sandbox.advanceClock(61 * 24 * 3600);
    await expect(services.handlers['sync.run']({ all: true })).rejects.toBeDefined();
    const callsAfterSync = h.sandbox.requestLog().length;

    const after = await health.next(2);
    expect(after.status).not.toBe('good');
    expect(h.sandbox.requestLog()).toHaveLength(callsAfterSync);
    const { report } = await last(services);
    expect(report.ranAt).toBe(after.ranAt);
    expect(report.fullRunAt).toBe(first.ranAt);
    expect(check(report, 'sync-errors')).toMatchObject({ status: 'warn', evidence: expect.stringMatching(/the last sync \(\d{1,2} \w{3} \d{4} at \d\d:\d\d\) failed/), checkedAt: report.ranAt });
    // Asked of Xero last time: kept, marked with when.
    expect(check(report, 'tenant-id')).toMatchObject({ status: 'pass', checkedAt: first.ranAt });
  });

  it('after an import, a check decided locally before is not kept once it needs Xero; the page’s refresh runs all again only when stale', async () => {
    const services = h.services();
    await services.connection.setCredentials(h.web);
    expect((await connectOnce(services)).ok).toBe(true);
    services.settings.update({ 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' });
    const health = healthEvents(services);
    const first = await run(services);
    expect(check(first, 'transactions-push')).toMatchObject({ setupStep: 'test' });

    const calls = h.sandbox.requestLog().length;
    await services.handlers['transactions.import']({ fileName: 'transactions.csv', contentBase64: readFileSync(FIXTURE).toString('base64'), amountsIncludeTax: false });
    await health.next(2);
    expect(h.sandbox.requestLog()).toHaveLength(calls);
    let { report } = await last(services);
    // "Nothing imported yet" was decided locally before the import; now a dry run needs Xero's accounts: not kept.
    expect(check(report, 'transactions-push')).toMatchObject({ status: 'not-run', fix: 'Run the checks again to ask Xero now.', checkedAt: report.ranAt });
    expect(check(report, 'transactions-push').setupStep).toBeUndefined();

    // The page opening within FULL_RUN_FRESH_MS of the full run: local again, no call.
    report = (await services.handlers['diagnostics.refresh']({})) as DiagnosticsReport;
    expect(h.sandbox.requestLog()).toHaveLength(calls);
    expect(report.fullRunAt).toBe(first.ranAt);

    // Later than that: everything runs again, Xero included.
    h.sandbox.advanceClock(FULL_RUN_FRESH_MS / 1000 + 1);
    report = (await services.handlers['diagnostics.refresh']({})) as DiagnosticsReport;
    expect(h.sandbox.requestLog().length).toBeGreaterThan(calls);
    expect(report.fullRunAt).toBe(report.ranAt);
    expect(check(report, 'transactions-push')).toMatchObject({ status: 'pass', evidence: expect.stringContaining('trial run') });
  });
});
