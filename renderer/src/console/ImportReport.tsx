/**
 * What an import did, in plain words: counts per outcome, a headline that is green only when there is nothing to look
 * at, then every finding once (however many rows share it) with the CourseCo transactions it names and, beside them,
 * the rows as a spreadsheet numbers them. For an unknown layout, the mapping step.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { assistant } from '../host/assistant';
import { plural, vatExample } from './format';
import { groupProblems, groupReason, idsText, importHeadline, whereText } from './import-notes';
import type { ImportResult } from './types';
import { ColumnHeads } from '../components/ColumnHeads';

type Imported = Extract<ImportResult, { status: 'imported' }>;
type NeedsMapping = Extract<ImportResult, { status: 'needs-mapping' }>;

const SHOWN_FINDINGS = 200;

function ProblemTable({ caption, problems }: { caption: string; problems: Imported['errors'] }) {
  const groups = groupProblems(problems);
  // A box that may scroll takes the keyboard’s focus, so it can be scrolled without a mouse.
  return (
    <div className="console-problem-scroll" role="group" aria-label={caption} tabIndex={0}>
      <table className="console-problems">
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads columns={['CourseCo ID', 'Column', 'Problem']} />
        <tbody>
          {groups.slice(0, SHOWN_FINDINGS).map((group) => (
            <tr key={group.key} data-rows={group.rows.length}>
              <td>
                <span className="console-problem-ids">
                  {group.transactionIds.length > 0 ? <span>{idsText(group.transactionIds)}</span> : null}
                  <span className="console-sub" data-many={group.rows.length > 1 ? 'true' : undefined}>{whereText(group)}</span>
                </span>
              </td>
              <td>{group.column || '—'}</td>
              <td>{groupReason(group)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length > SHOWN_FINDINGS ? <p className="console-note">… and {plural(groups.length - SHOWN_FINDINGS, 'more finding')}.</p> : null}
    </div>
  );
}

export function ImportSummary({ result }: { result: Imported }) {
  const parts = [
    `${plural(result.imported, 'new transaction')}`.replace('transaction', result.kind === 'payments' ? 'payment' : 'transaction'),
    `${result.updated.toLocaleString('en-IE')} updated`,
    `${result.unchanged.toLocaleString('en-IE')} unchanged`,
  ];
  if (result.changed) parts.push(`${result.changed.toLocaleString('en-IE')} changed since sync (flagged, not re-sent)`);
  if (result.skipped) parts.push(`${plural(result.skipped, 'row')} skipped (blank, totals or not completed)`);
  const headline = importHeadline(result);
  return (
    <div className="console-import-result">
      <h3 className="console-subtitle">
        {result.fileName} <span className="console-muted">· {result.kind}</span>
      </h3>
      <p className="console-text">{parts.join(' · ')}.</p>
      {result.usedSavedMapping ? <p className="console-note">Used the column mapping saved for this layout.</p> : null}
      {(result.notes ?? []).map((note) => (
        <p key={note} className="console-note" data-amounts-note="true">
          {note}
        </p>
      ))}
      <p className="console-text console-problem-lead" data-tone={headline.tone} data-headline="true">
        {headline.text}
      </p>
      {result.errors.length > 0 ? <ProblemTable caption={`Rows of ${result.fileName} not imported`} problems={result.errors} /> : null}
      {result.warnings.length > 0 ? (
        <>
          {result.errors.length > 0 ? (
            <p className="console-text console-problem-lead" data-tone="attention">
              Imported, but worth a look:
            </p>
          ) : null}
          <ProblemTable caption={`Notes on ${result.fileName}`} problems={result.warnings} />
        </>
      ) : null}
    </div>
  );
}

/**
 * Whether the export's prices already include VAT: asked beside the import button and again when mapping columns,
 * with what the choice does to a price, at the rate chosen in setup when its name gives one.
 */
