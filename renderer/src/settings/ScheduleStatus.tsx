/**
 * The status bar's scheduled-sync line: a scheduled sync's progress while it runs, otherwise how the last one went
 * ("Last scheduled sync: 26/10/2026 02:00 · 120 sent, 2 failed"), a link to the failures when there were any.
 * Nothing when no schedule was ever set.
 */
import { useEffect } from 'react';
import type { EventPayload } from '../../../contract/contract';
import type { ScheduleView } from '../../../contract/features/schedule';
import { useAppStore } from '../state/app-store';
import { useConsoleStore } from '../console/console-store';
import { followSchedule, useScheduleStore } from './schedule-store';
import { lastRunLine, progressWords } from './schedule-words';
import './schedule.css';

export function ScheduleStatus() {
  const view = useScheduleStore((state) => state.view);
  const progress = useScheduleStore((state) => state.progress);
  useEffect(() => followSchedule(), []);
  return <ScheduleStatusLine view={view} progress={progress} />;
}

export function ScheduleStatusLine({ view, progress }: { view: ScheduleView | undefined; progress: EventPayload<'sync.progress'> | undefined }) {
  if (!view) return null;
  if (view.runningSince) {
    return (
      <div className="status-schedule" data-outcome="running">
        {progressWords(progress)}
      </div>
    );
  }
  const run = view.lastRun;
  if (!run) return null;
  const line = lastRunLine(run, view.timeZone);
  if (run.outcome === 'completed') return <div className="status-schedule">{line}</div>;
  const open = () => {
    useAppStore.getState().navigate('transactions');
    if (run.failed > 0) useConsoleStore.getState().setStatus('failed');
  };
  return (
    <div className="status-schedule" data-outcome={run.outcome}>
      <button type="button" className="link-button" onClick={open} title={run.outcome === 'stopped' ? [run.reason, run.fix].filter(Boolean).join(' ') : 'See the failed transactions'}>
        {line}
      </button>
    </div>
  );
}
