/**
 * A failure with its fix, as the services decided it (main/sync/run/failure-advice.ts): the reason, "What to do",
 * and the one button that helps — Retry only when Xero did not answer (the same request refused once is refused
 * again), otherwise the page where the fix is made — beside Exclude. The drawer shows it for a failed transaction;
 * the sync panel uses `PlaceButton` for a run that stopped on Setup.
 */
import type { ResultOf } from '../../../contract/contract';
import { useAppStore, type PageId } from '../state/app-store';

type Advice = NonNullable<NonNullable<ResultOf<'transactions.get'>['lastError']>['advice']>;
export type FailurePlace = NonNullable<Advice['leadsTo']>;

const PAGE_OF: Record<FailurePlace, PageId> = { rules: 'rules', setup: 'setup', settings: 'settings' };
const LABEL_OF: Record<PageId, string> = { rules: 'Open Rules', setup: 'Open Setup', transactions: 'Open Transactions', reconcile: 'Open Reconcile', diagnostics: 'Open Diagnostics', settings: 'Open Settings' };

/** The button that opens the page where a failure is fixed. */
export function PlaceButton({ place, primary, label }: { place: FailurePlace; primary?: boolean; label?: string }) {
  const page = PAGE_OF[place];
  return (
    <button type="button" className={primary ? 'button button-primary' : 'button'} onClick={() => useAppStore.getState().navigate(page)}>
      {label ?? LABEL_OF[page]}
    </button>
  );
}

export function FailureFix({
  advice,
  validationErrors,
  onRetry,
  onExclude,
}: {
  advice: Advice;
  validationErrors: readonly string[];
  onRetry(): void;
  onExclude(): void;
}) {
  return (
    <section className="console-error-box" aria-labelledby="console-last-error" data-failure-kind={advice.kind}>
      <h3 id="console-last-error" className="console-subtitle">
        Why it failed
      </h3>
      <p className="console-text">{advice.reason}</p>
      {advice.fromXero && validationErrors.length > 0 ? (
        <>
          <p className="console-note">Xero’s answer, word for word:</p>
          <ul className="console-xero-messages">
            {validationErrors.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 className="console-subtitle console-fix-title">What to do</h4>
      <p className="console-text">{advice.fix}</p>
      <div className="console-actions">
        {advice.temporary ? (
          <button type="button" className="button button-primary" onClick={onRetry}>
            Retry
          </button>
        ) : advice.leadsTo ? (
          <PlaceButton place={advice.leadsTo} primary />
        ) : null}
        <button type="button" className="button" onClick={onExclude}>
          Exclude from Xero
        </button>
      </div>
    </section>
  );
}
