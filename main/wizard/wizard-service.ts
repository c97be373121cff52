/**
 * The onboarding wizard's services over one profile's FeatureContext. The checklist is derived only from stored,
 * verified facts — the Client ID in settings and the secret in the keychain, tokens plus the tenant among Xero's
 * /connections, account codes and tax rate checked against live Xero data for that tenant, a test sync read back from
 * Xero — so it survives a restart and never ticks because someone clicked "done".
 */
import type { Account, TaxRate } from 'xero-node';
import type { FeatureContext } from '../app/feature-context';
import type { CourseCoValue, DomainLint, ReadBack, WizardOptions, WizardState, WizardStep } from '../../contract/features/wizard';
import { DomainError } from '../errors';
import { describeError } from '../log';
import { accountLabel, formatRateChoices, parseRateChoices, plannerSettingsFrom, planSync } from '../sync/plan';
import { invoiceLink } from '../xero/invoice-link';
import { lintDomain } from './domain-lint';
import { compareReadBack, type ReadInvoice, type ReadPayment } from './read-back';
import { openFactsStore, type WizardFacts } from './wizard-facts';
import {
  checkInvoiceAccount,
  checkPaymentAccount,
  checkTaxRate,
  invoiceAccountOptions,
  checkRateChoice,
  paymentAccountOptions,
  rateChoices,
  taxRateOptions,
  type AccountFacts,
  type TaxRateFacts,
} from './xero-choices';

export interface WizardService {
  state(): Promise<WizardState>;
  lintDomain(input: { domain: string; save?: boolean | undefined }): DomainLint;
  options(): Promise<WizardOptions>;
  organisations(): Promise<{ organisations: OrganisationView[] }>;
  choose(input: {
    invoiceAccountCode?: string | undefined;
    paymentAccountCode?: string | undefined;
    paymentAccountId?: string | undefined;
    taxRateName?: string | undefined;
    taxTypesByRate?: Record<string, string> | undefined;
  }): Promise<WizardState>;
  courseCoValues(): Promise<{ values: CourseCoValue[]; settingsUrl?: string }>;
  readBack(transactionId: string): Promise<ReadBack>;
}

export interface OrganisationView {
  tenantId: string;
  name: string;
  current: boolean;
  countryCode?: string;
  baseCurrency?: string;
}

export interface WizardServiceOptions {
  /** Which profile this is; only reported, never branched on. */
  profile: () => 'own' | 'sample';
}

function accountFacts(account: Account): AccountFacts {
  const facts: AccountFacts = { name: account.name ?? '', type: String(account.type ?? ''), status: String(account.status ?? 'ACTIVE') };
  if (account.accountID) facts.accountId = account.accountID;
  if (account.code) facts.code = account.code;
  if (account._class !== undefined) facts.accountClass = String(account._class);
  if (account.enablePaymentsToAccount !== undefined) facts.enablePaymentsToAccount = account.enablePaymentsToAccount;
  if (account.taxType) facts.taxType = account.taxType;
  return facts;
}

function taxRateFacts(rate: TaxRate): TaxRateFacts {
  return {
    name: rate.name ?? '',
    taxType: rate.taxType ?? '',
    status: String(rate.status ?? 'ACTIVE'),
    canApplyToRevenue: rate.canApplyToRevenue === true,
    rate: String(rate.effectiveRate ?? rate.displayTaxRate ?? 0),
  };
}

