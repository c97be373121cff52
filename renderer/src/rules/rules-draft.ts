/**
 * The editor's working copy of the rules: every field a string ('' = not set), so inputs stay controlled; turned
 * back into the rules document (unset fields left out) only to save. Checking the document is the services' job
 * (contract/features/rules.ts): the page shows what they refuse, it keeps no copy of the rules' rules.
 */
import type { LineRules, RuleValues } from '../../../contract/features/rules';

export const CONDITIONS = [
  { key: 'course', label: 'Course title contains' },
  { key: 'category', label: 'Course category contains' },
  { key: 'nominalCode', label: 'Nominal code is' },
  { key: 'transactionType', label: 'Transaction type contains' },
  { key: 'venue', label: 'Venue contains' },
] as const;
export type ConditionKey = (typeof CONDITIONS)[number]['key'];

export interface TrackingDraft {
  category: string;
  option: string;
}

export interface ValuesDraft {
  accountCode: string;
  taxType: string;
  tracking: [TrackingDraft, TrackingDraft];
}

export interface RuleDraft {
  /** Stable React key; not saved. */
  id: number;
  name: string;
  when: Record<ConditionKey, string>;
  then: ValuesDraft;
}

export interface RulesDraft {
  rules: RuleDraft[];
  default: ValuesDraft;
}

let nextId = 1;

const emptyTracking = (): TrackingDraft => ({ category: '', option: '' });
export const emptyValues = (): ValuesDraft => ({ accountCode: '', taxType: '', tracking: [emptyTracking(), emptyTracking()] });

export function emptyRule(): RuleDraft {
  return { id: nextId++, name: '', when: { course: '', category: '', nominalCode: '', transactionType: '', venue: '' }, then: emptyValues() };
}

function valuesDraft(values: RuleValues | undefined): ValuesDraft {
  const tracking = values?.tracking ?? [];
  return {
    accountCode: values?.accountCode ?? '',
    taxType: values?.taxType ?? '',
    tracking: [tracking[0] ? { ...tracking[0] } : emptyTracking(), tracking[1] ? { ...tracking[1] } : emptyTracking()],
  };
}

export function draftOf(rules: LineRules): RulesDraft {
  return {
    rules: rules.rules.map((r) => ({
      id: nextId++,
      name: r.name,
      when: { course: r.when.course ?? '', category: r.when.category ?? '', nominalCode: r.when.nominalCode ?? '', transactionType: r.when.transactionType ?? '', venue: r.when.venue ?? '' },
      then: valuesDraft(r.then),
    })),
    default: valuesDraft(rules.default),
  };
}

function valuesOf(draft: ValuesDraft): RuleValues {
  const out: RuleValues = {};
  if (draft.accountCode.trim()) out.accountCode = draft.accountCode.trim();
  if (draft.taxType.trim()) out.taxType = draft.taxType.trim();
  const tracking = draft.tracking.filter((t) => t.category.trim() || t.option.trim()).map((t) => ({ category: t.category.trim(), option: t.option.trim() }));
  if (tracking.length) out.tracking = tracking;
  return out;
}

export function documentOf(draft: RulesDraft): LineRules {
  const rules = draft.rules.map((r) => {
    const when: Partial<Record<ConditionKey, string>> = {};
    for (const { key } of CONDITIONS) if (r.when[key].trim()) when[key] = r.when[key].trim();
    return { name: r.name.trim(), when, then: valuesOf(r.then) };
  });
  const fallback = valuesOf(draft.default);
  return { version: 1, rules, ...(Object.keys(fallback).length ? { default: fallback } : {}) };
}

/** "rules.rules.2.when" → "Rule 3, when": where the services found a problem, as the page names it. */
export function placeOf(path: string): string {
  const at = path.match(/rules\.rules\.(\d+)\.?(.*)$/);
  if (at) return `Rule ${Number(at[1]) + 1}${at[2] ? `, ${at[2].replace(/\./g, ' ')}` : ''}`;
  const dflt = path.match(/rules\.default\.?(.*)$/);
  if (dflt) return `Default rule${dflt[1] ? `, ${dflt[1].replace(/\./g, ' ')}` : ''}`;
  return path;
}
