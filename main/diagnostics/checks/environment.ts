/**
 * The environment: the OS keychain (and which backend), the computer's clock against Xero's `Date` header, the
 * rate-limit headroom Xero reported on its last answers, and the app / OS / runtime versions (informational).
 */
import os from 'node:os';
import { describeSettingsHealth } from '../../settings/settings-store';
import { defineCheck, fail, notRun, notSetUp, pass, warn } from './check';

export const keychain = defineCheck({ id: 'keychain', title: 'Keychain available', group: 'environment' }, async (facts) => {
  const probe = await facts.deps.keychain.probe();
  if (probe.available) {
    return pass(
      probe.persistent
        ? `The ${probe.backend} answers; the Client Secret and the Xero sign-in are stored there, never on disk.`
        : `The Client Secret and the Xero sign-in are kept in ${probe.backend}, never on disk.`,
    );
  }
  // The keychain module's one explanation (main/secrets/keychain.ts), so setup and the checks say the same thing.
  return fail(probe.reason, probe.fix);
});

/** A damaged file or a value that does not fit is named here rather than silently read as a default. */
export const settingsFile = defineCheck({ id: 'settings-file', title: 'Settings file reads cleanly', group: 'environment' }, async (facts) => {
  const health = facts.deps.settings.health();
  const problem = describeSettingsHealth(health);
  return problem ? fail(problem.message, problem.fix) : pass(`Every setting in ${health.file} is valid.`);
});

/** OAuth tokens carry exact times; a clock off by minutes breaks expiry handling. */
export const CLOCK_WARN_MS = 60_000;
export const CLOCK_FAIL_MS = 5 * 60_000;

function seconds(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}

export const clockSkew = defineCheck({ id: 'clock-skew', title: 'Computer clock agrees with Xero', group: 'environment' }, async (facts) => {
  const seen = await facts.connections();
  if (!seen.ok && seen.problem.kind === 'NotConnected') return notSetUp('connect', 'the assistant has not connected to Xero yet, so there is no answer to compare clocks with.', 'Connect to Xero in Setup.');
  if (!seen.ok) return notRun(`No answer from Xero to compare clocks with (${seen.problem.message}).`, 'Connect to Xero; then run the checks again.');
  const { serverDate, localMidpoint } = seen.value;
  if (serverDate === undefined) return notRun('Xero\'s answer carried no Date header to compare with.', '');
  // The Date header has whole seconds: a second of difference is rounding, not skew.
  const skew = localMidpoint - serverDate;
  const evidence = `Xero's Date header said ${new Date(serverDate).toISOString()}; this computer said ${new Date(localMidpoint).toISOString()} (${skew >= 0 ? 'ahead' : 'behind'} by ${seconds(skew)}).`;
  const fix = 'Turn on automatic date and time (network time) in the operating system\'s settings, then run the checks again.';
  if (Math.abs(skew) >= CLOCK_FAIL_MS) return fail(evidence, fix);
  if (Math.abs(skew) >= CLOCK_WARN_MS) return warn(evidence, fix);
  return pass(evidence);
});

export const MINUTE_LIMIT = 60;
/**
 * Calls left today below which a sync is likely to stop at the daily limit. Xero's daily limit depends on the app's
 * pricing tier (1,000 per organisation on Starter, which a centre's own app is on; 5,000 on Core and above:
 * xero-facts.md §9), so the thresholds are set for the strictest tier and the limit itself is never assumed.
 */
export const DAY_FAIL_BELOW = 50;
export const DAY_WARN_BELOW = 200;

export const rateLimit = defineCheck({ id: 'rate-limit', title: 'Rate-limit headroom', group: 'environment' }, async (facts) => {
  // The other checks' API calls bring fresh headers; read after them.
  await Promise.allSettled([facts.accounts(), facts.taxRates(), facts.organisation()]);
  const tenantId = facts.settings()['xero.tenantId'];
  const limits = tenantId ? facts.deps.connection.xero.rateLimits(tenantId) : undefined;
  if (!limits && !tenantId) return notSetUp('connect', 'no organisation is chosen yet, so Xero has reported no rate limits.', 'Connect to Xero in Setup and pick the organisation.');
  if (!limits) return notRun('No Accounting API answer with rate-limit headers has been seen yet (the organisation was not reachable).', 'Connect to Xero and pick the organisation; then run the checks again.');
  const age = facts.deps.clock.now() - limits.at;
  if (age > 24 * 60 * 60 * 1000) {
    return notRun(`The last answer with rate-limit headers is from ${new Date(limits.at).toISOString()}, more than a day ago; the limits have reset since.`, 'Connect to Xero; then run the checks again.');
  }
  const parts: string[] = [];
  if (limits.dayRemaining !== undefined) parts.push(`${limits.dayRemaining} calls left today for this organisation (how many Xero allows a day depends on the app's Xero plan: 1,000 on the free Starter tier)`);
  if (limits.minuteRemaining !== undefined) parts.push(`${limits.minuteRemaining} left this minute (of ${MINUTE_LIMIT})`);
  if (limits.appMinuteRemaining !== undefined) parts.push(`${limits.appMinuteRemaining} left this minute for the whole app`);
  const evidence = `Xero's last answer (${new Date(limits.at).toISOString()}) said: ${parts.join('; ')}.`;
  if (limits.dayRemaining !== undefined && limits.dayRemaining < DAY_FAIL_BELOW) {
    return fail(evidence, "Xero's daily limit for this organisation is nearly used up: a sync now stops soon and goes on after Xero's reset (24 hours after the day's first call). Wait for the reset, or sync fewer transactions per day.");
  }
  if ((limits.dayRemaining !== undefined && limits.dayRemaining < DAY_WARN_BELOW) || (limits.minuteRemaining !== undefined && limits.minuteRemaining < 5)) {
    return warn(evidence, 'Little headroom left: large syncs will slow down or pause until the limit resets. The assistant waits by itself.');
  }
  return pass(evidence);
});

export const versions = defineCheck({ id: 'versions', title: 'App, OS and runtime versions', group: 'environment' }, async (facts) => {
  const v = facts.deps.versions ?? { node: process.versions.node, ...(process.versions.electron ? { electron: process.versions.electron } : {}), ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}) };
  const parts = [
    `CourseCo Xero Assistant ${facts.deps.appVersion} (${facts.deps.host} host)`,
    `${os.type()} ${os.release()} (${process.platform}/${process.arch})`,
    `Node ${v.node}`,
    v.electron ? `Electron ${v.electron}` : 'Electron: not in use',
    ...(v.chrome ? [`Chromium ${v.chrome}`] : []),
  ];
  return pass(`${parts.join('; ')}.`);
});
