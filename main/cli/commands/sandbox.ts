import type { Command } from 'commander';
import type { ContextFactory } from './index';
import { notImplementedYet } from './not-yet';

export function registerSandboxCommand(program: Command, _context: ContextFactory): void {
  program
    .command('sandbox')
    .description('run the local Xero simulator (identity + accounting) until Ctrl+C; prints one JSON line on start')
    .action(() => notImplementedYet('sandbox'));
}
