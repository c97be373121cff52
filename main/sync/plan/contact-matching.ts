/**
 * Who a CourseCo transaction bills, as a Xero contact. Match order: the contact the journal already linked, then
 * ContactNumber (our stable ref), then the exact name, else create. Names are compared trimmed and case-folded because
 * Xero keeps contact names unique among active contacts regardless of case: creating "ACME Ltd" beside "Acme Ltd"
 * would be refused, so they are the same contact for us too. When the payer has a CourseCo payer id, a Xero contact
 * carrying a different ContactNumber is another payer's: it is never billed by name, however alike the names (issue
 * 12: a second "John Murphy" was billed to the first), and contact-names.ts gives the new contact a name Xero accepts.
 * Without a payer id there is nothing to tell them apart: the name match stands, marked as name-only in the preview.
 */
import { createHash } from 'node:crypto';
import type { CourseCoContact } from '../../courseco/types';
import type { KnownXeroContact } from './xero-documents';

const CONTACT_NUMBER_MAX = 50;

export const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/**
 * The ContactNumber we give a CourseCo contact: `CC-<CourseCo ref>` when the export carries one (payer id, Sage id),
 * else `CC-N<hash of the normalised name>`. Same CourseCo data → same number, run after run.
 */
export function contactRef(contact: CourseCoContact): string {
  if (contact.externalRef) {
    const ref = `CC-${contact.externalRef.trim()}`;
    if (ref.length <= CONTACT_NUMBER_MAX) return ref;
  }
  const key = contact.externalRef ? `ref:${contact.externalRef.trim()}` : `name:${normaliseName(contact.name)}`;
  return `CC-N${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

export type ContactMatch =
  | { by: 'journal' | 'contact-number' | 'name'; contactId: string; archived: boolean; name: string; contactNumber?: string }
  | { by: 'create' };

export function createContactIndex(known: readonly KnownXeroContact[]) {
  const byNumber = new Map<string, KnownXeroContact>();
  const byName = new Map<string, KnownXeroContact>();
  // Active contacts first, so a name shared with an archived contact resolves to the active one.
  const ordered = [...known].sort((a, b) => Number(a.ContactStatus === 'ARCHIVED') - Number(b.ContactStatus === 'ARCHIVED'));
  for (const c of ordered) {
    if (c.ContactNumber && !byNumber.has(c.ContactNumber)) byNumber.set(c.ContactNumber, c);
    const name = normaliseName(c.Name);
    if (!byName.has(name)) byName.set(name, c);
  }
  const byId = new Map(known.map((c) => [c.ContactID, c]));
  const found = (by: 'journal' | 'contact-number' | 'name', c: KnownXeroContact): ContactMatch => ({
    by,
    contactId: c.ContactID,
    archived: c.ContactStatus === 'ARCHIVED',
    name: c.Name,
    ...(c.ContactNumber ? { contactNumber: c.ContactNumber } : {}),
  });

  return (contact: CourseCoContact, ref: string, journalContactId: string | null): ContactMatch => {
    if (journalContactId) {
      const c = byId.get(journalContactId);
      return c ? found('journal', c) : { by: 'journal', contactId: journalContactId, archived: false, name: contact.name };
    }
    const number = byNumber.get(ref);
    if (number) return found('contact-number', number);
    const named = byName.get(normaliseName(contact.name));
    const anotherPayers = contact.externalRef !== undefined && named?.ContactNumber !== undefined && named.ContactNumber !== ref;
    if (named && !anotherPayers) return found('name', named);
    return { by: 'create' };
  };
}

/** Normalised names of the active Xero contacts we know of: a new contact may not take one (Xero's unique-name rule). */
export function activeContactNames(known: readonly KnownXeroContact[]): Set<string> {
  return new Set(known.filter((c) => c.ContactStatus !== 'ARCHIVED').map((c) => normaliseName(c.Name)));
}
