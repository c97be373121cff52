/**
 * What the last reconciliation found changed in Xero since sync and nobody has accepted: one line above the table
 * (how many, of which kinds, when compared) and, in a transaction's drawer, the kinds found on it. Both lead to the
 * Reconcile page, where each change says what happened and what to do; nothing here calls Xero.
 */
import { DRIFT_KIND_WORDS, type DriftKind } from '../../../contract/features/reconcile';
import { useAppStore } from '../state/app-store';
import { useConsoleStore } from './console-store';
import { formatDate, formatDayOf, plural } from './format';

const openReconcile = () => useAppStore.getState().navigate('reconcile');

function OpenReconcile() {
  return (
    <button type="button" className="button" onClick={openReconcile}>
      Open Reconcile
    </button>
  );
}

/** The line above the table; nothing before the first reconciliation, or when the books matched. */
export function XeroChangesStatus() {
  const drift = useConsoleStore((s) => s.drift);
  if (!drift) return null;
  return (
    <section className="card console-drift" aria-labelledby="console-drift-title">
      <p className="console-drift-text">
        <strong id="console-drift-title" className="console-drift-title">
          Xero changed since sync: {plural(drift.changes, 'change')}
        </strong>
        <span className="console-counts console-drift-kinds">
          {drift.kinds.map(({ kind, count }) => (
            <span key={kind} className="console-count">
              {DRIFT_KIND_WORDS[kind]} <strong>{count.toLocaleString('en-IE')}</strong>
            </span>
          ))}
        </span>
        <span className="console-note">
          Compared on {formatDayOf(drift.comparedAt)}, for {formatDate(drift.from)} to {formatDate(drift.to)}.
        </span>
      </p>
      <OpenReconcile />
    </section>
  );
}

/** In a transaction's drawer: the changes in Xero found on it, if any. */
export function XeroChangesOf({ transactionId }: { transactionId: string }) {
  const kinds: readonly DriftKind[] | undefined = useConsoleStore((s) => s.drift?.byTransaction[transactionId]);
  if (!kinds?.length) return null;
  return (
    <section className="console-drift-box" aria-labelledby="console-drift-of">
      <h3 id="console-drift-of" className="console-subtitle">
        Changed in Xero since sync
      </h3>
      <p className="console-text">{kinds.map((kind) => DRIFT_KIND_WORDS[kind]).join(', ')}.</p>
      <p className="console-note">The Reconcile page says what changed and what to do.</p>
      <div className="console-actions">
        <OpenReconcile />
      </div>
    </section>
  );
}
