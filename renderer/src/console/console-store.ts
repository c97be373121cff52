/**
 * The console's state and what changes it: filters, selection, the open transaction, the import report, the state of
 * a sync run, the one-line notice after an action, and what the last reconciliation found changed in Xero. The
 * journal stays the single source of truth: every change only bumps `refreshKey`, and the rows, counts, drawer and
 * history load again from the services.
 * Nothing here touches the DOM, so the logic can be specified in Node (test/unit/renderer/).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { DRIFT_KINDS, type DriftKind, type ReconcileReport } from '../../../contract/features/reconcile';
import { assistant } from '../host/assistant';
import { errorText, plural, toBase64 } from './format';
import type { MappingChoice } from './ImportReport';
import { syncEngine, type SyncProgress, type SyncSummary } from './sync-adapter';
import type { ActionResult, ImportResult, StatusCounts, TransactionFilter, TransactionRow, TransactionStatus } from './types';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** While a run is going, the table follows it at most this often. */
export const PROGRESS_REFRESH_MS = 1500;

type Imported = Extract<ImportResult, { status: 'imported' }>;
type NeedsMapping = Extract<ImportResult, { status: 'needs-mapping' }>;
type NeedsAmounts = Extract<ImportResult, { status: 'needs-amounts' }>;
type Problem = { message: string; fix: string | undefined };

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'working'; label: string }
  | { phase: 'done'; results: Imported[] }
  | { phase: 'mapping'; result: NeedsMapping; contentBase64: string }
  /** The file's amount columns add up more than one way: asked once; `choice` is what the user already answered. */
  | { phase: 'amounts'; result: NeedsAmounts; contentBase64: string; choice: Partial<MappingChoice> }
  | ({ phase: 'error' } & Problem);

export type SyncView =
  | { phase: 'idle' }
  | { phase: 'starting'; requested: number }
  | { phase: 'running'; progress: SyncProgress }
  | { phase: 'cancelling'; progress: SyncProgress | undefined }
  | { phase: 'finished'; summary: SyncSummary }
  | ({ phase: 'error' } & Problem);

export type Notice = { tone: 'good' | 'problem' | 'neutral'; text: string } | undefined;

/** What the last reconciliation found changed in Xero and not yet accepted (the Reconcile page has the detail). */
export interface DriftStatus {
  changes: number;
  /** How many of each kind, in the contract's order of kinds. */
  kinds: Array<{ kind: DriftKind; count: number }>;
  /** The range compared (YYYY-MM-DD) and when (ISO, UTC). */
  from: string;
  to: string;
  comparedAt: string;
  /** The kinds found on each CourseCo transaction, for its drawer. */
  byTransaction: Readonly<Record<string, readonly DriftKind[]>>;
}
export type RowAction = 'exclude' | 'include' | 'retry' | 'approveChange';

export interface Filters {
  status: TransactionStatus | '';
  from: string;
  to: string;
  /** What is in the search box now; `text` follows it once typing pauses. */
  textInput: string;
  text: string;
}

/** The file an import reads: a browser File, or anything shaped like one. */
export type ImportFile = Pick<File, 'name' | 'size' | 'arrayBuffer'>;

export interface ConsoleState extends Filters {
  counts: StatusCounts | undefined;
  countsError: Problem | undefined;
  /** Bumps whenever the journal may have changed. */
  refreshKey: number;
  selected: ReadonlySet<string>;
  /** The row index last clicked, where a Shift-click range starts. */
  anchor: number | undefined;
  openId: string | undefined;
  importState: ImportState;
  amountsIncludeTax: boolean;
  syncView: SyncView;
  notice: Notice;
  /** Undefined before the first reconciliation, when the books matched, or when every change was accepted. */
  drift: DriftStatus | undefined;

