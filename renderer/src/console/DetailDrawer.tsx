/**
 * One transaction in full, beside the table: what CourseCo sent, what the assistant plans to send to Xero (the
 * engine's dry run), what Xero answered last time, and a link to the invoice in Xero once it is there.
 * Non-modal: the table stays usable; Escape or Close returns focus to where it was.
 */
import { useEffect, useState } from 'react';
import { assistant } from '../host/assistant';
import { useConsoleStore } from './console-store';
import { STATUS_LABELS, STATUS_TONES, errorText, formatAmount, formatDate, formatDateTime } from './format';
import { FailureFix } from './FailureFix';
import { PlanPreview } from './PlanPreview';
import { syncEngine, type PreviewNames, type PreviewTransaction } from './sync-adapter';
import type { TransactionDetail } from './types';
import { ColumnHeads } from '../components/ColumnHeads';
import { SideDrawer } from '../components/SideDrawer';
import { XeroChangesOf } from './XeroChanges';

type Load<T> = { phase: 'loading' } | { phase: 'ready'; value: T } | ({ phase: 'error' } & ReturnType<typeof errorText>);

/** The drawer of the transaction the store has open, if any. */
export function DetailDrawer() {
  const openId = useConsoleStore((s) => s.openId);
  return openId ? <Drawer transactionId={openId} /> : null;
}

