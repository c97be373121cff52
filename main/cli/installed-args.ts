/**
 * How the installed app hands the CLI its arguments: the shell forks the CLI bundle with `--courseco-cli` followed by
 * the command line (main/shell/command-line-run.ts builds it); the bundle's entry (installed-entry.ts) reads it back.
 * A marker, because a utility process's argv also holds what Electron puts before it.
 */
export const CLI_ARGS_MARKER = '--courseco-cli';

export function cliArgsAfterMarker(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf(CLI_ARGS_MARKER);
  return at < 0 ? undefined : argv.slice(at + 1);
}
