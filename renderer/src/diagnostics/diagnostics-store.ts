/**
 * The Diagnostics page's and the status bar badge's state: the last report, the connection health, a run or export
 * in progress, and where the last support bundle was saved. Talks to the services only through `assistant()`.
 */
import { create } from 'zustand';
import type { DiagnosticsHealth, DiagnosticsReport } from './types';
import { assistant } from '../host/assistant';
import { messageAndFix } from '../host/failure';

export interface Failure {
  message: string;
  fix: string | undefined;
}

export interface DiagnosticsState {
  report: DiagnosticsReport | null;
  health: DiagnosticsHealth | null;
  running: boolean;
  runError: Failure | null;
  exporting: boolean;
  exported: { path: string; fileName: string; bytes: number } | null;
  exportError: Failure | null;
  /** Loads the session's last report (once), and runs the checks if there is none yet. */
  ensureReport(): Promise<void>;
  run(): Promise<void>;
  exportBundle(): Promise<void>;
  healthKnown(health: DiagnosticsHealth): void;
}


export const useDiagnosticsStore = create<DiagnosticsState>()((set, get) => ({
  report: null,
  health: null,
  running: false,
  runError: null,
  exporting: false,
  exported: null,
  exportError: null,
  async ensureReport() {
    if (get().report || get().running) return;
    try {
      const last = await assistant().diagnostics.last({});
      if (last.report) {
        set({ report: last.report, health: last.health });
        return;
      }
    } catch {
      // Fall through to a fresh run, which reports its own failure.
    }
    await get().run();
  },
  async run() {
    if (get().running) return;
    set({ running: true, runError: null });
    try {
      const report = await assistant().diagnostics.run({});
      set({ report, running: false });
    } catch (error) {
      set({ running: false, runError: messageAndFix(error) });
    }
  },
  async exportBundle() {
    if (get().exporting) return;
    set({ exporting: true, exportError: null, exported: null });
    try {
      const result = await assistant().diagnostics.export({});
      set({ exporting: false, exported: { path: result.path, fileName: result.fileName, bytes: result.bytes }, report: result.report });
    } catch (error) {
      // Cancelling the save dialog is a choice, not a failure: nothing to report.
      const cancelled = typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'ExportCancelled';
      set({ exporting: false, exportError: cancelled ? null : messageAndFix(error) });
    }
  },
  healthKnown: (health) => set({ health }),
}));

/** Follows `diagnostics.health` and asks once for the last known health; returns the unsubscribe function. */
export function followDiagnosticsHealth(): () => void {
  const api = assistant();
  let heard = false;
  const unsubscribe = api.events.diagnosticsHealth((health) => {
    heard = true;
    useDiagnosticsStore.getState().healthKnown(health);
  });
  api.diagnostics.last({}).then(
    (last) => {
      if (!heard) useDiagnosticsStore.getState().healthKnown(last.health);
    },
    () => undefined,
  );
  return unsubscribe;
}
