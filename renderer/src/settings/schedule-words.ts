/**
 * Scheduled syncs in plain words, in the computer's zone (the services send it with the view): "26/10/2026 02:00",
 * "tomorrow at 02:00", "120 sent, 2 failed". Pure, so every sentence is tested.
 */
import type { ScheduledRunResult, ScheduledSkip, ScheduleView } from '../../../contract/features/schedule';
import type { EventPayload } from '../../../contract/contract';
import { formatDateTimeNumeric, zonedParts } from '../../../contract/locale';

type SyncProgress = EventPayload<'sync.progress'>;

const parts = (iso: string, zone: string): Record<string, string> => zonedParts(iso, zone) ?? {};

/** 26/10/2026 02:00 */
export const formatWhen = (iso: string, zone: string): string => formatDateTimeNumeric(iso, zone);

/** 02:00 */
export function formatClock(iso: string, zone: string): string {
  const p = parts(iso, zone);
  return `${p.hour}:${p.minute}`;
}

const dayKey = (iso: string, zone: string) => {
  const p = parts(iso, zone);
  return `${p.year}-${p.month}-${p.day}`;
};

/** "today at 14:00", "tomorrow at 02:00", or "on Monday 02/11/2026 at 02:00". */
export function whenWords(iso: string, zone: string, now: Date): string {
  const day = dayKey(iso, zone);
  const p = parts(iso, zone);
  if (day === dayKey(now.toISOString(), zone)) return `today at ${p.hour}:${p.minute}`;
  if (day === dayKey(new Date(now.getTime() + 86_400_000).toISOString(), zone)) return `tomorrow at ${p.hour}:${p.minute}`;
  return `on ${p.weekday} ${p.day}/${p.month}/${p.year} at ${p.hour}:${p.minute}`;
}

export function nextRunWords(view: ScheduleView, now: Date): string {
  if (!view.enabled) return 'Scheduled syncs are off.';
  if (view.runningSince) return 'A scheduled sync is running now.';
  if (!view.nextRunAt) return 'The next sync time is not known yet.';
  return `The next sync runs ${whenWords(view.nextRunAt, view.timeZone, now)}.`;
}

/** "120 sent, 2 failed" (and skipped ones when there were any). */
export function countsWords(run: Pick<ScheduledRunResult, 'synced' | 'failed' | 'skipped'>): string {
  const words = [`${run.synced} sent`, `${run.failed} failed`];
  if (run.skipped > 0) words.push(`${run.skipped} not sent`);
  return words.join(', ');
}

/** A run that stopped: one that never started a sync (not set up, signed out) "could not run". */
export function stoppedWords(run: ScheduledRunResult): string {
  if (run.runId === undefined) return 'could not run';
  return run.synced + run.failed > 0 ? `did not finish (${countsWords(run)})` : 'did not finish';
}

/** "Last scheduled sync: 26/10/2026 02:00 · 120 sent, 2 failed" */
export function lastRunLine(run: ScheduledRunResult, zone: string): string {
  const when = formatWhen(run.startedAt, zone);
  if (run.outcome === 'stopped') return `Last scheduled sync: ${when} · ${stoppedWords(run)}`;
  return `Last scheduled sync: ${when} · ${countsWords(run)}`;
}

/** Said when the run started well after its time. */
export function lateWords(run: ScheduledRunResult, zone: string): string | undefined {
  if (!run.late) return undefined;
  const missed = run.missed > 0 ? ` ${run.missed === 1 ? 'One earlier scheduled time was' : `${run.missed} earlier scheduled times were`} missed the same way; it ran once for all of them.` : '';
  return `It ran at ${formatClock(run.startedAt, zone)} instead of ${formatClock(run.scheduledFor, zone)}: the computer was asleep or the assistant was closed at that time.${missed}`;
}

export function skipWords(skip: ScheduledSkip, zone: string): string {
  const when = formatWhen(skip.scheduledFor, zone);
  return skip.reason === 'still-running'
    ? `The sync due at ${when} was skipped: another sync was still running then. Nothing is lost; what is ready goes with the next one.`
    : `The sync due at ${when} did not run: the assistant was not running for many hours after that time, so it was not made up. The next one runs at its usual time.`;
}

/** The status bar while a scheduled sync runs: "Scheduled sync running · 40 sent, 1 failed". */
export function progressWords(progress: SyncProgress | undefined): string {
  if (!progress) return 'Scheduled sync running';
  const waiting = progress.rateLimit.waitingSeconds ? ' · waiting for Xero' : '';
  return `Scheduled sync running · ${progress.synced} sent, ${progress.failed} failed${waiting}`;
}
