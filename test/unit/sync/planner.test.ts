import { describe, expect, it } from 'vitest';
import type { CourseCoLine, CourseCoTransaction } from '../../../main/courseco/types';
import { batchKey, documentKey, transactionIdFromReference, transactionReference } from '../../../main/sync/plan/idempotency';
import type { JournalEntry } from '../../../main/sync/journal';
import { bindReferences, plannerSettingsFrom, planSync, type PlannerSettings } from '../../../main/sync/plan';
import { settingsDefaults } from '../../../main/settings/settings-schema';
import { readyEntry } from '../../support/journal-entry';

const settings: PlannerSettings = {
  invoiceAccountCode: '200',
  paymentAccountCode: '090',
  invoiceStatus: 'AUTHORISED',
  taxTypes: { '23': 'TAX001', '0': 'NONE' },
  defaultTaxRate: '23',
};

function entry(overrides: Partial<CourseCoTransaction> = {}, lines: Partial<CourseCoLine>[] = [{}], extra: Partial<JournalEntry> = {}): JournalEntry {
  const transaction: CourseCoTransaction = {
    transactionId: '1',
    kind: 'invoice',
    contact: { name: 'Acme Ltd' },
    date: '2024-03-01',
    amountsIncludeTax: false,
    lines: lines.map((l, i) => ({ row: i + 2, description: 'Course', quantity: '1', unitAmount: '100', ...l })),
    ...overrides,
  };
  return readyEntry(transaction, extra);
}

const pay = (paymentId: string, amount: string, xeroPaymentId: string | null = null) => ({
  payment: { paymentId, transactionId: '1', date: '2024-03-02', amount, row: 2 },
  contentHash: 'p'.repeat(64),
  syncedHash: xeroPaymentId ? 'p'.repeat(64) : null,
  xeroPaymentId,
  lastError: null,
});

describe('planSync: checks against CourseCo', () => {
  it('refuses a transaction whose total differs from CourseCo’s by more than a cent, saying by how much', () => {
    const plan = planSync({ entries: [entry({}, [{ lineTotal: '100', taxAmount: '23.05' }])], settings });
    expect(plan.transactions[0]).toMatchObject({ outcome: 'error', documents: [] });
    expect(plan.transactions[0]!.errors).toEqual([
      "Xero's total would be 123.00 but CourseCo's is 123.05 (difference 0.05), more than the 0.01 rounding allowance: check the VAT rate and amounts of this transaction in CourseCo",
      "Xero's VAT would be 23.00 but CourseCo's is 23.05 (difference 0.05), more than the 0.01 rounding allowance: check the VAT rate and amounts of this transaction in CourseCo",
    ]);
    expect(plan.invoices).toEqual([]);
    expect(plan.contacts).toEqual([]);
  });

  it('refuses a VAT amount that matches no mapped rate, naming the implied rate and the mapped ones', () => {
    const plan = planSync({ entries: [entry({}, [{ lineTotal: '100', taxAmount: '13.50' }])], settings });
    expect(plan.transactions[0]!.errors).toEqual(['row 2 ("Course"): VAT 13.50 on 100.00 is 13.5%, which matches no mapped Xero tax rate (23% → TAX001, 0% → NONE)']);
  });

  it('refuses a rate with no Xero tax type, and a line with no tax information and no default rate', () => {
    expect(planSync({ entries: [entry({}, [{ taxRate: '9' }])], settings }).transactions[0]!.errors).toEqual([
      'row 2 ("Course"): no Xero tax rate is mapped for 9% VAT (23% → TAX001, 0% → NONE)',
    ]);
    const { defaultTaxRate: _unused, ...noDefault } = settings;
    expect(planSync({ entries: [entry()], settings: noDefault }).transactions[0]!.errors).toEqual([
      'row 2 ("Course") has no VAT rate or VAT amount in the file, and no default tax rate is set',
    ]);
  });

  it('sends a discounted line at CourseCo’s line total, with a warning', () => {
    const plan = planSync({ entries: [entry({}, [{ quantity: '2', unitAmount: '100', lineTotal: '180', taxAmount: '41.40' }])], settings });
    expect(plan.invoices[0]!.payload.LineItems).toEqual([{ Description: 'Course', Quantity: 2, UnitAmount: 90, AccountCode: '200', TaxType: 'TAX001' }]);
    expect(plan.transactions[0]!.warnings).toEqual([
      'row 2 ("Course"): quantity × unit price is 200.00 but CourseCo\'s line total is 180.00 (a discount?); the line is sent at CourseCo\'s total',
    ]);
  });

  it('asks for unitdp=4 when a unit price has more than 2 decimals', () => {
    const plan = planSync({ entries: [entry({}, [{ quantity: '3', unitAmount: '33.3333', lineTotal: '100' }])], settings });
    expect(plan.unitdp4).toBe(true);
    expect(plan.transactions[0]!.totals).toEqual({ subTotal: '100.00', totalTax: '23.00', total: '123.00' });
  });

  it('sends no tax for NoTax organisations, and refuses lines that carry VAT then', () => {
    const noTax = { ...settings, lineAmountTypes: 'NoTax' as const };
    const ok = planSync({ entries: [entry()], settings: noTax });
    expect(ok.invoices[0]!.payload).toMatchObject({ LineAmountTypes: 'NoTax', LineItems: [{ Description: 'Course', Quantity: 1, UnitAmount: 100, AccountCode: '200' }] });
    expect(ok.invoices[0]!.payload.LineItems[0]).not.toHaveProperty('TaxType');
    const bad = planSync({ entries: [entry({}, [{ taxAmount: '23' }])], settings: noTax });
    expect(bad.transactions[0]!.errors).toEqual(['row 2 ("Course") carries VAT 23.00 but the Xero line amount type is NoTax']);
  });

  it('uses CourseCo’s nominal codes only when asked to', () => {
    const e = entry({}, [{ accountCode: '4010' }]);
    expect(planSync({ entries: [e], settings }).invoices[0]!.payload.LineItems[0]!.AccountCode).toBe('200');
    expect(planSync({ entries: [e], settings: { ...settings, useNominalCodes: true } }).invoices[0]!.payload.LineItems[0]!.AccountCode).toBe('4010');
  });
});

