/**
 * Every way a sync can fail carries its fix: the kinds the contract lists each have a "What to do", Retry is
 * offered only where Xero did not answer, data errors lead to the place that fixes them, and only what Xero returned
 * says Xero did not accept it. One real sentence of each kind, as the planner and Xero word it.
 */
import { describe, expect, it } from 'vitest';
import { FailureKind } from '../../../contract/features/transactions';
import { adviseFailure, adviseStop, FAILURE_ADVICE, syncReadiness } from '../../../main/sync/run';
import { currencyProblem } from '../../../main/sync/plan';

const app = (message: string) => adviseFailure({ message, validationErrors: [] });
const xero = (message: string, details: string[]) => adviseFailure({ message, validationErrors: details });

describe('failure advice', () => {
  it('gives every failure kind a fix, and says whether Retry can help', () => {
    for (const kind of FailureKind.options) {
      const advice = FAILURE_ADVICE[kind];
      expect(advice, kind).toBeDefined();
      expect(advice.fix.trim().length, `${kind} has no fix`).toBeGreaterThan(20);
      expect(typeof advice.temporary).toBe('boolean');
    }
    // Only a missing answer is worth retrying as it is.
    expect(FailureKind.options.filter((k) => FAILURE_ADVICE[k].temporary)).toEqual(['no-answer']);
    expect(Object.keys(FAILURE_ADVICE).sort()).toEqual([...FailureKind.options].sort());
  });

  it.each<[string, ReturnType<typeof adviseFailure>['kind'], ReturnType<typeof adviseFailure>['leadsTo']]>([
    [currencyProblem({ base: 'GBP', enabled: ['GBP'] }, 'EUR')!, 'currency', 'setup'],
    ["the invoice is dated 2026-05-01, on or before the organisation's period lock date (2026-06-30), and Xero refuses documents in a locked period, so it is held.", 'locked-period', null],
    ['line 1 (Course fee): the rule "Evening courses" names account 999, which is not in the chart (Rules page)', 'rule', 'rules'],
    ['line 1 (Course fee): no Xero tax rate is mapped for 13.5% VAT (23% → TAX001)', 'tax-rate', 'setup'],
    ['line 1 (Course fee): the invoice account 260 is archived in Xero. Choose another account.', 'account', 'setup'],
    ['The payment account 090 is archived in Xero, so it cannot take payments.', 'payment-account', 'setup'],
    ['the Xero contact "Ann Murphy" is archived: restore it in Xero (Contacts → Archived) or merge it, then sync again', 'contact', null],
    ['the line total differs from CourseCo by 0.02, more than the 0.01 rounding allowance: check the VAT rate and amounts of this transaction in CourseCo', 'amounts', null],
    ['the invoice number is 300 characters and Xero takes at most 255: correct it in CourseCo, then sync again', 'field', null],
    ['CourseCo records 1 payment(s) not yet in Xero on this cancelled booking: check them in CourseCo (a refund or a cancelled payment?), import again, then approve', 'amounts', null],
  ])('sorts the app’s own refusal %#', (message, kind, leadsTo) => {
    const advice = app(message);
    expect(advice.kind).toBe(kind);
    expect(advice.leadsTo).toBe(leadsTo);
    expect(advice.fromXero).toBe(false);
    expect(advice.temporary).toBe(false);
    // Nothing was sent: it must not say Xero refused it.
    expect(advice.reason).toMatch(/^Nothing was sent to Xero\./);
    expect(advice.reason).not.toMatch(/did not accept|refused/i);
  });

  it('says Xero did not accept only what Xero returned, and sorts Xero’s words', () => {
    const account = xero("Xero refused the invoice: Account code '999' is not a valid code for this document.", ["Account code '999' is not a valid code for this document."]);
    expect(account).toMatchObject({ kind: 'account', fromXero: true, temporary: false, leadsTo: 'setup' });
    expect(account.reason).toMatch(/^Xero refused the invoice/);

    const currency = xero('Xero refused the invoice: Organisation is not subscribed to currency EUR', ['Organisation is not subscribed to currency EUR']);
    expect(currency).toMatchObject({ kind: 'currency', fromXero: true, leadsTo: 'setup' });
    expect(currency.reason).toMatch(/This transaction is in euro, and the Xero organisation has no euro enabled\./);

    const other = xero('Xero refused the invoice: Something Xero-specific happened.', ['Something Xero-specific happened.']);
    expect(other).toMatchObject({ kind: 'xero-other', fromXero: true, temporary: false, leadsTo: null });
  });

  it('offers Retry when Xero did not answer, and nowhere else', () => {
    const advice = xero('Xero refused the invoice: Xero sent no answer for this element.', ['Xero sent no answer for this element.']);
    expect(advice).toMatchObject({ kind: 'no-answer', temporary: true, fromXero: false });
    expect(advice.reason).not.toMatch(/did not accept|refused/i);
  });

  it('sorts a failure that follows another by the first one', () => {
    const both = xero('Xero refused the new contact "Ann": Email address must be valid. · its contact could not be created in Xero, so the invoice was not sent', ['Email address must be valid.']);
    expect(both.kind).toBe('contact');
    expect(app('its invoice is not in Xero, so its payments were not sent').kind).toBe('depends');
  });

  it('puts the reason that decided the kind first', () => {
    const advice = app(`Row 2 ("Safe Pass"): no Xero tax rate is mapped for 23% VAT (20% → OUTPUT2) · ${currencyProblem({ base: 'GBP', enabled: ['GBP'] }, 'EUR')!}`);
    expect(advice.kind).toBe('currency');
    expect(advice.reason).toBe("Nothing was sent to Xero. This transaction is in euro, but the Xero organisation's currency is British Pound and it has no euro enabled. Row 2 (\"Safe Pass\"): no Xero tax rate is mapped for 23% VAT (20% → OUTPUT2).");
  });

  it('names currencies in words', () => {
    expect(currencyProblem({ base: 'GBP', enabled: ['GBP'] }, 'EUR')).toMatch(/^this transaction is in euro, but the Xero organisation's currency is British Pound and it has no euro enabled: connect the Xero organisation that keeps your euro books, or turn on multi-currency in Xero/);
  });

  it('says whether a stopped run may simply be run again, or needs Setup', () => {
    expect(adviseStop({ kind: 'XeroUnavailable', message: 'Xero kept answering that it is unavailable (5 attempts), so the sync stopped.', fix: 'Check…' })).toMatchObject({ temporary: true, leadsTo: null });
    expect(adviseStop({ kind: 'TenantNotChosen', message: 'Nothing was sent: no Xero organisation is chosen yet.' })).toMatchObject({ temporary: false, leadsTo: 'setup' });
    // A Client Secret Xero refuses fails the same way every time: the way to Setup, never "Sync again".
    expect(adviseStop({ kind: 'InvalidClientCredentials', message: 'Xero refused the Client ID or Client Secret.' })).toMatchObject({ temporary: false, leadsTo: 'setup' });
    // Not a Setup problem and not temporary either (a damaged journal, a full disk): no retry, no page to go to.
    for (const kind of ['JournalDamaged', 'DiskFull', 'KeychainUnavailable']) expect(adviseStop({ kind, message: 'stopped' })).toMatchObject({ temporary: false, leadsTo: null });
    expect(adviseStop({ kind: 'RulesRefused', message: 'stopped' })).toMatchObject({ temporary: false, leadsTo: 'rules' });
    for (const kind of ['XeroUnreachable', 'RateLimited', 'XeroDailyLimitReached', 'SyncFailed']) expect(adviseStop({ kind, message: 'stopped' }).temporary).toBe(true);
  });

  it('says plainly what a profile lacks before it can sync', () => {
    const none = syncReadiness({ credentials: false, connection: 'not-configured', tenantId: undefined, invoiceAccountCode: undefined, paymentAccount: false });
    expect(none).toMatchObject({ ready: false, missing: ['credentials', 'connection', 'organisation', 'accounts'] });
    expect(none.reason).not.toMatch(/tenant/i);
    expect(none.fix).toMatch(/Setup/);
    // A screen shows a short lead and one short item per thing left to do, not one long sentence.
    expect(none.lead).toBe('Finish Setup before sending to Xero.');
    expect(none.todo).toEqual(['Enter the Xero app’s Client ID and Secret', 'Connect to Xero', 'Choose the Xero organisation', 'Choose the accounts for course sales and for payments']);
    expect(syncReadiness({ credentials: true, connection: 'reconnect-needed', tenantId: 't', invoiceAccountCode: '200', paymentAccount: true }).todo).toEqual(['Connect to Xero again (settings and synced data are kept)']);
    expect(syncReadiness({ credentials: true, connection: 'connected', tenantId: 't', invoiceAccountCode: '200', paymentAccount: false }).reason).toBe(
      'Nothing can be sent yet: the Xero accounts for course sales and for payments are not chosen yet.',
    );
    expect(syncReadiness({ credentials: true, connection: 'connected', tenantId: 't', invoiceAccountCode: '200', paymentAccount: true })).toEqual({ ready: true, missing: [] });
  });
});
