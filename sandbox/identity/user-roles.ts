/**
 * The signed-in user's role in an organisation, and what it lets the API do. Xero answers 403 when the user who
 * connected the app lacks the permission for an endpoint — not only for a tenant that is not connected (xero-facts.md
 * §4 and §9; Xero's http-response-codes page: "User doesn't have permission"; Xero-NetStandard#515; Xero-Net#347
 * quotes the body text "You are not permitted to access this resource without the reporting role or higher
 * privileges."). The exact JSON shape of that 403 is UNCONFIRMED: the sandbox uses the problem-details shape of the
 * tenant 403 with the permission sentence as Detail, so a client cannot mistake one for the other.
 *
 * Roles (Xero's user roles; which of them may use which API resource is simplified here): `standard` and `adviser`
 * may do everything the scopes allow; `read-only` may read but not write; `invoice-only` may read and write invoices,
 * credit notes and contacts but not payments or settings.
 */
import type { ApiResource } from './scopes';

export const USER_ROLES = ['standard', 'adviser', 'read-only', 'invoice-only'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** The role Xero names in its refusal: invoicing for documents and contacts, accountant-level for the rest. */
const REQUIRED_ROLE: Record<ApiResource, string> = {
  invoices: 'invoicing',
  contacts: 'invoicing',
  payments: 'standard',
  settings: 'standard',
};

/** Undefined when the role allows the call, else the sentence Xero puts in its 403. */
export function roleRefusal(role: UserRole | undefined, resource: ApiResource, write: boolean): string | undefined {
  const allowed =
    role === undefined || role === 'standard' || role === 'adviser'
      ? true
      : role === 'read-only'
        ? !write
        : resource === 'invoices' || resource === 'contacts';
  return allowed ? undefined : `You are not permitted to access this resource without the ${REQUIRED_ROLE[resource]} role or higher privileges.`;
}
