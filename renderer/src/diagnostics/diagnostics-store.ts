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
  /**
   * The page opened: shows the session's last report at once, then asks for a refresh (the services run again what
   * needs no call to Xero, and everything when the last full run is some minutes old), so nothing shown is stale.
   */
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
    if (get().running) return;
    set({ running: true, runError: null });
    if (!get().report) {
      try {
        const last = await assistant().diagnostics.last({});
        if (last.report && !get().report) set({ report: last.report, health: last.health });
      } catch {
        // The refresh below reports its own failure.
      }
    }
    try {
      const report = await assistant().diagnostics.refresh({});
      set({ report, running: false });
    } catch (error) {
      set({ running: false, runError: messageAndFix(error) });
    }
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
  healthKnown(health) {
    set({ health });
    // The checks ran again behind the page (after an import, a sync, a settings change): fetch what they found.
    const shown = get().report;
    if (!shown || !health.ranAt || health.ranAt === shown.ranAt || get().running) return;
    assistant()
      .diagnostics.last({})
      .then(
        (last) => {
          const current = get().report;
          if (last.report && (!current || Date.parse(last.report.ranAt) >= Date.parse(current.ranAt))) set({ report: last.report });
        },
        () => undefined,
      );
  },
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
