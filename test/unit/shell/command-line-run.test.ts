/**
 * The installed app's command line (main/shell/command-line-run.ts): `--run sync` becomes the CLI's `sync --all` on
 * the same profile as the app, wherever Electron puts its own arguments; what cannot run unattended is refused with
 * the commands that can; a start at login is told apart from a person opening the app.
 */
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, launchRequest, profileInUseMessage, RUNNABLE_COMMANDS } from '../../../main/shell/command-line-run';
import { cliArgsAfterMarker, CLI_ARGS_MARKER } from '../../../main/cli/installed-args';

const EXE = 'C:\\Program Files\\CourseCo Xero Assistant\\CourseCo Xero Assistant.exe';
const DATA = '/home/anne/.config/courseco-xero-assistant';

describe('launchRequest', () => {
  it('a plain start opens the window; a start at login says hidden', () => {
    expect(launchRequest([EXE], DATA)).toEqual({ kind: 'window', hidden: false });
    expect(launchRequest([EXE, '--hidden'], DATA)).toEqual({ kind: 'window', hidden: true });
  });

  it('--run sync is the CLI sync of every ready transaction, on the app’s profile', () => {
    expect(launchRequest([EXE, '--run', 'sync'], DATA)).toEqual({ kind: 'run', command: 'sync', cliArgs: ['--data-dir', DATA, 'sync', '--all'] });
    expect(launchRequest([EXE, '--run=sync'], DATA)).toMatchObject({ cliArgs: ['--data-dir', DATA, 'sync', '--all'] });
  });

  it('in development (electron <app path>) and with --data-dir anywhere, the data dir is the one resolved once', () => {
    const argv = ['/usr/lib/electron/electron', '/src/app', '--data-dir', '/tmp/profile', '--run', 'sync', '--data-dir=/tmp/profile', '--json'];
    expect(launchRequest(argv, '/tmp/profile')).toEqual({ kind: 'run', command: 'sync', cliArgs: ['--data-dir', '/tmp/profile', '--json', 'sync', '--all'] });
  });

  it('passes the command’s own options on, and does not add --all when the transactions are named', () => {
    expect(launchRequest([EXE, '--run', 'sync', '--ids', 'T-1', 'T-2', '--wait'], DATA)).toMatchObject({ cliArgs: ['--data-dir', DATA, 'sync', '--ids', 'T-1', 'T-2', '--wait'] });
    expect(launchRequest([EXE, '--run', 'reconcile', '--from', '2026-10-01'], DATA)).toMatchObject({ command: 'reconcile', cliArgs: ['--data-dir', DATA, 'reconcile', '--from', '2026-10-01'] });
  });

  it('drops the serial number old macOS adds when opened from the Finder', () => {
    expect(launchRequest(['/Applications/CourseCo Xero Assistant.app/Contents/MacOS/CourseCo Xero Assistant', '-psn_0_12345', '--run', 'status'], DATA)).toMatchObject({ cliArgs: ['--data-dir', DATA, 'status'] });
  });

  it('refuses a command that needs a person, and a missing one, naming those that can run', () => {
    for (const argv of [[EXE, '--run', 'connect'], [EXE, '--run'], [EXE, '--run', '--json']]) {
      const request = launchRequest(argv, DATA);
      expect(request).toMatchObject({ kind: 'refused', exitCode: EXIT_USAGE });
      if (request.kind === 'refused') for (const command of RUNNABLE_COMMANDS) expect(request.message).toContain(command);
    }
  });

  it('says plainly when the open app holds the profile, and what to do', () => {
    expect(profileInUseMessage(DATA)).toMatch(/already open for this profile .*did not run\. Close the app and run it again, or turn on the scheduled sync/);
  });
});

describe('the CLI’s arguments in the utility process', () => {
  it('are everything after the marker, whatever Electron put before it', () => {
    expect(cliArgsAfterMarker(['/x/electron', '/app/dist/electron/cli.mjs', CLI_ARGS_MARKER, '--data-dir', DATA, 'sync', '--all'])).toEqual(['--data-dir', DATA, 'sync', '--all']);
    expect(cliArgsAfterMarker(['/x/electron', 'sync'])).toBeUndefined();
  });
});
