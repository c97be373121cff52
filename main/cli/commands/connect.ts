/**
 * `courseco-xero connect [--tenant ID|NAME] [--no-browser]`: prints the authorisation URL alone on one stderr line,
 * opens the browser (unless --no-browser), waits for Xero's answer on the loopback redirect, then stores the tenant.
 * Ctrl+C cancels and closes the listener.
 */
import type { Command } from 'commander';
import open from 'open';
import type { ConnectResult } from '../../../contract/contract';
import { describeError } from '../../log';
import { CliFailure, type ContextFactory } from '../cli-context';

export function describeOrganisation(result: Pick<ConnectResult, 'organisation'>): string {
  const org = result.organisation;
  if (!org) return '';
  const facts = [org.countryCode, org.baseCurrency, org.shortCode ? `short code ${org.shortCode}` : undefined].filter(Boolean).join(', ');
  return `${org.name}${facts ? ` (${facts})` : ''}, tenant ${org.tenantId}`;
}

export function registerConnectCommand(program: Command, context: ContextFactory): void {
  program
    .command('connect')
    .description('authorise with Xero in the browser and choose the organisation')
    .option('--tenant <idOrName>', 'the organisation to use: its tenant ID or its name')
    .option('--no-browser', 'only print the authorisation URL; open it yourself')
    .action(async (options: { tenant?: string; browser: boolean }) => {
      const ctx = context();
      const services = ctx.services();
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      let result: ConnectResult;
      try {
        result = await services.connection.connect({
          ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
          signal: abort.signal,
          onAuthorizeUrl: async (url) => {
            const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
            ctx.note(`Sign in to Xero and allow access${options.browser ? ' in the browser that opens' : ': open this address'}; waiting for the answer at ${redirect} (Ctrl+C cancels):`);
            ctx.note(url);
            if (!options.browser) return;
            try {
              const child = await open(url);
              child.on('error', (error) => ctx.log.warn('connect: could not open a browser; open the address above yourself', { error: describeError(error) }));
              child.unref();
            } catch (error) {
              ctx.log.warn('connect: could not open a browser; open the address above yourself', { error: describeError(error) });
            }
          },
        });
      } finally {
        process.off('SIGINT', onSigint);
      }
      if (result.needsChoice) {
        ctx.result(result, result.organisations.map((o) => `${o.name}\t${o.tenantId}`).join('\n'));
        throw new CliFailure(
          `Several organisations are connected (${result.organisations.map((o) => o.name).join(', ')}); run connect again with --tenant "<name or tenant ID>".`,
        );
      }
      ctx.result(result, `Connected to ${describeOrganisation(result)}.`);
    });
}