describe('planSync: contacts', () => {
  it('creates each new contact once, however many transactions bill it', () => {
    const plan = planSync({ entries: [entry({ transactionId: '1' }), entry({ transactionId: '2', contact: { name: ' acme  LTD ' } })], settings });
    expect(plan.contacts).toHaveLength(1);
    expect(plan.contacts[0]!.transactionIds).toEqual(['1', '2']);
    expect(plan.invoices.map((i) => i.needs)).toEqual([{ contactRef: plan.contacts[0]!.key }, { contactRef: plan.contacts[0]!.key }]);
  });

  it('prefers the ContactNumber match over a name match, and refuses archived contacts', () => {
    const e = entry({ contact: { name: 'Acme Ltd', externalRef: '42' } });
    const contacts = [
      { ContactID: 'by-name', Name: 'Acme Ltd' },
      { ContactID: 'by-number', Name: 'Acme Limited', ContactNumber: 'CC-42' },
    ];
    expect(planSync({ entries: [e], settings, contacts }).invoices[0]!.payload.Contact).toEqual({ ContactID: 'by-number' });
    const archived = planSync({ entries: [entry()], settings, contacts: [{ ContactID: 'old', Name: 'Acme Ltd', ContactStatus: 'ARCHIVED' }] });
    expect(archived.transactions[0]!.errors).toEqual(['the Xero contact "Acme Ltd" is archived: restore it in Xero (Contacts → Archived) or merge it, then sync again']);
  });
});

