/**
 * Handlers of the Settings page's channels (contract/features/settings.ts). `profile.reset` here is the single-profile
 * answer (CLI, tests with plain services): a profile cannot delete itself from under the command that opened it.
 * Hosts built with `createProfileHost` (main/app/profiles.ts) replace it with the real reset.
 */
import type { settingsChannels } from '../../../contract/features/settings';
import { DomainError } from '../../errors';
import type { FeatureContext, FeatureHandlers } from '../feature-context';

export function createSettingsHandlers(context: FeatureContext): FeatureHandlers<keyof typeof settingsChannels> {
  return {
    'app.folders': () => ({ data: context.dataDir, canOpen: context.openFolder !== undefined }),
    'app.openFolder': async ({ folder }) => {
      if (!context.openFolder) {
        throw new DomainError('OpenFolderUnavailable', {
          message: 'This window cannot open folders on the computer.',
          fix: 'Copy the folder\'s location and paste it into your file manager.',
        });
      }
      // The only folder name there is today; the window names it, the services say where it is.
      if (folder === 'data') await context.openFolder(context.dataDir);
      return { opened: true };
    },
    'connection.forget': async () => ({ forgotten: await context.connection.forget() }),
    'profile.reset': () => {
      throw new DomainError('ProfileResetUnavailable', {
        message: 'This host runs a single profile, so it cannot reset the profile it is running in.',
        fix: 'Reset from the app\'s Settings page, or delete the data folder yourself when no command is running.',
      });
    },
  };
}
