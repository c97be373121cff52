/**
 * Handlers of reconciliation (contract/features/reconcile.ts): each channel is one call of the profile's reconcile
 * service (main/app/reconcile-wiring.ts), built on first use; a comparison's progress goes out as `reconcile.progress`.
 * The close pack (PDF + CSV) is the last report's, or that of the range asked for (compared first when it differs);
 * the host prints it with its own Chromium when it has one (Electron's printToPDF), else with a headless Chromium.
 */
import type { reconcileChannels } from '../../../contract/features/reconcile';
import { DomainError } from '../../errors';
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
      try {
        return await exportClosePack({ report, lines, printer: context.printToPdf ?? chromiumPdfPrinter(), folder, fileStem });
      } catch (error) {
        // The printer's fix names a command-line option and an environment variable: a window says it in its own words.
        if (error instanceof DomainError && (error.kind === 'ChromiumNotFound' || error.kind === 'PdfPrintFailed')) {
          throw new DomainError(error.kind, { message: error.message, fix: 'Install Chromium or Google Chrome on this computer and export again; the spreadsheet of every line is already saved.', ...(error.evidence ? { evidence: error.evidence } : {}), cause: error });
        }
        throw error;
      }
    },
  };
}
