/**
 * The console's one door to the sync engine (`sync.*` channels of contract/features/sync.ts): the calls and
 * events the console uses, with the shapes it reads, so the components never spell channel names themselves.
 */
import type { EventPayload, ResultOf } from '../../../contract/contract';
import { assistant } from '../host/assistant';

export type SyncProgress = EventPayload<'sync.progress'>;
export type SyncSummary = ResultOf<'sync.run'>;
export type SyncRunRecord = ResultOf<'sync.runs'>['runs'][number];
export type SyncStateView = ResultOf<'sync.state'>;
/** What `sync.preview` answers for one transaction: the documents exactly as they would be sent, or why not. */
export type PreviewTransaction = ResultOf<'sync.preview'>['transactions'][number];
export type PreviewNames = NonNullable<ResultOf<'sync.preview'>['names']>;

export const syncEngine = {
  preview: async (transactionIds: string[]): Promise<PreviewTransaction[]> => (await assistant().sync.preview({ transactionIds })).transactions,
  /** One transaction's plan with the organisation's names of the accounts and tax rates it uses. */
  previewOne: async (transactionId: string): Promise<{ plan: PreviewTransaction | undefined; names: PreviewNames | undefined }> => {
    const answer = await assistant().sync.preview({ transactionIds: [transactionId] });
    return { plan: answer.transactions[0], names: answer.names };
  },
  run: (request: { transactionIds: string[] } | { all: true }): Promise<SyncSummary> => assistant().sync.run(request),
  cancel: () => assistant().sync.cancel({}),
  pause: () => assistant().sync.pause({}),
  resume: () => assistant().sync.resume({}),
  state: (): Promise<SyncStateView | undefined> => assistant().sync.state({}),
  runs: async (limit = 20): Promise<SyncRunRecord[]> => (await assistant().sync.runs({ limit })).runs,
  onProgress: (listener: (progress: SyncProgress) => void): (() => void) => assistant().events.syncProgress(listener),
  onFinished: (listener: (summary: SyncSummary) => void): (() => void) => assistant().events.syncFinished(listener),
};
