/**
 * "Connection is active", "Tenant ID is populated" / "Tenant ID missing or wrong" (shown as "The chosen organisation is
 * connected": the bookkeeper never needs the word), and "User did not select the correct Xero organisation": one cheap
 * authenticated call (GET /connections), the token's expiry and the refresh token's age, the configured tenant against
 * the current connections, and the expected organisation name. Exact instants and calls go in `detail`.
 */
import { maskId } from '../masking';
import { organisationConnections } from '../../xero/organisation-choice';
import { REFRESH_TOKEN_LIFETIME_MS } from '../../xero/token-service';
import { formatDateTime, formatDayOf } from '../../../contract/locale';
import { ORGANISATION_CHECK_TITLE, cannotRun, defineCheck, fail, notRun, notSetUp, pass, plural, quotedList, warn } from './check';

const DAY = 24 * 60 * 60 * 1000;
const days = (n: number) => plural(n, 'day');

export const connectionActive = defineCheck({ id: 'connection-active', title: 'Connection is active', group: 'what-to-check' }, async (facts) => {
  const settings = facts.settings();
  if (!settings['xero.clientId']) return notSetUp('credentials', 'no Xero app credentials are stored, so the assistant cannot connect.', 'Enter the Client ID and Client Secret of your Xero app in Setup, then connect.');
  const before = await facts.tokenState();
  if (before.kind === 'none') return notSetUp('connect', 'the assistant has not connected to Xero with this profile yet.', 'Connect to Xero in Setup.');
  if (before.kind === 'reconnect-needed') return fail('Xero no longer accepts the saved sign-in.', 'Connect to Xero again in Setup. Settings and synced data are kept.', `Refused: ${before.reason}`);
  // The page says how long ago the sign-in was last renewed; the support bundle keeps the exact instants.
  const renewed = `The sign-in was last renewed ${before.refreshTokenAgeDays === 0 ? 'today' : `${days(before.refreshTokenAgeDays)} ago (${formatDayOf(before.refreshTokenIssuedAt)})`}`;
  const issued = `refresh token ${days(before.refreshTokenAgeDays)} old, issued ${new Date(before.refreshTokenIssuedAt).toISOString()}`;
  const seen = await facts.connections();
  if (!seen.ok) {
    const { problem } = seen;
    if (problem.kind === 'ReconnectNeeded') {
      const expired = facts.deps.clock.now() - before.refreshTokenIssuedAt >= REFRESH_TOKEN_LIFETIME_MS;
      return fail(
        `Xero refused to renew the saved sign-in. ${renewed}${expired ? ': longer than the 60 days Xero keeps an unused sign-in' : ''}.`,
        'Connect to Xero again in Setup. Settings and synced data are kept. Running the checks or a sync at least every 60 days keeps the sign-in alive.',
        `${problem.evidence ?? problem.message}; ${issued}`,
      );
    }
    if (problem.kind === 'XeroUnreachable') return notRun('Xero could not be reached.', problem.fix ?? 'Check the internet connection, then run the checks again.', problem.evidence ?? problem.message);
    return fail(`Asking Xero which organisations are connected failed: ${problem.message}`, problem.fix ?? 'Connect to Xero again in Setup.', `GET /connections failed${problem.evidence ? `: ${problem.evidence}` : ''}`);
  }
  const after = await facts.deps.connection.tokens.state();
  const expiresAt = after.kind === 'active' ? after.accessTokenExpiresAt : before.accessTokenExpiresAt;
  const count = organisationConnections(seen.value.connections).length;
  const evidence = `Xero answered: ${plural(count, 'organisation')} ${count === 1 ? 'is' : 'are'} connected to the assistant. The sign-in renews itself while the assistant is used; ${renewed.charAt(0).toLowerCase()}${renewed.slice(1)}.`;
  const detail = `GET /connections answered (${count} organisation(s)); access token valid until ${new Date(expiresAt).toISOString()}; ${issued}.`;
  const left = before.refreshTokenExpiresAt - facts.deps.clock.now();
  if (left <= 14 * DAY && after.kind === 'active' && after.refreshTokenAgeDays >= before.refreshTokenAgeDays) {
    return warn(
      `${evidence} It lapses in ${days(Math.max(0, Math.ceil(left / DAY)))} (${formatDateTime(before.refreshTokenExpiresAt)}) unless the assistant talks to Xero.`,
      'Run the checks or a sync now and then (at least every 60 days) so the sign-in is renewed.',
      detail,
    );
  }
  return pass(evidence, detail);
});

