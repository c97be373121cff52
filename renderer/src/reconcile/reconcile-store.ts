/**
 * The Reconcile page's state: the period chosen, the report on screen (the last one from the journal, then each
 * comparison), the progress of a comparison, the breakdown tab, the lines a drill-down shows, the drift item open in
 * the drawer, and the close pack. Talks to the services only through `assistant()` and the `reconcile.*` channels.
 */
import { create } from 'zustand';
import type {
  BreakdownDimension,
  ClosePack,
  DriftAction,
  DriftItem,
  LinesQuery,
  ReconcileLine,
  ReconcileProgress,
  ReconcileReport,
} from '../../../contract/features/reconcile';
import { assistant } from '../host/assistant';
import { messageAndFix } from '../host/failure';
import { lastDayOf, lastFullMonth, wholeMonth } from './reconcile-format';

export interface Failure {
  message: string;
  fix: string | undefined;
}

/** A whole month (the usual close), or any dates. */
export type RangeChoice = { kind: 'month'; month: string; from: string; to: string } | { kind: 'dates'; month: string; from: string; to: string };

/** What a drill-down shows the lines of. */
export type DrillTarget =
  | { kind: 'period'; period: string }
  | { kind: 'breakdown'; dimension: BreakdownDimension; key: string; label: string }
  | { kind: 'differences' }
  | { kind: 'drift'; item: DriftItem };

export interface Drill {
  target: DrillTarget;
  /** The query without paging: the report's range and the target's filter. */
  query: LinesQuery;
  rows: ReconcileLine[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
  error: Failure | null;
}

/** How many lines one answer brings; more come with "Show more". */
export const LINES_PAGE = 200;

export interface ReconcileState {
  choice: RangeChoice;
  report: ReconcileReport | null;
  /** The last report has been asked for (once per session). */
  loaded: boolean;
  running: boolean;
  progress: ReconcileProgress | null;
  runError: Failure | null;
  tab: BreakdownDimension;
  drill: Drill | null;
  openDriftKey: string | null;
  /** The key of the drift item whose action is being carried out. */
  resolving: string | null;
  /** The services' words after an action (what happened, or why it failed). */
  notice: { tone: 'good' | 'problem'; text: string } | null;
  exporting: boolean;
  closePack: ClosePack | null;
  exportError: Failure | null;

