/**
 * The Settings page's "Scheduled sync" section: on or off, the time of day (24-hour) and which days, and on the
 * desktop app whether it stays in the tray and starts at login; when it runs next, and how the last scheduled sync
 * went, with a way to its failures. Every change is saved at once through `schedule.set`, which validates it.
 */
import { useEffect, useId } from 'react';
import type { HostKind } from '../../../contract/contract';
import type { ScheduleView } from '../../../contract/features/schedule';
import { useAppStore } from '../state/app-store';
import { useConsoleStore } from '../console/console-store';
import { PlaceButton } from '../console/FailureFix';
import { useReadiness } from '../console/use-readiness';
import { followSchedule, useScheduleStore } from './schedule-store';
import { useWizardStore } from '../wizard/wizard-store';
import { countsWords, formatWhen, lateWords, nextRunWords, skipWords, stoppedWords } from './schedule-words';
import './schedule.css';

/** Every quarter of an hour, plus the saved time if it is another minute (set on the command line). */
export function timeChoices(current: string): string[] {
  const times: string[] = [];
  for (let hour = 0; hour < 24; hour += 1) for (const minute of ['00', '15', '30', '45']) times.push(`${String(hour).padStart(2, '0')}:${minute}`);
  if (!times.includes(current)) times.push(current);
  return times.sort();
}

function openFailures(): void {
  useAppStore.getState().navigate('transactions');
  useConsoleStore.getState().setStatus('failed');
}

function LastRun({ view }: { view: ScheduleView }) {
  const run = view.lastRun;
  const skip = view.lastSkip;
  const skipIsNewer = skip && (!run || skip.at > run.startedAt);
  if (!run && !skip) return <p className="schedule-line">No scheduled sync has run yet.</p>;
  return (
    <div className="schedule-last">
      {run ? (
        <div className="schedule-result" data-outcome={run.outcome}>
          <p className="schedule-line">
            <span className="schedule-label">Last scheduled sync:</span> {formatWhen(run.startedAt, view.timeZone)} ·{' '}
            {run.outcome === 'stopped' ? stoppedWords(run) : countsWords(run)}
          </p>
          {run.outcome === 'stopped' ? (
            <p className="schedule-problem">
              {run.reason} {run.fix ? <span className="schedule-fix">What to do: {run.fix}</span> : null}
            </p>
          ) : null}
          {lateWords(run, view.timeZone) ? <p className="schedule-note">{lateWords(run, view.timeZone)}</p> : null}
          {run.failed > 0 ? (
            <button type="button" className="link-button" onClick={openFailures}>
              See the {run.failed === 1 ? 'failed transaction' : `${run.failed} failed transactions`} and what to do
            </button>
          ) : null}
        </div>
      ) : null}
      {skipIsNewer ? <p className="schedule-note">{skipWords(skip, view.timeZone)}</p> : null}
    </div>
  );
}

export interface ScheduleSectionViewProps {
  view: ScheduleView | undefined;
  host: HostKind | undefined;
  /** Desktop app: false in a development run, which cannot start itself at login. */
  packaged?: boolean | undefined;
  /** The sample data's own tray and login choices do nothing: the app follows the person's own profile for those. */
  sample?: boolean;
  saving: boolean;
  failure: { message: string; fix: string | undefined } | undefined;
  change(choices: Partial<Pick<ScheduleView, 'enabled' | 'time' | 'days' | 'keepInTray' | 'startAtLogin'>>): Promise<void>;
}

/** Mount on the Settings page: follows the services' schedule while shown. */
export function ScheduleSection() {
  const readiness = useReadiness(undefined);
  const host = useAppStore((state) => state.appInfo?.host);
  const packaged = useAppStore((state) => state.appInfo?.packaged);
  const sample = useWizardStore((state) => state.profile?.profile === 'sample');
  const { view, saving, failure, change } = useScheduleStore();
  useEffect(() => followSchedule(), []);
  return (
    <>
      <ScheduleSectionView view={view} host={host} packaged={packaged} sample={sample} saving={saving} failure={failure} change={change} />
      {view?.enabled && readiness && !readiness.ready ? (
        // A schedule before Setup is finished would only fail at 02:00: say it now, with the way to Setup.
        <div className="schedule-problem" role="note">
          <p className="schedule-line">Nothing can be sent at the scheduled time yet. {readiness.lead ?? 'Finish Setup before sending to Xero.'}</p>
          <PlaceButton place="setup" label="Go to Setup" />
        </div>
      ) : null}
    </>
  );
}

