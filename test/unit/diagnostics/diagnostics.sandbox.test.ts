/**
 * The guide's "What to Check" and "Common Issues", each created on purpose against the real sandbox (and the real
 * keychain): the right check fails with the right evidence and fix, and the others still pass.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePortOtherThan } from '../../support/free-ports';
import { startHarness, type Harness } from '../xero/support/sandbox-harness';
import { check, connectOnce, expectOnly, healthyProfile, run } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const liffey = () => h.sandbox.tenants.find((t) => t.name === 'Liffey Training Academy')!;
const thames = () => h.sandbox.tenants.find((t) => t.name === 'Thames Valley Courses Ltd')!;
const masked = (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`;

describe('diagnostics on a healthy connection', () => {
  it('every check passes, with evidence in plain words and no full IDs', async () => {
    const services = await healthyProfile(h);
    const report = await run(services);
    expect(report).toMatchObject({ version: 1, summary: { fail: 0, warn: 0, notRun: 1 } });
    expect(check(report, 'books-match')).toMatchObject({ status: 'not-run', evidence: 'CourseCo has not been compared with Xero yet.' });
    expect(report.checks.map((c) => c.id)).toEqual([
      'connection-active', 'tenant-id', 'account-codes', 'sync-errors', 'transactions-push', 'books-match', 'redirect-uri', 'client-credentials',
      'wrong-organisation', 'tax-rate-title', 'currency', 'keychain', 'settings-file', 'clock-skew', 'scopes', 'rate-limit', 'versions',
    ]);
    expectOnly(report, []);
    expect(check(report, 'tenant-id')).toMatchObject({ evidence: "'Liffey Training Academy' is chosen and connected.", detail: `Tenant ID in settings: ${masked(liffey().tenantId)}.` });
    expect(check(report, 'account-codes').evidence).toMatch(/Invoice account 200 'Sales' \(revenue\) and payment account 090 .* \(bank\)/);
    // The tax rate by its name only; its code is for the support bundle.
    expect(check(report, 'tax-rate-title')).toMatchObject({ evidence: "'23% VAT on Income' matches Xero's tax rate exactly (23%).", detail: 'TaxType TAX001.' });
    expect(check(report, 'transactions-push').evidence).toMatch(/trial run of transaction 1001 \(nothing sent\) plans 1 new contact, 1 invoice/);
    expect(check(report, 'connection-active').evidence).toBe('Xero answered: 1 organisation is connected to the assistant. The sign-in renews itself while the assistant is used; the sign-in was last renewed today.');
    expect(check(report, 'connection-active').detail).toMatch(/^GET \/connections answered \(1 organisation\(s\)\); access token valid until \d{4}-/);
    expect(check(report, 'redirect-uri').evidence).toContain(`used http://localhost:${h.ports[0]}/callback and Xero's answer arrived`);
    expect(check(report, 'rate-limit').evidence).toMatch(/calls left today/);
    const text = JSON.stringify(report);
    expect(text).not.toContain(liffey().tenantId);
    expect(text).not.toContain(h.web.clientId);
    expect(text).not.toContain(h.web.clientSecret);
  });

  it('emits diagnostics.health after each run and remembers the last report', async () => {
    const services = await healthyProfile(h);
    const seen: unknown[] = [];
    services.bus.attach((event, payload) => {
      if (event === 'diagnostics.health') seen.push(payload);
    });
    expect(await services.handlers['diagnostics.last']({})).toMatchObject({ report: null, health: { status: 'unknown' } });
    const report = await run(services);
    expect(seen).toEqual([{ status: 'good', summary: 'All 16 checks passed (1 not run).', ranAt: report.ranAt }]);
    expect(await services.handlers['diagnostics.last']({})).toMatchObject({ report: { ranAt: report.ranAt }, health: { status: 'good' } });
  });
});

describe('each common issue, created on purpose', () => {
  it('data in a currency the organisation cannot take: currency fails, naming it and the fix; once enabled, it passes', async () => {
    const services = await healthyProfile(h);
    services.journal().importTransactions([
      { transactionId: 'GBP-1', kind: 'invoice', contact: { name: 'Reading Borough Council' }, date: '2026-09-01', amountsIncludeTax: false, currency: 'GBP', lines: [{ row: 2, description: 'Manual Handling', quantity: '1', unitAmount: '100.00', taxRate: '23' }] },
    ]);
    const report = await run(services);
    expectOnly(report, ['currency']);
    expect(check(report, 'currency')).toMatchObject({
      evidence: '1 transaction in British Pound (GBP) cannot be sent: Liffey Training Academy keeps its books in Euro (EUR) and has no British Pound (GBP) enabled.',
      fix: 'Connect the Xero organisation that keeps your British Pound books, or turn on multi-currency in Xero and add British Pound under Settings → Currencies (it needs a Xero plan with multi-currency).',
    });
    const enabled = await fetch(`${h.sandbox.baseUrl}/sandbox/organisation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-admin': h.sandbox.adminToken },
      body: JSON.stringify({ tenantId: liffey().tenantId, extraCurrencies: ['GBP'] }),
    });
    expect(enabled.status).toBe(200);
    expect(check(await run(services), 'currency')).toMatchObject({ status: 'pass', evidence: expect.stringContaining('has British Pound (GBP) enabled') });
  });

  it('a wrong Client Secret: client-credentials fails with the invalid_client answer', async () => {
    const services = await healthyProfile(h);
    await services.connection.setCredentials({ clientId: h.web.clientId, clientSecret: 'Wrong-Secret_0123456789abcdefghijklmnopqrstuvwxyz' });
    const outcome = await connectOnce(services);
    expect(outcome.ok).toBe(false);
    const report = await run(services);
    expectOnly(report, ['client-credentials']);
    const c = check(report, 'client-credentials');
    expect(c.evidence).toContain(`Client ID ${masked(h.web.clientId)} is well-formed`);
    expect(c.evidence).toMatch(/But Xero refused them at the last sign-in \(\d{1,2} \w{3} \d{4} at \d\d:\d\d\): the Client ID or Secret is incorrect\.$/);
    expect(c.detail).toMatch(/^Xero answered invalid_client to the attempt of \d{4}-/);
    expect(c.fix).toContain("In Xero's developer portal (sign in at developer.xero.com, open My Apps, choose your app, then Configuration)");
    expect(c.fix).toContain('Generate a secret');
  });

  it('an unregistered redirect URI: redirect-uri fails naming the URI used and that the callback never arrived', async () => {
    const services = await healthyProfile(h, { xero: { callbackTimeoutMs: 800 } });
    const unregistered = await freePortOtherThan(h.ports);
    services.settings.set('oauth.ports', String(unregistered));
    const outcome = await connectOnce(services);
    expect(outcome.ok).toBe(false);
    const report = await run(services);
    expectOnly(report, ['redirect-uri']);
    const c = check(report, 'redirect-uri');
    expect(c.evidence).toContain(`waited at http://localhost:${unregistered}/callback, but Xero never sent the browser back to it: Xero shows "Invalid redirect_uri"`);
    expect(c.detail).toContain('error RedirectUriNotRegistered');
    expect(c.evidence).toContain(`The Xero app must list exactly: http://localhost:${unregistered}/callback`);
    expect(c.fix).toContain(`add exactly http://localhost:${unregistered}/callback`);

    // The evidence outlives the process that saw it: a restarted app (or the CLI's `diagnose`) still names the URI.
    const restarted = h.services();
    restarted.settings.set('oauth.ports', String(unregistered));
    expect(check(await run(restarted), 'redirect-uri').evidence).toBe(c.evidence);
  });

  it("a Tenant ID of another organisation (not connected): tenant-id fails; the Xero data checks say why they did not run", async () => {
    const services = await healthyProfile(h);
    services.settings.set('xero.tenantId', thames().tenantId);
    const report = await run(services);
    expectOnly(report, ['tenant-id'], { 'account-codes': ['not-run'], 'tax-rate-title': ['not-run'], 'transactions-push': ['not-run'], 'rate-limit': ['not-run'] });
    expect(check(report, 'tenant-id')).toMatchObject({
      evidence: "The organisation chosen in settings is not connected to the assistant. Connected now: 'Liffey Training Academy'.",
      detail: `Settings hold ${masked(thames().tenantId)}, which is not among the connections: 'Liffey Training Academy' (${masked(liffey().tenantId)}).`,
    });
    expect(check(report, 'account-codes').evidence).toMatch(/no longer connected to the assistant \(see "The chosen organisation is connected"\)/);
  });

  it('a made-up Tenant ID: tenant-id fails and says it is not shaped like one', async () => {
    const services = await healthyProfile(h);
    services.settings.set('xero.tenantId', 'my-tenant-12345');
    const report = await run(services);
    expect(check(report, 'tenant-id')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('not a Xero organisation at all'), detail: expect.stringContaining('not shaped like a Xero Tenant ID') });
    expect(check(report, 'connection-active').status).toBe('pass');
  });

  it('an archived invoice account code and a missing payment code: account-codes fails naming both', async () => {
    const services = await healthyProfile(h);
    services.settings.update({ 'xero.invoiceAccountCode': '250', 'xero.paymentAccountCode': '999' });
    const report = await run(services);
    expectOnly(report, ['account-codes', 'transactions-push']);
    const c = check(report, 'account-codes');
    expect(c.evidence).toMatch(/Invoice account: Account 250 .* is archived in Xero, so Xero refuses every invoice line that uses it\./);
    expect(c.evidence).toContain("Payment account: The payment account code '999' does not exist in this Xero organisation");
  });

  it('a payment account that is neither BANK nor payments-enabled: account-codes fails; a payments-enabled one passes', async () => {
    const services = await healthyProfile(h);
    services.settings.set('xero.paymentAccountCode', '620');
    let report = await run(services);
    expectOnly(report, ['account-codes']);
    expect(check(report, 'account-codes').evidence).toMatch(/Payment account: The payment account 620 Prepayments is not a bank account and does not have payments enabled/);
    expect(check(report, 'account-codes').fix).toContain('tick "Enable payments to this account"');
    services.settings.set('xero.paymentAccountCode', '615');
    report = await run(services);
    expect(check(report, 'account-codes')).toMatchObject({ status: 'pass', evidence: expect.stringContaining('with payments enabled') });
  });

  it('a tax code title in the wrong case: tax-rate-title fails with the exact spelling to use', async () => {
    const services = await healthyProfile(h);
    services.settings.set('xero.taxRateName', '23% vat on income');
    const report = await run(services);
    expectOnly(report, ['tax-rate-title', 'transactions-push']);
    const c = check(report, 'tax-rate-title');
    expect(c.evidence).toBe("'23% vat on income' differs from Xero's tax rate '23% VAT on Income' only in letter case or spaces; Xero and CourseCo compare tax code titles exactly.");
    expect(c.fix).toBe("Use '23% VAT on Income' exactly, with the same capital letters, spaces and punctuation.");
    services.settings.set('xero.taxRateName', '23% VAT Income');
    expect(check(await run(services), 'tax-rate-title').evidence).toContain("the closest is '23% VAT on Income'");
  });

  it('the wrong organisation: wrong-organisation fails naming the expected and the connected ones', async () => {
    const services = await healthyProfile(h);
    services.settings.set('xero.expectedOrganisation', thames().name);
    const report = await run(services);
    expectOnly(report, ['wrong-organisation']);
    expect(check(report, 'wrong-organisation').evidence).toBe("Expected 'Thames Valley Courses Ltd', but the organisations connected to the assistant are 'Liffey Training Academy'.");
  });

  it('an organisation disconnected from the app: tenant-id fails, the sign-in itself still works', async () => {
    const services = await healthyProfile(h);
    const result = await services.connection.disconnect({ revoke: false });
    expect(result.connectionRemoved).toBe(true);
    const report = await run(services);
    expectOnly(report, ['tenant-id'], {
      'wrong-organisation': ['not-run'], 'account-codes': ['not-run'], 'tax-rate-title': ['not-run'], 'transactions-push': ['not-run'], 'rate-limit': ['not-run'],
    });
    expect(check(report, 'tenant-id').evidence).toBe('The organisation chosen in settings is not connected to the assistant. Connected now: none.');
    expect(check(report, 'tenant-id').fix).toContain('it was disconnected from the assistant');
  });

  it('an expired refresh token (sandbox clock 61 days on): connection-active fails with the age', async () => {
    const services = await healthyProfile(h);
    h.sandbox.advanceClock(61 * 24 * 3600);
    const report = await run(services);
    const c = check(report, 'connection-active');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/^Xero refused to renew the saved sign-in\. The sign-in was last renewed 61 days ago \(\d{1,2} \w{3} \d{4}\): longer than the 60 days Xero keeps an unused sign-in\.$/);
    expect(c.detail).toMatch(/refresh token 61 days old, issued \d{4}-/);
    expect(c.fix).toContain('Connect to Xero again');
    // Nothing else can be observed without a sign-in: those checks say so rather than failing.
    for (const id of ['tenant-id', 'account-codes', 'tax-rate-title', 'wrong-organisation', 'clock-skew', 'rate-limit']) expect(check(report, id).status).toBe('not-run');
    for (const id of ['sync-errors', 'keychain', 'client-credentials', 'redirect-uri', 'versions']) expect(check(report, id).status).toBe('pass');
  });

  it('a failed sync in the journal: sync-errors fails with the first reasons', async () => {
    const services = await healthyProfile(h);
    services.journal().recordFailure('1001', { message: 'Xero refused the invoice: Account code \'999\' is not a valid code for this document.', validationErrors: ['Account code \'999\' is not a valid code for this document.'] });
    const report = await run(services);
    expectOnly(report, ['sync-errors'], { 'transactions-push': ['not-run'] });
    expect(check(report, 'sync-errors').evidence).toMatch(/^1 transaction failed to sync\. First reason: 1001: Xero refused the invoice: Account code '999' is not a valid code/);
  });

  it('a check that throws is reported as failed, and the others still run', async () => {
    const services = await healthyProfile(h);
    services.journal().close();
    const report = await run(services);
    expect(check(report, 'sync-errors')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('The check itself failed') });
    expect(check(report, 'tenant-id').status).toBe('pass');
  });
});
