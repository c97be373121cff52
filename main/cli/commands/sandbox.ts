import type { Command } from 'commander';
import { runSandboxCli, SandboxCliError, type SandboxCliOptions } from '../../../sandbox/cli';
import { CliFailure, type ContextFactory } from '../cli-context';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSandboxCommand(program: Command, _context: ContextFactory): void {
  program
    .command('sandbox')
    .description('run the local Xero simulator (identity + accounting) until Ctrl+C; prints one JSON line on start')
    .option('--port <n>', 'port to listen on (0 = any free port)', '47400')
    .option('--host <host>', 'interface to bind (loopback only unless you say otherwise)', '127.0.0.1')
    .option('--redirect-uri <uri>', 'add a redirect URI to both apps (repeatable)', collect, [])
    .option('--limits <mode>', 'xero (enforce Xero rate limits) or off (for benchmarks)', 'xero')
    .option('--day-limit <n>', "calls per organisation per day: 1000 (Xero's Starter tier, the default) or e.g. 5000 (Core and above)")
    .option('--seed <file>', 'JSON seed file (organisations, apps) replacing the default world')
    .option('--preset <name>', 'a named world instead of a seed file: default, or sterling (the GBP organisation alone, without multi-currency)')
    .option('--state <file>', 'persist state in this file and reload it on start')
    .action(async (options: SandboxCliOptions) => {
      try {
        await runSandboxCli(options);
      } catch (e) {
        if (e instanceof SandboxCliError) throw new CliFailure(`courseco-xero sandbox: ${e.message}`, 2);
        throw e;
      }
    });
}
