/**
 * The profile's rules per course, kept in the `rules.lines` setting: read back (a stored value that no longer parses
 * is reported, never dropped), and replaced only by a document that passes the whole check — a refused document
 * changes nothing. The CLI (`rules`) and the Rules page (`rules.*` channels) both come through here.
 */
import { DomainError } from '../errors';
import { EMPTY_RULES, parseLineRules, rulesFromSetting, type LineRules } from '../sync/plan';
import type { SettingsStore } from './settings-store';

export interface StoredRules {
  rules: LineRules;
  /** Why the stored value could not be read (then `rules` is empty and planning refuses every line). */
  problems: string[];
  addTrackingOptions: boolean;
}

export function storedRules(settings: SettingsStore): StoredRules {
  const parsed = rulesFromSetting(settings.get('rules.lines'));
  return { rules: parsed.rules ?? EMPTY_RULES, problems: parsed.problems ?? [], addTrackingOptions: settings.get('rules.addTrackingOptions') === 'yes' };
}

/** Checks a whole rules document and keeps it; throws `RulesRefused` with every problem, changing nothing. */
export function saveRules(settings: SettingsStore, document: unknown): LineRules {
  const parsed = parseLineRules(document);
  if (!parsed.ok) {
    const problems = parsed.problems ?? [];
    throw new DomainError('RulesRefused', {
      message: `The rules were refused and nothing changed: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}.`,
      evidence: problems.join('\n'),
      fix: `Correct the file and import it again: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}.`,
    });
  }
  const rules = parsed.rules!;
  settings.set('rules.lines', rules.rules.length === 0 && !rules.default ? null : JSON.stringify(rules));
  return rules;
}

/** The user's answer to "add tracking options your rules name that Xero lacks?". */
export function setAddTrackingOptions(settings: SettingsStore, agree: boolean): void {
  settings.set('rules.addTrackingOptions', agree ? 'yes' : 'no');
}
