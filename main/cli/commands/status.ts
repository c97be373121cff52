/**
 * `courseco-xero status`: the connection checked with one cheap authenticated call (GET /Organisation): organisation,
 * tenant, token expiry, refresh-token age. Exits non-zero, with the reason, when not connected or the check fails.
 */
import type { Command } from 'commander';
import type { ConnectionStatus } from '../../../contract/contract';
import type { Clock } from '../../clock';
import { CliFailure, type ContextFactory } from '../cli-context';

function relative(iso: string, now: number): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (Math.abs(minutes) < 120) return minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return hours >= 0 ? `in ${hours} h` : `${-hours} h ago`;
  const days = Math.round(hours / 24);
  return days >= 0 ? `in ${days} days` : `${-days} days ago`;
}

export function describeStatus(status: ConnectionStatus, clock: Clock): string {
  const org = status.organisation;
  const rows: [string, string | undefined][] = [
    ['State', status.state],
    ['Organisation', org ? `${org.name}${org.countryCode ? ` (${[org.countryCode, org.baseCurrency, org.shortCode].filter(Boolean).join(', ')})` : ''}` : status.organisationName],
    ['Tenant ID', status.tenantId],
    ['Access token', status.accessTokenExpiresAt ? `expires ${status.accessTokenExpiresAt} (${relative(status.accessTokenExpiresAt, clock.now())}); renewed automatically` : undefined],
    [
      'Sign-in',
      status.refreshTokenAgeDays !== undefined && status.refreshTokenExpiresAt
        ? `refresh token ${status.refreshTokenAgeDays} day${status.refreshTokenAgeDays === 1 ? '' : 's'} old; lapses ${status.refreshTokenExpiresAt} if unused`
        : undefined,
    ],
    ['Check', status.check ? (status.check.ok ? `OK at ${status.check.at}` : `failed: ${status.check.message ?? status.check.kind ?? ''}`) : undefined],
    ['Warning', status.warning],
    ['Reason', status.reason],
  ];
  return rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([label, value]) => `${`${label}:`.padEnd(14)}${value}`)
    .join('\n');
}

export function registerStatusCommand(program: Command, context: ContextFactory): void {
  program
    .command('status')
    .description('check the connection with one cheap authenticated call')
    .action(async () => {
      const ctx = context();
      const services = ctx.services();
      const status = await services.connection.check();
      ctx.result(status, describeStatus(status, services.clock));
      if (status.check && !status.check.ok) throw new CliFailure(`Not working: ${status.check.message ?? status.check.kind}${status.check.fix ? ` ${status.check.fix}` : ''}`);
      if (status.state !== 'connected') throw new CliFailure(`Not connected (${status.state})${status.reason ? `: ${status.reason}` : '.'}`);
    });
}
