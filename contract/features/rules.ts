/**
 * Contract entries of rules per course (main/sync/plan/line-rules.ts): the rules document itself — its shape is
 * checked here, at the door, and again wherever rules are kept — the live chart for the editor's pickers, and the
 * user's answer to adding missing tracking options (which needs the `accounting.settings` scope).
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

/** Xero takes at most two `Tracking` entries on a line (xero-facts.md §3 LineItem, §9). */
export const MAX_TRACKING_PER_LINE = 2;

// Messages in plain words: the Rules page and `rules import` show them beside where the problem is.
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be ${max} characters or fewer`);

export const TrackingChoice = z.object({ category: text(100), option: text(100) }).strict();
export type TrackingChoice = z.infer<typeof TrackingChoice>;

export const RuleValues = z
  .object({
    /** Xero account code for the line (≤ 10, OpenAPI Account.Code). */
    accountCode: text(10).optional(),
    /** Xero TaxType code ("TAX005", "OUTPUT2") or the tax rate's exact name as Xero shows it ("Exempt"). */
    taxType: text(255).optional(),
    tracking: z.array(TrackingChoice).max(MAX_TRACKING_PER_LINE, `Xero takes at most ${MAX_TRACKING_PER_LINE} tracking categories on a line`).optional(),
  })
  .strict()
  .superRefine((values, ctx) => {
    const names = (values.tracking ?? []).map((t) => t.category.toLowerCase());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'a line can carry one option per tracking category: the same category is named twice', path: ['tracking'] });
  });
export type RuleValues = z.infer<typeof RuleValues>;

export const RuleMatch = z
  .object({
    /** Part of the course title (the line's description), any letter case. */
    course: text(200).optional(),
    /** Part of the course category. */
    category: text(200).optional(),
    /** CourseCo's nominal code for the schedule, exactly (any letter case). */
    nominalCode: text(50).optional(),
    /** Part of CourseCo's transaction type ("Booking - Pay Now", "Billed Booking"). */
    transactionType: text(100).optional(),
    /** Part of the venue or location. */
    venue: text(200).optional(),
  })
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), 'a rule needs at least one condition (course, category, nominalCode, transactionType or venue); use "default" for lines no rule matches');
export type RuleMatch = z.infer<typeof RuleMatch>;

export const LineRule = z.object({ name: text(80), when: RuleMatch, then: RuleValues }).strict();
export type LineRule = z.infer<typeof LineRule>;

export const LineRules = z
  .object({
    version: z.literal(1),
    rules: z.array(LineRule).max(200),
    default: RuleValues.optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      const key = rule.name.toLowerCase();
      if (key === 'default') ctx.addIssue({ code: 'custom', message: '"default" is the default rule\'s name: call this rule something else', path: ['rules', i, 'name'] });
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `two rules are called "${rule.name}": names must differ, the preview shows them`, path: ['rules', i, 'name'] });
      seen.add(key);
    });
  });
export type LineRules = z.infer<typeof LineRules>;

export const RulesState = z.object({
  rules: LineRules,
  /** Why the stored rules cannot be read (then `rules` is empty). */
  problems: z.array(z.string()),
  addTrackingOptions: z.boolean(),
  /** The example offered out of the box. */
  example: LineRules,
});
export type RulesState = z.infer<typeof RulesState>;

/** What the editor's pickers offer, read live from the organisation. */
export const RulesChart = z.object({
  accounts: z.array(z.object({ code: z.string(), name: z.string(), usable: z.boolean(), why: z.string().optional() })),
  taxRates: z.array(z.object({ taxType: z.string(), name: z.string(), rate: z.string(), usable: z.boolean(), why: z.string().optional() })),
  trackingCategories: z.array(z.object({ name: z.string(), options: z.array(z.string()) })),
});
export type RulesChart = z.infer<typeof RulesChart>;

export const rulesChannels = {
  'rules.get': { args: Empty, result: RulesState },
  /** Replaces the rules with a whole document; a bad one is refused (RulesRefused, every reason) and nothing changes. */
  'rules.save': { args: z.object({ rules: LineRules }).strict(), result: RulesState },
  'rules.chart': { args: Empty, result: RulesChart },
  /** `reconnect`: Xero must be asked again, with `accounting.settings`, before options can be added. */
  'rules.setAddTrackingOptions': {
    args: z.object({ agree: z.boolean() }).strict(),
    result: z.object({ state: RulesState, reconnect: z.boolean(), why: z.string() }),
  },
} as const;