describe('planSync: what is already in Xero', () => {
  const inXero = { contactId: 'c1', invoiceId: 'i1', creditNoteId: null, number: 'INV-1' };

  it('plans nothing for a fully synced transaction', () => {
    const plan = planSync({ entries: [entry({}, [{}], { status: 'synced', syncedHash: 'a'.repeat(64), xero: inXero })], settings });
    expect(plan.transactions[0]).toMatchObject({ outcome: 'nothing-to-send', reason: 'everything for this transaction is already in Xero' });
    expect(plan.summary.minimumCalls).toBe(0);
  });

  it('skips a transaction changed since sync until the user approves, then plans an update of the same invoice', () => {
    const changed = entry({}, [{ unitAmount: '120' }], { status: 'changed', syncedHash: 'b'.repeat(64), xero: inXero });
    expect(planSync({ entries: [changed], settings }).transactions[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'changed in CourseCo since it was synced: review the difference, then approve the change to send it (console: Approve change; CLI: transactions approve ID)',
    });
    const approved = { ...changed, status: 'ready' as const, approvedHash: changed.contentHash };
    const plan = planSync({ entries: [approved], settings });
    expect(plan.invoices[0]).toMatchObject({ operation: 'update', idempotencyKey: `invoice-update:1:${'a'.repeat(16)}`, payload: { InvoiceID: 'i1', Contact: { ContactID: 'c1' } } });
  });

  it('never edits an invoice that has payments in Xero: a credit note and a new invoice instead, or a plain refusal when the version sent is unknown', () => {
    const e = entry({}, [{ unitAmount: '120' }], { approvedHash: 'a'.repeat(64), syncedHash: 'b'.repeat(64), xero: inXero, payments: [pay('p1', '50', 'xp1')] });
    expect(planSync({ entries: [e], settings }).transactions[0]!.errors).toEqual([
      'the version sent to Xero as INV-1 was not kept by this journal (it was sent by an older version of the assistant), so its credit note cannot be built: raise the credit note in Xero by hand, then exclude this transaction',
    ]);
    const known = { ...e, synced: entry({}, [{ unitAmount: '100' }]).transaction };
    const plan = planSync({ entries: [known], settings });
    expect(plan.invoices.map((d) => [d.operation, 'InvoiceID' in d.payload])).toEqual([['create', false]]);
    expect(plan.creditNotes.map((d) => [d.operation, d.change, d.payload.LineItems[0]!.UnitAmount])).toEqual([['create', 'credit', 100]]);
  });
});

describe('planSync: payments', () => {
  it('refuses payments above the invoice total', () => {
    const plan = planSync({ entries: [entry({}, [{}], { payments: [pay('p1', '100'), pay('p2', '30')] })], settings });
    expect(plan.transactions[0]!.errors).toEqual([
      '7.00 more than the invoice\'s amount due was paid (invoice total 123.00, payments 130.00), and Xero refuses a payment above the amount due. Check the payments in CourseCo; if the customer really paid more, record the extra in Xero as an overpayment (Sales → Invoices → the invoice → "Overpayment") and exclude this transaction here.',
    ]);
  });

  it('holds payments back when invoices are created as DRAFT', () => {
    const plan = planSync({ entries: [entry({}, [{}], { payments: [pay('p1', '100')] })], settings: { ...settings, invoiceStatus: 'DRAFT' } });
    expect(plan.payments).toEqual([]);
    expect(plan.invoices[0]!.payload.Status).toBe('DRAFT');
    expect(plan.transactions[0]!.warnings).toEqual(['1 payment(s) held back: Xero takes payments only on AUTHORISED invoices, and invoices are created as DRAFT']);
  });

  it('sends a payment recorded against a credit transaction as a refund on its credit note (issue 13)', () => {
    const plan = planSync({ entries: [entry({ kind: 'credit' }, [{}], { payments: [pay('p1', '10')] })], settings });
    expect(plan.transactions[0]!.errors).toEqual([]);
    expect(plan.payments).toEqual([]);
    expect(plan.refunds?.map((r) => [r.kind, r.key, r.payload.Amount, r.needs])).toEqual([['refund', 'p1', 10, { creditNoteOf: '1' }]]);
  });

  it('binds Xero ids created earlier in the run, and refuses to send with a dependency missing', () => {
    const plan = planSync({ entries: [entry({}, [{}], { payments: [pay('p1', '100')] })], settings });
    const payment = plan.payments[0]!;
    expect(payment.payload.Invoice).toEqual({ InvoiceID: '(InvoiceID of CourseCo Tx 1)' });
    const ids = { contactIdByRef: () => 'new-contact', invoiceIdByTransaction: (tx: string) => (tx === '1' ? 'new-invoice' : undefined) };
    expect(bindReferences(payment, ids).Invoice).toEqual({ InvoiceID: 'new-invoice' });
    expect(bindReferences(plan.invoices[0]!, ids).Contact).toEqual({ ContactID: 'new-contact' });
    expect(payment.payload.Invoice).toEqual({ InvoiceID: '(InvoiceID of CourseCo Tx 1)' });
    expect(() => bindReferences(payment, { contactIdByRef: () => undefined, invoiceIdByTransaction: () => undefined })).toThrow(/has no Xero id yet/);
  });
});

