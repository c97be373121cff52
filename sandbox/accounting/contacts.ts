/** Contacts: GET with where/paging/search, PUT create and POST create-or-update with Xero's unique-name rule. */
import type { SandboxResponse } from '../http/response';
import { queryParam } from '../http/request';
import { isGuid, newUuid } from '../ids';
import type { AddressRecord, ContactRecord, PhoneRecord } from '../state/model';
import type { ApiContext } from './api-context';
import { elementsOf, runBatch, type ElementResult } from './batch';
import { field, findActiveContactByName, isObject, str, type Input } from './documents';
import { listable, type ListedCollection, listResponse, recordResponse } from './list-query';
import { emailErrors, FIELD_LIMITS } from './field-limits';
import { msg } from './messages';
import { contactRoles, serializeContact, type ContactRoles, ZERO_GUID, type Json } from './serialize';
import { notFound, emptyBody } from './not-found';
import { contactById } from '../state/lookup';

export const CONTACT_FIELDS = [
  'ContactID', 'MergedToContactID', 'ContactNumber', 'AccountNumber', 'ContactStatus', 'Name', 'FirstName', 'LastName',
  'CompanyNumber', 'EmailAddress', 'BankAccountDetails', 'TaxNumber', 'AccountsReceivableTaxType', 'AccountsPayableTaxType',
  'Addresses', 'Phones', 'IsSupplier', 'IsCustomer', 'DefaultCurrency', 'UpdatedDateUTC', 'ContactGroups', 'Website',
  'HasAttachments', 'HasValidationErrors', 'ContactPersons', 'Balances',
] as const;
const CONTACTS: ListedCollection = { key: 'Contacts', typeName: 'Contact', fields: CONTACT_FIELDS, paged: true, ids: true };

/**
 * Customer/supplier roles come from invoices, which no contact request changes: one scan per request serves every
 * contact it answers with.
 */
const rolesByRequest = new WeakMap<ApiContext, ContactRoles>();
function rolesFor(ctx: ApiContext): ContactRoles {
  let roles = rolesByRequest.get(ctx);
  if (!roles) rolesByRequest.set(ctx, (roles = contactRoles(ctx.org)));
  return roles;
}

export function findContact(ctx: ApiContext, idOrNumber: string): ContactRecord | undefined {
  if (isGuid(idOrNumber)) return contactById(ctx.org, idOrNumber.toLowerCase());
  return ctx.org.contacts.find((c) => c.ContactNumber === idOrNumber);
}

export function listContacts(ctx: ApiContext): SandboxResponse {
  const includeArchived = queryParam(ctx.req, 'includeArchived')?.toLowerCase() === 'true';
  const summaryOnly = queryParam(ctx.req, 'summaryOnly')?.toLowerCase() === 'true';
  const term = queryParam(ctx.req, 'searchTerm')?.toLowerCase();
  let contacts = ctx.org.contacts.filter((c) => includeArchived || c.ContactStatus !== 'ARCHIVED');
  if (term) {
    contacts = contacts.filter((c) =>
      [c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress].some((v) => v?.toLowerCase().includes(term)),
    );
  }
  return listResponse(
    ctx,
    CONTACTS,
    contacts.map((c) => listable(c.ContactID, c.UpdatedDateUTC, () => serializeContact(ctx.org, c, summaryOnly, rolesFor(ctx)))),
  );
}

export function getContact(ctx: ApiContext, id: string): SandboxResponse {
  return recordResponse(ctx, 'Contacts', findContact(ctx, id), (c) => serializeContact(ctx.org, c, false, rolesFor(ctx)));
}

function readAddresses(value: unknown): AddressRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((a) => ({
    AddressType: str(field(a, 'AddressType'))?.toUpperCase() === 'POBOX' ? 'POBOX' : 'STREET',
    AddressLine1: str(field(a, 'AddressLine1')),
    AddressLine2: str(field(a, 'AddressLine2')),
    City: str(field(a, 'City')),
    Region: str(field(a, 'Region')),
    PostalCode: str(field(a, 'PostalCode')),
    Country: str(field(a, 'Country')),
    AttentionTo: str(field(a, 'AttentionTo')),
  }));
}

function readPhones(value: unknown): PhoneRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const types = ['DEFAULT', 'DDI', 'MOBILE', 'FAX', 'OFFICE'] as const;
  return value.filter(isObject).map((p) => ({
    PhoneType: types.find((t) => t === str(field(p, 'PhoneType'))?.toUpperCase()) ?? 'DEFAULT',
    PhoneNumber: str(field(p, 'PhoneNumber')),
    PhoneAreaCode: str(field(p, 'PhoneAreaCode')),
    PhoneCountryCode: str(field(p, 'PhoneCountryCode')),
  }));
}