export function VatCheckbox({ checked, onChange, scope }: { checked: boolean; onChange(checked: boolean): void; scope: 'For the next import' | 'For this file' }) {
  const hintId = useId();
  const [taxRateName, setTaxRateName] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // Only for the example's rate: without it the example uses Ireland's standard rate.
    assistant()
      .settings.get()
      .then((settings) => live && setTaxRateName(settings['xero.taxRateName']))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const example = vatExample(taxRateName);
  return (
    <div className="console-vat">
      <label className="console-check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} aria-describedby={hintId} />
        <span>Prices include VAT</span>
      </label>
      <p id={hintId} className="console-note console-vat-hint">
        {scope}: ticked, a {example.price} price in CourseCo goes to Xero as {example.included.net} + {example.included.vat} VAT; unticked, as {example.excluded.net} +{' '}
        {example.excluded.vat} VAT ({example.percent}%).
      </p>
    </div>
  );
}

const FIELD_LABELS: Record<string, string> = {
  transactionId: 'Transaction ID',
  contactName: 'Contact name',
  unitPrice: 'Unit price',
  accountCode: 'Account code',
  invoiceNumber: 'Invoice number',
  invoiceDate: 'Invoice date',
  taxAmount: 'VAT amount',
  taxRate: 'VAT rate',
};

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export interface MappingChoice {
  mapping: Record<string, string>;
  kind: 'transactions' | 'payments';
  amountsIncludeTax: boolean;
  dateOrder: 'dmy' | 'mdy';
}

/** The column-mapping step for a layout the assistant does not recognise. */
export function MappingForm({ result, onSubmit, onCancel, busy }: { result: NeedsMapping; onSubmit(choice: MappingChoice): void; onCancel(): void; busy: boolean }) {
  const id = useId();
  const [mapping, setMapping] = useState<Record<string, string>>(result.mapping);
  const [kind, setKind] = useState<'transactions' | 'payments'>(result.fields.includes('paymentId') ? 'payments' : 'transactions');
  const [amountsIncludeTax, setAmountsIncludeTax] = useState(false);
  const [dateOrder, setDateOrder] = useState<'dmy' | 'mdy'>('dmy');
  // Each missing entry is a group ("date or invoiceDate"): any one of its fields satisfies it.
  const groups = result.missing.map((entry) => entry.split(' or '));
  const neededFields = new Set(groups.flat());
  const missing = groups.filter((group) => group.every((field) => !mapping[field])).map((group) => group.map(fieldLabel).join(' or '));
  // Needed fields first, then the ones already matched, then the optional rest.
  const rank = (field: string) => (neededFields.has(field) ? 0 : result.mapping[field] ? 1 : 2);
  const fields = [...result.fields].sort((a, b) => rank(a) - rank(b));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (missing.length === 0) onSubmit({ mapping: Object.fromEntries(Object.entries(mapping).filter(([, column]) => column)), kind, amountsIncludeTax, dateOrder });
  };

  return (
    <form className="console-mapping" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="console-subtitle">
        Match the columns of {result.fileName}
      </h3>
      <p className="console-text">
        The assistant did not recognise every column this file needs. Say which column holds each piece; the choice is remembered for files laid out the same way.
      </p>
      <div className="console-mapping-options">
        <label className="console-field">
          <span>This file holds</span>
          <select className="field" value={kind} onChange={(e) => setKind(e.currentTarget.value as 'transactions' | 'payments')}>
            <option value="transactions">Transactions</option>
            <option value="payments">Payments</option>
          </select>
        </label>
        <label className="console-field">
          <span>Dates are written</span>
          <select className="field" value={dateOrder} onChange={(e) => setDateOrder(e.currentTarget.value as 'dmy' | 'mdy')}>
            <option value="dmy">Day first (31/12/2026)</option>
            <option value="mdy">Month first (12/31/2026)</option>
          </select>
        </label>
      </div>
      <VatCheckbox checked={amountsIncludeTax} onChange={setAmountsIncludeTax} scope="For this file" />
      <div className="console-mapping-grid">
        {fields.map((field) => {
          const required = neededFields.has(field);
          return (
            <label key={field} className="console-field" data-required={required ? 'true' : undefined}>
              <span>
                {fieldLabel(field)}
                {required ? <span className="console-required"> (needed)</span> : null}
              </span>
              <select className="field" value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.currentTarget.value })} >
                <option value="">— not in this file —</option>
                {result.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <div className="console-actions">
        <button type="submit" className="button button-primary" disabled={busy || missing.length > 0}>
          Import with these columns
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        {missing.length > 0 ? <span className="console-note">Still needed: {missing.join('; ')}.</span> : null}
      </div>
    </form>
  );
}
