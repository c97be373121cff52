/**
 * The Name a new Xero contact is created with. Xero keeps contact names unique among active contacts, trimmed and
 * case-insensitive ("The contact name X is already assigned to another contact. The contact name must be unique
 * across all active contacts.", OpenAPI example; xero-facts.md §9), and takes at most 255 characters (OpenAPI
 * Contact.Name). So two CourseCo payers with one name (different payer ids), or a payer whose name an unrelated Xero
 * contact already has, are told apart by their ContactNumber: "John Murphy (CC-34)". A name over 255 characters is
 * shortened; one that still clashes once shortened is refused with the reason, never sent for Xero to refuse.
 */
import { normaliseName } from './contact-matching';

export const CONTACT_NAME_MAX = 255;

export type NamedContact = { name: string; warnings: string[] } | { error: string };

const chars = (s: string) => [...s];

function shorten(name: string, room: number): string {
  const c = chars(name);
  return c.length <= room ? name : `${c.slice(0, room - 1).join('').trimEnd()}…`;
}

/**
 * @param takenInXero normalised names of active Xero contacts we know of and did not match
 * @param newPayers   every contact this plan creates: ref → CourseCo name
 */
export function createContactNamer(takenInXero: ReadonlySet<string>, newPayers: ReadonlyMap<string, string>) {
  const refsByName = new Map<string, Set<string>>();
  for (const [ref, name] of newPayers) {
    const key = normaliseName(name);
    const set = refsByName.get(key) ?? new Set<string>();
    set.add(ref);
    refsByName.set(key, set);
  }
  const owner = new Map<string, string>();
  const decided = new Map<string, NamedContact>();

  const decide = (ref: string, raw: string): NamedContact => {
    const base = raw.trim().replace(/\s+/g, ' ');
    const key = normaliseName(base);
    const shared = (refsByName.get(key)?.size ?? 0) > 1;
    const inXero = takenInXero.has(key);
    const warnings: string[] = [];
    let name = base;
    if (shared || inXero) {
      const suffix = ` (${ref})`;
      name = `${shorten(base, CONTACT_NAME_MAX - chars(suffix).length)}${suffix}`;
      const who = inXero ? 'a Xero contact with another contact number' : 'another CourseCo payer with a different payer id';
      warnings.push(`${who} is also called "${base}": this payer's contact is created as "${name}" so Xero can tell them apart`);
    } else if (chars(base).length > CONTACT_NAME_MAX) {
      name = shorten(base, CONTACT_NAME_MAX);
      warnings.push(`the payer's name is ${chars(base).length} characters and Xero takes ${CONTACT_NAME_MAX}: the contact is created as "${name}"`);
    }
    const nameKey = normaliseName(name);
    const other = owner.get(nameKey);
    if ((name !== base && takenInXero.has(nameKey)) || (other !== undefined && other !== ref)) {
      return {
        error: `the payer's name cannot be made into a contact name Xero accepts: as "${name}" it would be the same as another contact's (Xero keeps contact names unique): shorten the name in CourseCo, or rename the other contact in Xero`,
      };
    }
    owner.set(nameKey, ref);
    return { name, warnings };
  };

  return (ref: string, raw: string): NamedContact => {
    let result = decided.get(ref);
    if (!result) decided.set(ref, (result = decide(ref, raw)));
    return result;
  };
}
