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
import { healthOf, type DiagnosticsReport } from './types';

export const EXPORTS_DIR = 'exports';

export interface DiagnosticsService {
  run(): Promise<DiagnosticsReport>;
  last(): { report: DiagnosticsReport | null; health: DiagnosticsHealth };
  /** Runs the checks and writes the bundle to `file`, or to `<dataDir>/exports/<timestamped name>.zip`. */
  exportBundle(file?: string): Promise<Omit<ResultOf<'diagnostics.export'>, 'report'> & { report: DiagnosticsReport }>;
}

export interface DiagnosticsServiceDeps extends Omit<DiagnosticsDeps, 'appVersion'> {
  appVersion?: string;
  /** Called after each run with the badge's view (the handlers emit `diagnostics.health`). */
  onHealth?(health: DiagnosticsHealth): void;
}

export function createDiagnosticsService(deps: DiagnosticsServiceDeps): DiagnosticsService {
  const runDeps: DiagnosticsDeps = { ...deps, appVersion: deps.appVersion ?? APP_VERSION };
  let lastReport: DiagnosticsReport | null = null;
  let running: Promise<DiagnosticsReport> | undefined;

  const run = (): Promise<DiagnosticsReport> => {
    // Two clicks (or the wizard and this page) share one run instead of doubling the calls to Xero.
    running ??= runDiagnostics(runDeps)
      .then((report) => {
        lastReport = report;
        deps.onHealth?.({ ...healthOf(report), ranAt: report.ranAt });
        return report;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const versions = () =>
    Object.fromEntries(
      Object.entries(deps.versions ?? { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome }).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );

  return {
    run,
    last: () => ({
      report: lastReport,
      health: lastReport ? { ...healthOf(lastReport), ranAt: lastReport.ranAt } : { status: 'unknown', summary: 'The checks have not run yet.' },
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
