/**
 * One drift item in full, beside the page: what it was and what it is now, when Xero changed it, what to do, the
 * item's own actions ("Send again", "Accept Xero's version"), its lines and the document in Xero. Non-modal like the
 * console's drawer: the page stays usable; Escape or Close returns focus to where it was.
 */
import type { DriftItem, ReconcileReport } from '../../../contract/features/reconcile';
import { SideDrawer } from '../components/SideDrawer';
import { ACTION_LABELS, DRIFT_LABELS, formatMonth, formatWhen } from './reconcile-format';
import { documentText } from './DriftList';
import { useReconcileStore } from './reconcile-store';

export function DriftDrawer({ report }: { report: ReconcileReport }) {
  const openKey = useReconcileStore((s) => s.openDriftKey);
  const item = openKey ? report.drift.find((candidate) => candidate.key === openKey) : undefined;
  return item ? <Drawer item={item} /> : null;
}

function Drawer({ item }: { item: DriftItem }) {
  const resolving = useReconcileStore((s) => s.resolving);
  const notice = useReconcileStore((s) => s.notice);
  const { resolve, drillDown, closeDrift } = useReconcileStore.getState();
  const busy = resolving === item.key;
  return (
    <SideDrawer subject={item.key} titleId="reconcile-drawer-title" title={DRIFT_LABELS[item.kind]} onClose={closeDrift} className="reconcile-drawer">
      <p className="reconcile-text">{item.detail}</p>
      {item.was !== null || item.now !== null ? (
        <div className="reconcile-was-now">
          <div>
            <p className="reconcile-note">Was</p>
            <p className="reconcile-was">{item.was ?? '—'}</p>
          </div>
          <span aria-hidden="true" className="reconcile-arrow">
            →
          </span>
          <div>
            <p className="reconcile-note">Now</p>
            <p className="reconcile-now">{item.now ?? '—'}</p>
          </div>
        </div>
      ) : null}
      <dl className="facts reconcile-facts">
        <dt>Transaction</dt>
        <dd>{item.transactionId ?? 'None in CourseCo'}</dd>
        <dt>Document</dt>
        <dd>{documentText(item)}</dd>
        {item.contactName ? (
          <>
            <dt>Contact</dt>
            <dd>{item.contactName}</dd>
          </>
        ) : null}
        <dt>Month</dt>
        <dd>{formatMonth(item.period)}</dd>
        <dt>Changed in Xero</dt>
        <dd>{formatWhen(item.changedAt)}</dd>
        {item.accepted ? (
          <>
            <dt>Decision</dt>
            <dd>You accepted Xero’s version</dd>
          </>
        ) : null}
      </dl>
      {item.accepted ? null : (
        <section aria-labelledby="reconcile-what-to-do">
          <h3 id="reconcile-what-to-do" className="reconcile-subtitle">
            What to do
          </h3>
          <p className="reconcile-text">{item.whatToDo}</p>
        </section>
      )}
      <div className="reconcile-actions">
        {item.accepted
          ? null
          : item.actions.map((action, index) => (
              <button key={action} type="button" className={index === 0 ? 'button button-primary' : 'button'} disabled={resolving !== null} onClick={() => void resolve(item.key, action)}>
                {ACTION_LABELS[action]}
              </button>
            ))}
        {item.xeroUrl ? (
          <a className="button" href={item.xeroUrl} target="_blank" rel="noreferrer noopener">
            Open in Xero
          </a>
        ) : null}
        {/* The lines take the page's width: the drawer steps aside, and the focus goes to them. */}
        <button
          type="button"
          className="button"
          onClick={() => {
            closeDrift();
            void drillDown({ kind: 'drift', item });
          }}
        >
          Show the lines
        </button>
      </div>
      <div role="status" className="reconcile-drawer-notice">
        {busy ? <p className="reconcile-note">Working…</p> : null}
        {notice ? (
          <p className="reconcile-text" data-tone={notice.tone}>
            {notice.text}
          </p>
        ) : null}
      </div>
    </SideDrawer>
  );
}
