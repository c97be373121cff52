/** Every command, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerConfigCommand } from './config';
import { registerConnectCommand } from './connect';
import { registerCredentialsCommand } from './credentials';
import { registerDiagnoseCommand } from './diagnose';
import { registerDemoCommand } from './demo';
import { registerDisconnectCommand } from './disconnect';
import { registerImportCommand } from './import';
import { registerStatusCommand } from './status';
import { registerSyncCommand } from './sync';
import { registerSandboxCommand } from './sandbox';
import { registerTransactionsCommand } from './transactions';

export type ContextFactory = () => CliContext;

export function registerCommands(program: Command, context: ContextFactory): void {
  registerDemoCommand(program, context);
  registerSandboxCommand(program, context);
  registerCredentialsCommand(program, context);
  registerConfigCommand(program, context);
  registerConnectCommand(program, context);
  registerDisconnectCommand(program, context);
  registerStatusCommand(program, context);
  registerImportCommand(program, context);
  registerTransactionsCommand(program, context);
  registerSyncCommand(program, context);
  registerDiagnoseCommand(program, context);
}
