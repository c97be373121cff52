/** Handlers of the wizard feature's channels (main/contract/features/wizard.ts). */
import type { FeatureHandlers } from '../feature-context';
import type { wizardChannels } from '../../contract/features/wizard';
import type { FeatureContext } from '../feature-context';

export function createWizardHandlers(_context: FeatureContext): FeatureHandlers<keyof typeof wizardChannels> {
  return {};
}
