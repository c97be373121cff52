/**
 * Step 5: one CourseCo transaction, previewed exactly as it will be created, sent with "Sync to Xero", then read back
 * from Xero and compared field by field. The tick comes from the read-back, never from the click. With nothing
 * imported yet, the CourseCo export can be imported right here (a file that needs questions answered goes on to
 * Transactions, where the import asks them).
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ReadBack, SyncSummary, TransactionDetail, TransactionRow, WizardState } from '../types';
import { revealInPane } from '../../components/reveal';
import { assistant } from '../../host/assistant';
import { useAppStore } from '../../state/app-store';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { PlannedDocuments, plannedFromPreview, type Planned } from './PlannedDocuments';
import { ColumnHeads } from '../../components/ColumnHeads';
import { formatAmount, formatDate, toBase64 } from '../../console/format';

function rowLabel(row: TransactionRow): string {
  return `${row.transactionId} · ${formatDate(row.date)} · ${row.contactName} · ${formatAmount(row.amount, row.currency)}${row.status === 'synced' ? ' · in Xero' : row.status === 'ready' ? '' : ` · ${row.status}`}`;
}

function syncFailure(result: SyncSummary, transactionId: string): Failure | undefined {
  const mine = result.failures.find((f) => f.transactionId === transactionId);
  // Only what Xero returned is Xero's refusal; what the assistant held back was never sent (failure-advice.ts).
  if (mine) {
    const message = mine.advice?.fromXero === false ? `Transaction ${transactionId} was not sent to Xero.` : `Xero did not accept transaction ${transactionId}.`;
    return { kind: 'SyncFailed', message, fix: mine.advice?.fix, evidence: mine.reason };
  }
  if (result.synced === 0 && result.skipped > 0) {
    return { kind: 'SyncSkipped', message: `Transaction ${transactionId} was skipped (nothing new to send).`, fix: 'Read it back below, or pick another transaction.', evidence: undefined };
  }
  return undefined;
}

function Comparison({ readBack }: { readBack: ReadBack }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The verdict appears below the fold, under the button that asked for it: bring it (and the focus) to the person.
  useEffect(() => {
    if (!heading.current) return;
    revealInPane(heading.current);
    heading.current.focus({ preventScroll: true });
  }, [readBack]);
  return (
    <section className="wz-readback" aria-labelledby="wz-readback-title">
      <h3 id="wz-readback-title" className="wz-subheading" ref={heading} tabIndex={-1}>
        {readBack.allMatch ? '✓ Xero has exactly what CourseCo sent' : '✗ Some fields differ in Xero'}
      </h3>
      <p className="wz-muted">
        Read back from Xero: invoice {readBack.invoiceNumber ?? readBack.invoiceId}.{' '}
        {readBack.invoiceUrl ? (
          <a href={readBack.invoiceUrl} target="_blank" rel="noreferrer">
            Open the invoice in Xero
          </a>
        ) : null}
      </p>
      <table className="wz-compare">
        <ColumnHeads columns={['Field', 'Expected', 'In Xero', <span className="visually-hidden">Match</span>]} />
        <tbody>
          {readBack.fields.map((f) => (
            <tr key={f.label} data-match={f.match ? 'true' : 'false'}>
              <th scope="row">{f.label}</th>
              <td>{f.expected}</td>
              <td>{f.actual}</td>
              <td className="wz-match">
                <span aria-hidden="true">{f.match ? '✓' : '✗'}</span>
                <span className="visually-hidden">{f.match ? 'matches' : 'differs'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const goImport = () => useAppStore.getState().navigate('transactions', { returnTo: { page: 'setup', label: 'Back to Setup to test one of them' } });

/** The CourseCo export, imported in place; what needs answering (columns, amounts) is left to the Transactions page. */
function ImportHere({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [needsQuestions, setNeedsQuestions] = useState(false);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    setNeedsQuestions(false);
    try {
      const result = await assistant().transactions.import({ fileName: file.name, contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
      if (result.status === 'imported') onImported();
      else setNeedsQuestions(true);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
      event.target.value = '';
    }
  };
  return (
    <div className="wz-empty">
      <p>
        No CourseCo transactions yet. In CourseCo, open <strong>Reports → Xero Transactions Report</strong>, export it, and import the file here.
      </p>
      <div className="wz-field">
        <label htmlFor="wz-test-import">CourseCo export file</label>
        <input id="wz-test-import" type="file" accept=".csv,text/csv" className="wz-file" onChange={(e) => void pick(e)} disabled={busy} aria-describedby="wz-test-import-help" />
        <p id="wz-test-import-help" className="wz-help" aria-live="polite">
          {busy ? 'Importing…' : 'The Xero Transactions Report, as CourseCo exports it.'}
        </p>
      </div>
      {needsQuestions ? (
        <p className="wz-notice">
          This file needs a question or two answered before it can be read (which column is which, or whether prices include VAT).{' '}
          <button type="button" className="link-button" onClick={goImport}>
            Import it on the Transactions page
          </button>
        </p>
      ) : null}
      <FailureNotice failure={failure} />
      <button type="button" className="button wz-button wz-quiet" onClick={goImport}>
        Go to Transactions to import
      </button>
    </div>
  );
}

export function TestStep({ state, onChanged }: { state: WizardState; onChanged: () => Promise<void> }) {
  const [rows, setRows] = useState<TransactionRow[] | undefined>();
  const [imports, setImports] = useState(0);
  const [picked, setPicked] = useState('');
  const [planned, setPlanned] = useState<Planned | undefined>();
  const [detail, setDetail] = useState<TransactionDetail | undefined>();
  const [readBack, setReadBack] = useState<ReadBack | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState<'idle' | 'syncing' | 'reading'>('idle');
  const ready = state.facts.connected && Boolean(state.facts.invoiceAccount && state.facts.paymentAccount && state.facts.taxRate);

  useEffect(() => {
    let current = true;
    assistant()
      .transactions.list({ limit: 200 })
      .then(
        (page) => {
          if (!current) return;
          const usable = page.rows.filter((r) => r.kind === 'invoice' && (r.status === 'ready' || r.status === 'synced'));
          setRows(usable);
          const tested = state.facts.testSync?.transactionId;
          const first = usable.find((r) => r.transactionId === tested) ?? [...usable].reverse().find((r) => r.status === 'ready' && r.payments > 0) ?? usable[0];
          setPicked((p) => p || (first?.transactionId ?? ''));
        },
        (error: unknown) => current && setFailure(describeFailure(error)),
      );
    return () => {
      current = false;
    };
  }, [state.facts.testSync?.transactionId, imports]);

  useEffect(() => {
    if (!picked) return undefined;
    let current = true;
    setPlanned(undefined);
    setDetail(undefined);
    setReadBack(undefined);
    assistant()
      .transactions.get({ transactionId: picked })
      .then((d) => current && setDetail(d), () => undefined);
    if (ready) {
      assistant().sync.preview({ transactionIds: [picked] }).then(
        (preview) => current && setPlanned(plannedFromPreview(preview.transactions.find((t) => t.transactionId === picked))),
        (error: unknown) => current && setFailure(describeFailure(error)),
      );
    }
    return () => {
      current = false;
    };
  }, [picked, ready]);

  const readBackNow = async (transactionId: string) => {
    setBusy('reading');
    try {
      setReadBack(await assistant().wizard.readBack({ transactionId }));
      await onChanged();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy('idle');
    }
  };

  const sync = async () => {
    setFailure(undefined);
    setReadBack(undefined);
    setBusy('syncing');
    try {
      const result = await assistant().sync.run({ transactionIds: [picked] });
      const failed = syncFailure(result, picked);
      if (failed && failed.kind === 'SyncFailed') {
        setFailure(failed);
        setBusy('idle');
        return;
      }
      await readBackNow(picked);
    } catch (error) {
      setFailure(describeFailure(error));
      setBusy('idle');
    }
  };

  const row = rows?.find((r) => r.transactionId === picked);

  return (
    <>
      <p className="wz-lead">
        Send one CourseCo transaction to Xero and check that the invoice and payment arrive with the right values, account codes and tax.
      </p>
      {!ready ? <p className="wz-notice">Connect and save your account choices first (steps 3 and 4).</p> : null}
      {rows === undefined && !failure ? (
        <p className="wz-muted" aria-busy="true">
          Loading transactions…
        </p>
      ) : null}
      {rows?.length === 0 ? <ImportHere onImported={() => setImports((n) => n + 1)} /> : null}
      {rows && rows.length > 0 ? (
        <div className="wz-field">
          <label htmlFor="wz-test-transaction">Transaction to test with</label>
          <select id="wz-test-transaction" className="field wz-select" value={picked} onChange={(e) => setPicked(e.target.value)}>
            {rows.map((r) => (
              <option key={r.transactionId} value={r.transactionId}>
                {rowLabel(r)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {picked ? <PlannedDocuments planned={planned} detail={detail} state={state} sent={row?.status === 'synced'} /> : null}
      {picked ? (
        <div className="wz-actions">
          <button type="button" className="button wz-button button-primary" onClick={() => void sync()} disabled={!ready || busy !== 'idle'} aria-busy={busy !== 'idle'}>
            {busy === 'syncing' ? 'Sending to Xero…' : busy === 'reading' ? 'Reading back from Xero…' : 'Sync to Xero'}
          </button>
          {row?.status === 'synced' ? (
            <button type="button" className="button wz-button" onClick={() => void readBackNow(picked)} disabled={busy !== 'idle'}>
              Read back from Xero
            </button>
          ) : null}
        </div>
      ) : null}
      <FailureNotice failure={failure} />
      {readBack ? <Comparison readBack={readBack} /> : null}
    </>
  );
}
