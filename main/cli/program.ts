/**
 * The `courseco-xero` command line. Each command lives in `commands/<name>.ts` and is listed in `command-list.ts`; this
 * file only holds the global options and the one place errors become an exit code and a one-line reason.
 */
import { Command, CommanderError } from 'commander';
import { DomainError } from '../errors';
import { describeError } from '../log';
import { CliFailure, createCliContext, type CliContext, type GlobalOptions } from './cli-context';
import { COMMANDS, type RegisterCommand } from './command-list';

export function buildProgram(contextFor: (options: GlobalOptions) => CliContext = createCliContext, commands: readonly RegisterCommand[] = COMMANDS): Command {
  const program = new Command('courseco-xero')
    .description('CourseCo Xero Assistant: connect CourseCo to Xero and sync transactions as contacts, invoices and payments.')
    .option('--data-dir <dir>', 'profile directory: isolated settings, journal and keychain namespace (env COURSECO_XERO_DATA_DIR)')
    .option('--json', 'print one JSON document on stdout (logs go to stderr)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const context = () => contextFor(program.opts<GlobalOptions>());
  for (const register of commands) register(program, context);
  return program;
}

/**
 * The services word their fixes for every host ("connect to Xero"); on the command line, the command that does it.
 */
const CLI_HINTS: Readonly<Record<string, string>> = {
  NotConnected: 'courseco-xero connect',
  ReconnectNeeded: 'courseco-xero connect',
  TenantNotChosen: 'courseco-xero connect --tenant "<organisation name>"',
  AccountCodesMissing: 'courseco-xero config set xero.invoiceAccountCode 200, and xero.paymentAccountCode',
};

/** Runs the CLI and returns the exit code; prints a one-line reason on failure. */
export async function runCli(argv: string[], stderr: NodeJS.WritableStream = process.stderr, program: Command = buildProgram()): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander's exitOverride; their output is already printed.
      return error.exitCode;
    }
    if (error instanceof CliFailure) {
      stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      const hint = error.cli ?? CLI_HINTS[error.kind];
      stderr.write(`${error.message}${error.fix ? ` ${error.fix}` : ''}${hint && !error.fix?.includes('courseco-xero') ? ` (${hint})` : ''}\n`);
      return 1;
    }
    stderr.write(`courseco-xero: ${describeError(error)}\n`);
    return 1;
  }
}
