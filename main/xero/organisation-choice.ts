/**
 * Which of Xero's connections are organisations the assistant can use, and which one a sign-in settles on: the one
 * asked for (Tenant ID or name, case-insensitive), else the one already configured, else the only one. Pure: the
 * connection service reads `/connections` and settings, and diagnostics reads the same connections through here.
 */
import type { OrganisationChoice } from '../../contract/contract';
import type { XeroConnection } from './connections';
import { organisationNotAuthorised } from './xero-errors';

/** Xero lists practices and other tenant types beside organisations; only an organisation holds CourseCo's books. */
export function organisationConnections<C extends Pick<XeroConnection, 'tenantType'>>(connections: readonly C[]): C[] {
  return connections.filter((c) => c.tenantType === 'ORGANISATION');
}

export function organisationChoices(connections: readonly XeroConnection[], currentTenant: string | undefined): OrganisationChoice[] {
  return organisationConnections(connections).map((c) => {
    const choice: OrganisationChoice = { tenantId: c.tenantId, name: c.tenantName ?? c.tenantId, tenantType: c.tenantType, current: c.tenantId === currentTenant };
    if (c.createdDateUtc) choice.connectedAt = c.createdDateUtc;
    return choice;
  });
}

/** By Tenant ID first, then by name; both ignore case and surrounding spaces. */
export function findOrganisation(choices: readonly OrganisationChoice[], wanted: string): OrganisationChoice | undefined {
  const needle = wanted.trim().toLowerCase();
  return choices.find((c) => c.tenantId.toLowerCase() === needle) ?? choices.find((c) => c.name.trim().toLowerCase() === needle);
}

/** The same choice, one of the listed, throwing when it is not among them. */
export function requireOrganisation(choices: readonly OrganisationChoice[], wanted: string): OrganisationChoice {
  const match = findOrganisation(choices, wanted);
  if (!match) throw organisationNotAuthorised(choices.map((c) => c.name), wanted);
  return match;
}

/**
 * The organisation a sign-in settles on, or undefined when several were authorised and none is named or configured
 * (the person chooses). Throws when the one named or configured was not authorised, or when none was.
 */
export function settleOrganisation(
  choices: readonly OrganisationChoice[],
  wanted: string | undefined,
  configured: { tenantId: string | undefined; expectedName: string | undefined },
): OrganisationChoice | undefined {
  const names = choices.map((c) => c.name);
  if (wanted !== undefined && wanted.trim() !== '') {
    const match = findOrganisation(choices, wanted);
    if (!match) throw organisationNotAuthorised(names, wanted.trim());
    return match;
  }
  const { tenantId, expectedName } = configured;
  if (tenantId || expectedName) {
    const match = (tenantId ? findOrganisation(choices, tenantId) : undefined) ?? (expectedName ? findOrganisation(choices, expectedName) : undefined);
    if (!match) throw organisationNotAuthorised(names, expectedName ?? tenantId!);
    return match;
  }
  if (choices.length === 1) return choices[0]!;
  if (choices.length === 0) throw organisationNotAuthorised([], undefined);
  return undefined;
}
