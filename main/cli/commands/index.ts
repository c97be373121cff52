/** Every command, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { notImplementedYet } from './not-yet';
import { registerSandboxCommand } from './sandbox';

export type ContextFactory = () => CliContext;

export function registerCommands(program: Command, context: ContextFactory): void {
  program
    .command('demo')
    .description('run the whole job on an embedded sandbox: connect, configure, import sample exports, sync, summarise')
    .action(() => notImplementedYet('demo'));
  registerSandboxCommand(program, context);
  program
    .command('credentials')
    .description('store, show or clear the Xero app credentials (the secret goes only to the OS keychain)')
    .argument('[action]', 'set | show | clear')
    .action(() => notImplementedYet('credentials'));
  program
    .command('config')
    .description('read or change settings: config get [KEY] | config set KEY VALUE')
    .argument('[action]', 'get | set')
    .argument('[key]')
    .argument('[value]')
    .action(() => notImplementedYet('config'));
  program
    .command('connect')
    .description('authorise with Xero in the browser and choose the organisation')
    .action(() => notImplementedYet('connect'));
  program
    .command('disconnect')
    .description('disconnect the organisation and revoke the assistant\'s tokens')
    .action(() => notImplementedYet('disconnect'));
  program
    .command('status')
    .description('check the connection with one cheap authenticated call')
    .action(() => notImplementedYet('status'));
  program
    .command('import')
    .description('import a CourseCo report export (transactions or payments CSV) into the journal')
    .argument('[file]')
    .action(() => notImplementedYet('import'));
  program
    .command('transactions')
    .description('list journaled transactions and their sync status')
    .argument('[action]', 'list')
    .action(() => notImplementedYet('transactions'));
  program
    .command('sync')
    .description('push ready transactions to Xero (batched, rate-limited, idempotent); --dry-run prints the payloads')
    .action(() => notImplementedYet('sync'));
  program
    .command('diagnose')
    .description('run the connection checks; --export FILE writes a redacted support bundle')
    .action(() => notImplementedYet('diagnose'));
}