  refresh(): void;
  loadCounts(): Promise<void>;
  /** Reads the last reconciliation's report (kept by the journal: no call to Xero). */
  loadDrift(): Promise<void>;
  setStatus(status: TransactionStatus | ''): void;
  setFrom(from: string): void;
  setTo(to: string): void;
  setTextInput(textInput: string): void;
  /** Applies the search box's text to the filter (after the pause in typing). */
  applyText(): void;
  clearFilters(): void;
  toggle(rows: readonly TransactionRow[], index: number, checked: boolean, range: boolean): void;
  toggleAll(rows: readonly TransactionRow[], checked: boolean): void;
  clearSelection(): void;
  selectAllMatching(): Promise<void>;
  act(action: RowAction, transactionIds: string[]): Promise<void>;
  open(transactionId: string): void;
  close(): void;
  setAmountsIncludeTax(value: boolean): void;
  importFile(file: ImportFile): Promise<void>;
  importMapped(choice: MappingChoice): Promise<void>;
  /** Imports again with the reading of the amount columns the user chose. */
  importWithAmounts(reading: string): Promise<void>;
  loadSample(): Promise<void>;
  dismissImport(): void;
  /** Shows a run already under way (started before the page opened, or from another window). */
  adoptRunningSync(): Promise<void>;
  runSync(request: { transactionIds: string[] } | { all: true }, requested: number): Promise<void>;
  cancelSync(): Promise<void>;
  pauseSync(): Promise<void>;
  resumeSync(): Promise<void>;
  syncProgressed(progress: SyncProgress): void;
  syncFinished(summary: SyncSummary): void;
  /** Back to a fresh console, as when the page is opened anew; answers still on their way are dropped. */
  reset(): void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter the services understand: an unfinished date is left out rather than sent. */
export function filterOf({ status, from, to, text }: Pick<Filters, 'status' | 'from' | 'to' | 'text'>): TransactionFilter {
  const value: TransactionFilter = {};
  if (status) value.status = status;
  if (DATE.test(from)) value.from = from;
  if (DATE.test(to)) value.to = to;
  if (text) value.text = text;
  return value;
}

export function isFiltered({ status, from, to, text }: Pick<Filters, 'status' | 'from' | 'to' | 'text'>): boolean {
  return Boolean(status || from || to || text);
}

/** The selection with `rows` added (checked) or taken out. */
export function withRows(selected: ReadonlySet<string>, rows: readonly TransactionRow[], checked: boolean): ReadonlySet<string> {
  const next = new Set(selected);
  for (const row of rows) {
    if (checked) next.add(row.transactionId);
    else next.delete(row.transactionId);
  }
  return next;
}

/** What an exclude, include or retry did, in one sentence; refused rows name the first reason. */
export function describeAction(verb: string, result: ActionResult): Notice {
  const parts: string[] = [];
  if (result.updated.length) parts.push(`${plural(result.updated.length, 'transaction')} ${verb}`);
  if (result.refused.length) {
    const first = result.refused[0]!;
    parts.push(`${plural(result.refused.length, 'transaction')} left as ${result.refused.length === 1 ? 'it was' : 'they were'} (${first.transactionId}: ${first.reason}${result.refused.length > 1 ? ', …' : ''})`);
  }
  if (!parts.length) parts.push('Nothing needed to change');
  return { tone: result.refused.length ? 'problem' : 'good', text: `${parts.join('; ')}.` };
}

/** The console's status from the last report: only the changes in Xero nobody has accepted yet. */
export function driftStatusOf(report: ReconcileReport | null): DriftStatus | undefined {
  if (!report || report.matches) return undefined;
  const open = report.drift.filter((item) => !item.accepted);
  if (open.length === 0) return undefined;
  const byTransaction: Record<string, DriftKind[]> = {};
  for (const item of open) {
    if (!item.transactionId) continue;
    const kinds = (byTransaction[item.transactionId] ??= []);
    if (!kinds.includes(item.kind)) kinds.push(item.kind);
  }
  const kinds = DRIFT_KINDS.map((kind) => ({ kind, count: open.filter((item) => item.kind === kind).length })).filter((k) => k.count > 0);
  return { changes: open.length, kinds, from: report.from, to: report.to, comparedAt: report.generatedAt, byTransaction };
}

const VERBS: Record<RowAction, string> = { exclude: 'excluded', include: 'included again', retry: 'queued to retry', approveChange: 'approved: the change goes to Xero at the next sync' };

const EMPTY_FILTERS: Filters = { status: '', from: '', to: '', textInput: '', text: '' };

function initialState() {
  return {
    ...EMPTY_FILTERS,
    counts: undefined,
    countsError: undefined,
    refreshKey: 0,
    selected: new Set<string>() as ReadonlySet<string>,
    anchor: undefined,
    openId: undefined,
    importState: { phase: 'idle' } as ImportState,
    amountsIncludeTax: false,
    syncView: { phase: 'idle' } as SyncView,
    notice: undefined as Notice,
    drift: undefined as DriftStatus | undefined,
  };
}

// Each reset starts a new session; an answer that arrives for an older one is not shown.
let session = 0;
let countsRequest = 0;
let driftRequest = 0;

export const useConsoleStore = create<ConsoleState>()((set, get) => {
  /** A `set` that only lands if the console was not reset in the meantime. */
  const settle = () => {
    const mine = session;
    return (partial: Partial<ConsoleState> | ((state: ConsoleState) => Partial<ConsoleState>)) => {
      if (mine === session) set(partial);
    };
  };

  const sendImport = async (fileName: string, contentBase64: string, extra: Partial<MappingChoice> & { amounts?: string } = {}) => {
    const later = settle();
    const result = await assistant().transactions.import({ fileName, contentBase64, amountsIncludeTax: get().amountsIncludeTax, ...extra });
    if (result.status === 'needs-mapping') later({ importState: { phase: 'mapping', result, contentBase64 } });
    else if (result.status === 'needs-amounts') later({ importState: { phase: 'amounts', result, contentBase64, choice: extra } });
    else later({ importState: { phase: 'done', results: [result] } });
  };

  const importing = async (label: string, work: () => Promise<void>) => {
    const later = settle();
    set({ importState: { phase: 'working', label } });
    try {
      await work();
    } catch (error) {
      later({ importState: { phase: 'error', ...errorText(error) } });
    }
  };

  const syncCall = async (call: () => Promise<unknown>) => {
    const later = settle();
    try {
      await call();
    } catch (error) {
      later({ syncView: { phase: 'error', ...errorText(error) } });
    }
  };

  return {
    ...initialState(),

    refresh: () => set((s) => ({ refreshKey: s.refreshKey + 1 })),

    async loadCounts() {
      const later = settle();
      const request = ++countsRequest;
      try {
        const counts = await assistant().transactions.counts({});
        if (request === countsRequest) later({ counts, countsError: undefined });
      } catch (error) {
        if (request === countsRequest) later({ countsError: errorText(error) });
      }
    },

    async loadDrift() {
      const later = settle();
      const request = ++driftRequest;
      try {
        const report = await assistant().reconcile.last({});
        if (request === driftRequest) later({ drift: driftStatusOf(report) });
      } catch {
        // The status is a pointer to the Reconcile page, not the console's work: when the report cannot be read, the
        // last one read stays (or nothing shows), and the Reconcile page and Diagnostics say why.
      }
    },

    setStatus: (status) => set({ status }),
    setFrom: (from) => set({ from }),
    setTo: (to) => set({ to }),
    setTextInput: (textInput) => set({ textInput }),
    applyText: () => set((s) => ({ text: s.textInput.trim() })),
    clearFilters: () => set({ ...EMPTY_FILTERS }),

    toggle(rows, index, checked, range) {
      const anchor = range ? get().anchor : undefined;
      const start = anchor !== undefined ? Math.min(anchor, index) : index;
      const end = anchor !== undefined ? Math.max(anchor, index) : index;
      set((s) => ({ selected: withRows(s.selected, rows.slice(start, end + 1), checked), anchor: index }));
    },
    toggleAll: (rows, checked) => set((s) => ({ selected: withRows(s.selected, rows, checked) })),
    clearSelection: () => set({ selected: new Set(), notice: undefined }),

    async selectAllMatching() {
      const later = settle();
      try {
        const answer = await assistant().transactions.ids(filterOf(get()));
        later({ selected: new Set(answer.ids), notice: { tone: 'neutral', text: `${plural(answer.ids.length, 'transaction')} selected.` } });
      } catch (error) {
        later({ notice: { tone: 'problem', text: errorText(error).message } });
      }
    },

    async act(action, transactionIds) {
      if (transactionIds.length === 0) return;
      const later = settle();
      try {
        // What changed comes back as transactions.changed, which refreshes the table.
        const result = await assistant().transactions[action]({ ids: transactionIds });
        later({ notice: describeAction(VERBS[action], result) });
      } catch (error) {
        const { message, fix } = errorText(error);
        later({ notice: { tone: 'problem', text: `${message}${fix ? ` ${fix}` : ''}` } });
        later((s) => ({ refreshKey: s.refreshKey + 1 }));
      }
    },

    open: (openId) => set({ openId }),
    close: () => set({ openId: undefined }),

    setAmountsIncludeTax: (amountsIncludeTax) => set({ amountsIncludeTax }),

    async importFile(file) {
      if (file.size > MAX_FILE_BYTES) {
        set({ importState: { phase: 'error', message: `${file.name} is larger than 50 MB.`, fix: 'Export a shorter date range from CourseCo and import the files one after another.' } });
        return;
      }
      await importing(`Importing ${file.name}…`, async () => sendImport(file.name, toBase64(new Uint8Array(await file.arrayBuffer()))));
    },

    async importMapped(choice) {
      const current = get().importState;
      if (current.phase !== 'mapping') return;
      const { result, contentBase64 } = current;
      await importing(`Importing ${result.fileName}…`, () => sendImport(result.fileName, contentBase64, choice));
    },

    async importWithAmounts(reading) {
      const current = get().importState;
      if (current.phase !== 'amounts') return;
      const { result, contentBase64, choice } = current;
      await importing(`Importing ${result.fileName}…`, () => sendImport(result.fileName, contentBase64, { ...choice, amounts: reading }));
    },

    async loadSample() {
      const later = settle();
      await importing('Importing the sample CourseCo exports…', async () => {
        const { imports } = await assistant().transactions.sampleData({});
        later({ importState: { phase: 'done', results: imports.filter((r): r is Imported => r.status === 'imported') } });
      });
    },

    dismissImport: () => set({ importState: { phase: 'idle' } }),

    async adoptRunningSync() {
      const later = settle();
      try {
        const state = await syncEngine.state();
        if (state?.progress && (state.state === 'running' || state.state === 'paused')) later({ syncView: { phase: 'running', progress: state.progress } });
      } catch {
        // Nothing to show: the buttons still work, and a run's own events will bring its progress.
      }
    },

    async runSync(request, requested) {
      const later = settle();
      set({ syncView: { phase: 'starting', requested } });
      try {
        // The run's end also arrives as sync.finished, which refreshes the table.
        const summary = await syncEngine.run(request);
        later({ syncView: { phase: 'finished', summary } });
        if ('transactionIds' in request) later({ selected: new Set() });
      } catch (error) {
        later((s) => ({ syncView: { phase: 'error', ...errorText(error) }, refreshKey: s.refreshKey + 1 }));
      }
    },

    async cancelSync() {
      set((s) => ({ syncView: { phase: 'cancelling', progress: s.syncView.phase === 'running' ? s.syncView.progress : undefined } }));
      await syncCall(() => syncEngine.cancel());
    },
    pauseSync: () => syncCall(() => syncEngine.pause()),
    resumeSync: () => syncCall(() => syncEngine.resume()),

    syncProgressed: (progress) => set((s) => ({ syncView: s.syncView.phase === 'cancelling' ? { phase: 'cancelling', progress } : { phase: 'running', progress } })),
    syncFinished: (summary) => set((s) => ({ syncView: { phase: 'finished', summary }, refreshKey: s.refreshKey + 1 })),

    reset() {
      session++;
      set(initialState());
    },
  };
});

/**
 * Follows the journal while the console is open: our own changes, a profile or organisation switch (it shows up as
 * a connection change), and the sync engine's progress and end. Progress refreshes the table at most every
 * PROGRESS_REFRESH_MS, so a long run does not reload it on every batch. A run's end and a switch also read the last
 * reconciliation again (a journal read, no call to Xero), so its status is the current profile's latest.
 * Returns the unsubscribe function.
 */
export function followConsole(now: () => number = Date.now): () => void {
  const api = assistant();
  const store = useConsoleStore.getState();
  const offChanged = api.events.transactionsChanged(() => store.refresh());
  const offConnection = api.events.connectionChanged(() => {
    store.refresh();
    void store.loadDrift();
  });
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const offProgress = syncEngine.onProgress((progress) => {
    store.syncProgressed(progress);
    const wait = PROGRESS_REFRESH_MS - (now() - last);
    if (wait <= 0) {
      last = now();
      store.refresh();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        last = now();
        store.refresh();
      }, wait);
    }
  });
  const offFinished = syncEngine.onFinished((summary) => {
    store.syncFinished(summary);
    void store.loadDrift();
  });
  return () => {
    offChanged();
    offConnection();
    offProgress();
    offFinished();
    if (timer) clearTimeout(timer);
  };
}

/** The current filter, as one object that changes only when one of its parts does. */
export function useConsoleFilter(): TransactionFilter {
  const status = useConsoleStore((s) => s.status);
  const from = useConsoleStore((s) => s.from);
  const to = useConsoleStore((s) => s.to);
  const text = useConsoleStore((s) => s.text);
  return useMemo(() => filterOf({ status, from, to, text }), [status, from, to, text]);
}