export function createWizardService(context: FeatureContext, options: WizardServiceOptions): WizardService {
  const { settings, connection, clock } = context;
  const facts = openFactsStore(context.dataDir);
  const now = () => new Date(clock.now()).toISOString();

  const liveChart = async () => {
    const [accounts, rates] = await Promise.all([connection.xero.getAccounts(), connection.xero.getTaxRates()]);
    return { accounts: (accounts.accounts ?? []).map(accountFacts), rates: (rates.taxRates ?? []).map(taxRateFacts) };
  };

  /** Re-verifies the stored choices against freshly read data: a record is kept only while the value still passes. */
  const reverify = (tenantId: string, accounts: AccountFacts[], rates: TaxRateFacts[]) => {
    const current = settings.all();
    const at = now();
    facts.update((f) => {
      const next: WizardFacts = { ...f };
      const attempt = <K extends 'invoiceAccountCode' | 'paymentAccountCode' | 'taxRateName' | 'rateChoices'>(key: K, value: string | undefined, check: (v: string) => string) => {
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
  };

  /** The stored payment account: its AccountID when setup chose one, else the code of an older profile. */
  const paymentRef = (current: ReturnType<typeof settings.all>) => current['xero.paymentAccountId'] ?? current['xero.paymentAccountCode'];
  /** What the rate choices were verified for: the choices and the configured rate (which settles its own percentage). */
  const rateChoicesRef = (current: ReturnType<typeof settings.all>) => `${current['xero.taxTypesByRate'] ?? ''}|${current['xero.taxRateName'] ?? ''}`;

  const state = async (): Promise<WizardState> => {
    const current = settings.all();
    const credentials = await connection.credentials.status();
    const status = await connection.status();
    const tenantId = current['xero.tenantId'];
    let stored = facts.read();
    let tenantCheck: string | undefined;
    const signedIn = status.state === 'connected' && tenantId !== undefined;
    if (signedIn) {
      try {
        const organisations = await connection.organisations();
        const found = organisations.find((o) => o.tenantId === tenantId);
        stored = facts.update((f) => {
          const next = { ...f };
          if (found) next.tenant = { tenantId: found.tenantId, name: found.name, at: now() };
          else delete next.tenant;
          return next;
        });
        if (!found) tenantCheck = `The organisation ${current['xero.expectedOrganisation'] ?? tenantId} is no longer among the organisations this app is connected to.`;
      } catch (error) {
        tenantCheck = `Could not ask Xero just now (${error instanceof DomainError ? error.message : describeError(error)}); showing what was last verified.`;
      }
    }
    const verified = (key: 'invoiceAccountCode' | 'paymentAccountCode' | 'taxRateName' | 'rateChoices', value: string | undefined) => {
      const record = stored[key];
      return record && value !== undefined && record.value === value && record.tenantId === tenantId ? record : undefined;
    };
    const invoice = verified('invoiceAccountCode', current['xero.invoiceAccountCode']);
    const payment = verified('paymentAccountCode', paymentRef(current));
    const tax = verified('taxRateName', current['xero.taxRateName']);
    const ratesChosen = verified('rateChoices', rateChoicesRef(current));
    const domainLint = current['courseco.domain'] ? lintDomain(current['courseco.domain']) : undefined;
    const domain = domainLint?.ok ? domainLint.domain : undefined;
    const credentialsDone = credentials.clientIdStored && credentials.secretStored;
    const connected = signedIn && stored.tenant?.tenantId === tenantId;
    const chosen = Boolean(invoice && payment && tax && ratesChosen);
    const paymentName = payment ? (current['xero.paymentAccountCode'] ? `${current['xero.paymentAccountCode']} (${payment.label})` : `'${payment.label}' (no code in Xero)`) : '';
    let testSync = stored.testSync && stored.testSync.tenantId === tenantId ? stored.testSync : undefined;
    if (testSync) {
      // The journal must still say it is synced to that very invoice (a fresh journal or another org un-ticks it).
      const row = context.journal().get(testSync.transactionId);
      if (!row || row.xeroInvoiceId !== testSync.invoiceId) testSync = undefined;
    }
    const tested = Boolean(testSync?.allMatch);

    const orgName = stored.tenant?.name ?? current['xero.expectedOrganisation'];
    const steps: WizardStep[] = [
      {
        id: 'app',
        title: 'Create the Xero app',
        done: domain !== undefined,
        evidence: domain ? `CourseCo domain ${domain}; redirect URI https://${domain}/admin/messaging/oauth_set.` : 'Enter your CourseCo domain to get the exact redirect URIs.',
      },
      {
        id: 'credentials',
        title: 'Store the Client ID and Secret',
        done: credentialsDone,
        evidence: credentialsDone
          ? `Client ID ${credentials.clientId ?? ''} in settings; the secret is in the keychain (${credentials.keychain.detail}).`
          : credentials.clientIdStored
            ? 'The Client Secret is missing: CourseCo needs a Web app with a secret.'
            : credentials.keychain.available
              ? 'No credentials stored yet.'
              : `The keychain is not available: ${credentials.keychain.detail}`,
      },
      {
        id: 'courseco',
        title: 'Values for CourseCo',
        done: credentialsDone && connected && chosen,
        evidence: credentialsDone && connected && chosen ? 'Every value CourseCo needs is known and verified.' : 'Filled in as the next steps verify each value.',
      },
      {
        id: 'connect',
        title: 'Connect to Xero',
        done: connected,
        evidence: connected
          ? `Connected to ${orgName ?? 'the organisation'} (Tenant ID ${tenantId}); among Xero's connections at ${stored.tenant?.at ?? ''}.`
          : (tenantCheck ?? status.reason ?? 'Not connected yet.'),
      },
      {
        id: 'choose',
        title: 'Choose accounts and tax rate',
        done: connected && chosen,
        evidence: chosen
          ? `Invoice account ${invoice!.value}, payment account ${paymentName}, tax rate '${tax!.value}' (${tax!.label}), checked against Xero.`
          : invoice && payment && tax
            ? 'Several of your Xero tax rates have the same percentage: choose which one CourseCo’s sales use, so they land in the right box of the VAT return.'
            : 'Pick the invoice account, payment account and tax rate from your Xero organisation.',
      },
      {
        id: 'test',
        title: 'Test with one transaction',
        done: connected && chosen && tested,
        evidence: testSync
          ? testSync.allMatch
            ? `Transaction ${testSync.transactionId} is in Xero as ${testSync.invoiceNumber ?? testSync.invoiceId}; every field matched (read back ${testSync.verifiedAt}).`
            : `Transaction ${testSync.transactionId} reached Xero, but some fields differ from what CourseCo has.`
          : 'Send one transaction and read it back from Xero.',
      },
    ];
    const allDone = steps.every((s) => s.done);
    steps.push({
      id: 'check',
      title: 'What to check',
      done: allDone,
      evidence: allDone ? 'Connection active, Tenant ID set, account codes valid, no sync errors, a transaction pushed.' : 'Shown live once the steps above are done.',
    });
    const order = ['app', 'credentials', 'connect', 'choose', 'test'] as const;
    const currentStep = order.find((id) => !steps.find((s) => s.id === id)!.done) ?? 'check';

    const result: WizardState = {
      profile: options.profile(),
      steps,
      currentStep,
      facts: { credentialsStored: credentialsDone, connected },
    };
    const f = result.facts;
    if (domain) f.domain = domain;
    if (credentials.clientId) f.clientId = credentials.clientId;
    if (credentials.appType) f.appType = credentials.appType;
    if (tenantId) f.tenantId = tenantId;
    if (orgName) f.organisationName = orgName;
    if (tenantCheck) f.tenantCheck = tenantCheck;
    if (invoice) f.invoiceAccount = { code: invoice.value, name: invoice.label };
    if (payment) {
      const code = current['xero.paymentAccountCode'];
      f.paymentAccount = { name: payment.label, ...(code ? { code } : {}), ...(current['xero.paymentAccountId'] ? { accountId: current['xero.paymentAccountId'] } : {}) };
    }
    if (tax) f.taxRate = { name: tax.value, taxType: tax.label };
    if (testSync) {
      const { tenantId: _t, ...rest } = testSync;
      f.testSync = rest;
    }
    return result;
  };

  return {
    state,
    lintDomain({ domain, save }) {
      const lint = lintDomain(domain);
      const saved = Boolean(save && lint.ok);
      if (saved) settings.set('courseco.domain', lint.domain);
      const result: DomainLint = {
        input: lint.input,
        domain: lint.domain,
        ok: lint.ok,
        problems: lint.problems,
        assistantRedirectUris: connection.redirectUris(),
        saved,
      };
      if (lint.courseCoRedirectUri) result.courseCoRedirectUri = lint.courseCoRedirectUri;
      if (lint.settingsUrl) result.settingsUrl = lint.settingsUrl;
      return result;
    },
    async options() {
      const [organisation, chart] = await Promise.all([connection.xero.getOrganisation(), liveChart()]);
      reverify(organisation.tenantId, chart.accounts, chart.rates);
      const payments = paymentAccountOptions(chart.accounts);
      const current = settings.all();
      const org: WizardOptions['organisation'] = { tenantId: organisation.tenantId, name: organisation.name };
      if (organisation.countryCode) org.countryCode = organisation.countryCode;
      if (organisation.baseCurrency) org.baseCurrency = organisation.baseCurrency;
      const selected: WizardOptions['selected'] = {};
      if (current['xero.invoiceAccountCode']) selected.invoiceAccountCode = current['xero.invoiceAccountCode'];
      if (current['xero.paymentAccountCode']) selected.paymentAccountCode = current['xero.paymentAccountCode'];
      if (current['xero.paymentAccountId']) selected.paymentAccountId = current['xero.paymentAccountId'];
      if (current['xero.taxRateName']) selected.taxRateName = current['xero.taxRateName'];
      return {
        organisation: org,
        invoiceAccounts: invoiceAccountOptions(chart.accounts),
        paymentAccounts: payments.options,
        excludedPaymentAccounts: payments.excluded,
        taxRates: taxRateOptions(chart.rates),
        rateChoices: rateChoices(chart.rates, current['xero.taxRateName'], parseRateChoices(current['xero.taxTypesByRate'])),
        selected,
      };
    },
    async organisations() {
      const choices = (await connection.organisations()).slice(0, 25);
      const organisations = await Promise.all(
        choices.map(async (choice): Promise<OrganisationView> => {
          const view: OrganisationView = { tenantId: choice.tenantId, name: choice.name, current: choice.current };
          try {
            const org = await connection.xero.getOrganisation({ tenantId: choice.tenantId });
            if (org.countryCode) view.countryCode = org.countryCode;
            if (org.baseCurrency) view.baseCurrency = org.baseCurrency;
          } catch (error) {
            // The name and Tenant ID still identify it; country and currency are a help, not a need.
            context.log.warn('wizard: could not read an organisation', { error: describeError(error) });
          }
          return view;
        }),
      );
      return { organisations };
    },
    async choose(input) {
      const tenantId = settings.get('xero.tenantId');
      const { accounts, rates } = await liveChart();
      // Every value is checked before anything is stored: a refused value leaves all settings as they were.
      const invoice = input.invoiceAccountCode !== undefined ? checkInvoiceAccount(accounts, input.invoiceAccountCode) : undefined;
      const paymentRefInput = input.paymentAccountId !== undefined ? { accountId: input.paymentAccountId } : input.paymentAccountCode !== undefined ? { code: input.paymentAccountCode } : undefined;
      const payment = paymentRefInput ? checkPaymentAccount(accounts, paymentRefInput) : undefined;
      const tax = input.taxRateName !== undefined ? checkTaxRate(rates, input.taxRateName) : undefined;
      const choices = { ...parseRateChoices(settings.get('xero.taxTypesByRate')) };
      for (const [percent, taxType] of Object.entries(input.taxTypesByRate ?? {})) {
        const checked = checkRateChoice(rates, percent, taxType);
        choices[checked.rate] = checked.taxType;
      }
      const rateText = formatRateChoices(choices);
      settings.update({
        ...(invoice ? { 'xero.invoiceAccountCode': invoice.code } : {}),
        // Payments are sent by AccountID; the code (when the account has one) is what CourseCo's own settings show.
        ...(payment ? { 'xero.paymentAccountId': payment.accountId, 'xero.paymentAccountCode': payment.code ?? null } : {}),
        ...(tax ? { 'xero.taxRateName': tax.name } : {}),
        ...(input.taxTypesByRate ? { 'xero.taxTypesByRate': rateText || null } : {}),
      });
      if (tenantId) reverify(tenantId, accounts, rates);
      return state();
    },
    async courseCoValues() {
      const current = settings.all();
      const view = await state();
      const f = view.facts;
      const values: CourseCoValue[] = [
        {
          id: 'clientId',
          label: 'Client ID',
          hint: 'From your Xero app → Configuration.',
          ...(current['xero.clientId'] && f.credentialsStored ? { value: current['xero.clientId'] } : {}),
        },
        {
          id: 'clientSecret',
          label: 'Client Secret',
          hint: f.credentialsStored
            ? 'Paste the secret you copied from Xero. The assistant keeps its copy in the keychain and never shows it; if you no longer have it, generate a new one in Xero and enter it in both places.'
            : 'The secret you generate in your Xero app (step 2).',
        },
        { id: 'tenantId', label: 'Tenant ID', hint: 'Found for you when you connect (step 4).', ...(f.connected && f.tenantId ? { value: f.tenantId } : {}) },
        { id: 'invoiceAccountCode', label: 'Invoice Account Code', hint: 'The revenue account chosen in step 4.', ...(f.invoiceAccount ? { value: f.invoiceAccount.code } : {}) },
        {
          id: 'paymentAccountCode',
          label: 'Payment Account Code',
          hint:
            f.paymentAccount && !f.paymentAccount.code
              ? `The bank account chosen in step 4, '${f.paymentAccount.name}', has no code in Xero. The assistant pays into it by its Xero id, but CourseCo's own field needs a code: give the account one in Xero (Chart of accounts → the account → Code), then choose it again here.`
              : 'The bank account chosen in step 4.',
          ...(f.paymentAccount?.code ? { value: f.paymentAccount.code } : {}),
        },
        {
          id: 'taxCodeTitle',
          label: 'Tax code title',
          hint: f.taxRate ? `Exactly as Xero spells it — case-sensitive (TaxType ${f.taxRate.taxType}).` : 'The tax rate chosen in step 4, exactly as Xero spells it (case-sensitive).',
          ...(f.taxRate ? { value: f.taxRate.name } : {}),
        },
      ];
      return { values, ...(f.domain ? { settingsUrl: `https://${f.domain}/admin/settings` } : {}) };
    },
    async readBack(transactionId) {
      const journal = context.journal();
      const row = journal.get(transactionId);
      if (!row) {
        throw new DomainError('TransactionNotFound', {
          message: `Transaction ${transactionId} is not in the assistant's journal.`,
          fix: 'Import the CourseCo transactions report (or load the sample data) and pick a transaction from it.',
        });
      }
      if (!row.xeroInvoiceId) {
        throw new DomainError('NotSyncedYet', {
          message: `Transaction ${transactionId} has not been sent to Xero yet${row.lastError ? `: ${row.lastError}` : ''}.`,
          fix: 'Click "Sync to Xero" for it first, then read it back.',
          ...(row.lastError ? { evidence: row.lastError } : {}),
        });
      }
      const invoiceId = row.xeroInvoiceId;
      const [invoiceBody, paymentBody, chart, organisation] = await Promise.all([
        connection.xero.call('GET /Invoices/{id}', (api, tenant) => api.getInvoice(tenant, invoiceId)),
        connection.xero.call('GET /Payments', (api, tenant) => api.getPayments(tenant, undefined, `Invoice.InvoiceID==guid("${invoiceId}")`)),
        liveChart(),
        connection.xero.getOrganisation(),
      ]);
      const xeroInvoice = invoiceBody.invoices?.[0];
      if (!xeroInvoice) {
        throw new DomainError('InvoiceNotFound', {
          message: `Xero has no invoice ${invoiceId} for transaction ${transactionId}.`,
          fix: 'Check that the assistant is connected to the organisation the transaction was sent to.',
        });
      }
      const invoice: ReadInvoice = {
        invoiceId,
        lines: (xeroInvoice.lineItems ?? []).map((l) => ({
          ...(l.accountCode ? { accountCode: l.accountCode } : {}),
          ...(l.taxType ? { taxType: l.taxType } : {}),
          ...(l.lineAmount !== undefined ? { lineAmount: l.lineAmount } : {}),
        })),
      };
      if (xeroInvoice.invoiceNumber) invoice.invoiceNumber = xeroInvoice.invoiceNumber;
      if (xeroInvoice.contact?.name) invoice.contactName = xeroInvoice.contact.name;
      if (xeroInvoice.status !== undefined) invoice.status = String(xeroInvoice.status);
      if (xeroInvoice.currencyCode !== undefined) invoice.currencyCode = String(xeroInvoice.currencyCode);
      if (xeroInvoice.subTotal !== undefined) invoice.subTotal = xeroInvoice.subTotal;
      if (xeroInvoice.totalTax !== undefined) invoice.totalTax = xeroInvoice.totalTax;
      if (xeroInvoice.total !== undefined) invoice.total = xeroInvoice.total;
      const payments: ReadPayment[] = (paymentBody.payments ?? []).map((p) => ({
        ...(p.amount !== undefined ? { amount: p.amount } : {}),
        ...(p.account?.accountID ? { accountId: p.account.accountID } : {}),
        ...(p.account?.code ? { accountCode: p.account.code } : {}),
        ...(p.status !== undefined ? { status: String(p.status) } : {}),
      }));
      // What CourseCo's transaction should become, planned as if it had never been sent.
      const [entry] = journal.entries({ ids: [transactionId] });
      const fresh = entry && {
        ...entry,
        status: 'ready' as const,
        syncedHash: null,
        approvedHash: null,
        xero: { contactId: null, invoiceId: null, creditNoteId: null, number: null },
        payments: entry.payments.map((p) => ({ ...p, syncedHash: null, xeroPaymentId: null, lastError: null })),
      };
      const plannerAccounts = chart.accounts.map((a) => ({
        ...(a.accountId ? { AccountID: a.accountId } : {}),
        ...(a.code ? { Code: a.code } : {}),
        Name: a.name,
        Type: a.type,
        Status: a.status,
        ...(a.enablePaymentsToAccount !== undefined ? { EnablePaymentsToAccount: a.enablePaymentsToAccount } : {}),
        ...(a.taxType ? { TaxType: a.taxType } : {}),
      }));
      const plannerRates = chart.rates.map((r) => ({ Name: r.name, TaxType: r.taxType, Status: r.status, EffectiveRate: r.rate, CanApplyToRevenue: r.canApplyToRevenue }));
      const plan = planSync({ entries: fresh ? [fresh] : [], settings: plannerSettingsFrom(settings.all(), plannerRates, {}, plannerAccounts) });
      const names = new Map(chart.accounts.filter((a) => a.accountId).map((a) => [a.accountId!.toLowerCase(), accountLabel(a)]));
      const fields = compareReadBack(plan, transactionId, invoice, payments, (id) => names.get(id));
      const allMatch = fields.every((f) => f.match);
      const result: ReadBack = { transactionId, invoiceId, allMatch, fields };
      if (invoice.invoiceNumber) result.invoiceNumber = invoice.invoiceNumber;
      if (organisation.shortCode) result.invoiceUrl = invoiceLink(connection.origins.apiOrigin, invoiceId, organisation.shortCode);
      facts.update((f) => ({
        ...f,
        testSync: {
          tenantId: organisation.tenantId,
          transactionId,
          invoiceId,
          verifiedAt: now(),
          allMatch,
          ...(result.invoiceNumber ? { invoiceNumber: result.invoiceNumber } : {}),
          ...(result.invoiceUrl ? { invoiceUrl: result.invoiceUrl } : {}),
        },
      }));
      return result;
    },
  };
}
