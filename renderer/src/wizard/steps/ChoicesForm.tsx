/**
 * The pickers of step 4, fed by live Xero data: invoice account, payment account (and why others are missing), tax
 * rate (its exact name, case-sensitive; rates by name and percentage, never Xero's internal codes). Each can be typed instead, as CourseCo has it;
 * typed or picked, the services check the value against Xero before anything is stored.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { WizardOptions, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { DepositsToggle } from './DepositsToggle';

interface PickerProps {
  id: string;
  label: string;
  choices: Array<{ value: string; label: string }>;
  value: string;
  onChange: (value: string) => void;
  typed: string | undefined;
  onTyped: (value: string | undefined) => void;
  typeLabel: string;
  help?: ReactNode;
}

function Picker({ id, label, choices, value, onChange, typed, onTyped, typeLabel, help }: PickerProps) {
  const typing = typed !== undefined;
  return (
    <div className="wz-field">
      <div className="wz-field-head">
        <label htmlFor={typing ? `${id}-typed` : id}>{label}</label>
        <button type="button" className="link-button wz-link-button" aria-expanded={typing} aria-controls={`${id}-typed`} onClick={() => onTyped(typing ? undefined : '')}>
          {typing ? 'Pick from the list instead' : typeLabel}
        </button>
      </div>
      {typing ? (
        <input
          id={`${id}-typed`}
          className="field wz-input"
          value={typed}
          onChange={(e) => onTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={help ? `${id}-help` : undefined}
        />
      ) : (
        <select id={id} className="field wz-select" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={help ? `${id}-help` : undefined}>
          {choices.length === 0 ? <option value="">None available</option> : null}
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      {help ? (
        <div id={`${id}-help`} className="wz-help">
          {help}
        </div>
      ) : null}
    </div>
  );
}

function initialTaxRate(options: WizardOptions, invoiceCode: string): string {
  if (options.selected.taxRateName) return options.selected.taxRateName;
  // Suggest the rate the invoice account uses by default in Xero.
  const accountTax = options.invoiceAccounts.find((a) => a.code === invoiceCode)?.taxType;
  return options.taxRates.find((r) => r.taxType === accountTax)?.name ?? options.taxRates[0]?.name ?? '';
}

/** One picker's state: the picked value and, once the person types instead, the typed one. Every edit calls `onEdit`. */
function usePickOrType(initial: string | (() => string), onEdit: () => void) {
  const [value, setValue] = useState(initial);
  const [typed, setTyped] = useState<string | undefined>();
  return {
    value,
    typed,
    onChange: (v: string) => (onEdit(), setValue(v)),
    onTyped: (v: string | undefined) => (onEdit(), setTyped(v)),
  };
}

