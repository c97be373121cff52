/** `courseco-xero disconnect [--no-revoke]`: DELETE the organisation's connection, revoke the refresh token, forget it. */
import type { Command } from 'commander';
import type { ContextFactory } from '../cli-context';

export function registerDisconnectCommand(program: Command, context: ContextFactory): void {
  program
    .command('disconnect')
    .description('disconnect the organisation and revoke the assistant\'s tokens')
    .option('--no-revoke', 'only remove the organisation\'s connection; keep the sign-in for other organisations')
    .action(async (options: { revoke: boolean }) => {
      const ctx = context();
      const organisation = ctx.services().settings.get('xero.expectedOrganisation');
      const outcome = await ctx.services().connection.disconnect({ revoke: options.revoke });
      const parts = [
        outcome.connectionRemoved ? `removed the connection to ${organisation ?? 'the organisation'}` : 'the organisation was already disconnected in Xero',
        outcome.revoked ? 'revoked the sign-in' : 'kept the sign-in',
      ];
      ctx.result(outcome, `Disconnected: ${parts.join('; ')}. Settings are kept; connect again at any time.`);
    });
}
