/**
 * How a sync run ended, in words that count what failed: a run the engine calls "completed" may still have rows
 * Xero refused, and it must not read as a plain success. Pure (test/unit/renderer/run-outcome.test.ts).
 */
import { sentence, type Tone } from './format';
import type { SyncRunRecord } from './sync-adapter';

const ENDINGS: Record<SyncRunRecord['outcome'], string> = {
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Stopped',
  interrupted: 'Interrupted',
  running: 'Running',
};

export interface RunOutcome {
  text: string;
  tone: Tone;
  /** What stopped or interrupted it, in the engine's words; absent for an ordinary ending. */
  detail: string | undefined;
}

export function runOutcome(run: Pick<SyncRunRecord, 'outcome' | 'synced' | 'failed' | 'message'>): RunOutcome {
  const counts = [`${run.synced.toLocaleString('en-IE')} sent`];
  if (run.failed > 0) counts.push(`${run.failed.toLocaleString('en-IE')} failed`);
  const text = run.outcome === 'running' ? `Running: ${counts.join(', ')} so far` : `${ENDINGS[run.outcome]}: ${counts.join(', ')}`;
  const tone: Tone =
    run.outcome === 'running' ? 'progress' : run.failed > 0 || run.outcome === 'failed' ? 'problem' : run.outcome === 'completed' ? 'good' : 'attention';
  return { text, tone, detail: run.message ? sentence(run.message) : undefined };
}
