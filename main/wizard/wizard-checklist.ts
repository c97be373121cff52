/**
 * The wizard's checklist, derived only from what has been stored and verified — never from a click: the CourseCo
 * domain, the Client ID and the secret in the keychain, the tenant among Xero's connections, the step-4 choices
 * verified for that tenant, and a test sync read back from Xero. Pure: the wizard service gathers, this decides.
 */
import type { ConnectionStatus, CredentialsStatus, Settings } from '../../contract/contract';
import type { ProfileKind, WizardState, WizardStep } from '../../contract/features/wizard';
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
  const chosen = Boolean(invoice && payment && tax && ratesChosen);
  const paymentName = payment ? (current['xero.paymentAccountCode'] ? `${current['xero.paymentAccountCode']} (${payment.label})` : `'${payment.label}' (no code in Xero)`) : '';
  const tested = Boolean(testSync?.allMatch);

  const orgName = stored.tenant?.name ?? current['xero.expectedOrganisation'];
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
        ? `Client ID ${credentials.clientId ?? ''} in settings; the secret is ${credentials.keychain.persistent === false ? `in ${credentials.keychain.detail}` : `in the keychain (${credentials.keychain.detail})`}.`
        : credentials.clientIdStored
          ? 'The Client Secret is missing: CourseCo needs a Web app with a secret.'
          : credentials.keychain.available
            ? 'No credentials stored yet.'
            : 'Nothing stored: this computer has no safe place for the secret (see below).',
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
    profile: inputs.profile,
    steps,
    currentStep,
    facts: { credentialsStored: credentialsDone, keychain: credentials.keychain, connected },
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
}
