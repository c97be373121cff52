/** How a sync run ended, in recent syncs: a run with failures never reads as a plain success. */
import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../../renderer/src/console/run-outcome';

const run = (outcome: 'completed' | 'cancelled' | 'failed' | 'interrupted' | 'running', synced: number, failed: number, message: string | null = null) => ({ outcome, synced, failed, message });

describe('a sync run’s outcome', () => {
  it('counts what failed in a completed run and says so in a problem tone', () => {
    expect(runOutcome(run('completed', 118, 2))).toEqual({ text: 'Completed: 118 sent, 2 failed', tone: 'problem', detail: undefined });
    expect(runOutcome(run('completed', 1200, 0))).toEqual({ text: 'Completed: 1,200 sent', tone: 'good', detail: undefined });
  });

  it('words the other endings, with what stopped the run', () => {
    expect(runOutcome(run('cancelled', 10, 0))).toMatchObject({ text: 'Cancelled: 10 sent', tone: 'attention' });
    expect(runOutcome(run('failed', 3, 1, 'the sign-in to Xero has expired'))).toEqual({ text: 'Stopped: 3 sent, 1 failed', tone: 'problem', detail: 'The sign-in to Xero has expired.' });
    expect(runOutcome(run('interrupted', 5, 0, 'the app stopped during this run'))).toEqual({ text: 'Interrupted: 5 sent', tone: 'attention', detail: 'The app stopped during this run.' });
    expect(runOutcome(run('running', 4, 0))).toMatchObject({ text: 'Running: 4 sent so far', tone: 'progress' });
  });
});
