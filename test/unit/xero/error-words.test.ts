/**
 * The Xero and settings errors a GUI screen can show carry a fix in a bookkeeper's words: no command line, no bare
 * "developer.xero.com →" path, no settings key or file name. The command that does the same fix rides along as `cli`,
 * which only the command line prints (main/cli/program.ts) and the IPC envelope never carries.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program';
import type { DomainError } from '../../../main/errors';
import { failureOf } from '../../../main/ipc/dispatcher';
import { settingsDamaged } from '../../../main/settings/settings-store';
import { secretForAnotherServer, validateClientId } from '../../../main/xero/credentials';
import { credentialsNotConfigured, invalidClientCredentials, invalidScope, organisationNotAuthorised, redirectUriNotRegistered } from '../../../main/xero/xero-errors';

const DEVELOPER_WORDS = [/courseco-xero|config (set|repair)|credentials set|--tenant/, /developer\.xero\.com →|\/app\/manage/, /\bxero\.(scopes|issuer|[a-z]+[A-Z]\w*)\b/, /\.json\b/];

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a throw');
}

const errors: Array<[string, DomainError]> = [
  ['no credentials', credentialsNotConfigured()],
  ['wrong secret', invalidClientCredentials('invalid_client', true)],
  ['wrong Client ID', invalidClientCredentials('invalid_client', false)],
  ['redirect URI', redirectUriNotRegistered('http://localhost:53682/callback', '5 minutes')],
  ['scopes', invalidScope('broad', 'invalid_scope')],
  ['wrong organisation', organisationNotAuthorised(['Demo Company (UK)'], 'CourseCo Training Ltd')],
  ['secret for another server', secretForAnotherServer('https://identity.xero.com', 'http://localhost:4010')],
  ['Client ID too short', thrown(() => validateClientId('ABC123'))],
  ['settings damaged', settingsDamaged()],
];

describe('errors a GUI screen shows', () => {
  it.each(errors)('%s: message and fix name no command, settings key, file or bare portal path', (_, error) => {
    for (const pattern of DEVELOPER_WORDS) expect(`${error.message} ${error.fix ?? ''} ${error.evidence ?? ''}`).not.toMatch(pattern);
  });

  it('the portal is named as the GUI says it, and the IPC envelope drops the command', () => {
    expect(invalidClientCredentials('x', true).fix).toContain("Xero's developer portal (developer.xero.com): open My Apps, choose your app, then Configuration");
    const envelope = failureOf('connection.connect', invalidScope('broad', 'x'), () => undefined);
    expect(JSON.stringify(envelope)).not.toContain('courseco-xero');
  });

  it('the command line adds the command that does the fix', async () => {
    const cases: Array<[DomainError, string]> = [
      [invalidScope('broad', 'x'), 'courseco-xero config set xero.scopes granular'],
      [settingsDamaged(), 'courseco-xero config repair'],
      [organisationNotAuthorised(['Demo Company (UK)'], 'CourseCo Training Ltd'), 'courseco-xero connect --tenant'],
      [credentialsNotConfigured(), 'courseco-xero credentials set'],
    ];
    for (const [error, command] of cases) {
      let said = '';
      const stderr = { write: (text: string) => ((said += text), true) } as unknown as NodeJS.WritableStream;
      const program = new Command('courseco-xero').exitOverride().action(() => {
        throw error;
      });
      expect(await runCli([], stderr, program)).toBe(1);
      expect(said).toContain(command);
    }
  });
});