function Drawer({ transactionId }: { transactionId: string }) {
  // Bumps when the transactions changed, so the drawer shows the latest.
  const refreshKey = useConsoleStore((s) => s.refreshKey);
  const [detail, setDetail] = useState<Load<TransactionDetail>>({ phase: 'loading' });
  const [preview, setPreview] = useState<Load<PreviewTransaction | undefined> | undefined>(undefined);
  const [names, setNames] = useState<PreviewNames | undefined>(undefined);
  const act = (action: 'retry' | 'exclude' | 'include' | 'approveChange') => void useConsoleStore.getState().act(action, [transactionId]);

  useEffect(() => {
    let live = true;
    assistant()
      .transactions.get({ transactionId })
      .then(
        (value) => live && setDetail({ phase: 'ready', value }),
        (error: unknown) => live && setDetail({ phase: 'error', ...errorText(error) }),
      );
    setPreview({ phase: 'loading' });
    syncEngine.previewOne(transactionId).then(
      (value) => {
        if (!live) return;
        setPreview({ phase: 'ready', value: value.plan });
        setNames(value.names);
      },
      (error: unknown) => live && setPreview({ phase: 'error', ...errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [transactionId, refreshKey]);

  const value = detail.phase === 'ready' ? detail.value : undefined;
  const row = value?.row;
  const totals = preview?.phase === 'ready' ? preview.value?.totals : undefined;

  return (
    <SideDrawer
      subject={transactionId}
      titleId="console-drawer-title"
      title={`Transaction ${transactionId}`}
      onClose={() => useConsoleStore.getState().close()}
      className="console-drawer"
    >
      {detail.phase === 'loading' ? <p className="console-note">Loading…</p> : null}
      {detail.phase === 'error' ? (
        <p className="console-text" data-tone="problem">
          {detail.message} {detail.fix}
        </p>
      ) : null}
      {value && row ? (
        <>
          <p className="console-drawer-status">
            <span className="tone-badge console-badge" data-tone={STATUS_TONES[row.status]}>
              {STATUS_LABELS[row.status]}
            </span>
            {row.attempts > 0 ? <span className="console-muted">{row.attempts === 1 ? '1 attempt' : `${row.attempts} attempts`}</span> : null}
          </p>
          {value.lastError?.advice && row.status === 'failed' ? (
            <FailureFix advice={value.lastError.advice} validationErrors={value.lastError.validationErrors} onRetry={() => act('retry')} onExclude={() => act('exclude')} />
          ) : value.lastError ? (
            <section className="console-error-box" aria-labelledby="console-last-error">
              <h3 id="console-last-error" className="console-subtitle">
                Why it failed
              </h3>
              <p className="console-text">{value.lastError.message}</p>
              {value.lastError.validationErrors.length > 0 ? (
                <>
                  <p className="console-note">Xero’s answer, word for word:</p>
                  <ul className="console-xero-messages">
                    {value.lastError.validationErrors.map((message, index) => (
                      <li key={index}>{message}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}
          {value.change ? <ChangeSection change={value.change} /> : null}
          <XeroChangesOf transactionId={transactionId} />
          {value.changeHistory?.length ? (
            <section aria-labelledby="console-change-history">
              <h3 id="console-change-history" className="console-subtitle">
                Earlier changes carried to Xero
              </h3>
              <ul className="console-change-list">
                {value.changeHistory.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="console-actions">
            {row.status === 'changed' && value.change ? (
              <button type="button" className="button button-primary" onClick={() => act('approveChange')} disabled={value.change.refusal !== null || value.change.steps.length === 0}>
                Approve change
              </button>
            ) : null}
            {/* A failed one's Retry, the way to its fix and Exclude are with its reason (FailureFix), when the services sorted it. */}
            {row.status === 'failed' && !value.lastError?.advice ? (
              <button type="button" className="button button-primary" onClick={() => act('retry')}>
                Retry
              </button>
            ) : null}
            {row.status === 'excluded' ? (
              <button type="button" className="button" onClick={() => act('include')}>
                Include again
              </button>
            ) : row.status !== 'synced' && row.status !== 'in-flight' && !(row.status === 'failed' && value.lastError?.advice) ? (
              <button type="button" className="button" onClick={() => act('exclude')}>
                Exclude from Xero
              </button>
            ) : null}
            {value.xeroLink ? (
              <a className="button" href={value.xeroLink} target="_blank" rel="noreferrer noopener">
                Open the invoice in Xero
              </a>
            ) : null}
          </div>
          <dl className="facts console-facts">
            <dt>Date</dt>
            <dd>{formatDate(row.date)}</dd>
            <dt>Contact</dt>
            <dd>{row.contactName}</dd>
            <dt>Kind</dt>
            <dd>{row.kind === 'credit' ? 'Credit note' : 'Invoice'}</dd>
            <dt>CourseCo number</dt>
            <dd>{row.invoiceNumber ?? '—'}</dd>
            <dt>Reference</dt>
            <dd>{row.reference ?? '—'}</dd>
            {/* Xero's own maths (the planner's totals), so the drawer shows what the invoice in Xero will say. */}
            <dt>Before VAT</dt>
            <dd>{totals ? formatAmount(totals.subTotal, row.currency) : formatAmount(row.amount, row.currency)}</dd>
            <dt>VAT</dt>
            <dd>{totals ? formatAmount(totals.totalTax, row.currency) : '—'}</dd>
            <dt>Total</dt>
            <dd>{totals ? formatAmount(totals.total, row.currency) : '—'}</dd>
            <dt>Xero number</dt>
            <dd>{row.xeroNumber ?? '—'}</dd>
            <dt>Xero invoice ID</dt>
            <dd className="console-mono">{row.xeroInvoiceId ?? row.xeroCreditNoteId ?? '—'}</dd>
            <dt>Sent to Xero</dt>
            <dd>{formatDateTime(row.syncedAt)}</dd>
          </dl>
          <h3 className="console-subtitle">Lines</h3>
          <table className="console-problems">
            <ColumnHeads columns={['Description', 'Qty', 'Unit price', 'CourseCo code', 'Xero account']} />
            <tbody>
              {value.lines.map((line, index) => (
                <tr key={index}>
                  <td>{line.description}</td>
                  <td className="console-numeric">{line.quantity}</td>
                  <td className="console-numeric">{formatAmount(line.unitAmount, row.currency)}</td>
                  <td>{line.accountCode ?? '—'}</td>
                  {/* Where the line is posted in Xero: the planner's choice, not CourseCo's nominal code. */}
                  <td data-testid="line-xero-account">{line.xeroAccountCode ? (names?.accounts[line.xeroAccountCode] ?? line.xeroAccountCode) : 'Not chosen yet (Setup)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="console-subtitle">Payments</h3>
          {value.payments.length === 0 ? (
            <p className="console-note">No payments recorded in CourseCo.</p>
          ) : (
            <table className="console-problems">
              <ColumnHeads columns={['Date', 'Amount', 'In Xero']} />
              <tbody>
                {value.payments.map((payment) => (
                  <tr key={payment.paymentId}>
                    <td>{formatDate(payment.date)}</td>
                    <td className="console-numeric">{formatAmount(payment.amount, row.currency)}</td>
                    <td>{payment.xeroPaymentId ? 'Yes' : payment.lastError ? `Failed: ${payment.lastError}` : 'Not yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="console-subtitle">What will be sent to Xero</h3>
          {preview === undefined || preview.phase === 'loading' ? (
            <p className="console-note">Planning…</p>
          ) : preview.phase === 'error' ? (
            <p className="console-text" data-tone="problem">
              {preview.message} {preview.fix}
            </p>
          ) : !preview.value ? (
            <p className="console-note">Nothing is planned for it.</p>
          ) : (
            <PlanPreview plan={preview.value} currency={row.currency} {...(names ? { names } : {})} />
          )}
        </>
      ) : null}
    </SideDrawer>
  );
}

/** A change after sync: what differs from the version in Xero, and exactly which documents approving it changes. */
function ChangeSection({ change }: { change: NonNullable<TransactionDetail['change']> }) {
  return (
    <section aria-labelledby="console-change">
      <h3 id="console-change" className="console-subtitle">
        Changed in CourseCo since it was synced
      </h3>
      {change.known ? (
        change.differences.length > 0 ? (
          <ul className="console-change-list">
            {change.differences.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ul>
        ) : (
          <p className="console-note">No field Xero shows differs (only CourseCo details that Xero does not show changed).</p>
        )
      ) : (
        <p className="console-note">The version sent to Xero was not kept (it was synced by an older version of the assistant), so the difference cannot be shown.</p>
      )}
      {change.refusal ? (
        <p className="console-text" data-tone="problem">
          This change cannot be carried to Xero as it is: {change.refusal}.
        </p>
      ) : (
        <>
          <p className="console-note">Approving it changes exactly these documents in Xero, at the next sync:</p>
          <ol className="console-change-list">
            {change.steps.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