export const tenantId = defineCheck({ id: 'tenant-id', title: ORGANISATION_CHECK_TITLE, group: 'what-to-check' }, async (facts) => {
  const configured = facts.settings()['xero.tenantId'];
  if (!configured) {
    return notSetUp('connect', 'no organisation is chosen yet, so Xero cannot tell which one CourseCo means.', 'Connect to Xero in Setup and pick the organisation CourseCo uses.');
  }
  const seen = await facts.connections();
  if (!seen.ok) return cannotRun(seen.problem, 'check that the chosen organisation is still connected');
  const connected = organisationConnections(seen.value.connections);
  const match = connected.find((c) => c.tenantId.toLowerCase() === configured.toLowerCase());
  if (match) return pass(`'${match.tenantName ?? '(unnamed)'}' is chosen and connected.`, `Tenant ID in settings: ${maskId(configured)}.`);
  const names = connected.map((c) => c.tenantName ?? '(unnamed)');
  const list = connected.map((c) => `'${c.tenantName ?? '(unnamed)'}' (${maskId(c.tenantId)})`);
  const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(configured) ? '' : ' (and it is not shaped like a Xero Tenant ID)';
  return fail(
    `The organisation chosen in settings is not connected to the assistant${shape ? ' (what settings hold is not a Xero organisation at all)' : ''}. Connected now: ${connected.length ? quotedList(names) : 'none'}.`,
    connected.length
      ? 'Pick one of the connected organisations in Setup, or connect again and tick the organisation CourseCo uses.'
      : 'Connect to Xero again in Setup and tick the organisation CourseCo uses on Xero\'s page; it was disconnected from the assistant.',
    `Settings hold ${maskId(configured)}${shape}, which is not among the connections: ${list.length ? list.join(', ') : 'none'}.`,
  );
});

export const wrongOrganisation = defineCheck({ id: 'wrong-organisation', title: 'The correct Xero organisation is connected', group: 'common-issues' }, async (facts) => {
  const settings = facts.settings();
  const expected = settings['xero.expectedOrganisation'];
  const seen = await facts.connections();
  if (!seen.ok) return cannotRun(seen.problem, 'list the connected organisations');
  const connected = organisationConnections(seen.value.connections);
  const names = connected.map((c) => c.tenantName ?? '(unnamed)');
  if (connected.length === 0) return notRun(`No organisation is connected to the assistant at all (see "${ORGANISATION_CHECK_TITLE}").`, 'Connect to Xero again in Setup and tick the organisation CourseCo uses.');
  if (!expected) {
    return warn(
      `Connected: ${quotedList(names)}; the assistant has not been told which organisation CourseCo uses, so it cannot tell a wrong one.`,
      'Pick the organisation CourseCo uses in Setup (Connect & choose); the assistant remembers it and warns when another is connected.',
      'Setting xero.expectedOrganisation is empty.',
    );
  }
  const wanted = connected.find((c) => (c.tenantName ?? '').trim().toLowerCase() === expected.trim().toLowerCase());
  if (!wanted) {
    return fail(
      `Expected '${expected}', but the organisations connected to the assistant are ${quotedList(names)}.`,
      `Connect again in Setup and tick '${expected}' in the list of organisations Xero shows (or, if ${quotedList(names)} is right, choose it in Setup).`,
    );
  }
  const current = settings['xero.tenantId'];
  const chosen = current ? connected.find((c) => c.tenantId.toLowerCase() === current.toLowerCase()) : undefined;
  if (chosen && chosen.tenantId !== wanted.tenantId) {
    return fail(
      `Expected '${expected}', but the organisation chosen in settings is '${chosen.tenantName ?? '(unnamed)'}'.`,
      `Choose '${expected}' in Setup, or change the expected organisation if '${chosen.tenantName ?? ''}' is right.`,
    );
  }
  return pass(`Expected '${expected}'; connected: ${quotedList(names)}.`);
});
