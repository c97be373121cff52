/**
 * Handlers of reconciliation (contract/features/reconcile.ts): each channel is one call of the reconcile service
 * (main/sync/reconcile), whose progress goes out as `reconcile.progress`.
 *
 * Until the service is wired, `run`, `lines`, `resolve` and `exportClosePack` say in plain words that reconciliation is
 * not available yet, and `last` answers that there is no report (true: nothing was ever compared).
 */
import type { ClosePack, LinesQuery, ReconcileLine, ReconcileRange, ReconcileReport, reconcileChannels, DriftAction } from '../../../contract/features/reconcile';
import { DomainError } from '../../errors';
import type { FeatureContext, FeatureHandlers } from '../feature-context';

/** What the handlers need of the reconcile service; `createReconcileService` (main/sync/reconcile) provides it. */
export interface ReconcileServicePort {
  run(range: ReconcileRange): Promise<ReconcileReport>;
  last(): Promise<ReconcileReport | null> | ReconcileReport | null;
  lines(query: LinesQuery): Promise<{ rows: ReconcileLine[]; total: number; nextCursor: string | null }>;
  resolve(key: string, action: DriftAction): Promise<{ message: string; report: ReconcileReport }>;
  exportClosePack(range: ReconcileRange): Promise<ClosePack>;
}

const notAvailable = (): never => {
  throw new DomainError('ReconcileNotAvailable', {
    message: 'Reconciliation is not available yet.',
    fix: 'Update the assistant to a version that compares CourseCo with Xero.',
  });
};

const unavailableService: ReconcileServicePort = {
  run: async () => notAvailable(),
  last: () => null,
  lines: async () => notAvailable(),
  resolve: async () => notAvailable(),
  exportClosePack: async () => notAvailable(),
};

export function createReconcileHandlers(_context: FeatureContext, service: ReconcileServicePort = unavailableService): FeatureHandlers<keyof typeof reconcileChannels> {
  return {
    'reconcile.run': (range) => service.run(range),
    'reconcile.last': () => service.last(),
    'reconcile.lines': (query) => service.lines(query),
    'reconcile.resolve': ({ key, action }) => service.resolve(key, action),
    'reconcile.exportClosePack': (range) => service.exportClosePack(range),
  };
}
