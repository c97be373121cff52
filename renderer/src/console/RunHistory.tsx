/** The sync runs the journal remembers: when, how many, how long, how it ended. Loaded when opened. */
import { useEffect, useState } from 'react';
import { useConsoleStore } from './console-store';
import { errorText, formatDateTime, formatDuration } from './format';
import { syncEngine, type SyncRunRecord } from './sync-adapter';
import { ColumnHeads } from '../components/ColumnHeads';

const OUTCOMES: Record<string, string> = { completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed', interrupted: 'Interrupted', running: 'Running' };

export function RunHistory() {
  const refreshKey = useConsoleStore((s) => s.refreshKey);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ phase: 'loading' } | { phase: 'ready'; runs: SyncRunRecord[] } | { phase: 'error'; message: string }>({ phase: 'loading' });

  useEffect(() => {
    if (!open) return;
    let live = true;
    syncEngine.runs(20).then(
      (runs) => live && setState({ phase: 'ready', runs }),
      (error: unknown) => live && setState({ phase: 'error', message: errorText(error).message }),
    );
    return () => {
      live = false;
    };
  }, [open, refreshKey]);

  return (
    <details className="card console-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="console-history-summary">Run history</summary>
      {state.phase === 'loading' ? <p className="console-note">Loading…</p> : null}
      {state.phase === 'error' ? (
        <p className="console-text" data-tone="problem">
          {state.message}
        </p>
      ) : null}
      {state.phase === 'ready' && state.runs.length === 0 ? <p className="console-note">No runs yet.</p> : null}
      {state.phase === 'ready' && state.runs.length > 0 ? (
        <table className="console-problems console-runs">
          <caption className="visually-hidden">Sync runs, newest first</caption>
          <ColumnHeads columns={['Started', 'Outcome', 'In Xero', 'Failed', 'Skipped', 'Calls', 'Took']} />
          <tbody>
            {state.runs.map((run) => (
              <tr key={String(run.id)}>
                <td>{formatDateTime(run.startedAt)}</td>
                <td title={run.message ?? undefined}>{OUTCOMES[run.outcome] ?? run.outcome}</td>
                <td className="console-numeric">{run.synced}</td>
                <td className="console-numeric">{run.failed}</td>
                <td className="console-numeric">{run.skipped}</td>
                <td className="console-numeric">{run.calls}</td>
                <td className="console-numeric">{run.durationMs === null ? '—' : formatDuration(run.durationMs / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </details>
  );
}
