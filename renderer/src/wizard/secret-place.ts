/**
 * Where the Client Secret is kept, as the services report it (wizard facts' keychain): the system keychain, or — for
 * sample data, and a profile on a computer without one — this app's memory until it closes. One phrase for every step.
 */
import type { WizardState } from './types';

export function secretPlace(keychain: WizardState['facts']['keychain']): string {
  return keychain?.persistent === false ? `in ${keychain.detail}` : 'in your system keychain';
}
