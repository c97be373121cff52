/**
 * The environment: the OS keychain (and which backend), the computer's clock against Xero's `Date` header, the
 * rate-limit headroom Xero reported on its last answers, and the app / OS / runtime versions (informational).
 */
import os from 'node:os';
import { describeSettingsHealth } from '../../settings/settings-store';
import { formatDateTime, formatTime } from '../../../contract/locale';
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
export const settingsFile = defineCheck({ id: 'settings-file', title: 'Saved settings read cleanly', group: 'environment' }, async (facts) => {
  const health = facts.deps.settings.health();
  const problem = describeSettingsHealth(health);
  if (!problem) return pass('Every saved setting is valid.', `Settings file: ${health.file}`);
  // The page says it plainly; the file, the keys and the command-line repair are for the support bundle and the CLI.
  const detail = `${problem.message} ${problem.fix}`;
  if (health.damaged !== undefined) {
    return fail(
      'The saved settings cannot be read (their file is damaged), so the assistant is using its default settings. Nothing has been changed or deleted.',
      'Export a support bundle below and send it to whoever supports you: they can bring back the last good copy of the settings. Your Xero sign-in and synced transactions are kept.',
      detail,
    );
  }
  const n = health.invalid.length;
  return fail(
    `${n === 1 ? 'A saved setting holds a value' : `${n} saved settings hold values`} the assistant cannot use, so ${n === 1 ? 'its default is' : 'their defaults are'} used for now.`,
    'Go through Setup again: the values you choose there replace the ones that do not fit. If this stays, export a support bundle below for whoever supports you.',
    detail,
  );
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
  if (!seen.ok) return notRun('There was no answer from Xero to compare clocks with.', 'Connect to Xero; then run the checks again.', seen.problem.message);
  const { serverDate, localMidpoint } = seen.value;
  if (serverDate === undefined) return notRun('Xero\'s answer did not say what time it is there, so there is nothing to compare with.', '', 'No Date header.');
  // The Date header has whole seconds: a second of difference is rounding, not skew.
  const skew = localMidpoint - serverDate;
  const detail = `Xero's Date header said ${new Date(serverDate).toISOString()}; this computer said ${new Date(localMidpoint).toISOString()}.`;
  const evidence =
    Math.abs(skew) < 2000
      ? `This computer's clock agrees with Xero's (${formatTime(localMidpoint)}).`
      : `This computer's clock is ${seconds(skew)} ${skew >= 0 ? 'ahead of' : 'behind'} Xero's (${formatTime(localMidpoint)} here, ${formatTime(serverDate)} at Xero).`;
  const fix = 'Turn on automatic date and time (network time) in the computer\'s settings, then run the checks again.';
  if (Math.abs(skew) >= CLOCK_FAIL_MS) return fail(evidence, fix, detail);
  if (Math.abs(skew) >= CLOCK_WARN_MS) return warn(evidence, fix, detail);
  return pass(evidence, detail);
});

export const MINUTE_LIMIT = 60;
/**
 * Calls left today below which a sync is likely to stop at the daily limit. Xero's daily limit depends on the app's
 * pricing tier (1,000 per organisation on Starter, which a centre's own app is on; 5,000 on Core and above:
 * xero-facts.md §9), so the thresholds are set for the strictest tier and the limit itself is never assumed.
 */
export const DAY_FAIL_BELOW = 50;
export const DAY_WARN_BELOW = 200;

export const rateLimit = defineCheck({ id: 'rate-limit', title: 'Xero still allows enough requests today', group: 'environment' }, async (facts) => {
  // The other checks' API calls bring fresh headers; read after them.
  await Promise.allSettled([facts.accounts(), facts.taxRates(), facts.organisation()]);
  const tenantId = facts.settings()['xero.tenantId'];
  const limits = tenantId ? facts.deps.connection.xero.rateLimits(tenantId) : undefined;
  if (!limits && !tenantId) return notSetUp('connect', 'no organisation is chosen yet, so Xero has reported no rate limits.', 'Connect to Xero in Setup and pick the organisation.');
  if (!limits) return notRun('Xero has not said yet how many requests it still allows (the organisation was not reachable).', 'Connect to Xero and pick the organisation; then run the checks again.');
  const age = facts.deps.clock.now() - limits.at;
  if (age > 24 * 60 * 60 * 1000) {
    return notRun(`Xero last said how many requests it allows on ${formatDateTime(limits.at)}, more than a day ago; the limits have reset since.`, 'Connect to Xero; then run the checks again.', `Last rate-limit headers: ${new Date(limits.at).toISOString()}.`);
  }
  const parts: string[] = [];
  if (limits.dayRemaining !== undefined) parts.push(`${limits.dayRemaining.toLocaleString('en-IE')} calls left today for this organisation (how many Xero allows a day depends on the app's Xero plan: 1,000 on the free Starter tier)`);
  if (limits.minuteRemaining !== undefined) parts.push(`${limits.minuteRemaining} left this minute (of ${MINUTE_LIMIT})`);
  if (limits.appMinuteRemaining !== undefined) parts.push(`${limits.appMinuteRemaining.toLocaleString('en-IE')} left this minute for the whole app`);
  const evidence = `Xero's last answer (at ${formatTime(limits.at)}) said: ${parts.join('; ')}.`;
  const detail = `Rate-limit headers of ${new Date(limits.at).toISOString()}: day ${limits.dayRemaining ?? '?'}, minute ${limits.minuteRemaining ?? '?'}, app minute ${limits.appMinuteRemaining ?? '?'}.`;
  if (limits.dayRemaining !== undefined && limits.dayRemaining < DAY_FAIL_BELOW) {
    return fail(evidence, "Xero's daily limit for this organisation is nearly used up: a sync now stops soon and goes on after Xero's reset (24 hours after the day's first call). Wait for the reset, or sync fewer transactions per day.", detail);
  }
  if ((limits.dayRemaining !== undefined && limits.dayRemaining < DAY_WARN_BELOW) || (limits.minuteRemaining !== undefined && limits.minuteRemaining < 5)) {
    return warn(evidence, 'Nothing to do now: large syncs will slow down or pause until the limit resets, and the assistant waits by itself. Avoid starting several large syncs one after the other.', detail);
  }
  return pass(evidence, detail);
});

export const versions = defineCheck({ id: 'versions', title: 'App and system versions', group: 'environment' }, async (facts) => {
  const v = facts.deps.versions ?? { node: process.versions.node, ...(process.versions.electron ? { electron: process.versions.electron } : {}), ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}) };
  const system = { Darwin: 'macOS', Windows_NT: 'Windows', Linux: 'Linux' }[os.type()] ?? os.type();
  const parts = [
    `CourseCo Xero Assistant ${facts.deps.appVersion} (${facts.deps.host} host)`,
    `${os.type()} ${os.release()} (${process.platform}/${process.arch})`,
    `Node ${v.node}`,
    v.electron ? `Electron ${v.electron}` : 'Electron: not in use',
    ...(v.chrome ? [`Chromium ${v.chrome}`] : []),
  ];
  // The page names the app and the system; the runtimes are for whoever supports it (the support bundle, --json).
  return pass(`CourseCo Xero Assistant ${facts.deps.appVersion} on ${system}.`, `${parts.join('; ')}.`);
});
