/**
 * The console's door to the sync engine (`sync.*` channels, owned by the sync feature). The shapes below are the
 * agreed ones; until the engine's entries are in the contract, calls are looked up by name at run time, so the
 * console compiles and says "not available yet" instead of failing. Replace with typed calls once they land.
 */
import { assistant } from '../host/assistant';

export interface RateLimitState {
  minuteRemaining?: number;
  dayRemaining?: number;
  waitingSeconds?: number;
}

export interface SyncProgress {
  runId: number | string;
  phase: string;
  done: number;
  total: number;
  synced: number;
  failed: number;
  calls: number;
  rateLimit?: RateLimitState;
  etaSeconds?: number;
  paused?: boolean;
}

export interface SyncSummary {
  runId: number | string;
  synced: number;
  failed: number;
  skipped: number;
  calls: number;
  durationMs: number;
  failures: Array<{ transactionId: string; reason: string }>;
  outcome?: 'completed' | 'cancelled' | 'failed';
  message?: string;
  linked?: number;
}

export interface SyncStateView {
  state: 'idle' | 'running' | 'paused' | 'cancelling';
  runId?: number;
  progress?: SyncProgress;
}

/** What `sync.preview` answers for one transaction: the documents exactly as they would be sent, or why not. */
export interface PreviewTransaction {
  transactionId: string;
  outcome: 'planned' | 'error' | 'skipped' | 'nothing-to-send';
  errors: string[];
  warnings: string[];
  reason?: string;
  totals?: { subTotal: string; totalTax: string; total: string };
  documents: Array<{ kind: string; operation: string; request: { method: string; path: string; query: string }; payload: Record<string, unknown> }>;
}

export interface SyncRunRecord {
  id: number | string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  requested?: number;
  synced: number;
  failed: number;
  skipped: number;
  calls: number;
  durationMs: number | null;
  message?: string | null;
  actor?: string;
}

type Call = (args?: unknown) => Promise<unknown>;
type Subscribe = (listener: (payload: unknown) => void) => () => void;
type LooseApi = Record<string, Record<string, unknown> | undefined>;

function method(group: string, name: string): Call | undefined {
  const fn = (assistant() as unknown as LooseApi)[group]?.[name];
  return typeof fn === 'function' ? (fn as Call) : undefined;
}

function subscription(name: string): Subscribe | undefined {
  const fn = (assistant() as unknown as LooseApi).events?.[name];
  return typeof fn === 'function' ? (fn as Subscribe) : undefined;
}

function required(name: string): Call {
  const fn = method('sync', name);
  if (!fn) throw new Error(`Sending to Xero is not available in this version yet (sync.${name}).`);
  return fn;
}

export const syncEngine = {
  available: (): boolean => method('sync', 'run') !== undefined,
  previewAvailable: (): boolean => method('sync', 'preview') !== undefined,
  preview: async (transactionIds: string[]): Promise<PreviewTransaction[]> => {
    const answer = (await required('preview')({ transactionIds })) as { transactions?: PreviewTransaction[] };
    return answer.transactions ?? [];
  },
  run: (request: { transactionIds: string[] } | { all: true }): Promise<SyncSummary> => required('run')(request) as Promise<SyncSummary>,
  cancel: (): Promise<unknown> => required('cancel')({}),
  pause: (): Promise<unknown> => required('pause')({}),
  resume: (): Promise<unknown> => required('resume')({}),
  state: async (): Promise<SyncStateView | undefined> => {
    const fn = method('sync', 'state');
    return fn ? ((await fn({})) as SyncStateView) : undefined;
  },
  runs: async (limit = 20): Promise<SyncRunRecord[]> => {
    const answer = await required('runs')({ limit });
    if (Array.isArray(answer)) return answer as SyncRunRecord[];
    const runs = (answer as { runs?: unknown }).runs;
    return Array.isArray(runs) ? (runs as SyncRunRecord[]) : [];
  },
  onProgress: (listener: (progress: SyncProgress) => void): (() => void) =>
    subscription('syncProgress')?.((payload) => listener(payload as SyncProgress)) ?? (() => undefined),
  onFinished: (listener: (summary: SyncSummary) => void): (() => void) =>
    subscription('syncFinished')?.((payload) => listener(payload as SyncSummary)) ?? (() => undefined),
};
