/**
 * What every CLI command receives: the global options, an output channel that honours --json (one JSON document on
 * stdout, logs on stderr), and lazily built services for the chosen data dir.
 */
import type { AppServices } from '../app/app-services';
import { openProfile } from '../app/open-profile';
import { createLogger, type Logger } from '../log';
import { resolveDataDir } from '../paths';
import { describeSettingsHealth, openNodeSettingsStore } from '../settings/settings-store';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface CliContext {
  readonly json: boolean;
  readonly dataDir: string;
  readonly log: Logger;
  /** Prints the command's result: the JSON document with --json, else the human text. */
  result(value: unknown, human: string): void;
  /** A progress or status line for people; always stderr so stdout stays machine-readable. */
  note(line: string): void;
  services(): AppServices;
}

/** How a command reaches its context: built only when the command runs, after commander has read the global options. */
export type ContextFactory = () => CliContext;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export function createCliContext(options: GlobalOptions, io = { stdout: process.stdout, stderr: process.stderr }): CliContext {
  const dataDir = resolveDataDir(options.dataDir);
  const log = createLogger((line) => io.stderr.write(`${line}\n`), process.env.COURSECO_XERO_LOG === 'debug' ? 'debug' : 'warn');
  let services: AppServices | undefined;
  return {
    json: Boolean(options.json),
    dataDir,
    log,
    result(value, human) {
      if (options.json) io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else if (human) io.stdout.write(`${human}\n`);
    },
    note(line) {
      io.stderr.write(`${line}\n`);
    },
    services() {
      if (!services) {
        const settings = openNodeSettingsStore(dataDir);
        // Said on every command, so a scheduled sync's log shows it too; nothing is repaired without the person.
        const problem = describeSettingsHealth(settings.health());
        if (problem) io.stderr.write(`Warning: ${problem.message} ${problem.fix}\n`);
        services = openProfile({ host: 'cli', dataDir, settings, log });
      }
      return services;
    },
  };
}
