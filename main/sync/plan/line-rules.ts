/**
 * Rules per course: which account, tax rate and Xero tracking options a CourseCo line gets, chosen by its course,
 * course category, nominal code, transaction type or venue. An ordered list; the first rule whose every condition
 * holds wins, else the default rule, else Setup's single account and the VAT mapping as before. The plan records which
 * rule applied to each line, so the preview can show it.
 *
 * Rules travel as JSON (`courseco-xero rules export|import`, the Rules page) and are checked twice: their shape here
 * with zod (a bad file is refused whole), their values against the organisation's live chart, tax rates and tracking
 * categories when a plan is made (`compileLineRules`): a rule naming an account, rate or option Xero would refuse makes
 * the lines it applies to errors in the plan, with the fix, before anything is sent.
 *
 * Tracking facts: a line's `Tracking` is `[{ Name, Option }]`, at most two entries (xero-facts.md §3 LineItem, §9;
 * OpenAPI `LineItemTracking`: Name and Option ≤ 100 characters); an organisation has at most two active tracking
 * categories (§9) and, per Xero's help, up to 100 active options in each (third-party copies of Xero's help, e.g.
 * hamsterstack.com/how-to/xero/set-up-tracking-categories; archived options do not count). Options are added with
 * `PUT /TrackingCategories/{id}/Options`, which needs the `accounting.settings` scope (OpenAPI createTrackingOptions).
 */
import { LineRules as LineRulesSchema, MAX_TRACKING_PER_LINE, type LineRules, type RuleValues, type TrackingChoice } from '../../../contract/features/rules';
import type { CourseCoLine, CourseCoTransaction } from '../../courseco/types';
import { chartAccountFromXero, judgeInvoiceAccount, judgeSalesTaxType, rateKey, salesRateFromXero, type Verdict } from './chart-policy';

/** Xero's limits (see the header): tracking entries per line, active categories per org, active options per category. */
export { MAX_TRACKING_PER_LINE };
export const MAX_ACTIVE_TRACKING_CATEGORIES = 2;
export const MAX_ACTIVE_TRACKING_OPTIONS = 100;

/** Why the assistant asks for `accounting.settings` instead of `.read`, in the words the reconnect shows. */
export const TRACKING_SCOPE_REASON = 'to add the tracking options your rules name';

// The document's shape is part of the contract (the Rules page sends it); checked here and at the door alike.
export { LineRule, LineRules, RuleMatch, RuleValues, TrackingChoice } from '../../../contract/features/rules';

export const EMPTY_RULES: LineRules = { version: 1, rules: [] };

/**
 * The example offered out of the box (`rules import --example`, the Rules page): accredited vocational training is
 * exempt from VAT in Ireland (VAT Consolidation Act 2010, Sch. 1 — vocational training by recognised bodies), course
 * materials are sold at the standard 23 %. Tax rates are named as Xero shows them, so the file works in any
 * organisation that has rates with these names; the accounts are Xero's "Course Fees" and "Course Materials" of the
 * sample organisation: change them to yours.
 */
export const EXAMPLE_RULES: LineRules = {
  version: 1,
  // The first rule that matches wins, so the narrower rule comes first: materials sold on an accredited course are
  // still taxed at 23 % (only the tuition is exempt).
  rules: [
    { name: 'Course materials at 23%', when: { course: 'materials' }, then: { accountCode: '220', taxType: '23% VAT on Income' } },
    { name: 'Accredited training: exempt from VAT', when: { category: 'accredited' }, then: { accountCode: '210', taxType: 'Exempt' } },
  ],
};

export interface RulesParseResult {
  ok: boolean;
  rules?: LineRules;
  /** Every problem, each with where it is ("rules[2].then.taxType: ..."), when not ok. */
  problems?: string[];
}

/** A rules document (parsed JSON) → rules, or every reason it is refused. Nothing is kept from a refused document. */
export function parseLineRules(value: unknown): RulesParseResult {
  const parsed = LineRulesSchema.safeParse(value);
  if (parsed.success) return { ok: true, rules: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return where ? `${where}: ${issue.message}` : issue.message;
    }),
  };
}

/** The `rules.lines` setting → rules; a stored value that no longer parses is reported, never silently dropped. */
export function rulesFromSetting(stored: string | undefined): RulesParseResult {
  if (!stored) return { ok: true, rules: EMPTY_RULES };
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return { ok: false, problems: ['the stored rules are not valid JSON'] };
  }
  return parseLineRules(json);
}

