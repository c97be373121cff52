/**
 * The period to compare: a whole month (the usual close; last full month by default) or any dates, and the button that
 * compares it with Xero, with the comparison's progress beside it.
 */
import { useId, type FormEvent } from 'react';
import { DateField } from '../components/DateField';
import { monthOptions, plural, rangeLabel } from './reconcile-format';
import { useReconcileStore } from './reconcile-store';
import type { ReconcileProgress } from '../../../contract/features/reconcile';

const PHASES: Record<ReconcileProgress['phase'], string> = {
  reading: 'Reading Xero',
  linking: 'Recognising documents from CourseCo’s own push',
  comparing: 'Comparing',
};

export function progressText(progress: ReconcileProgress | null): string {
  if (!progress) return 'Starting…';
  const read = progress.documents > 0 ? `: ${plural(progress.documents, 'document')} read so far` : '';
  return `${PHASES[progress.phase]}${read}…`;
}

export function RangePicker() {
  const choice = useReconcileStore((s) => s.choice);
  const running = useReconcileStore((s) => s.running);
  const progress = useReconcileStore((s) => s.progress);
  const { chooseKind, chooseMonth, chooseDates, run } = useReconcileStore.getState();
  const id = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };

  return (
    <form className="card reconcile-panel reconcile-range" onSubmit={onSubmit} aria-label="Period to compare">
      <fieldset className="reconcile-range-kind">
        <legend className="reconcile-legend">Compare</legend>
        <label className="reconcile-radio">
          <input type="radio" name={`${id}-kind`} checked={choice.kind === 'month'} onChange={() => chooseKind('month')} />
          A month
        </label>
        <label className="reconcile-radio">
          <input type="radio" name={`${id}-kind`} checked={choice.kind === 'dates'} onChange={() => chooseKind('dates')} />
          Dates
        </label>
      </fieldset>
      {choice.kind === 'month' ? (
        // Label beside, not around, the list: wrapped, its name would also read out the chosen month.
        <div className="reconcile-field">
          <label htmlFor={`${id}-month`}>Month</label>
          <select id={`${id}-month`} className="field" value={choice.month} required onChange={(event) => chooseMonth(event.target.value)}>
            {monthOptions(new Date(), choice.month).map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          <DateField className="reconcile-field" label="From" value={choice.from} required max={choice.to || undefined} onChange={(from) => chooseDates(from, choice.to)} />
          <DateField className="reconcile-field" label="To" value={choice.to} required min={choice.from || undefined} onChange={(to) => chooseDates(choice.from, to)} />
        </>
      )}
      <button type="submit" className="button button-primary" disabled={running}>
        {running ? 'Comparing…' : 'Compare with Xero'}
      </button>
      <p className="reconcile-progress" role="status">
        {running ? progressText(progress) : choice.from && choice.to && choice.from <= choice.to ? `CourseCo’s figures for ${rangeLabel(choice.from, choice.to)} beside what Xero holds now.` : ''}
      </p>
    </form>
  );
}
