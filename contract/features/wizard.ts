/**
 * Contract entries of the wizard feature (the onboarding wizard and the profile switch), merged into `channels` /
 * `events` by contract.ts. Nothing here ever carries the Client Secret or a token.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

/**
 * Where the profile's secrets are kept: `detail` names the store when available, or says in plain words why there is
 * none (with `fix`: the two ways on). `persistent: false` means this app's memory only (the sample profile's).
 */
export const KeychainState = z.object({
  available: z.boolean(),
  detail: z.string(),
  persistent: z.boolean().optional(),
  fix: z.string().optional(),
});
export type KeychainState = z.infer<typeof KeychainState>;

/**
 * Where the Client Secret is kept, in one phrase for every screen and hint: the system keychain, or (sample data, whose
 * secret is the practice Xero's) this app's memory as `detail` says.
 */
export function secretPlace(keychain: KeychainState | undefined): string {
  return keychain?.persistent === false ? `in ${keychain.detail}` : 'in your system keychain';
}

export const WizardStepId = z.enum(['app', 'credentials', 'courseco', 'connect', 'choose', 'test', 'check']);
export type WizardStepId = z.infer<typeof WizardStepId>;

export const WizardStep = z.object({
  id: WizardStepId,
  title: z.string(),
  /** Derived from a stored, verified fact (never from a click). */
  done: z.boolean(),
  /** What proves it (or what is missing), in plain words. */
  evidence: z.string(),
});
export type WizardStep = z.infer<typeof WizardStep>;

export const ProfileKind = z.enum(['own', 'sample']);
export type ProfileKind = z.infer<typeof ProfileKind>;

export const ChosenAccount = z.object({ code: z.string(), name: z.string() });
/** The payment account: bank accounts may have no code in Xero, so it is known by AccountID. */
export const ChosenPaymentAccount = z.object({ accountId: z.string().optional(), code: z.string().optional(), name: z.string() });

export const TestSyncFact = z.object({
  transactionId: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().optional(),
  invoiceUrl: z.string().optional(),
  verifiedAt: z.string(),
  allMatch: z.boolean(),
});

export const WizardState = z.object({
  profile: ProfileKind,
  steps: z.array(WizardStep),
  /** The first step not done yet (`check` once everything is). */
  currentStep: WizardStepId,
  facts: z.object({
    domain: z.string().optional(),
    clientId: z.string().optional(),
    credentialsStored: z.boolean(),
    /** Where the secrets are (or why they cannot be kept): the credentials step offers sample data when there is no store. */
    keychain: KeychainState.optional(),
    appType: z.enum(['web', 'pkce']).optional(),
    connected: z.boolean(),
    tenantId: z.string().optional(),
    organisationName: z.string().optional(),
    /** Set when the stored tenant was checked against GET /connections just now, or when that check failed. */
    tenantCheck: z.string().optional(),
    invoiceAccount: ChosenAccount.optional(),
    paymentAccount: ChosenPaymentAccount.optional(),
    taxRate: z.object({ name: z.string(), taxType: z.string() }).optional(),
    testSync: TestSyncFact.optional(),
    /** When the person confirmed that CourseCo's Settings → Xero 2 holds the values shown (present only while it still does). */
    courseCoEnteredAt: z.string().optional(),
  }),
  /** What `wizard.choose` kept but the chart policy warns about (e.g. a non-revenue invoice account), in plain words. */
  warnings: z.array(z.string()).optional(),
});
export type WizardState = z.infer<typeof WizardState>;

export const DomainProblem = z.object({
  code: z.enum(['empty', 'scheme', 'placeholder', 'trailing-slash', 'path', 'spaces', 'uppercase', 'invalid']),
  message: z.string(),
  fix: z.string(),
  /** true: the domain cannot be used as typed; false: corrected automatically in `domain`. */
  blocking: z.boolean(),
});

export const DomainLint = z.object({
  input: z.string(),
  /** The normalised domain (lower case, no scheme, path or slash); empty when nothing usable was typed. */
  domain: z.string(),
  ok: z.boolean(),
  problems: z.array(DomainProblem),
  /** CourseCo's redirect URI (register it in the Xero app), present when the domain is usable. */
  courseCoRedirectUri: z.string().optional(),
  /** The assistant's own loopback redirect URIs (register them too). */
  assistantRedirectUris: z.array(z.string()),
  settingsUrl: z.string().optional(),
  /** The domain was stored (asked for with `save` and usable). */
  saved: z.boolean(),
});
export type DomainLint = z.infer<typeof DomainLint>;

export const AccountOption = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  /** Why it qualifies (payment accounts): a bank account, or payments enabled. */
  note: z.string().optional(),
  /** The account's default TaxType in Xero (invoice accounts), used to suggest the tax rate. */
  taxType: z.string().optional(),
});
export type AccountOption = z.infer<typeof AccountOption>;

export const PaymentAccountOption = z.object({
  accountId: z.string(),
  /** Absent for a bank account left without a code in Xero: it still takes payments, by AccountID. */
  code: z.string().optional(),
  name: z.string(),
  type: z.string(),
  note: z.string().optional(),
});
export type PaymentAccountOption = z.infer<typeof PaymentAccountOption>;

/** A percentage several active sales rates share (0 %: zero-rated, exempt, no VAT): which one CourseCo's lines get. */
export const RateChoice = z.object({
  rate: z.string(),
  options: z.array(z.object({ name: z.string(), taxType: z.string() })),
  selected: z.string().optional(),
  /** Why it matters, in plain words (the VAT return). */
  why: z.string(),
});
export type RateChoice = z.infer<typeof RateChoice>;

