/**
 * The wizard's checklist, derived only from what has been stored and verified — never from a click: the CourseCo
 * domain, the Client ID and the secret in the keychain, the tenant among Xero's connections, the step-4 choices
 * verified for that tenant, a test sync read back from Xero, and the person's confirmation that CourseCo holds the
 * values (the one thing only they can see). Pure: the wizard service gathers, this decides. One list of steps, in
 * the order they are done: the renderer shows and numbers exactly this list.
 */
import type { ConnectionStatus, CredentialsStatus, Settings } from '../../contract/contract';
import { formatDayOf } from '../../contract/locale';
import { secretPlace, type ProfileKind, type WizardState, type WizardStep } from '../../contract/features/wizard';
import { courseCoFingerprint, courseCoValues, missingCourseCoValues } from './courseco-values';
import { courseCoRedirectUri, lintDomain } from './domain-lint';
import { verifiedChoices } from './verified-choices';
import type { WizardFacts } from './wizard-facts';

export interface ChecklistInputs {
  profile: ProfileKind;
  current: Settings;
  credentials: CredentialsStatus;
  status: ConnectionStatus;
  stored: WizardFacts;
  /** Signed in, with a tenant configured. */
  signedIn: boolean;
  /** Why the stored tenant could not be confirmed just now, when it could not. */
  tenantCheck: string | undefined;
  /** The test sync, only while the journal still says it is synced to that very invoice of this tenant. */
  testSync: WizardFacts['testSync'];
}

export function buildChecklist(inputs: ChecklistInputs): WizardState {
  const { current, credentials, status, stored, signedIn, tenantCheck, testSync } = inputs;
  const tenantId = current['xero.tenantId'];
  const { invoice, payment, tax, ratesChosen } = verifiedChoices(stored, current, tenantId);
  const domainLint = current['courseco.domain'] ? lintDomain(current['courseco.domain']) : undefined;
  const domain = domainLint?.ok ? domainLint.domain : undefined;
  const credentialsDone = credentials.clientIdStored && credentials.secretStored;
  const connected = signedIn && stored.tenant?.tenantId === tenantId;
  const signedInWithoutTenant = status.state === 'connected' && !tenantId;
  const chosen = Boolean(invoice && payment && tax && ratesChosen);
  const paymentName = payment ? (current['xero.paymentAccountCode'] ? `${current['xero.paymentAccountCode']} (${payment.label})` : `'${payment.label}' (no code in Xero)`) : '';
  const tested = Boolean(testSync?.allMatch);

  const orgName = stored.tenant?.name ?? current['xero.expectedOrganisation'];
  const facts: WizardState['facts'] = { credentialsStored: credentialsDone, keychain: credentials.keychain, connected };
  if (domain) facts.domain = domain;
  if (credentials.clientId) facts.clientId = credentials.clientId;
  if (credentials.appType) facts.appType = credentials.appType;
  if (tenantId) facts.tenantId = tenantId;
  if (orgName) facts.organisationName = orgName;
  if (tenantCheck) facts.tenantCheck = tenantCheck;
  if (invoice) facts.invoiceAccount = { code: invoice.value, name: invoice.label };
  if (payment) {
    const code = current['xero.paymentAccountCode'];
    facts.paymentAccount = { name: payment.label, ...(code ? { code } : {}), ...(current['xero.paymentAccountId'] ? { accountId: current['xero.paymentAccountId'] } : {}) };
  }
  if (tax) facts.taxRate = { name: tax.value, taxType: tax.label };
  if (testSync) {
    const { tenantId: _t, ...rest } = testSync;
    facts.testSync = rest;
  }
  // CourseCo's settings cannot be read from here: the step is done when the person confirmed the values they saw.
  const values = courseCoValues(facts, current['xero.clientId']).values;
  const valuesKnown = credentialsDone && connected && chosen && missingCourseCoValues(values).length === 0;
  const entered = stored.courseCoEntered;
  const courseCoDone = valuesKnown && entered !== undefined && entered.tenantId === tenantId && entered.value === courseCoFingerprint(values);
  if (courseCoDone) facts.courseCoEnteredAt = entered!.at;

  // The steps in the order a person does them; the renderer numbers and shows exactly this list.
  const steps: WizardStep[] = [
    {
      id: 'app',
      title: 'Create the Xero app',
      done: domain !== undefined,
      evidence: domain ? `CourseCo domain ${domain}; redirect URI ${courseCoRedirectUri(domain)}.` : 'Enter your CourseCo domain to get the exact redirect URIs.',
    },
    {
      id: 'credentials',
      title: 'Store the Client ID and Secret',
      done: credentialsDone,
      evidence: credentialsDone
        ? `Client ID ${credentials.clientId ?? ''} stored; the secret is ${secretPlace(credentials.keychain)}.`
        : credentials.clientIdStored
          ? 'The Client Secret is missing: CourseCo needs a Web app with a secret.'
          : credentials.keychain.available
            ? 'No credentials stored yet.'
            : 'Nothing stored: this computer has no safe place for the secret (see below).',
    },
    {
      id: 'connect',
      title: 'Connect to Xero',
      done: connected,
      evidence: connected
        ? `Connected to ${orgName ?? 'the organisation'}; Xero confirms the connection.`
        : (tenantCheck ?? (signedInWithoutTenant ? 'Signed in to Xero, but no organisation is chosen yet.' : (status.reason ?? 'Not connected yet.'))),
    },
    {
      id: 'choose',
      title: 'Choose accounts and tax rate',
      done: connected && chosen,
      evidence: chosen
        ? `Invoice account ${invoice!.value}, payment account ${paymentName}, tax rate '${tax!.value}', checked against Xero.`
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
          ? `Transaction ${testSync.transactionId} is in Xero as ${testSync.invoiceNumber ?? 'an invoice'}; every field matched (read back ${plainDate(testSync.verifiedAt)}).`
          : `Transaction ${testSync.transactionId} reached Xero, but some fields differ from what CourseCo has.`
        : 'Send one transaction and read it back from Xero.',
    },
    {
      id: 'courseco',
      title: 'Enter the values in CourseCo',
      done: courseCoDone,
      evidence: courseCoDone
        ? `You confirmed ${plainDate(entered!.at)} that CourseCo’s Settings → Xero 2 has these values.`
        : valuesKnown
          ? entered && entered.tenantId === tenantId
            ? 'A value changed since you entered them in CourseCo: enter the changed ones again, then confirm.'
            : 'Copy each value into CourseCo’s Settings → Xero 2, then confirm here.'
          : 'Known once you have connected and chosen the accounts and tax rate.',
    },
  ];
  const allDone = steps.every((s) => s.done);
  steps.push({
    id: 'check',
    title: 'What to check',
    done: allDone,
    evidence: allDone ? 'Connection active, Tenant ID set, account codes valid, no sync errors, a transaction pushed.' : 'Shown live once the steps above are done.',
  });
  const currentStep = steps.find((s) => !s.done && s.id !== 'check')?.id ?? 'check';

  return { profile: inputs.profile, steps, currentStep, facts };
}

/** "on 3 Dec 2026": a date as the person reads it (an ISO timestamp belongs in the logs). */
function plainDate(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : `on ${formatDayOf(iso)}`;
}
