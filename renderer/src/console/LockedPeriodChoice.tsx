/**
 * A transaction caught by Xero's lock date, in the plan preview: what happens to it and the profile's choice for all
 * such documents (setting `sync.lockedPeriod`), changeable here. The plan is drawn again after a change, so what it
 * shows is what a sync would then send.
 */
import { useEffect, useState } from 'react';
import { assistant } from '../host/assistant';
import { useConsoleStore } from './console-store';
import { errorText, formatDate } from './format';
import type { PreviewTransaction } from './sync-adapter';

type Choice = 'hold' | 'first-open-day';

export function LockedPeriodChoice({ caught }: { caught: NonNullable<PreviewTransaction['lockedPeriod']> }) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // The choice shows at once; the plan drawn again afterwards confirms it (and clears this).
  const [pending, setPending] = useState<Choice | undefined>(undefined);
  const planned: Choice = caught.action === 'held' ? 'hold' : 'first-open-day';
  const current = pending ?? planned;
  useEffect(() => setPending(undefined), [planned]);
  const lock = caught.which === 'period' ? 'period lock date' : 'end-of-year lock date';

  const choose = async (value: Choice) => {
    if (value === current || saving) return;
    setSaving(true);
    setProblem(undefined);
    setPending(value);
    try {
      await assistant().settings.set({ key: 'sync.lockedPeriod', value });
      useConsoleStore.getState().refresh();
    } catch (error) {
      setPending(undefined);
      setProblem(errorText(error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <fieldset className="console-locked-period" disabled={saving}>
      <legend className="console-text">
        Dated on or before Xero&apos;s {lock} ({formatDate(caught.lockDate)}). For documents in a locked period:
      </legend>
      <label>
        <input type="radio" name="locked-period" value="hold" checked={current === 'hold'} onChange={() => void choose('hold')} /> Hold them (ask your
        adviser to move the lock date)
      </label>
      <label>
        <input type="radio" name="locked-period" value="first-open-day" checked={current === 'first-open-day'} onChange={() => void choose('first-open-day')} />{' '}
        Date them on the first open day ({formatDate(caught.firstOpenDay)})
      </label>
      {problem ? (
        <p className="console-text" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
