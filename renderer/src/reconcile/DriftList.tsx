/**
 * What changed in Xero after sending (and what is on one side only): one row an item, open ones first, each with
 * what happened, the transaction and document, what changed and when; "Details" opens the drawer with what to do.
 */
import type { DriftItem, ReconcileReport } from '../../../contract/features/reconcile';
import { ColumnHeads } from '../components/ColumnHeads';
import { DRIFT_LABELS, formatWhen } from './reconcile-format';
import { ScrollBox } from './ScrollBox';
import { useReconcileStore } from './reconcile-store';
import { ReconcilePanel } from './ReconcilePanel';

/** Open items first, then accepted ones; each group by month, as the services listed them. */
export function orderDrift(items: readonly DriftItem[]): DriftItem[] {
  return [...items.filter((item) => !item.accepted), ...items.filter((item) => item.accepted)];
}

export function documentText(item: Pick<DriftItem, 'documentNumber' | 'xeroId'>): string {
  return item.documentNumber ?? (item.xeroId ? 'No number' : 'Not in Xero');
}

export function DriftList({ report }: { report: ReconcileReport }) {
  const openKey = useReconcileStore((s) => s.openDriftKey);
  const openDrift = useReconcileStore((s) => s.openDrift);
  const notice = useReconcileStore((s) => s.notice);
  const items = orderDrift(report.drift);
  return (
    <ReconcilePanel titleId="reconcile-drift-title" title="Differences">
      {/* With the drawer open, the drawer says it; closed (the item settled and gone), the list does. */}
      <div role="status" className="reconcile-list-notice">
        {notice && !openKey ? (
          <p className="reconcile-text" data-tone={notice.tone}>
            {notice.text}
          </p>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="reconcile-text">Nothing was changed in Xero after sending, and nothing is missing on either side.</p>
      ) : (
        <ScrollBox label="Differences">
          <table className="reconcile-table reconcile-drift">
            <ColumnHeads columns={['What happened', 'Transaction', 'Document', 'What changed', 'When', <span className="visually-hidden">Details</span>]} />
            <tbody>
              {items.map((item) => (
                <tr key={item.key} data-open={openKey === item.key ? 'true' : undefined} data-accepted={item.accepted ? 'true' : undefined}>
                  <td>
                    <span className="tone-badge reconcile-badge" data-tone={item.accepted ? 'neutral' : 'attention'}>
                      {DRIFT_LABELS[item.kind]}
                    </span>
                    {item.accepted ? <span className="reconcile-muted"> Accepted</span> : null}
                  </td>
                  <td>{item.transactionId ?? '—'}</td>
                  <td>
                    {documentText(item)}
                    {item.contactName ? <span className="reconcile-sub">{item.contactName}</span> : null}
                  </td>
                  <td className="reconcile-detail">{item.detail}</td>
                  <td>{item.changedAt ? formatWhen(item.changedAt) : '—'}</td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => openDrift(item.key)} aria-label={`Details: ${DRIFT_LABELS[item.kind]}, ${item.documentNumber ?? item.transactionId ?? 'document'}`}>
                      Details
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </ReconcilePanel>
  );
}
