/**
 * Sending to Xero: "Sync selected" and "Sync all ready", then a progress bar with counts, Xero's rate-limit state
 * and an estimate of the time left, and Cancel. The summary of the last run stays until the next one starts.
 * Before Setup is done (sync.readiness) the buttons are off, with what is missing and the way to Setup; a run that
 * stopped says why and what to do: run it again when that can help, or go where the fix is made.
 * Fixed height, so the table below never moves when a run starts or ends.
 */
import { useId } from 'react';
import { useConsoleStore } from './console-store';
import { PlaceButton } from './FailureFix';
import { formatDuration, plural, rateLimitText } from './format';
import { useReadiness } from './use-readiness';

const PHASES: Record<string, string> = { contacts: 'contacts', invoices: 'invoices', payments: 'payments', 'credit-notes': 'credit notes' };

export function SyncPanel({ readyCount }: { readyCount: number }) {
  const view = useConsoleStore((s) => s.syncView);
  const selected = useConsoleStore((s) => s.selected);
  const { runSync, cancelSync, pauseSync, resumeSync, setStatus } = useConsoleStore.getState();
  const selectedCount = selected.size;
  const onSyncSelected = () => void runSync({ transactionIds: [...selected] }, selectedCount);
  const onSyncAll = () => void runSync({ all: true }, readyCount);
  const onCancel = () => void cancelSync();
  const onPause = () => void pauseSync();
  const onResume = () => void resumeSync();
  const onShowFailed = () => setStatus('failed');
  const busy = view.phase === 'starting' || view.phase === 'running' || view.phase === 'cancelling';
  const readiness = useReadiness(view.phase === 'error' ? view : undefined);
  const notReady = readiness?.ready === false ? readiness : undefined;
  const notReadyId = useId();
  const stop = view.phase === 'finished' ? view.summary.stop : undefined;
  const progress = view.phase === 'running' ? view.progress : view.phase === 'cancelling' ? view.progress : undefined;

  return (
    <section className="card console-sync" aria-label="Send to Xero">
      <div className="console-sync-buttons">
        <button type="button" className="button button-primary" disabled={busy || selectedCount === 0 || notReady !== undefined} aria-describedby={notReady ? notReadyId : undefined} onClick={onSyncSelected}>
          Sync selected{selectedCount ? ` (${selectedCount.toLocaleString('en-IE')})` : ''}
        </button>
        <button type="button" className="button" disabled={busy || readyCount === 0 || notReady !== undefined} aria-describedby={notReady ? notReadyId : undefined} onClick={onSyncAll}>
          Sync all ready ({readyCount.toLocaleString('en-IE')})
        </button>
        {view.phase === 'running' ? (
          <button type="button" className="button" onClick={progress?.paused ? onResume : onPause}>
            {progress?.paused ? 'Resume' : 'Pause'}
          </button>
        ) : null}
        {busy ? (
          <button type="button" className="button" onClick={onCancel} disabled={view.phase === 'cancelling'}>
            {view.phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <div className="console-sync-state" role="status" aria-live="polite">
        {notReady && (view.phase === 'idle' || view.phase === 'error') ? (
          <div className="console-sync-blocked">
            <div className="console-text" id={notReadyId} data-tone="attention">
              {notReady.lead && notReady.todo?.length ? (
                <>
                  <p className="console-sync-lead">{notReady.lead}</p>
                  <ul className="console-sync-todo" aria-label="Still to do in Setup">
                    {notReady.todo.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                </>
              ) : (
                `${notReady.reason ?? ''} ${notReady.fix ?? ''}`
              )}
            </div>
            <PlaceButton place="setup" label="Go to Setup" />
          </div>
        ) : null}
        {view.phase === 'idle' && !notReady ? <span className="console-note">Select transactions, or send every ready one. Nothing is ever sent twice.</span> : null}
        {view.phase === 'starting' ? <span className="console-note">Starting: {plural(view.requested, 'transaction')}…</span> : null}
        {progress ? (
          <div className="console-progress">
            <progress max={Math.max(1, progress.total)} value={Math.min(progress.done, progress.total)} aria-label="Sync progress" />
            <span className="console-progress-text">
              {view.phase === 'cancelling' ? 'Cancelling after the current batch · ' : progress.paused ? 'Paused after the current batch · ' : ''}
              {PHASES[progress.phase] ? `Sending ${PHASES[progress.phase]} · ` : ''}
              {progress.done.toLocaleString('en-IE')} of {progress.total.toLocaleString('en-IE')} · {progress.synced.toLocaleString('en-IE')} in Xero
              {progress.failed ? ` · ${progress.failed.toLocaleString('en-IE')} failed` : ''} · {plural(progress.calls, 'call')}
              {progress.etaSeconds !== undefined ? ` · about ${formatDuration(progress.etaSeconds)} left` : ''}
            </span>
            {rateLimitText(progress) ? <span className="console-note">{rateLimitText(progress)}</span> : null}
          </div>
        ) : null}
        {view.phase === 'finished' ? (
          <span className="console-sync-summary" data-tone={view.summary.failed ? 'problem' : 'good'}>
            {view.summary.dailyLimit
              ? 'Last run (paused at Xero’s daily limit): '
              : view.summary.outcome === 'cancelled'
                ? 'Last run (cancelled): '
                : view.summary.outcome === 'failed'
                  ? 'Last run (stopped): '
                  : 'Last run: '}
            {view.summary.synced.toLocaleString('en-IE')} sent to Xero
            {view.summary.failed ? `, ${view.summary.failed.toLocaleString('en-IE')} failed` : ''}
            {view.summary.skipped ? `, ${view.summary.skipped.toLocaleString('en-IE')} skipped` : ''} · {plural(view.summary.calls, 'Xero call')} ·{' '}
            {formatDuration(view.summary.durationMs / 1000)}
            {stop ? ` · ${stop.reason} ${stop.fix}` : view.summary.message ? ` · ${view.summary.message}` : ''}
            {stop?.temporary && !view.summary.dailyLimit ? (
              <button type="button" className="button button-small console-inline" onClick={onSyncAll} disabled={readyCount === 0 || notReady !== undefined}>
                Sync again
              </button>
            ) : stop?.leadsTo ? (
              <span className="console-inline">
                <PlaceButton place={stop.leadsTo} />
              </span>
            ) : null}
            {view.summary.failed ? (
              <button type="button" className="link-button console-link-button console-inline" onClick={onShowFailed}>
                Show the failed ones
              </button>
            ) : null}
          </span>
        ) : null}
        {view.phase === 'error' && !notReady ? (
          <span className="console-text" data-tone="problem">
            {view.message} {view.fix}
          </span>
        ) : null}
      </div>
    </section>
  );
}
