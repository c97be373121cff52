/**
 * The wizard's services against the real sandbox and the real keychain: live pickers, typed values refused with
 * their fix (archived code, tax name in the wrong case, payment account without payments), and a checklist derived
 * from stored facts that survives a restart of the services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { isChannelName } from '../../../contract/contract';
import { DomainError } from '../../../main/errors';
import { followAuthorizeUrl, nextAuthorizeUrl, startHarness, type Harness } from '../xero/support/sandbox-harness';

let harness: Harness;
let services: AppServices;

const call = <C extends keyof AppServices['handlers']>(s: AppServices, channel: C, args: Parameters<AppServices['handlers'][C]>[0]) =>
  s.handlers[channel](args as never) as ReturnType<AppServices['handlers'][C]>;

async function refusal(promise: unknown): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

beforeAll(async () => {
  harness = await startHarness();
  services = harness.services();
});
afterAll(async () => {
  await harness?.stop();
});

describe('wizard services (real sandbox, real keychain)', () => {
  it('starts with nothing ticked, then ticks domain and credentials from stored facts', async () => {
    const fresh = await call(services, 'wizard.state', {});
    expect(fresh.steps.map((s) => [s.id, s.done])).toEqual([
      ['app', false], ['credentials', false], ['connect', false], ['choose', false], ['test', false], ['courseco', false], ['check', false],
    ]);
    expect(fresh.currentStep).toBe('app');

    const lint = await call(services, 'wizard.lintDomain', { domain: 'https://Liffey.courseco.co/', save: true });
    expect(lint).toMatchObject({ ok: true, saved: true, domain: 'liffey.courseco.co', courseCoRedirectUri: 'https://liffey.courseco.co/admin/messaging/oauth_set' });
    expect(lint.assistantRedirectUris).toEqual(harness.ports.map((p) => `http://localhost:${p}/callback`));
    const placeholder = await call(services, 'wizard.lintDomain', { domain: 'yourdomain.courseco.co', save: true });
    expect(placeholder).toMatchObject({ ok: false, saved: false });
    expect(services.settings.get('courseco.domain')).toBe('liffey.courseco.co');

    await call(services, 'credentials.set', harness.web);
    const state = await call(services, 'wizard.state', {});
    expect(state.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['app', 'credentials']);
    expect(state.currentStep).toBe('connect');
    expect(JSON.stringify(state)).not.toContain(harness.web.clientSecret);
    const values = await call(services, 'wizard.courseCoValues', {});
    expect(values.settingsUrl).toBe('https://liffey.courseco.co/admin/settings');
    expect(values.values.find((v) => v.id === 'clientId')?.value).toBe(harness.web.clientId);
    expect(values.values.find((v) => v.id === 'clientSecret')?.value).toBeUndefined();
    expect(values.values.find((v) => v.id === 'tenantId')?.value).toBeUndefined();
    expect(JSON.stringify(values)).not.toContain(harness.web.clientSecret);
    // Nothing to confirm yet: the values CourseCo needs are not known before connecting and choosing.
    const early = await refusal(call(services, 'wizard.confirmCourseCo', { entered: true }));
    expect(early.kind).toBe('CourseCoValuesIncomplete');
    expect(early.message).toContain('Tenant ID, Invoice Account Code, Payment Account Code, Tax code title');
    expect(early.fix).toContain('Finish “Connect to Xero” first');
  });

  it('ticks "connect" once the tenant is among Xero\'s connections', async () => {
    const url = nextAuthorizeUrl(services);
    const connecting = call(services, 'connection.connect', { tenant: 'Liffey Training Academy' });
    await followAuthorizeUrl(await url, harness.sandbox.tenants[0]!.tenantId);
    await connecting;
    const state = await call(services, 'wizard.state', {});
    expect(state.steps.find((s) => s.id === 'connect')).toMatchObject({ done: true, evidence: 'Connected to Liffey Training Academy; Xero confirms the connection.' });
    expect(state.facts).toMatchObject({ connected: true, tenantId: harness.sandbox.tenants[0]!.tenantId, organisationName: 'Liffey Training Academy' });
    expect(state.currentStep).toBe('choose');
  });

  it('offers live pickers: active revenue accounts, payment accounts with why others are missing, revenue tax rates', async () => {
    const options = await call(services, 'wizard.options', {});
    expect(options.organisation).toMatchObject({ name: 'Liffey Training Academy', baseCurrency: 'EUR' });
    const invoiceCodes = options.invoiceAccounts.map((a) => a.code);
    expect(invoiceCodes).toEqual(expect.arrayContaining(['200', '210', '220', '260', '270']));
    expect(invoiceCodes).not.toContain('250');
    expect(invoiceCodes).not.toContain('090');
    expect(options.paymentAccounts.map((a) => [a.code, a.note])).toEqual([
      ['090', 'Bank account'], ['091', 'Bank account'], ['615', 'Payments enabled'], ['970', 'Payments enabled'],
      [undefined, 'Bank account, no code in Xero'],
    ]);
    expect(options.excludedPaymentAccounts.find((a) => a.code === '620')?.reason).toContain('Enable payments to this account');
    expect(options.excludedPaymentAccounts.find((a) => a.code === '200')).toBeUndefined();
    expect(options.excludedPaymentAccounts.find((a) => a.code === '250')).toBeUndefined();
    const names = options.taxRates.map((r) => r.name);
    expect(options.taxRates).toContainEqual({ name: '23% VAT on Income', taxType: 'TAX001', rate: '23' });
    expect(names).not.toContain('21% VAT on Income');
    expect(names).not.toContain('23% VAT on Expenses');
  });

  it('refuses an archived account code, a tax name in the wrong case and a payment account without payments, storing nothing', async () => {
    const archived = await refusal(call(services, 'wizard.choose', { invoiceAccountCode: '250', paymentAccountCode: '090', taxRateName: '23% VAT on Income' }));
    expect(archived.kind).toBe('AccountCodeUnusable');
    expect(archived.message).toContain('Account 250 Workshop Income (old) is archived in Xero');
    expect(archived.fix).toContain('200');
    expect(archived.evidence).toContain('ARCHIVED');

    const wrongCase = await refusal(call(services, 'wizard.choose', { taxRateName: '23% vat on income' }));
    expect(wrongCase.kind).toBe('TaxRateCaseMismatch');
    expect(wrongCase.message).toContain("differs from Xero's tax rate '23% VAT on Income' only in letter case");
    expect(wrongCase.fix).toContain("Use '23% VAT on Income' exactly");

    const noPayments = await refusal(call(services, 'wizard.choose', { paymentAccountCode: '620' }));
    expect(noPayments.kind).toBe('PaymentsNotEnabled');
    expect(noPayments.fix).toContain('Enable payments to this account');

    const unknown = await refusal(call(services, 'wizard.choose', { invoiceAccountCode: '4999' }));
    expect(unknown.kind).toBe('AccountCodeUnknown');

    const settings = services.settings.all();
    expect(settings['xero.invoiceAccountCode']).toBeUndefined();
    expect(settings['xero.paymentAccountCode']).toBeUndefined();
    expect(settings['xero.taxRateName']).toBeUndefined();
  });

  it('stores verified choices, asks which 0% rate sales use, fills the CourseCo values, and keeps every tick across a restart', async () => {
    const unsettled = await call(services, 'wizard.choose', { invoiceAccountCode: '200', paymentAccountCode: '090', taxRateName: '23% VAT on Income' });
    // Three active 0% sales rates: nothing is guessed, the step stays open and says why in plain words.
    const open = unsettled.steps.find((s) => s.id === 'choose')!;
    expect(open.done).toBe(false);
    expect(open.evidence).toContain('VAT return');
    const options = await call(services, 'wizard.options', {});
    expect(options.rateChoices).toEqual([
      {
        rate: '0',
        options: [{ name: 'Tax on Sales', taxType: 'OUTPUT' }, { name: 'Tax Exempt', taxType: 'NONE' }, { name: 'Exempt', taxType: 'TAX005' }],
        why: expect.stringContaining('box of the VAT return'),
      },
    ]);
    const deleted = await refusal(call(services, 'wizard.choose', { taxTypesByRate: { '21': 'TAX006' } }));
    expect(deleted.kind).toBe('TaxRateUnusable');
    expect(deleted.message).toContain("'21% VAT on Income' is deleted");
    const wrongPercent = await refusal(call(services, 'wizard.choose', { taxTypesByRate: { '0': 'TAX001' } }));
    expect(wrongPercent.message).toContain('is 23% in Xero, not 0%');
    expect(services.settings.get('xero.taxTypesByRate')).toBeUndefined();

    const state = await call(services, 'wizard.choose', { taxTypesByRate: { '0': 'TAX005' } });
    expect(services.settings.get('xero.taxTypesByRate')).toBe('0=TAX005');
    expect((await call(services, 'wizard.options', {})).rateChoices[0]!.selected).toBe('TAX005');
    expect(state.steps.find((s) => s.id === 'choose')?.done).toBe(true);
    expect(state.facts.taxRate).toEqual({ name: '23% VAT on Income', taxType: 'TAX001' });
    expect(state.facts.invoiceAccount).toEqual({ code: '200', name: 'Sales' });
    expect(state.currentStep).toBe('test');
    const values = await call(services, 'wizard.courseCoValues', {});
    expect(Object.fromEntries(values.values.map((v) => [v.id, v.value]))).toEqual({
      clientId: harness.web.clientId,
      clientSecret: undefined,
      tenantId: harness.sandbox.tenants[0]!.tenantId,
      invoiceAccountCode: '200',
      paymentAccountCode: '090',
      taxCodeTitle: '23% VAT on Income',
    });

    await services.dispose();
    services = harness.services();
    const resumed = await call(services, 'wizard.state', {});
    expect(resumed.steps.map((s) => [s.id, s.done])).toEqual(state.steps.map((s) => [s.id, s.done]));
    expect(resumed.currentStep).toBe('test');
  });

  it('offers a bank account that has no code in Xero, stores it by AccountID, and says CourseCo’s own field needs a code', async () => {
    const options = await call(services, 'wizard.options', {});
    const uncoded = options.paymentAccounts.find((a) => a.name === 'Course Bookings Current Account')!;
    expect(uncoded).toMatchObject({ type: 'BANK', note: 'Bank account, no code in Xero' });
    expect(uncoded.code).toBeUndefined();
    const state = await call(services, 'wizard.choose', { paymentAccountId: uncoded.accountId });
    expect(state.steps.find((s) => s.id === 'choose')?.done).toBe(true);
    expect(state.facts.paymentAccount).toEqual({ accountId: uncoded.accountId, name: 'Course Bookings Current Account' });
    expect(services.settings.get('xero.paymentAccountId')).toBe(uncoded.accountId);
    expect(services.settings.get('xero.paymentAccountCode')).toBeUndefined();
    const values = await call(services, 'wizard.courseCoValues', {});
    const payment = values.values.find((v) => v.id === 'paymentAccountCode')!;
    expect(payment.value).toBeUndefined();
    expect(payment.hint).toContain('has no code in Xero');

    // A coded account picked from the list keeps both: the id for payments, the code for CourseCo's settings.
    const coded = options.paymentAccounts.find((a) => a.code === '090')!;
    const back = await call(services, 'wizard.choose', { paymentAccountId: coded.accountId });
    expect(back.facts.paymentAccount).toEqual({ accountId: coded.accountId, code: '090', name: 'Business Bank Account' });
    expect(services.settings.get('xero.paymentAccountCode')).toBe('090');
  });

  // The sync engine lands as its own feature; the read-back is specified against it once it is in the contract.
  it.skipIf(!isChannelName('sync.run'))('reads a test sync back from Xero field by field, and un-ticks it when the expectation no longer matches', async () => {
    const loose = services.handlers as unknown as Record<string, (args: unknown) => Promise<unknown>>;
    await call(services, 'transactions.sampleData', {});
    const notYet = await refusal(call(services, 'wizard.readBack', { transactionId: '5002' }));
    expect(notYet.kind).toBe('NotSyncedYet');
    const missing = await refusal(call(services, 'wizard.readBack', { transactionId: 'nope' }));
    expect(missing.kind).toBe('TransactionNotFound');

    const run = (await loose['sync.run']!({ transactionIds: ['5002'] })) as { synced: number; failures: unknown[] };
    expect(run.failures).toEqual([]);
    expect(run.synced).toBe(1);
    const readBack = await call(services, 'wizard.readBack', { transactionId: '5002' });
    expect(readBack.allMatch).toBe(true);
    const labels = readBack.fields.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(['Contact', 'Total', 'Tax', 'Account code', 'Tax rate', 'Payments', 'Payment account']));
    expect(readBack.fields.find((f) => f.label === 'Account code')).toMatchObject({ expected: '200', actual: '200', match: true });
    // In a bookkeeper's words: the rate by name, amounts in euro, Xero's status as Xero's screens say it.
    expect(readBack.fields.find((f) => f.label === 'Tax rate')).toMatchObject({ expected: '23% VAT on Income', actual: '23% VAT on Income', match: true });
    expect(readBack.fields.find((f) => f.label === 'Total')?.expected).toMatch(/^€\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(readBack.fields.find((f) => f.label === 'Status')).toMatchObject({ expected: 'Approved', match: true });
    expect(JSON.stringify(readBack.fields)).not.toMatch(/TAX00\d|AUTHORISED/);
    expect(readBack.fields.find((f) => f.label === 'Payment account')).toMatchObject({ expected: '090 Business Bank Account', actual: '090 Business Bank Account', match: true });
    expect(readBack.invoiceUrl).toContain(`${harness.sandbox.baseUrl}/organisationlogin/default.aspx?shortcode=`);
    expect(readBack.invoiceUrl).toContain(`InvoiceID=${readBack.invoiceId}`);
    let state = await call(services, 'wizard.state', {});
    expect(state.steps.find((s) => s.id === 'test')?.done).toBe(true);
    expect(state.steps.find((s) => s.id === 'test')?.evidence).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // CourseCo's own settings cannot be read: that step waits for the person to say they entered the values.
    expect(state.currentStep).toBe('courseco');
    expect(state.steps.find((s) => s.id === 'check')?.done).toBe(false);
    state = await call(services, 'wizard.confirmCourseCo', { entered: true });
    expect(state.steps.find((s) => s.id === 'courseco')).toMatchObject({ done: true, evidence: expect.stringMatching(/^You confirmed on \d{1,2} \w{3} \d{4} that CourseCo/) });
    expect(state.steps.find((s) => s.id === 'check')?.done).toBe(true);
    expect(state.currentStep).toBe('check');
    expect(state.facts.testSync).toMatchObject({ transactionId: '5002', invoiceId: readBack.invoiceId, allMatch: true });

    // Another invoice account now: what Xero holds no longer matches what CourseCo would send.
    await call(services, 'wizard.choose', { invoiceAccountCode: '260' });
    const differs = await call(services, 'wizard.readBack', { transactionId: '5002' });
    expect(differs.allMatch).toBe(false);
    expect(differs.fields.find((f) => f.label === 'Account code')).toMatchObject({ expected: '260', actual: '200', match: false });
    state = await call(services, 'wizard.state', {});
    expect(state.steps.find((s) => s.id === 'test')?.done).toBe(false);
    // A value CourseCo holds changed: entering the values there is asked again.
    expect(state.steps.find((s) => s.id === 'courseco')).toMatchObject({ done: false, evidence: expect.stringContaining('A value changed') });
    await call(services, 'wizard.choose', { invoiceAccountCode: '200' });
    expect((await call(services, 'wizard.readBack', { transactionId: '5002' })).allMatch).toBe(true);
    // Back to the values confirmed: the confirmation counts again; "not yet" takes it back.
    expect((await call(services, 'wizard.state', {})).steps.find((s) => s.id === 'courseco')?.done).toBe(true);
    state = await call(services, 'wizard.confirmCourseCo', { entered: false });
    expect(state.steps.find((s) => s.id === 'courseco')?.done).toBe(false);
  });

  it('un-ticks a choice changed behind the wizard\'s back, and a tenant no longer connected', async () => {
    // A new sandbox minute: the test sync before spent most of this one's 60 calls (Xero's per-minute limit).
    harness.sandbox.advanceClock(60);
    // A hand-edited settings file (settings.set itself refuses an archived account: chart-policy.consumers.test.ts).
    services.settings.set('xero.invoiceAccountCode', '250');
    let state = await call(services, 'wizard.state', {});
    expect(state.steps.find((s) => s.id === 'choose')?.done).toBe(false);
    expect(state.facts.invoiceAccount).toBeUndefined();
    await call(services, 'wizard.choose', { invoiceAccountCode: '200' });

    await call(services, 'connection.disconnect', { revoke: false });
    state = await call(services, 'wizard.state', {});
    expect(state.steps.find((s) => s.id === 'connect')?.done).toBe(false);
    expect(state.currentStep).toBe('connect');
  });
});
