/**
 * Handlers of reconciliation (contract/features/reconcile.ts): each channel is one call of the profile's reconcile
 * service (main/app/reconcile-wiring.ts), built on first use; a comparison's progress goes out as `reconcile.progress`.
 * The close pack (PDF + CSV) is the last report's, or that of the range asked for (compared first when it differs);
 * the host prints it with its own Chromium when it has one (Electron's printToPDF), else with a headless Chromium.
 */
import type { reconcileChannels } from '../../../contract/features/reconcile';
import { chromiumPdfPrinter } from '../chromium-pdf';
import { closePackDestination, exportClosePack } from '../close-pack-export';
import type { ReconcileService } from '../../sync/reconcile';
import type { FeatureContext, FeatureHandlers } from '../feature-context';
import { createProfileReconcileService } from '../reconcile-wiring';

export function createReconcileHandlers(context: FeatureContext): FeatureHandlers<keyof typeof reconcileChannels> {
  let service: ReconcileService | undefined;
  const get = () => (service ??= createProfileReconcileService(context));
  return {
    'reconcile.run': (range) => get().run(range, (progress) => context.bus.emit('reconcile.progress', progress)),
    'reconcile.last': () => get().last(),
    'reconcile.lines': (query) => get().lines(query),
    'reconcile.resolve': ({ key, action }) => get().resolve(key, action),
    'reconcile.exportClosePack': async (range) => {
      // One snapshot: the PDF's figures and the CSV's lines come from the same comparison.
      const { report, lines } = await get().snapshot(range);
      const { folder, fileStem } = await closePackDestination(report, { dataDir: context.dataDir, ...(context.chooseSavePath ? { chooseSavePath: context.chooseSavePath } : {}) });
      return exportClosePack({ report, lines, printer: context.printToPdf ?? chromiumPdfPrinter(), folder, fileStem });
    },
  };
}