/** Creates or updates one contact. `mode` 'create' is PUT (never updates), 'upsert' is POST. */
export function applyContact(ctx: ApiContext, input: unknown, mode: 'create' | 'upsert', target?: ContactRecord): ElementResult {
  if (!isObject(input)) return { json: {}, errors: [msg.contactNameMissing], committed: false };
  const errors: string[] = [];
  const givenId = str(field(input, 'ContactID'));
  let existing = target;
  if (!existing && givenId) {
    existing = contactById(ctx.org, givenId.toLowerCase());
    if (!existing && mode === 'upsert') errors.push(msg.contactNotFoundById(givenId));
    if (existing && mode === 'create') errors.push(msg.contactExists(givenId));
  }
  const record = buildContact(ctx, input, existing);
  if (!record.Name.trim()) errors.push(msg.contactNameMissing);
  else if ([...record.Name].length > FIELD_LIMITS.contactName) errors.push(msg.contactNameTooLong);
  errors.push(...emailErrors(record.EmailAddress));
  if (record.ContactStatus === 'ACTIVE' && record.Name.trim()) {
    const clash = findActiveContactByName(ctx.org, record.Name);
    if (clash && clash.ContactID !== record.ContactID) errors.push(msg.contactNameNotUnique(record.Name));
  }
  if (record.ContactNumber) {
    const clash = ctx.org.contacts.find((c) => c.ContactNumber === record.ContactNumber && c.ContactID !== record.ContactID);
    if (clash) errors.push(msg.contactNumberNotUnique);
  }
  if (errors.length > 0) {
    const json: Json = serializeContact(ctx.org, record, false, rolesFor(ctx));
    if (!existing) json.ContactID = ZERO_GUID;
    return { json, errors, committed: false };
  }
  commitContact(ctx, record, existing);
  return { json: serializeContact(ctx.org, record, false, rolesFor(ctx)), errors: [], committed: true };
}

function buildContact(ctx: ApiContext, input: Input, existing: ContactRecord | undefined): ContactRecord {
  const pick = (name: keyof ContactRecord & string): string | undefined => {
    const v = field(input, name);
    if (v === undefined) return existing?.[name] as string | undefined;
    return str(v);
  };
  const statusRaw = str(field(input, 'ContactStatus'))?.toUpperCase();
  const status = statusRaw === 'ARCHIVED' || statusRaw === 'GDPRREQUEST' || statusRaw === 'ACTIVE' ? statusRaw : (existing?.ContactStatus ?? 'ACTIVE');
  return {
    ContactID: existing?.ContactID ?? newUuid(),
    ContactNumber: pick('ContactNumber'),
    AccountNumber: pick('AccountNumber'),
    ContactStatus: status,
    Name: (pick('Name') ?? '').trim(),
    FirstName: pick('FirstName'),
    LastName: pick('LastName'),
    EmailAddress: pick('EmailAddress'),
    CompanyNumber: pick('CompanyNumber'),
    TaxNumber: pick('TaxNumber'),
    Addresses: readAddresses(field(input, 'Addresses')) ?? existing?.Addresses ?? [],
    Phones: readPhones(field(input, 'Phones')) ?? existing?.Phones ?? [],
    UpdatedDateUTC: ctx.now,
  };
}

function commitContact(ctx: ApiContext, record: ContactRecord, existing: ContactRecord | undefined): void {
  if (existing) Object.assign(existing, record);
  else ctx.org.contacts.push(record);
  ctx.changed('contacts', existing ?? record);
}

export function writeContacts(ctx: ApiContext, body: unknown, mode: 'create' | 'upsert'): SandboxResponse {
  const elements = elementsOf(body, 'Contacts');
  if (!elements || elements.length === 0) return emptyBody();
  return runBatch(ctx, 'Contacts', elements, (el) => applyContact(ctx, el, mode), 'HasValidationErrors');
}

export function updateContact(ctx: ApiContext, id: string, body: unknown): SandboxResponse {
  const target = findContact(ctx, id);
  if (!target) return notFound();
  const elements = elementsOf(body, 'Contacts');
  if (!elements || elements.length === 0) return emptyBody();
  return runBatch(ctx, 'Contacts', elements.slice(0, 1), (el) => applyContact(ctx, el, 'upsert', target), 'HasValidationErrors');
}
