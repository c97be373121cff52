/** Every command, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerConfigCommand } from './config';
import { registerConnectCommand } from './connect';
import { registerCredentialsCommand } from './credentials';
import { registerDiagnoseCommand } from './diagnose';
import { registerDisconnectCommand } from './disconnect';
import { registerImportCommand } from './import';
import { notImplementedYet } from './not-yet';
import { registerStatusCommand } from './status';
import { registerSandboxCommand } from './sandbox';
import { registerTransactionsCommand } from './transactions';

export type ContextFactory = () => CliContext;

export function registerCommands(program: Command, context: ContextFactory): void {
  program
    .command('demo')
    .description('run the whole job on an embedded sandbox: connect, configure, import sample exports, sync, summarise')
    .action(() => notImplementedYet('demo'));
  registerSandboxCommand(program, context);
  registerCredentialsCommand(program, context);
  registerConfigCommand(program, context);
  registerConnectCommand(program, context);
  registerDisconnectCommand(program, context);
  registerStatusCommand(program, context);
  registerImportCommand(program, context);
  registerTransactionsCommand(program, context);
  program
    .command('sync')
    .description('push ready transactions to Xero (batched, rate-limited, idempotent); --dry-run prints the payloads')
    .action(() => notImplementedYet('sync'));
  registerDiagnoseCommand(program, context);
}
