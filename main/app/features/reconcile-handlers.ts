/**
 * Handlers of reconciliation (contract/features/reconcile.ts): each channel is one call of the profile's reconcile
 * service (main/app/reconcile-wiring.ts), built on first use; a comparison's progress goes out as `reconcile.progress`.
 * The close pack is the last report's (compared afresh when another range is asked for), printed by the host's own
 * Chromium where it has one (Electron's printToPDF), else by a headless Chromium on the machine.
 */
import type { ReconcileReport, reconcileChannels } from '../../../contract/features/reconcile';
import { DomainError } from '../../errors';
import type { ReconcileService } from '../../sync/reconcile';
import { chromiumPdfPrinter } from '../chromium-pdf';
import { closePackDestination, exportClosePack } from '../close-pack-export';
import type { FeatureContext, FeatureHandlers } from '../feature-context';
import { createProfileReconcileService } from '../reconcile-wiring';

export function createReconcileHandlers(context: FeatureContext): FeatureHandlers<keyof typeof reconcileChannels> {
  let service: ReconcileService | undefined;
  const get = () => (service ??= createProfileReconcileService(context));
  const run = (range: { from?: string; to?: string }) => get().run(range, (progress) => context.bus.emit('reconcile.progress', progress));

  /** The report the pack is of: the last one, unless the range asked for is another. */
  const reportFor = async (range: { from?: string; to?: string }): Promise<ReconcileReport> => {
    const last = get().last();
    if (last && (!range.from || range.from === last.from) && (!range.to || range.to === last.to)) return last;
    if (!last && !range.from && !range.to) {
      throw new DomainError('NotReconciled', { message: 'There is no reconciliation to export yet.', fix: 'Compare CourseCo with Xero first.' });
    }
    return run(range);
  };

  return {
    'reconcile.run': (range) => run(range),
    'reconcile.last': () => get().last(),
    'reconcile.lines': (query) => get().lines(query),
    'reconcile.resolve': ({ key, action }) => get().resolve(key, action),
    'reconcile.exportClosePack': async (range) => {
      const report = await reportFor(range);
      const lines = await get().allLines();
      const { folder, fileStem } = await closePackDestination(report, context);
      return exportClosePack({ report, lines, printer: context.printToPdf ?? chromiumPdfPrinter(), folder, fileStem });
    },
  };
}
