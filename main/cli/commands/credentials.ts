/**
 * `courseco-xero credentials set --client-id ID [--client-secret-stdin] | show | clear`.
 * The secret is read from stdin (never from an argument, which would land in shell history and `ps`), goes only to the
 * keychain, and is never printed; `show` masks the Client ID.
 */
import type { Command } from 'commander';
import type { CliContext, ContextFactory } from '../cli-context';
import type { CredentialsStatus } from '../../../contract/contract';
import { readSecretFromStdin } from './read-secret';

function describe(status: CredentialsStatus): string {
  if (!status.clientIdStored) return `No Xero app credentials are stored.${status.keychain.available ? '' : ` Keychain: ${status.keychain.detail}`}`;
  const type = status.appType === 'web' ? 'Web app (Client ID + Client Secret)' : 'PKCE app (Client ID only, no secret)';
  return [
    `Client ID:     ${status.clientId ?? ''}`,
    `Client Secret: ${status.secretStored ? 'stored in the system keychain (never shown)' : 'none'}`,
    `App type:      ${type}`,
    `Keychain:      ${status.keychain.available ? status.keychain.detail : `unavailable — ${status.keychain.detail}`}`,
  ].join('\n');
}

async function show(ctx: CliContext): Promise<void> {
  const status = await ctx.services().connection.credentials.status();
  ctx.result(status, describe(status));
}

export function registerCredentialsCommand(program: Command, context: ContextFactory): void {
  const credentials = program
    .command('credentials')
    .description('store, show or clear the Xero app credentials (the secret goes only to the OS keychain)');
  credentials
    .command('set')
    .description('store the Client ID, and the Client Secret read from stdin (omit it for a PKCE app)')
    .requiredOption('--client-id <id>', 'the Client ID from your Xero app (32 characters, 0-9 A-F)')
    .option('--client-secret-stdin', 'read the Client Secret from stdin (piped, or typed with the echo off)')
    .action(async (options: { clientId: string; clientSecretStdin?: boolean }) => {
      const ctx = context();
      const clientSecret = options.clientSecretStdin ? await readSecretFromStdin() : undefined;
      const { appType } = await ctx.services().connection.setCredentials({ clientId: options.clientId, clientSecret });
      const status = await ctx.services().connection.credentials.status();
      ctx.result(status, `Stored the credentials of a ${appType === 'web' ? 'Web app' : 'PKCE app'}.\n${describe(status)}`);
    });
  credentials
    .command('show')
    .description('show the stored Client ID (masked) and whether a secret is stored; never prints the secret')
    .action(() => show(context()));
  credentials
    .command('clear')
    .description('remove the Client ID, the Client Secret and the saved sign-in')
    .action(async () => {
      const ctx = context();
      await ctx.services().connection.clearCredentials();
      const status = await ctx.services().connection.credentials.status();
      ctx.result(status, 'Removed the Xero app credentials and the saved sign-in.');
    });
}
