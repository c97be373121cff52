/**
 * Recent syncs, under the sync panel: the latest run's outcome is on the disclosure's line, so it is seen without
 * opening it, and each run says how it ended in words that count what failed ("Completed: 118 sent, 2 failed"),
 * in a problem tone when anything failed. Loaded with the console and whenever the journal may have changed.
 */
import { useEffect, useState } from 'react';
import { useConsoleStore } from './console-store';
import { errorText, formatDateTime, formatDuration } from './format';
import { runOutcome } from './run-outcome';
import { syncEngine, type SyncRunRecord } from './sync-adapter';
import { ColumnHeads } from '../components/ColumnHeads';

export function RunHistory() {
  const refreshKey = useConsoleStore((s) => s.refreshKey);
  const [state, setState] = useState<{ phase: 'loading' } | { phase: 'ready'; runs: SyncRunRecord[] } | { phase: 'error'; message: string }>({ phase: 'loading' });

  useEffect(() => {
    let live = true;
    syncEngine.runs(20).then(
      (runs) => live && setState({ phase: 'ready', runs }),
      (error: unknown) => live && setState({ phase: 'error', message: errorText(error).message }),
    );
    return () => {
      live = false;
    };
  }, [refreshKey]);

  // Nothing to show before the first run: the sync panel above already says what to do.
  if (state.phase === 'loading' || (state.phase === 'ready' && state.runs.length === 0)) return null;
  const latest = state.phase === 'ready' ? state.runs[0] : undefined;
  const latestOutcome = latest ? runOutcome(latest) : undefined;

  return (
    <details className="card console-history">
      <summary className="console-history-summary">
        <span>Recent syncs</span>
        {latest && latestOutcome ? (
          <span className="console-history-latest">
            <span className="console-muted">Last: {formatDateTime(latest.startedAt)} ·</span>{' '}
            <span className="console-run-outcome" data-tone={latestOutcome.tone}>
              {latestOutcome.text}
            </span>
          </span>
        ) : null}
      </summary>
      {state.phase === 'error' ? (
        <p className="console-text" data-tone="problem">
          {state.message}
        </p>
      ) : null}
      {state.phase === 'ready' ? (
        <div className="console-problem-scroll" role="group" aria-label="Sync runs" tabIndex={0}>
          <table className="console-problems console-runs">
            <caption className="visually-hidden">Sync runs, newest first</caption>
            <ColumnHeads columns={['Started', 'Outcome', 'Skipped', 'Xero calls', 'Took']} />
            <tbody>
              {state.runs.map((run) => {
                const outcome = runOutcome(run);
                return (
                  <tr key={String(run.id)}>
                    <td className="console-nowrap">{formatDateTime(run.startedAt)}</td>
                    <td>
                      <span className="console-run-outcome" data-tone={outcome.tone}>
                        {outcome.text}
                      </span>
                      {outcome.detail ? <span className="console-sub console-run-detail">{outcome.detail}</span> : null}
                    </td>
                    <td className="console-numeric">{run.skipped.toLocaleString('en-IE')}</td>
                    <td className="console-numeric">{run.calls.toLocaleString('en-IE')}</td>
                    <td className="console-numeric">{run.durationMs === null ? '—' : formatDuration(run.durationMs / 1000)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
