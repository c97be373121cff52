/**
 * The import's one question about amounts: the file's amount columns add up more than one way (or none), so each
 * reading is shown side by side with what it makes of a few transactions (before VAT, VAT, total), and the import
 * runs again with the reading chosen. Nothing is picked for the user.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ImportResult } from './types';
import { ColumnHeads } from '../components/ColumnHeads';

type NeedsAmounts = Extract<ImportResult, { status: 'needs-amounts' }>;

/** A figure Xero works out at the configured tax rate, shown as words when the assistant is not connected to read it. */
const BY_XERO = 'at your tax rate';

export function AmountsQuestionForm({ result, onSubmit, onCancel }: { result: NeedsAmounts; onSubmit(reading: string): void; onCancel(): void }) {
  const id = useId();
  const { question } = result;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onSubmit(chosen);
  };
  return (
    <form className="console-amounts" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="console-subtitle">
        How do the amounts in {result.fileName} add up?
      </h3>
      <p className="console-text">{question.message} Nothing has been imported yet.</p>
      <div className="console-amounts-readings">
        {question.readings.map((reading) => (
          <div key={reading.id} className="console-amounts-reading" data-chosen={chosen === reading.id ? 'true' : undefined}>
            <label className="console-check console-amounts-choice">
              <input type="radio" name={`${id}-reading`} value={reading.id} checked={chosen === reading.id} onChange={() => setChosen(reading.id)} />
              <span>{reading.label}</span>
            </label>
            {reading.misfit ? (
              <p className="console-note" data-tone="attention">
                Does not add up on {reading.misfit}.
              </p>
            ) : null}
            <table className="console-problems">
              <caption className="visually-hidden">What this reading makes of a few transactions (by Transaction ID)</caption>
              <ColumnHeads columns={['ID', 'Before VAT', 'VAT', 'Total']} />
              <tbody>
                {question.samples.map((sample) => {
                  const figures = sample.figures[reading.id];
                  return (
                    <tr key={sample.transactionId}>
                      <td>{sample.transactionId}</td>
                      <td className="console-numeric">{figures?.beforeVat ?? BY_XERO}</td>
                      <td className="console-numeric">{figures?.vat ?? BY_XERO}</td>
                      <td className="console-numeric">{figures?.total ?? BY_XERO}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <div className="console-actions">
        <button type="submit" className="button button-primary" disabled={!chosen}>
          Import with this reading
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
