/**
 * Carries out `--run <command>` (command-line-run.ts decides what it means): the CLI's own command in a utility
 * process, with no window, its output on this process's stdout and stderr, and its exit code as the app's. The
 * single-instance lock is taken as for a window: when the app is open on the same profile, this says so and stops.
 */
import { app } from 'electron';
import { CLI_ARGS_MARKER } from '../cli/installed-args';
import { EXIT_PROFILE_IN_USE, profileInUseMessage, type LaunchRequest } from './command-line-run';
import type { UtilityProcessModule } from './services-utility-process';

export interface CommandLineDeps {
  utilityProcess: UtilityProcessModule;
  /** dist/electron/cli.mjs inside the app. */
  cliBundle: string;
  dataDir: string;
  stderr: NodeJS.WritableStream;
}

/** Resolves with the exit code once the command has ended (the caller exits the app with it). */
export async function runCommandLine(request: Extract<LaunchRequest, { kind: 'run' }>, deps: CommandLineDeps): Promise<number> {
  if (!app.requestSingleInstanceLock()) {
    deps.stderr.write(`${profileInUseMessage(deps.dataDir)}\n`);
    return EXIT_PROFILE_IN_USE;
  }
  // No dock icon or window for a scheduled job on macOS.
  app.dock?.hide();
  await app.whenReady();
  const child = deps.utilityProcess.fork(deps.cliBundle, [CLI_ARGS_MARKER, ...request.cliArgs], { serviceName: 'CourseCo Xero Assistant command line', stdio: 'inherit' });
  return new Promise<number>((resolve) => child.on('exit', (code: number) => resolve(code)));
}