// ---------------------------------------------------------------------------------------------------------------
// The organisation's reference data the rules are checked against.

export interface TrackingOptionInfo {
  TrackingOptionID?: string;
  Name: string;
  Status?: string;
}

export interface TrackingCategoryInfo {
  TrackingCategoryID?: string;
  Name: string;
  Status?: string;
  Options: TrackingOptionInfo[];
}

export interface RulesChart {
  accounts?: ReadonlyArray<{ Code?: string; Name?: string; Status?: string; Type?: string; Class?: string }>;
  taxRates?: ReadonlyArray<{ Name: string; TaxType: string; Status?: string; EffectiveRate?: number | string; CanApplyToRevenue?: boolean }>;
  /** Undefined when not read (no rule names tracking, or the read was not made). */
  trackingCategories?: readonly TrackingCategoryInfo[];
  /** The user agreed that missing tracking options are added to Xero before sending. */
  addMissingOptions?: boolean;
}

/** An option a rule names that Xero lacks, to be added before the documents that use it are sent. */
export interface MissingOption {
  categoryId: string;
  category: string;
  option: string;
  /** The rules naming it: their lines cannot go if Xero will not add it. */
  rules: string[];
}

export interface CompiledRule {
  /** The rule's name, or "default". */
  name: string;
  when?: { course?: string; category?: string; nominalCode?: string; transactionType?: string; venue?: string };
  accountCode?: string;
  taxType?: string;
  /** The TaxType's rate in percent, when known: the rate a line under this rule must have. */
  rate?: string;
  /** The rate's name as the organisation's Xero shows it, when known: what people are told (never the code). */
  taxRateName?: string;
  /** Xero's own spelling of the category and option names. */
  tracking?: Array<{ Name: string; Option: string }>;
  /** Why Xero would refuse lines under this rule, each with its fix. */
  problems: string[];
  /** Options this rule needs added to Xero (only when the user agreed). */
  missingOptions: MissingOption[];
  /** Said on every line the rule decides (sent anyway): the options that will be added to Xero first. */
  notes?: string[];
}

export interface CompiledLineRules {
  rules: CompiledRule[];
  default?: CompiledRule;
  /** Problems of the rules document as a whole (a stored value that no longer parses). */
  problems: string[];
}

/** Where rules are changed in the app; the CLI's `rules import` reaches the same setting. */
const RULES_PAGE = 'the Rules page';
const TRACKING_PLACE = 'Xero → Accounting → Advanced → Tracking categories';

/** What the chart policy (chart-policy.ts) says of a rule's account; undefined when the chart was not read. */
export function salesAccountVerdict(code: string, chart: Pick<RulesChart, 'accounts'>): Verdict | undefined {
  return chart.accounts ? judgeInvoiceAccount(chart.accounts.map(chartAccountFromXero), code).verdict : undefined;
}

function resolveTaxType(wanted: string, chart: RulesChart): { taxType?: string; rate?: string; name?: string; problem?: string } {
  if (!chart.taxRates) return { taxType: wanted };
  const rate = chart.taxRates.find((r) => r.TaxType === wanted) ?? chart.taxRates.find((r) => r.Name === wanted);
  if (!rate) {
    const near = chart.taxRates.find((r) => r.Name.toLowerCase() === wanted.toLowerCase() || r.TaxType.toLowerCase() === wanted.toLowerCase());
    return {
      problem: near
        ? `the tax rate '${wanted}' differs from Xero's '${near.Name}' only in letter case: write it exactly as Xero does`
        : `Xero has no tax rate '${wanted}' (neither a TaxType code nor a rate's name): pick one of the organisation's tax rates`,
    };
  }
  const { verdict } = judgeSalesTaxType(chart.taxRates.map(salesRateFromXero), rate.TaxType);
  if (verdict.level === 'refuse') return { problem: `${verdict.why} ${verdict.fix}` };
  return { taxType: rate.TaxType, name: rate.Name, ...(rate.EffectiveRate !== undefined ? { rate: rateKey(rate.EffectiveRate) } : {}) };
}