export function ChoicesForm({ options, onSaved }: { options: WizardOptions; onSaved: (state: WizardState) => Promise<void> }) {
  const [saved, setSaved] = useState(false);
  const touched = () => setSaved(false);
  const firstInvoice = options.selected.invoiceAccountCode ?? options.invoiceAccounts[0]?.code ?? '';
  const invoicePick = usePickOrType(firstInvoice, touched);
  // Picked by AccountID: a bank account may have no code in Xero. A typed value is a code.
  const selectedPayment = options.selected.paymentAccountId ?? options.paymentAccounts.find((a) => a.code && a.code === options.selected.paymentAccountCode)?.accountId;
  const paymentPick = usePickOrType(selectedPayment ?? options.paymentAccounts[0]?.accountId ?? '', touched);
  const [rates, setRates] = useState<Record<string, string>>(() => Object.fromEntries(options.rateChoices.map((c) => [c.rate, c.selected ?? ''])));
  const taxPick = usePickOrType(() => initialTaxRate(options, firstInvoice), touched);
  const { value: invoice, typed: typedInvoice } = invoicePick;
  const { value: payment, typed: typedPayment } = paymentPick;
  const { value: tax, typed: typedTax } = taxPick;
  const [failure, setFailure] = useState<Failure | undefined>();
  // Kept, but the chart policy asks the bookkeeper to look (e.g. an invoice account that is not a revenue account).
  const [warnings, setWarnings] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const chosenTax = options.taxRates.find((r) => r.name === (typedTax ?? tax));
  const isSaved =
    saved ||
    (options.selected.invoiceAccountCode === invoice &&
      selectedPayment === payment &&
      options.rateChoices.every((c) => c.selected === rates[c.rate]) &&
      options.selected.taxRateName === tax &&
      typedInvoice === undefined &&
      typedPayment === undefined &&
      typedTax === undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    setWarnings([]);
    try {
      const state = await assistant().wizard.choose({
        invoiceAccountCode: (typedInvoice ?? invoice).trim(),
        ...(typedPayment !== undefined ? { paymentAccountCode: typedPayment.trim() } : { paymentAccountId: payment }),
        taxRateName: typedTax ?? tax,
        ...(options.rateChoices.length ? { taxTypesByRate: Object.fromEntries(Object.entries(rates).filter(([, t]) => t)) } : {}),
      });
      setSaved(true);
      setWarnings(state.warnings ?? []);
      await onSaved(state);
    } catch (error) {
      setFailure(describeFailure(error));
      setSaved(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="wz-form wz-choices" onSubmit={(e) => void save(e)} noValidate>
      <h3 className="wz-subheading">Accounts and tax rate</h3>
      <Picker
        id="wz-invoice-account"
        label="Invoice Account Code"
        choices={options.invoiceAccounts.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }))}
        {...invoicePick}
        typeLabel="Type a code instead"
        help="Active revenue accounts in your chart of accounts. Every CourseCo invoice line is posted here."
      />
      <Picker
        id="wz-payment-account"
        label="Payment Account Code"
        choices={options.paymentAccounts.map((a) => ({ value: a.accountId, label: `${a.code ? `${a.code} — ` : ''}${a.name}${a.note ? ` (${a.note})` : ''}` }))}
        {...paymentPick}
        typeLabel="Type a code instead"
        help={
          <>
            Bank accounts, and accounts with payments enabled; income and expense accounts never take payments.{' '}
            {options.excludedPaymentAccounts.length > 0 ? (
              <details className="wz-details">
                <summary>Why are other accounts missing?</summary>
                <ul className="wz-excluded">
                  {options.excludedPaymentAccounts.map((a) => (
                    <li key={a.code}>
                      <strong>
                        {a.code} {a.name}
                      </strong>
                      : {a.reason}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        }
      />
      <DepositsToggle />
      <Picker
        id="wz-tax-rate"
        label="Tax code title"
        choices={options.taxRates.map((r) => ({ value: r.name, label: `${r.name} (${r.rate}%)` }))}
        {...taxPick}
        typeLabel="Type the title instead"
        help={
          <>
            <span className="wz-warning">
              <span aria-hidden="true">⚠ </span>Case-sensitive: CourseCo needs the title exactly as Xero spells it
              {chosenTax ? (
                <>
                  {' '}
                  — <code className="wz-code">{chosenTax.name}</code>
                </>
              ) : null}
              .
            </span>
          </>
        }
      />
      {options.rateChoices.map((choice) => (
        <div className="wz-field" key={choice.rate}>
          <label htmlFor={`wz-rate-${choice.rate}`}>Which Xero rate should {choice.rate}% VAT sales use?</label>
          <select
            id={`wz-rate-${choice.rate}`}
            className="field wz-select"
            aria-describedby={`wz-rate-${choice.rate}-help`}
            value={rates[choice.rate] ?? ''}
            onChange={(e) => (touched(), setRates({ ...rates, [choice.rate]: e.target.value }))}
          >
            <option value="">Choose…</option>
            {choice.options.map((o) => (
              <option key={o.taxType} value={o.taxType}>
                {o.name}
              </option>
            ))}
          </select>
          <p id={`wz-rate-${choice.rate}-help`} className="wz-help">
            Several of your Xero tax rates are {choice.rate}%. {choice.why} Ask your accountant if unsure: course fees are often exempt.
          </p>
        </div>
      ))}
      <div className="wz-actions">
        <button type="submit" className="button wz-button button-primary" disabled={saving} aria-busy={saving}>
          {saving ? 'Checking with Xero…' : isSaved ? 'Saved ✓ — save again' : 'Save choices'}
        </button>
      </div>
      {warnings.length > 0 ? (
        <div className="wz-warning" role="status" data-testid="wz-choice-warnings">
          <p>Saved, but please check:</p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FailureNotice failure={failure} />
    </form>
  );
}
