/**
 * What to enter in CourseCo's Settings → Xero 2, filled in as the checklist verifies each value. Never the secret:
 * only a hint that says where it is. Pure: derived from the checklist's facts and the stored Client ID.
 */
import type { ResultOf } from '../../contract/contract';
import { secretPlace, type CourseCoValue, type WizardState } from '../../contract/features/wizard';
import { courseCoSettingsUrl } from './domain-lint';

export function courseCoValues(facts: WizardState['facts'], storedClientId: string | undefined): ResultOf<'wizard.courseCoValues'> {
  const f = facts;
  const values: CourseCoValue[] = [
    {
      id: 'clientId',
      label: 'Client ID',
      hint: 'From your Xero app → Configuration.',
      ...(storedClientId && f.credentialsStored ? { value: storedClientId } : {}),
    },
    {
      id: 'clientSecret',
      label: 'Client Secret',
      hint: f.credentialsStored
        ? `Paste the secret you copied from Xero. The assistant keeps its copy ${secretPlace(f.keychain)} and never shows it; if you no longer have it, generate a new one in Xero and enter it in both places.`
        : 'The secret you generate in your Xero app (step 2).',
    },
    { id: 'tenantId', label: 'Tenant ID', hint: 'Found for you when you connect (step 3).', ...(f.connected && f.tenantId ? { value: f.tenantId } : {}) },
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
      hint: f.taxRate ? 'Exactly as Xero spells it: capitals and spaces matter.' : 'The tax rate chosen in step 4, exactly as Xero spells it (capitals and spaces matter).',
      ...(f.taxRate ? { value: f.taxRate.name } : {}),
    },
  ];
  return { values, ...(f.domain ? { settingsUrl: courseCoSettingsUrl(f.domain) } : {}) };
}

/** The values CourseCo must hold that are not known yet (the secret is never shown, so it never counts as missing). */
export function missingCourseCoValues(values: readonly CourseCoValue[]): CourseCoValue[] {
  return values.filter((v) => v.id !== 'clientSecret' && !v.value);
}

/** What a confirmation "I entered them in CourseCo" was given for: any value changing afterwards asks again. */
export function courseCoFingerprint(values: readonly CourseCoValue[]): string {
  return values.map((v) => `${v.id}=${v.value ?? ''}`).join('|');
}