/** The section drawn from what it is given (the store's state in the app; a test's values in its spec). */
export function ScheduleSectionView({ view, host, packaged, sample = false, saving, failure, change }: ScheduleSectionViewProps) {
  const id = useId();
  // One change at a time, without disabling the controls: a disabled control loses focus, and a keyboard user pressing
  // Space on the checkbox would land at the top of the page.
  const choose = (choices: Parameters<ScheduleSectionViewProps['change']>[0]) => {
    if (!saving) void change(choices);
  };

  if (!view) {
    return (
      <div className="schedule-section">
        <p className="schedule-line">{failure ? `${failure.message} ${failure.fix ?? ''}` : 'Loading…'}</p>
      </div>
    );
  }
  const desktop = host === 'electron';
  const where = desktop
    ? view.keepInTray
      ? 'It runs while the assistant is open or in the tray.'
      : 'It runs while the assistant is open. To let it run after you close the window, keep the assistant in the tray.'
    : 'It runs while the assistant is running on this computer.';

  return (
    // The Settings page draws the card and the heading ('Scheduled syncs'); this is the section's body.
    <div className="schedule-section" aria-busy={saving}>
      <p className="schedule-intro">Sends every transaction that is ready to Xero by itself, at the same time each day. {where}</p>

      <label className="schedule-check">
        <input type="checkbox" checked={view.enabled} aria-disabled={saving || undefined} onChange={(e) => choose({ enabled: e.target.checked })} /> Send ready transactions to Xero by itself
      </label>

      <div className="schedule-when">
        <label htmlFor={`${id}-time`}>Time (24-hour)</label>
        <select id={`${id}-time`} className="field" value={view.time} aria-disabled={saving || undefined} onChange={(e) => choose({ time: e.target.value })}>
          {timeChoices(view.time).map((time) => (
            <option key={time} value={time}>
              {time}
            </option>
          ))}
        </select>
        <fieldset className="schedule-days">
          <legend>Days</legend>
          <label>
            <input type="radio" name={`${id}-days`} checked={view.days === 'every-day'} aria-disabled={saving || undefined} onChange={() => choose({ days: 'every-day' })} /> Every day
          </label>
          <label>
            <input type="radio" name={`${id}-days`} checked={view.days === 'weekdays'} aria-disabled={saving || undefined} onChange={() => choose({ days: 'weekdays' })} /> Monday to Friday
          </label>
        </fieldset>
      </div>

      {desktop && sample ? (
        <p className="schedule-desktop schedule-hint">Keeping the assistant in the tray and starting it when you log in are set in your own profile, not in the sample data.</p>
      ) : null}
      {desktop && !sample ? (
        <div className="schedule-desktop">
          <label className="schedule-check">
            <input type="checkbox" checked={view.keepInTray} aria-disabled={saving || undefined} onChange={(e) => choose({ keepInTray: e.target.checked })} /> Keep running in the tray when the window is closed
          </label>
          <label className="schedule-check">
            <input type="checkbox" checked={view.startAtLogin && packaged !== false} disabled={packaged === false} aria-disabled={saving || undefined} onChange={(e) => choose({ startAtLogin: e.target.checked })} /> Start when I log in
            {packaged === false ? (
              <span className="schedule-hint"> (only the installed assistant can start when you log in; this copy is not installed)</span>
            ) : view.startAtLogin && !view.keepInTray ? (
              <span className="schedule-hint"> (its window opens; keep it in the tray to start without one)</span>
            ) : null}
          </label>
        </div>
      ) : null}

      <p className="schedule-next" role="status">
        {nextRunWords(view, new Date())}
        {view.enabled ? <span className="schedule-hint"> Times are in this computer&apos;s time zone.</span> : null}
      </p>
      <LastRun view={view} />
      {failure ? (
        <p className="schedule-problem" role="alert">
          {failure.message} {failure.fix ? <span className="schedule-fix">What to do: {failure.fix}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
