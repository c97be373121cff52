/**
 * The CLI inside the installed desktop app (bundled to dist/electron/cli.mjs): the shell starts it in a utility
 * process for `--run sync` and the like (main/shell/command-line.ts), because the release fuses forbid running the
 * app as plain Node. The same program as `npx courseco-xero`.
 */
import { cliArgsAfterMarker } from './installed-args';
import { runCli } from './program';

const args = cliArgsAfterMarker(process.argv);
if (!args) process.stderr.write('The command line was started without its arguments.\n');
const code = args ? await runCli(args) : 2;
// A utility process does not end by itself while its parent port is open: end it once the output is written.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
