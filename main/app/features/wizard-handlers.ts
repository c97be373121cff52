/**
 * Handlers of the wizard feature's channels (contract/features/wizard.ts). The `profile.*` answers here are the
 * single-profile ones (CLI, tests with plain services); hosts built with `createProfileHost` (main/app/profiles.ts)
 * replace them with a real switch.
 */
import path from 'node:path';
import type { FeatureHandlers } from '../feature-context';
import type { wizardChannels } from '../../../contract/features/wizard';
import type { FeatureContext } from '../feature-context';
import { DomainError } from '../../errors';
import { sampleProfileDir } from '../../paths';
import { createWizardService } from '../../wizard/wizard-service';

/** The sample-data profile is, by definition, the `sample-profile` directory beside the user's own data. */
export function isSampleProfileDir(dataDir: string): boolean {
  return path.resolve(sampleProfileDir(path.dirname(path.resolve(dataDir)))) === path.resolve(dataDir);
}

export function createWizardHandlers(context: FeatureContext): FeatureHandlers<keyof typeof wizardChannels> {
  const profile = isSampleProfileDir(context.dataDir) ? ('sample' as const) : ('own' as const);
  const wizard = createWizardService(context, { profile: () => profile });
  const noSwitch = () => {
    throw new DomainError('ProfileSwitchUnavailable', {
      message: 'This host runs a single profile, so it cannot switch to the sample data.',
      fix: 'Use the desktop app, or run `courseco-xero demo` for sample data from the command line.',
    });
  };
  return {
    'wizard.state': () => wizard.state(),
    'wizard.lintDomain': (args) => wizard.lintDomain(args),
    'wizard.options': () => wizard.options(),
    'wizard.organisations': () => wizard.organisations(),
    'wizard.choose': (args) => wizard.choose(args),
    'wizard.courseCoValues': () => wizard.courseCoValues(),
    'wizard.confirmCourseCo': (args) => wizard.confirmCourseCo(args),
    'wizard.readBack': ({ transactionId }) => wizard.readBack(transactionId),
    'profile.current': () => ({ profile, canSwitch: false }),
    'profile.useSample': noSwitch,
    'profile.useOwn': noSwitch,
  };
}