function compileValues(name: string, values: RuleValues, chart: RulesChart, pendingByCategory: Map<string, number>): CompiledRule {
  const out: CompiledRule = { name, problems: [], missingOptions: [] };
  const about = name === 'default' ? 'the default rule' : `rule "${name}"`;
  if (values.accountCode) {
    out.accountCode = values.accountCode;
    // A refusal stops the rule's lines; a warning (an account Xero takes that is not income) is said on each line.
    const verdict = salesAccountVerdict(values.accountCode, chart);
    if (verdict?.level === 'refuse') out.problems.push(`${about}: ${verdict.why} ${verdict.fix} (change the rule on ${RULES_PAGE})`);
    else if (verdict?.level === 'warn') (out.notes ??= []).push(`${about}: ${verdict.why} ${verdict.fix}`);
  }
  if (values.taxType) {
    const resolved = resolveTaxType(values.taxType, chart);
    if (resolved.problem) out.problems.push(`${about}: ${resolved.problem} (change the rule on ${RULES_PAGE})`);
    else {
      out.taxType = resolved.taxType!;
      if (resolved.rate !== undefined) out.rate = resolved.rate;
      if (resolved.name !== undefined) out.taxRateName = resolved.name;
    }
  }
  if (values.tracking?.length) {
    out.tracking = [];
    for (const choice of values.tracking) {
      const problem = trackingProblem(choice, chart, out, pendingByCategory);
      if (problem) out.problems.push(`${about}: ${problem}`);
    }
  }
  return out;
}

function trackingProblem(choice: TrackingChoice, chart: RulesChart, out: CompiledRule, pendingByCategory: Map<string, number>): string | undefined {
  const categories = chart.trackingCategories;
  if (!categories) {
    out.tracking!.push({ Name: choice.category, Option: choice.option });
    return undefined;
  }
  const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const category = categories.find((c) => sameName(c.Name, choice.category) && (c.Status ?? 'ACTIVE') === 'ACTIVE');
  if (!category) {
    const archived = categories.find((c) => sameName(c.Name, choice.category));
    const active = categories.filter((c) => (c.Status ?? 'ACTIVE') === 'ACTIVE').map((c) => `'${c.Name}'`);
    return archived
      ? `the tracking category '${archived.Name}' is ${(archived.Status ?? '').toLowerCase()} in Xero, and Xero refuses it on new lines: restore it in ${TRACKING_PLACE}, or change the rule`
      : `Xero has no active tracking category '${choice.category}' (${active.length ? `it has ${active.join(' and ')}` : 'it has none'}): create it in ${TRACKING_PLACE} (at most ${MAX_ACTIVE_TRACKING_CATEGORIES} may be active), or change the rule`;
  }
  const option = category.Options.find((o) => sameName(o.Name, choice.option));
  if (option && (option.Status ?? 'ACTIVE') === 'ACTIVE') {
    out.tracking!.push({ Name: category.Name, Option: option.Name });
    return undefined;
  }
  if (option) return `the option '${option.Name}' of tracking category '${category.Name}' is ${(option.Status ?? '').toLowerCase()} in Xero, and Xero refuses it on new lines: restore it in ${TRACKING_PLACE}, or change the rule`;
  if (!chart.addMissingOptions) {
    return `the tracking category '${category.Name}' has no option '${choice.option}' in Xero: let the assistant add it (${RULES_PAGE} → "Tracking options missing in Xero"; Xero asks you to reconnect ${TRACKING_SCOPE_REASON}), add it yourself in ${TRACKING_PLACE}, or change the rule`;
  }
  const key = category.Name.toLowerCase();
  const active = category.Options.filter((o) => (o.Status ?? 'ACTIVE') === 'ACTIVE').length + (pendingByCategory.get(key) ?? 0);
  if (active >= MAX_ACTIVE_TRACKING_OPTIONS) {
    return `the tracking category '${category.Name}' already has ${MAX_ACTIVE_TRACKING_OPTIONS} active options, Xero's limit, so '${choice.option}' cannot be added: archive an option in ${TRACKING_PLACE}, or change the rule`;
  }
  pendingByCategory.set(key, (pendingByCategory.get(key) ?? 0) + 1);
  out.tracking!.push({ Name: category.Name, Option: choice.option });
  if (category.TrackingCategoryID) out.missingOptions.push({ categoryId: category.TrackingCategoryID, category: category.Name, option: choice.option, rules: [out.name] });
  (out.notes ??= []).push(`the tracking option '${choice.option}' is added to Xero's category '${category.Name}' before this is sent (you agreed to adding missing options)`);
  return undefined;
}

