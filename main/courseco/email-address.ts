/**
 * Whether a CourseCo e-mail cell is one address Xero will take. Xero refuses a contact whose EmailAddress is not
 * valid, and with it every invoice that names the contact ("a contact will always require a valid email if
 * provided", Xero staff in waynerobinson/xeroizer#477; xero-facts.md §9); EmailAddress is at most 255 characters
 * (OpenAPI Contact.EmailAddress). The import warns about a bad cell and the planner leaves the address out, so the
 * transaction still syncs. Xero's exact test is not published: this refuses what no mail server takes.
 */
export const EMAIL_MAX = 255;

const FORBIDDEN = /[\s,;<>()[\]"]/u;

/** Why `value` is not an address Xero will take, in plain words; undefined when it is fine. */
export function emailProblem(value: string): string | undefined {
  if ([...value].length > EMAIL_MAX) return `is longer than the ${EMAIL_MAX} characters Xero takes`;
  const at = value.split('@');
  if (at.length > 2 || /[,;]|\s\S+@/u.test(value)) return 'holds more than one address; Xero takes one per contact';
  if (at.length < 2) return 'is not an e-mail address (no @)';
  const [local, domain] = at as [string, string];
  if (FORBIDDEN.test(value)) return 'has spaces or characters an e-mail address cannot have';
  if (!local || local.startsWith('.') || local.endsWith('.')) return 'has nothing usable before the @';
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '') || [...labels[labels.length - 1]!].length < 2) return `has no valid domain after the @ ("${domain}")`;
  return undefined;
}