export const ExcludedAccount = z.object({ code: z.string(), name: z.string(), type: z.string(), reason: z.string() });

export const TaxRateOption = z.object({ name: z.string(), taxType: z.string(), rate: z.string() });
export type TaxRateOption = z.infer<typeof TaxRateOption>;

export const WizardOptions = z.object({
  organisation: z.object({ tenantId: z.string(), name: z.string(), countryCode: z.string().optional(), baseCurrency: z.string().optional() }),
  invoiceAccounts: z.array(AccountOption),
  paymentAccounts: z.array(PaymentAccountOption),
  excludedPaymentAccounts: z.array(ExcludedAccount),
  taxRates: z.array(TaxRateOption),
  /** Percentages that several rates share; setup asks which rate each gets. */
  rateChoices: z.array(RateChoice),
  selected: z.object({
    invoiceAccountCode: z.string().optional(),
    paymentAccountCode: z.string().optional(),
    paymentAccountId: z.string().optional(),
    taxRateName: z.string().optional(),
  }),
});
export type WizardOptions = z.infer<typeof WizardOptions>;

export const CourseCoValue = z.object({
  id: z.enum(['clientId', 'clientSecret', 'tenantId', 'invoiceAccountCode', 'paymentAccountCode', 'taxCodeTitle']),
  /** The field's label in CourseCo's Settings → Xero 2. */
  label: z.string(),
  /** What to paste; absent until known (and always absent for the secret). */
  value: z.string().optional(),
  hint: z.string(),
});
export type CourseCoValue = z.infer<typeof CourseCoValue>;

export const ReadBackField = z.object({
  label: z.string(),
  expected: z.string(),
  actual: z.string(),
  match: z.boolean(),
});
export type ReadBackField = z.infer<typeof ReadBackField>;

export const ReadBack = z.object({
  transactionId: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().optional(),
  invoiceUrl: z.string().optional(),
  allMatch: z.boolean(),
  fields: z.array(ReadBackField),
});
export type ReadBack = z.infer<typeof ReadBack>;

export const ProfileInfo = z.object({
  profile: ProfileKind,
  /** Whether this host can switch to the sample-data profile (the CLI cannot). */
  canSwitch: z.boolean(),
});
export type ProfileInfo = z.infer<typeof ProfileInfo>;

export const wizardChannels = {
  /** The checklist, derived only from stored, verified facts (keychain, tokens, /connections, live checks, read-back). */
  'wizard.state': { args: Empty, result: WizardState },
  /** Checks a CourseCo domain and gives the exact redirect URIs; with `save`, stores it when usable. */
  'wizard.lintDomain': {
    args: z.object({ domain: z.string().max(300), save: z.boolean().optional() }).strict(),
    result: DomainLint,
  },
  /** Live pickers from the connected organisation: invoice accounts, payment accounts (and why others are missing), tax rates. */
  'wizard.options': { args: Empty, result: WizardOptions },
  /** The organisations this app is connected to, each with its country and currency (GET /Organisation per tenant). */
  'wizard.organisations': {
    args: Empty,
    result: z.object({
      organisations: z.array(
        z.object({
          tenantId: z.string(),
          name: z.string(),
          current: z.boolean(),
          countryCode: z.string().optional(),
          baseCurrency: z.string().optional(),
        }),
      ),
    }),
  },
  /** Checks typed or picked values against live Xero data; stores them only when all are usable. */
  'wizard.choose': {
    args: z
      .object({
        invoiceAccountCode: z.string().trim().min(1).max(10).optional(),
        paymentAccountCode: z.string().trim().min(1).max(10).optional(),
        /** The payment account picked from the list (uncoded bank accounts have only this). */
        paymentAccountId: z.string().trim().uuid().optional(),
        taxRateName: z.string().min(1).max(255).optional(),
        /** Percent → TaxType, for percentages several rates share (see `wizard.options` rateChoices). */
        taxTypesByRate: z.record(z.string().regex(/^\d+(\.\d+)?$/).max(10), z.string().regex(/^[A-Za-z0-9_]{1,50}$/)).optional(),
      })
      .strict(),
    result: WizardState,
  },
  /** What to enter in CourseCo's Settings → Xero 2, filled as the wizard learns it. Never the secret. */
  'wizard.courseCoValues': {
    args: Empty,
    result: z.object({ values: z.array(CourseCoValue), settingsUrl: z.string().optional() }),
  },
  /**
   * The person says they entered (or, `entered: false`, not yet) the values in CourseCo's Settings → Xero 2. The
   * assistant cannot read CourseCo's settings, so this is the step's only proof; a value changing later asks again.
   */
  'wizard.confirmCourseCo': { args: z.object({ entered: z.boolean() }).strict(), result: WizardState },
  /** Reads a synced transaction's invoice and payments back from Xero and compares them field by field. */
  'wizard.readBack': { args: z.object({ transactionId: z.string().trim().min(1).max(100) }).strict(), result: ReadBack },
  'profile.current': { args: Empty, result: ProfileInfo },
  /** Starts the built-in sandbox and switches every channel to the separate sample-data profile. */
  'profile.useSample': { args: Empty, result: ProfileInfo },
  /** Back to the user's own profile (the sample profile's data is kept). */
  'profile.useOwn': { args: Empty, result: ProfileInfo },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const wizardEvents = {
  'profile.changed': ProfileInfo,
} as const satisfies Record<string, z.ZodType>;
