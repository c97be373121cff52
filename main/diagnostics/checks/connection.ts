/**
 * "Connection is active", "Tenant ID is populated" / "Tenant ID missing or wrong", and "User did not select the
 * correct Xero organisation": one cheap authenticated call (GET /connections), the token's expiry and the refresh
 * token's age, the configured tenant against the current connections, and the expected organisation name.
 */
import { maskId } from '../masking';
import { organisationConnections } from '../../xero/organisation-choice';
import { REFRESH_TOKEN_LIFETIME_MS } from '../../xero/token-service';
import { cannotRun, defineCheck, fail, notRun, notSetUp, pass, plural, quotedList, warn } from './check';

const DAY = 24 * 60 * 60 * 1000;
const days = (n: number) => plural(n, 'day');

export const connectionActive = defineCheck({ id: 'connection-active', title: 'Connection is active', group: 'what-to-check' }, async (facts) => {
  const settings = facts.settings();
  if (!settings['xero.clientId']) return notSetUp('credentials', 'no Xero app credentials are stored, so the assistant cannot connect.', 'Enter the Client ID and Client Secret of your Xero app in Setup, then connect.');
  const before = await facts.tokenState();
  if (before.kind === 'none') return notSetUp('connect', 'the assistant has not connected to Xero with this profile yet.', 'Connect to Xero in Setup.');
  if (before.kind === 'reconnect-needed') return fail(`Xero refused the saved sign-in: ${before.reason}`, 'Connect to Xero again. Settings and synced data are kept.');
  const age = `the refresh token is ${days(before.refreshTokenAgeDays)} old (issued ${new Date(before.refreshTokenIssuedAt).toISOString()})`;
  const seen = await facts.connections();
  if (!seen.ok) {
    const { problem } = seen;
    if (problem.kind === 'ReconnectNeeded') {
      const expired = facts.deps.clock.now() - before.refreshTokenIssuedAt >= REFRESH_TOKEN_LIFETIME_MS;
      return fail(
        `Xero refused to renew the saved sign-in (${problem.evidence ?? problem.message}); ${age}${expired ? ', past Xero\'s 60-day limit for unused refresh tokens' : ''}.`,
        'Connect to Xero again. Settings and synced data are kept. Running any check or sync at least every 60 days keeps the sign-in alive.',
      );
    }
    if (problem.kind === 'XeroUnreachable') return notRun(`Xero could not be reached: ${problem.evidence ?? problem.message}`, problem.fix ?? 'Check the internet connection.');
    return fail(`The authenticated call GET /connections failed: ${problem.message}${problem.evidence ? ` (${problem.evidence})` : ''}`, problem.fix ?? 'Connect to Xero again.');
  }
  const after = await facts.deps.connection.tokens.state();
  const expiresAt = after.kind === 'active' ? after.accessTokenExpiresAt : before.accessTokenExpiresAt;
  const evidence = `GET /connections answered (${organisationConnections(seen.value.connections).length} organisation(s) connected); the access token is valid until ${new Date(expiresAt).toISOString()} and is renewed automatically; ${age}.`;
  const left = before.refreshTokenExpiresAt - facts.deps.clock.now();
  if (left <= 14 * DAY && after.kind === 'active' && after.refreshTokenAgeDays >= before.refreshTokenAgeDays) {
    return warn(`${evidence} It lapses in ${days(Math.max(0, Math.ceil(left / DAY)))} unless the assistant talks to Xero.`, 'Run a check or a sync now and then (at least every 60 days) so the sign-in is renewed.');
  }
  return pass(evidence);
});

export const tenantId = defineCheck({ id: 'tenant-id', title: 'Tenant ID is populated and connected', group: 'what-to-check' }, async (facts) => {
  const configured = facts.settings()['xero.tenantId'];
  if (!configured) {
    return notSetUp('connect', 'no organisation is chosen yet, so Xero cannot tell which one CourseCo means.', 'Connect to Xero in Setup and pick the organisation CourseCo uses; the assistant fills in the Tenant ID for you.');
  }
  const seen = await facts.connections();
  if (!seen.ok) return cannotRun(seen.problem, `compare the Tenant ID (settings hold ${maskId(configured)}) with Xero's connections`);
  const connected = organisationConnections(seen.value.connections);
  const match = connected.find((c) => c.tenantId.toLowerCase() === configured.toLowerCase());
  if (match) return pass(`Tenant '${match.tenantName ?? '(unnamed)'}' is connected; settings hold ${maskId(configured)}.`);
  const list = connected.map((c) => `'${c.tenantName ?? '(unnamed)'}' (${maskId(c.tenantId)})`);
  const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(configured) ? '' : ' (and it is not shaped like a Xero Tenant ID)';
  return fail(
    `Settings hold ${maskId(configured)}${shape}, which is not among the organisations connected to this app: ${list.length ? list.join(', ') : 'none'}.`,
    connected.length
      ? 'Pick one of the connected organisations in Setup (the Tenant ID is filled in for you), or connect again and tick the organisation CourseCo uses.'
      : 'Connect to Xero again and tick the organisation CourseCo uses on the consent page; it was disconnected from this app.',
  );
});

export const wrongOrganisation = defineCheck({ id: 'wrong-organisation', title: 'The correct Xero organisation is connected', group: 'common-issues' }, async (facts) => {
  const settings = facts.settings();
  const expected = settings['xero.expectedOrganisation'];
  const seen = await facts.connections();
  if (!seen.ok) return cannotRun(seen.problem, 'list the connected organisations');
  const connected = organisationConnections(seen.value.connections);
  const names = connected.map((c) => c.tenantName ?? '(unnamed)');
  if (connected.length === 0) return notRun('No organisation is connected to this app at all (see "Tenant ID").', 'Connect to Xero again and tick the organisation CourseCo uses.');
  if (!expected) return warn(`Connected: ${quotedList(names)}; no expected organisation is recorded to compare with.`, 'Set xero.expectedOrganisation to the organisation CourseCo uses (the wizard does this when you pick it).');
  const wanted = connected.find((c) => (c.tenantName ?? '').trim().toLowerCase() === expected.trim().toLowerCase());
  if (!wanted) {
    return fail(
      `Expected '${expected}', but the organisations connected to this app are ${quotedList(names)}.`,
      `Connect again and tick '${expected}' in Xero's organisation list on the consent page (or, if ${quotedList(names)} is right, choose it in Setup).`,
    );
  }
  const current = settings['xero.tenantId'];
  const chosen = current ? connected.find((c) => c.tenantId.toLowerCase() === current.toLowerCase()) : undefined;
  if (chosen && chosen.tenantId !== wanted.tenantId) {
    return fail(
      `Expected '${expected}', but the Tenant ID in settings belongs to '${chosen.tenantName ?? '(unnamed)'}'.`,
      `Choose '${expected}' in Setup, or change the expected organisation if '${chosen.tenantName ?? ''}' is right.`,
    );
  }
  return pass(`Expected '${expected}'; connected: ${quotedList(names)}.`);
});