describe('idempotency keys and references', () => {
  it('stays within Xero’s 128 characters and is stable', () => {
    const long = documentKey('payment', 'x'.repeat(300), 'h'.repeat(64));
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).toBe(documentKey('payment', 'x'.repeat(300), 'h'.repeat(64)));
    expect(batchKey('invoices', ['a', 'b'])).not.toBe(batchKey('invoices', ['b', 'a']));
    expect(batchKey('invoices', ['a', 'b']).length).toBeLessThanOrEqual(128);
  });

  it('reads back exactly the transaction id it wrote into a Reference', () => {
    expect(transactionIdFromReference(transactionReference('12', 'PO-1'))).toBe('12');
    expect(transactionIdFromReference(transactionReference('123'))).toBe('123');
    expect(transactionIdFromReference('CourseCo Tx 12X3 extra')).toBeUndefined();
    expect(transactionIdFromReference('INV-12')).toBeUndefined();
  });
});

describe('plannerSettingsFrom', () => {
  const taxRates = [
    { Name: '23% VAT on Income', TaxType: 'TAX001', EffectiveRate: 23, Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: '13.5% VAT on Income', TaxType: 'TAX002', EffectiveRate: '13.5000', Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: '23% VAT on Expenses', TaxType: 'TAX003', EffectiveRate: 23, Status: 'ACTIVE', CanApplyToRevenue: false },
    { Name: 'Tax Exempt', TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE' },
  ];
  const app = { ...settingsDefaults, 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' };

  it('resolves the configured tax rate name to its TaxType and maps the other revenue rates by percentage', () => {
    expect(plannerSettingsFrom(app, taxRates)).toEqual({
      invoiceAccountCode: '200',
      paymentAccountCode: '090',
      invoiceStatus: 'AUTHORISED',
      taxTypes: { '23': 'TAX001', '13.5': 'TAX002', '0': 'NONE' },
      defaultTaxRate: '23',
    });
  });

  it('says so when the tax rate name differs from Xero’s only in case (CourseCo’s classic trap)', () => {
    expect(() => plannerSettingsFrom({ ...app, 'xero.taxRateName': '23% vat on income' }, taxRates)).toThrow(/'23% vat on income' differs from Xero's tax rate '23% VAT on Income' only in letter case/);
  });

  it('asks for the account codes when they are missing', () => {
    expect(() => plannerSettingsFrom(settingsDefaults, taxRates)).toThrow(/accounts for course sales and for payments are not chosen/);
  });
});

describe('issue 12: payment account by AccountID, 0% rates chosen, unusable rates and accounts refused before sending', () => {
  const bankId = '6f1c2b9e-0d3a-4c55-9a77-2b1e5c0d9f10';
  const rates = [
    { Name: '23% VAT on Income', TaxType: 'TAX001', EffectiveRate: 23, Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: 'Tax on Sales', TaxType: 'OUTPUT', EffectiveRate: 0, Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: 'Tax Exempt', TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: 'Exempt', TaxType: 'TAX005', EffectiveRate: 0, Status: 'ACTIVE', CanApplyToRevenue: true },
    { Name: '21% VAT on Income', TaxType: 'TAX006', EffectiveRate: 21, Status: 'DELETED', CanApplyToRevenue: true },
    { Name: '4.8% VAT on Income', TaxType: 'TAX007', EffectiveRate: 4.8, Status: 'ARCHIVED', CanApplyToRevenue: true },
  ];
  const chart = [
    { AccountID: bankId, Name: 'Course Bookings Current Account', Type: 'BANK', Status: 'ACTIVE' },
    { AccountID: '0b7e1f52-5b1d-4f0e-8d7c-3c2a1b0e9d88', Code: '200', Name: 'Sales', Type: 'REVENUE', Status: 'ACTIVE', TaxType: 'TAX001' },
    { AccountID: '9c3d2e1f-7a6b-4c5d-8e9f-0a1b2c3d4e5f', Code: '091', Name: 'Old Savings', Type: 'BANK', Status: 'ARCHIVED' },
  ];
  const base = { ...settingsDefaults, 'xero.invoiceAccountCode': '200', 'xero.taxRateName': '23% VAT on Income', 'xero.invoiceStatus': 'AUTHORISED' as const };
  const paid = () => entry({}, [{ taxRate: '23' }], { payments: [pay('P1', '123.00')] });

  it('pays into a bank account that has no code, by AccountID', () => {
    const s = plannerSettingsFrom({ ...base, 'xero.paymentAccountId': bankId }, rates, {}, chart);
    const plan = planSync({ entries: [paid()], settings: s });
    expect(plan.payments[0]!.payload.Account).toEqual({ AccountID: bankId });
  });

  it('an older profile with only a code still sends the code', () => {
    const s = plannerSettingsFrom({ ...base, 'xero.paymentAccountCode': '090' }, rates);
    expect(planSync({ entries: [paid()], settings: s }).payments[0]!.payload.Account).toEqual({ Code: '090' });
  });

  it('refuses payments to an archived payment account before sending, naming it and the fix', () => {
    const s = plannerSettingsFrom({ ...base, 'xero.paymentAccountId': '9c3d2e1f-7a6b-4c5d-8e9f-0a1b2c3d4e5f' }, rates, {}, chart);
    const plan = planSync({ entries: [paid()], settings: s });
    expect(plan.payments).toEqual([]);
    expect(plan.transactions[0]!.outcome).toBe('error');
    expect(plan.transactions[0]!.errors[0]).toContain('The payment account 091 Old Savings is archived in Xero');
    expect(plan.transactions[0]!.errors[0]).toContain('restore 091 Old Savings');
  });

  it('never takes "the first 0% rate Xero lists": an unchosen 0% line is refused with why; the chosen one is used', () => {
    const unchosen = plannerSettingsFrom({ ...base, 'xero.paymentAccountId': bankId }, rates, {}, chart);
    const refused = planSync({ entries: [entry({}, [{ taxRate: '0' }])], settings: unchosen });
    expect(refused.transactions[0]!.errors).toEqual([
      `row 2 ("Course"): 0% VAT matches several Xero tax rates ('Tax on Sales', 'Tax Exempt', 'Exempt'), which Xero reports in different boxes of the VAT return; nothing is guessed: choose which one 0% sales use in Setup → "Choose accounts and tax rate"`,
    ]);
    const chosen = plannerSettingsFrom({ ...base, 'xero.paymentAccountId': bankId, 'xero.taxTypesByRate': '0=TAX005' }, rates, {}, chart);
    expect(planSync({ entries: [entry({}, [{ taxRate: '0' }])], settings: chosen }).invoices[0]!.payload.LineItems[0]!.TaxType).toBe('TAX005');
  });

  it('refuses a DELETED configured rate and an ARCHIVED chosen rate at plan time, with the fix', () => {
    expect(() => plannerSettingsFrom({ ...base, 'xero.taxRateName': '21% VAT on Income', 'xero.paymentAccountId': bankId }, rates, {}, chart)).toThrow(
      /Nothing was sent. The tax rate '21% VAT on Income' is deleted in Xero/,
    );
    expect(() => plannerSettingsFrom({ ...base, 'xero.paymentAccountId': bankId, 'xero.taxTypesByRate': '4.8=TAX007' }, rates, {}, chart)).toThrow(/'4.8% VAT on Income' is archived/);
  });
});