/** Rules + the organisation as it is now → what each rule sets, and why Xero would refuse it. Once per plan. */
export function compileLineRules(rules: LineRules, chart: RulesChart): CompiledLineRules {
  const pending = new Map<string, number>();
  const lower = (s: string | undefined) => (s === undefined ? undefined : s.toLowerCase());
  const compiled = rules.rules.map((rule) => {
    const c = compileValues(rule.name, rule.then, chart, pending);
    const when: NonNullable<CompiledRule['when']> = {};
    for (const key of ['course', 'category', 'nominalCode', 'transactionType', 'venue'] as const) {
      const v = lower(rule.when[key]);
      if (v !== undefined) when[key] = v;
    }
    c.when = when;
    return c;
  });
  return { rules: compiled, ...(rules.default ? { default: compileValues('default', rules.default, chart, pending) } : {}), problems: [] };
}

/** The profile's stored rules, compiled against the organisation; undefined when there are none. */
export function lineRulesFromSettings(stored: string | undefined, addMissingOptions: boolean, chart: RulesChart): CompiledLineRules | undefined {
  if (!stored) return undefined;
  const parsed = rulesFromSetting(stored);
  if (!parsed.ok) return brokenRules(parsed.problems ?? []);
  const rules = parsed.rules!;
  if (rules.rules.length === 0 && !rules.default) return undefined;
  return compileLineRules(rules, { ...chart, addMissingOptions });
}

/** A stored rules value that no longer parses: every line is refused with the reason, nothing guessed. */
export function brokenRules(problems: string[]): CompiledLineRules {
  return { rules: [], problems: problems.map((p) => `the rules per course cannot be read (${p}): save them again on ${RULES_PAGE}`) };
}

function matches(rule: CompiledRule, tx: CourseCoTransaction, line: CourseCoLine): boolean {
  const w = rule.when!;
  const has = (value: string | undefined, part: string | undefined) => part === undefined || (value !== undefined && value.toLowerCase().includes(part));
  if (w.nominalCode !== undefined && line.accountCode?.trim().toLowerCase() !== w.nominalCode) return false;
  return has(line.description, w.course) && has(line.category, w.category) && has(tx.transactionType, w.transactionType) && has(line.venue, w.venue);
}

/** The rule for one line: the first that matches, else the default, else none (Setup's account and VAT mapping). */
export function ruleForLine(rules: CompiledLineRules, tx: CourseCoTransaction, line: CourseCoLine): CompiledRule | undefined {
  for (const rule of rules.rules) if (matches(rule, tx, line)) return rule;
  return rules.default;
}

/**
 * The TaxType a line under this rule gets, given the rate CourseCo charged (from the file, or the rule's own rate when
 * the file says nothing): a rule may name the rate, never change what the customer was charged.
 */
export function ruleTaxType(rule: CompiledRule, rate: string): { taxType: string } | { problem: string } | undefined {
  if (rule.taxType === undefined) return undefined;
  if (rule.rate === undefined || rule.rate === rate) return { taxType: rule.taxType };
  const about = rule.name === 'default' ? 'the default rule' : `rule "${rule.name}"`;
  return {
    problem: `${about} gives this line ${rule.taxRateName ? `the tax rate '${rule.taxRateName}' (${rule.rate}% VAT)` : `${rule.rate}% VAT`} but CourseCo charged ${rate}%: the invoice would not total what CourseCo charged, so change the rule's tax rate or the course's VAT in CourseCo`,
  };
}

/** Options the planned transactions' rules need added to Xero, once each. */
export function optionsToAdd(rules: CompiledLineRules | undefined, usedRuleNames: Iterable<string | null>): MissingOption[] {
  if (!rules) return [];
  const used = new Set(usedRuleNames);
  const out = new Map<string, MissingOption>();
  for (const rule of [...rules.rules, ...(rules.default ? [rules.default] : [])]) {
    if (!used.has(rule.name)) continue;
    for (const m of rule.missingOptions) {
      const key = `${m.categoryId}\n${m.option.toLowerCase()}`;
      const seen = out.get(key);
      out.set(key, seen ? { ...seen, rules: [...seen.rules, ...m.rules] } : m);
    }
  }
  return [...out.values()];
}

/** The same for the stored setting: a value that does not parse names nothing (planning reports it). */
export function settingNamesTracking(stored: string | undefined): boolean {
  const parsed = rulesFromSetting(stored);
  return parsed.ok && rulesNameTracking(parsed.rules!);
}

/** True when some rule names a tracking option, so the organisation's tracking categories must be read. */
export function rulesNameTracking(rules: LineRules): boolean {
  return [...rules.rules.map((r) => r.then), ...(rules.default ? [rules.default] : [])].some((v) => (v.tracking?.length ?? 0) > 0);
}
