/**
 * The step-4 choices as verified against Xero: each record in the facts store names the tenant and the value it was
 * checked for, so a record counts only while settings still hold that value for that tenant. Re-verifying replaces
 * the records from freshly read data; a value that no longer passes loses its record (and its tick).
 */
import type { Settings } from '../../contract/contract';
import { parseRateChoices } from '../sync/plan';
import type { FactsStore, VerifiedValue, WizardFacts } from './wizard-facts';
import type { LiveChart } from './xero-chart';
import { checkInvoiceAccount, checkPaymentAccount, checkTaxRate, rateChoices } from './xero-choices';

type ChoiceKey = 'invoiceAccountCode' | 'paymentAccountCode' | 'taxRateName' | 'rateChoices';

/** The stored payment account: its AccountID when setup chose one, else the code of an older profile. */
export const paymentRef = (current: Settings) => current['xero.paymentAccountId'] ?? current['xero.paymentAccountCode'];
/** What the rate choices were verified for: the choices and the configured rate (which settles its own percentage). */
export const rateChoicesRef = (current: Settings) => `${current['xero.taxTypesByRate'] ?? ''}|${current['xero.taxRateName'] ?? ''}`;

/** Re-verifies the stored choices against freshly read data: a record is kept only while the value still passes. */
export function reverifyChoices(facts: FactsStore, current: Settings, tenantId: string, chart: LiveChart, at: string): void {
  const { accounts, rates } = chart;
  facts.update((f) => {
    const next: WizardFacts = { ...f };
    const attempt = (key: ChoiceKey, value: string | undefined, check: (v: string) => string) => {
      if (!value) return void (next[key] = undefined);
      try {
        next[key] = { tenantId, value, label: check(value), at };
      } catch {
        next[key] = undefined;
      }
    };
    attempt('invoiceAccountCode', current['xero.invoiceAccountCode'], (v) => checkInvoiceAccount(accounts, v).name);
    attempt('paymentAccountCode', paymentRef(current), (v) => checkPaymentAccount(accounts, current['xero.paymentAccountId'] ? { accountId: v } : { code: v }).name);
    attempt('taxRateName', current['xero.taxRateName'], (v) => checkTaxRate(rates, v).taxType);
    // Every percentage several rates share must have its rate chosen (org-rules.ts: nothing is guessed).
    attempt('rateChoices', rateChoicesRef(current), () => {
      const open = rateChoices(rates, current['xero.taxRateName'], parseRateChoices(current['xero.taxTypesByRate'])).filter((c) => !c.selected);
      if (open.length) throw new Error(`unchosen: ${open.map((c) => c.rate).join(', ')}`);
      return 'chosen';
    });
    return next;
  });
}

export interface VerifiedChoices {
  invoice?: VerifiedValue | undefined;
  payment?: VerifiedValue | undefined;
  tax?: VerifiedValue | undefined;
  ratesChosen?: VerifiedValue | undefined;
}

/** The records that still hold for the values in settings and the configured tenant. */
export function verifiedChoices(stored: WizardFacts, current: Settings, tenantId: string | undefined): VerifiedChoices {
  const verified = (key: ChoiceKey, value: string | undefined) => {
    const record = stored[key];
    return record && value !== undefined && record.value === value && record.tenantId === tenantId ? record : undefined;
  };
  return {
    invoice: verified('invoiceAccountCode', current['xero.invoiceAccountCode']),
    payment: verified('paymentAccountCode', paymentRef(current)),
    tax: verified('taxRateName', current['xero.taxRateName']),
    ratesChosen: verified('rateChoices', rateChoicesRef(current)),
  };
}
