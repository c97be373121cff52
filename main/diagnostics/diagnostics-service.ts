/**
 * Diagnostics for one host: run the checks, remember the last report (for the status bar and pages opened later),
 * announce the connection health, and export the redacted support bundle. The IPC handlers and the CLI both use this.
 */
import path from 'node:path';
import type { ResultOf } from '../../contract/contract';
import type { DiagnosticsHealth } from '../../contract/features/diagnostics';
import { APP_NAME, APP_VERSION } from '../app/app-identity';
import { collectBundleInput } from './export/bundle-input';
import { bundleFileName, writeSupportBundle } from './export/write-bundle';
import type { DiagnosticsDeps } from './facts';
import { runDiagnostics } from './run-diagnostics';
import { healthOf, type CheckId, type DiagnosticsReport } from './types';

export const EXPORTS_DIR = 'exports';

/**
 * How long a full run counts as fresh when the Diagnostics page opens. A full run costs about six calls to Xero (the
 * connections, organisation, accounts, tax rates, currencies, sometimes a token renewal), and Xero allows an app on
 * the free Starter tier 1,000 calls a day per organisation (xero-facts.md §9) — the same budget the syncs spend. So
 * opening the page runs everything at most every 15 minutes (at most about 24 calls an hour however often it is
 * opened); in between, and after every import, sync or settings change, only the checks that ask Xero nothing run
 * again (journal, settings, keychain: no call at all), and the others are shown with their age. "Run checks again"
 * always runs everything: the user asked for it.
 */
export const FULL_RUN_FRESH_MS = 15 * 60_000;

export interface DiagnosticsService {
  run(): Promise<DiagnosticsReport>;
  /** For a page opening: a full run when the last one is older than FULL_RUN_FRESH_MS (or there is none), else local. */
  refresh(): Promise<DiagnosticsReport>;
  /**
   * After an import, a sync or a settings change: runs again the checks that ask Xero nothing, keeping the others from
   * the last report with their age. Nothing before the first run (there is nothing stale to correct).
   */
  refreshLocal(): Promise<DiagnosticsReport | null>;
  /** Resolves once no run or refresh is in progress (for shutting down). */
  settled(): Promise<void>;
  last(): { report: DiagnosticsReport | null; health: DiagnosticsHealth };
  /** Runs the checks and writes the bundle to `file`, or to `<dataDir>/exports/<timestamped name>.zip`. */
  exportBundle(file?: string): Promise<Omit<ResultOf<'diagnostics.export'>, 'report'> & { report: DiagnosticsReport }>;
}

export interface DiagnosticsServiceDeps extends Omit<DiagnosticsDeps, 'appVersion'> {
  appVersion?: string;
  /** Called after each run with the badge's view (the handlers emit `diagnostics.health`). */
  onHealth?(health: DiagnosticsHealth): void;
}

function healthView(report: DiagnosticsReport): DiagnosticsHealth {
  return { ...healthOf(report), ranAt: report.ranAt };
}

export function createDiagnosticsService(deps: DiagnosticsServiceDeps): DiagnosticsService {
  const runDeps: DiagnosticsDeps = { ...deps, appVersion: deps.appVersion ?? APP_VERSION };
  let lastReport: DiagnosticsReport | null = null;
  /** The checks of `lastReport` whose result came from Xero (a local refresh keeps those, with their age). */
  const askedXero = new Set<CheckId>();
  let running: Promise<DiagnosticsReport> | undefined;
  let refreshing: Promise<DiagnosticsReport | null> | undefined;
  let refreshAgain = false;

  const publish = (report: DiagnosticsReport): DiagnosticsReport => {
    lastReport = report;
    deps.onHealth?.(healthView(report));
    return report;
  };

  const run = (): Promise<DiagnosticsReport> => {
    // Two clicks (or the wizard and this page) share one run instead of doubling the calls to Xero. A local refresh
    // under way finishes first, so it can never overwrite this run's fresher results.
    running ??= (refreshing ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => runDiagnostics(runDeps, undefined, { askedXero }))
      .then(publish)
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const refreshLocal = (): Promise<DiagnosticsReport | null> => {
    // A full run under way reads everything anyway.
    if (running) return running;
    if (refreshing) {
      // The change that asked for this may have come after the refresh under way read the journal: once more after it.
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      let report: DiagnosticsReport | null;
      do {
        refreshAgain = false;
        if (!lastReport) return null;
        report = publish(await runDiagnostics(runDeps, undefined, { previous: lastReport, askedXero }));
      } while (refreshAgain);
      return report;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const refresh = async (): Promise<DiagnosticsReport> => {
    const fullAt = lastReport ? Date.parse(lastReport.fullRunAt ?? lastReport.ranAt) : Number.NaN;
    if (!lastReport || !(deps.clock.now() - fullAt < FULL_RUN_FRESH_MS)) return run();
    return (await refreshLocal()) ?? run();
  };

  const versions = () =>
    Object.fromEntries(
      Object.entries(deps.versions ?? { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome }).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );

  return {
    run,
    refresh,
    refreshLocal,
    settled: async () => {
      await Promise.allSettled([running, refreshing]);
    },
    last: () => ({
      report: lastReport,
      health: lastReport ? healthView(lastReport) : { status: 'unknown', summary: 'The checks have not run yet.' },
    }),
    async exportBundle(file) {
      const report = await run();
      const input = await collectBundleInput(
        {
          settings: deps.settings,
          connection: deps.connection,
          journal: deps.journal,
          clock: deps.clock,
          app: { name: APP_NAME, version: runDeps.appVersion, host: deps.host, platform: process.platform, versions: versions() },
        },
        report,
      );
      const target = file ?? path.join(deps.dataDir, EXPORTS_DIR, bundleFileName(input.generatedAt));
      const written = await writeSupportBundle(input, target);
      return { path: written.path, fileName: path.basename(written.path), bytes: written.bytes, report };
    },
  };
}
