/**
 * Every command, in the order `--help` lists them. The list lives outside `commands/` and no command imports it, so
 * adding a command is one file plus one line here.
 */
import type { Command } from 'commander';
import type { ContextFactory } from './cli-context';
import { registerConfigCommand } from './commands/config';
import { registerConnectCommand } from './commands/connect';
import { registerCredentialsCommand } from './commands/credentials';
import { registerDemoCommand } from './commands/demo';
import { registerDiagnoseCommand } from './commands/diagnose';
import { registerDisconnectCommand } from './commands/disconnect';
import { registerImportCommand } from './commands/import';
import { registerReconcileCommand } from './commands/reconcile';
import { registerRulesCommand } from './commands/rules';
import { registerSandboxCommand } from './commands/sandbox';
import { registerStatusCommand } from './commands/status';
import { registerSyncCommand } from './commands/sync';
import { registerTransactionsCommand } from './commands/transactions';

export type RegisterCommand = (program: Command, context: ContextFactory) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerDemoCommand,
  registerSandboxCommand,
  registerCredentialsCommand,
  registerConfigCommand,
  registerConnectCommand,
  registerDisconnectCommand,
  registerStatusCommand,
  registerImportCommand,
  registerTransactionsCommand,
  registerRulesCommand,
  registerSyncCommand,
  registerReconcileCommand,
  registerDiagnoseCommand,
];