  chooseKind(kind: RangeChoice['kind']): void;
  chooseMonth(month: string): void;
  chooseDates(from: string, to: string): void;
  /** Shows the last report (once); never calls Xero by itself. */
  ensureReport(): Promise<void>;
  run(): Promise<void>;
  progressHeard(progress: ReconcileProgress): void;
  setTab(tab: BreakdownDimension): void;
  drillDown(target: DrillTarget): Promise<void>;
  moreLines(): Promise<void>;
  closeDrill(): void;
  openDrift(key: string): void;
  closeDrift(): void;
  resolve(key: string, action: DriftAction): Promise<void>;
  exportClosePack(): Promise<void>;
}

export function monthChoice(month: string): RangeChoice {
  return { kind: 'month', month, from: `${month}-01`, to: lastDayOf(month) };
}

/** The choice that shows a report's own range. */
function choiceOf(report: ReconcileReport): RangeChoice {
  const month = wholeMonth(report.from, report.to);
  return month ? monthChoice(month) : { kind: 'dates', month: report.from.slice(0, 7), from: report.from, to: report.to };
}

function queryOf(report: ReconcileReport, target: DrillTarget): LinesQuery {
  const range = { from: report.from, to: report.to };
  switch (target.kind) {
    case 'period':
      return { ...range, period: target.period };
    case 'breakdown':
      return { ...range, dimension: target.dimension, key: target.key };
    case 'differences':
      return { ...range, differencesOnly: true };
    case 'drift':
      // The lines of the item's month that differ: the item's own line is among them, marked on screen.
      return { ...range, period: target.item.period, differencesOnly: true };
  }
}

/** Each drill-down and each report bumps it, so a late answer for an earlier one is dropped. */
let drillGeneration = 0;

export const useReconcileStore = create<ReconcileState>()((set, get) => ({
  choice: monthChoice(lastFullMonth(new Date())),
  report: null,
  loaded: false,
  running: false,
  progress: null,
  runError: null,
  tab: 'vat-rate',
  drill: null,
  openDriftKey: null,
  resolving: null,
  notice: null,
  exporting: false,
  closePack: null,
  exportError: null,

  chooseKind: (kind) =>
    set(({ choice }) => ({
      choice: kind === 'month' ? monthChoice(choice.month) : { kind: 'dates', month: choice.month, from: choice.from, to: choice.to },
    })),
  chooseMonth: (month) => {
    if (/^\d{4}-\d{2}$/.test(month)) set({ choice: monthChoice(month) });
  },
  chooseDates: (from, to) => set(({ choice }) => ({ choice: { kind: 'dates', month: (from || choice.from).slice(0, 7), from, to } })),

  async ensureReport() {
    if (get().loaded) return;
    set({ loaded: true });
    try {
      const report = await assistant().reconcile.last({});
      // A comparison started meanwhile wins: its report is newer.
      if (report && !get().report && !get().running) set({ report, choice: choiceOf(report) });
    } catch {
      // Nothing to show yet: the person compares when ready, and that call reports its own failure.
    }
  },

  async run() {
    const { running, choice } = get();
    if (running) return;
    if (!choice.from || !choice.to || choice.from > choice.to) {
      set({ runError: { message: 'Choose a start date on or before the end date.', fix: undefined } });
      return;
    }
    set({ running: true, progress: null, runError: null, notice: null, closePack: null, exportError: null });
    try {
      const report = await assistant().reconcile.run({ from: choice.from, to: choice.to });
      drillGeneration += 1;
      set({ report, running: false, progress: null, drill: null, openDriftKey: keptOpen(get().openDriftKey, report) });
    } catch (error) {
      set({ running: false, progress: null, runError: messageAndFix(error) });
    }
  },

  progressHeard: (progress) => {
    if (get().running) set({ progress });
  },

  setTab: (tab) => set({ tab }),

  async drillDown(target) {
    const report = get().report;
    if (!report) return;
    const generation = ++drillGeneration;
    const query = queryOf(report, target);
    set({ drill: { target, query, rows: [], total: 0, nextCursor: null, loading: true, error: null } });
    await fetchLines(generation, query, []);
  },

  async moreLines() {
    const drill = get().drill;
    if (!drill || drill.loading || !drill.nextCursor) return;
    set({ drill: { ...drill, loading: true, error: null } });
    await fetchLines(drillGeneration, { ...drill.query, after: drill.nextCursor }, drill.rows);
  },

  closeDrill: () => {
    drillGeneration += 1;
    set({ drill: null });
  },

  openDrift: (key) => set({ openDriftKey: key, notice: null }),
  closeDrift: () => set({ openDriftKey: null }),

  async resolve(key, action) {
    if (get().resolving) return;
    set({ resolving: key, notice: null });
    try {
      const { message, report } = await assistant().reconcile.resolve({ key, action });
      set({ resolving: null, report, notice: { tone: 'good', text: message }, openDriftKey: keptOpen(get().openDriftKey, report) });
      // The lines on screen may have changed with the report: show them again.
      const drill = get().drill;
      if (drill) await get().drillDown(drill.target.kind === 'drift' ? { kind: 'drift', item: report.drift.find((d) => d.key === key) ?? drill.target.item } : drill.target);
    } catch (error) {
      const { message, fix } = messageAndFix(error);
      set({ resolving: null, notice: { tone: 'problem', text: fix ? `${message} ${fix}` : message } });
    }
  },

  async exportClosePack() {
    const report = get().report;
    if (get().exporting || !report) return;
    set({ exporting: true, closePack: null, exportError: null });
    try {
      const closePack = await assistant().reconcile.exportClosePack({ from: report.from, to: report.to });
      set({ exporting: false, closePack });
    } catch (error) {
      // Cancelling the save dialog is a choice, not a failure: nothing to report.
      const cancelled = typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'ExportCancelled';
      set({ exporting: false, exportError: cancelled ? null : messageAndFix(error) });
    }
  },
}));

/** The drawer stays open on an item the new report still holds (an accepted item is still listed, marked). */
function keptOpen(key: string | null, report: ReconcileReport): string | null {
  return key && report.drift.some((item) => item.key === key) ? key : null;
}

async function fetchLines(generation: number, query: LinesQuery, before: ReconcileLine[]): Promise<void> {
  const set = useReconcileStore.setState;
  try {
    const page = await assistant().reconcile.lines({ ...query, limit: LINES_PAGE });
    const drill = useReconcileStore.getState().drill;
    if (generation !== drillGeneration || !drill) return;
    set({ drill: { ...drill, rows: [...before, ...page.rows], total: page.total, nextCursor: page.nextCursor, loading: false, error: null } });
  } catch (error) {
    const drill = useReconcileStore.getState().drill;
    if (generation !== drillGeneration || !drill) return;
    set({ drill: { ...drill, loading: false, error: messageAndFix(error) } });
  }
}

/** Follows `reconcile.progress` while the page is open; returns the unsubscribe function. */
export function followReconcile(): () => void {
  return assistant().events.reconcileProgress((progress) => useReconcileStore.getState().progressHeard(progress));
}
