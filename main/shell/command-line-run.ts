/**
 * The installed app's command line, for Task Scheduler, launchd and cron: `"CourseCo Xero Assistant" --run sync
 * [--data-dir DIR] [--json] [more of the command's own options]`. With the release fuses on (no RunAsNode), the
 * installed app cannot be used as `node`, so it runs the CLI's own command itself, in a utility process, without a
 * window. Pure: argv in, a decision out; the shell (command-line.ts) carries it out.
 */
export const RUN_FLAG = '--run';
/** Started by the OS at login: the app goes to the tray, without a window, when the tray is on. */
export const HIDDEN_FLAG = '--hidden';

/** The commands worth running unattended; the rest need a person (sign-in, credentials) and belong to the window. */
export const RUNNABLE_COMMANDS = ['sync', 'reconcile', 'diagnose', 'status'] as const;
export type RunnableCommand = (typeof RUNNABLE_COMMANDS)[number];

/** Exit code when the open app holds the profile: sysexits' EX_UNAVAILABLE. */
export const EXIT_PROFILE_IN_USE = 69;
/** Exit code of a command line the app cannot read: the same as the CLI's usage errors. */
export const EXIT_USAGE = 2;

export type LaunchRequest =
  | { kind: 'window'; hidden: boolean }
  | { kind: 'run'; command: RunnableCommand; cliArgs: string[] }
  | { kind: 'refused'; message: string; exitCode: number };

const isRunnable = (value: string | undefined): value is RunnableCommand => (RUNNABLE_COMMANDS as readonly string[]).includes(value ?? '');

/** Drops `--data-dir DIR` / `--data-dir=DIR` (the shell resolves it once, for Electron and the CLI alike). */
function withoutDataDir(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg.startsWith('--data-dir=')) continue;
    if (arg === '--data-dir') {
      const next = args[index + 1];
      if (next !== undefined && !next.startsWith('--')) index += 1;
      continue;
    }
    // Old macOS adds a process serial number when an app is opened from the Finder.
    if (arg.startsWith('-psn_')) continue;
    kept.push(arg);
  }
  return kept;
}

/**
 * What this start of the app is for. Electron's argv is `[exe, …]` when installed and `[electron, appPath, …]` in
 * development; `--run` may come anywhere, and what follows its command is the command's own options.
 */
export function launchRequest(argv: readonly string[], dataDir: string): LaunchRequest {
  const runAt = argv.findIndex((arg) => arg === RUN_FLAG || arg.startsWith(`${RUN_FLAG}=`));
  if (runAt < 0) return { kind: 'window', hidden: argv.includes(HIDDEN_FLAG) };
  const flag = argv[runAt]!;
  const command = flag.includes('=') ? flag.slice(RUN_FLAG.length + 1) : argv[runAt + 1];
  const rest = withoutDataDir(argv.slice(runAt + (flag.includes('=') ? 1 : 2)));
  if (!isRunnable(command)) {
    return {
      kind: 'refused',
      exitCode: EXIT_USAGE,
      message: `${command ? `"${command}" cannot be run from the command line of the installed app` : 'Say what to run after --run'}: use one of ${RUNNABLE_COMMANDS.join(', ')} (for example --run sync). Everything else is done in the app's window.`,
    };
  }
  const globals = rest.includes('--json') ? ['--json'] : [];
  const own = rest.filter((arg) => arg !== '--json' && arg !== HIDDEN_FLAG);
  // A scheduled sync means every ready transaction, unless the command line says which.
  if (command === 'sync' && !own.some((arg) => arg === '--all' || arg === '--ids' || arg === '--dry-run')) own.push('--all');
  return { kind: 'run', command, cliArgs: ['--data-dir', dataDir, ...globals, command, ...own] };
}

/** Said on stderr when the app's window is open on the same profile. */
export function profileInUseMessage(dataDir: string): string {
  return (
    `CourseCo Xero Assistant is already open for this profile (${dataDir}), so this command did not run. ` +
    'Close the app and run it again, or turn on the scheduled sync in the app (Settings) and let the open app run it.'
  );
}
