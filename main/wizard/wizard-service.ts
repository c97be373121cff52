/**
 * The onboarding wizard's services over one profile's FeatureContext. The checklist (`wizard-checklist.ts`) is
 * derived only from stored, verified facts — the Client ID in settings and the secret in the keychain, tokens plus the
 * tenant among Xero's /connections, account codes and tax rate checked against live Xero data for that tenant
 * (`verified-choices.ts`), a test sync read back from Xero (`test-sync-read-back.ts`) — so it survives a restart and
 * never ticks because someone clicked "done". Every answer is the contract's type for its channel.
 */
import type { ParsedArgsOf, ResultOf } from '../../contract/contract';
import type { DomainLint, ProfileKind, ReadBack, WizardOptions, WizardState } from '../../contract/features/wizard';
import type { FeatureContext } from '../app/feature-context';
import { DomainError } from '../errors';
import { describeError } from '../log';
import { formatRateChoices, parseRateChoices } from '../sync/plan';
import { courseCoFingerprint, courseCoValues, missingCourseCoValues } from './courseco-values';
import { lintDomain } from './domain-lint';
import { readBackTestSync } from './test-sync-read-back';
import { reverifyChoices } from './verified-choices';
import { buildChecklist } from './wizard-checklist';
import { openFactsStore } from './wizard-facts';
import { readLiveChart } from './xero-chart';
import { checkInvoiceAccount, checkPaymentAccount, checkRateChoice, checkTaxRate, invoiceAccountOptions, paymentAccountOptions, rateChoices, taxRateOptions } from './xero-choices';

type OrganisationView = ResultOf<'wizard.organisations'>['organisations'][number];

export interface WizardService {
  state(): Promise<WizardState>;
  lintDomain(input: ParsedArgsOf<'wizard.lintDomain'>): DomainLint;
  options(): Promise<WizardOptions>;
  organisations(): Promise<ResultOf<'wizard.organisations'>>;
  choose(input: ParsedArgsOf<'wizard.choose'>): Promise<WizardState>;
  courseCoValues(): Promise<ResultOf<'wizard.courseCoValues'>>;
  confirmCourseCo(input: ParsedArgsOf<'wizard.confirmCourseCo'>): Promise<WizardState>;
  readBack(transactionId: string): Promise<ReadBack>;
}

export interface WizardServiceOptions {
  /** Which profile this is; only reported, never branched on. */
  profile: () => ProfileKind;
}

export function createWizardService(context: FeatureContext, options: WizardServiceOptions): WizardService {
  const { settings, connection, clock } = context;
  const facts = openFactsStore(context.dataDir);
  const now = () => new Date(clock.now()).toISOString();

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
    let testSync = stored.testSync && stored.testSync.tenantId === tenantId ? stored.testSync : undefined;
    if (testSync) {
      // The journal must still say it is synced to that very invoice (a fresh journal or another org un-ticks it).
      const row = context.journal().get(testSync.transactionId);
      if (!row || row.xeroInvoiceId !== testSync.invoiceId) testSync = undefined;
    }
    return buildChecklist({ profile: options.profile(), current, credentials, status, stored, signedIn, tenantCheck, testSync });
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
      const [organisation, chart] = await Promise.all([connection.xero.getOrganisation(), readLiveChart(connection.xero)]);
      reverifyChoices(facts, settings.all(), organisation.tenantId, chart, now());
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
      const chart = await readLiveChart(connection.xero);
      const { accounts, rates } = chart;
      // Every value is checked before anything is stored: a refused value leaves all settings as they were.
      const invoice = input.invoiceAccountCode !== undefined ? checkInvoiceAccount(accounts, input.invoiceAccountCode) : undefined;
      const paymentRefInput = input.paymentAccountId !== undefined ? { accountId: input.paymentAccountId } : input.paymentAccountCode !== undefined ? { code: input.paymentAccountCode } : undefined;
      const payment = paymentRefInput ? checkPaymentAccount(accounts, paymentRefInput) : undefined;
      const tax = input.taxRateName !== undefined ? checkTaxRate(rates, input.taxRateName) : undefined;
      const choices = { ...parseRateChoices(settings.get('xero.taxTypesByRate')) };
      const rateWarnings: (string | undefined)[] = [];
      for (const [percent, taxType] of Object.entries(input.taxTypesByRate ?? {})) {
        const checked = checkRateChoice(rates, percent, taxType);
        choices[checked.rate] = checked.taxType;
        rateWarnings.push(checked.warning);
      }
      const rateText = formatRateChoices(choices);
      settings.update({
        ...(invoice ? { 'xero.invoiceAccountCode': invoice.code } : {}),
        // Payments are sent by AccountID; the code (when the account has one) is what CourseCo's own settings show.
        ...(payment ? { 'xero.paymentAccountId': payment.accountId, 'xero.paymentAccountCode': payment.code ?? null } : {}),
        ...(tax ? { 'xero.taxRateName': tax.name } : {}),
        ...(input.taxTypesByRate ? { 'xero.taxTypesByRate': rateText || null } : {}),
      });
      if (tenantId) reverifyChoices(facts, settings.all(), tenantId, chart, now());
      const warnings = [invoice?.warning, payment?.warning, tax?.warning, ...rateWarnings].filter((w): w is string => Boolean(w));
      return { ...(await state()), ...(warnings.length ? { warnings } : {}) };
    },
    async courseCoValues() {
      const clientId = settings.get('xero.clientId');
      const view = await state();
      return courseCoValues(view.facts, clientId);
    },
    async confirmCourseCo({ entered }) {
      if (!entered) {
        facts.update((f) => ({ ...f, courseCoEntered: undefined }));
        return state();
      }
      const view = await state();
      const tenantId = settings.get('xero.tenantId');
      const { values } = courseCoValues(view.facts, settings.get('xero.clientId'));
      const missing = missingCourseCoValues(values);
      const before = view.steps.filter((s) => s.id === 'credentials' || s.id === 'connect' || s.id === 'choose').find((s) => !s.done);
      if (before || missing.length > 0 || !tenantId) {
        throw new DomainError('CourseCoValuesIncomplete', {
          message: missing.length > 0 ? `Not every value for CourseCo is known yet: ${missing.map((v) => v.label).join(', ')}.` : 'Not every value for CourseCo is known yet.',
          fix: before ? `Finish “${before.title}” first; the values appear as each step is checked.` : (missing.find((v) => v.id === 'paymentAccountCode')?.hint ?? 'Finish the steps above first.'),
        });
      }
      facts.update((f) => ({ ...f, courseCoEntered: { tenantId, value: courseCoFingerprint(values), label: 'entered', at: now() } }));
      return state();
    },
    readBack: (transactionId) => readBackTestSync(context, facts, transactionId),
  };
}
