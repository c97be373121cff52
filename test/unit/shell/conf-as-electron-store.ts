/** Stands in for electron-store 11 (which needs a running Electron): it does exactly what electron-store does with
 * its options before handing them to conf, i.e. renames `name` to `configName`. */
import Conf from 'conf';
import type { ElectronStoreOptions } from '../../../main/shell/settings-electron';

export class ConfAsElectronStore extends Conf<Record<string, unknown>> {
  constructor({ name, ...options }: ElectronStoreOptions) {
    super({ ...options, configName: name, projectName: 'courseco-xero-assistant-test' } as ConstructorParameters<typeof Conf>[0]);
  }
}
