/**
 * The one place that says, for every way a sync can fail, what a bookkeeper reads: the plain reason, "What to do",
 * whether Retry can help (only when Xero did not answer: the same request refused once is refused again) and where
 * the fix is made (a rule per course, Setup's choices, a setting; or, when the fix is in CourseCo or Xero itself,
 * nowhere here, and Exclude is the way out). The console's drawer and table, the run summary, the wizard's test sync
 * and the CLI all read this verdict; none words its own.
 *
 * A transaction's failure reaches here as the journal keeps it: the run's plain words plus Xero's own messages,
 * verbatim (`validationErrors`, present only when Xero answered). Which of the two it is decides the voice: only
 * what Xero returned says Xero did not accept it; what the assistant held back says nothing was sent.
 * Sorting reads those words because that is all the journal keeps of a failure; the patterns are the planner's own
 * sentences (main/sync/plan) and Xero's documented messages (xero-facts.md §4), and the unit test
 * (test/unit/sync/failure-advice.test.ts) holds one real sentence of each.
 */
import type { FailureAdvice, FailureKind, FailurePlace } from '../../../contract/features/transactions';
import type { RunStop } from '../../../contract/features/sync';
import { currencyName } from '../plan';

interface KindAdvice {
  fix: string;
  temporary: boolean;
  leadsTo: FailurePlace | null;
}

/** Every kind's "What to do". A Record, so a kind added to the contract without its fix does not compile. */
export const FAILURE_ADVICE: Readonly<Record<FailureKind, KindAdvice>> = {
  currency: {
    fix: 'Connect the Xero organisation that keeps these books (Setup), or turn on multi-currency in Xero and add this currency under Settings → Currencies (it needs a Xero plan with multi-currency). Then sync it again; or exclude it.',
    temporary: false,
    leadsTo: 'setup',
  },
  'locked-period': {
    // The choice to date such documents on the first open day sits with the transaction's plan (the console's drawer).
    fix: 'Ask your adviser to move the lock date in Xero (Accounting → Advanced → Financial settings), or choose to date such documents on the first open day (the choice shown with this transaction’s plan). Then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  rule: {
    fix: 'Correct the rule for this course on the Rules page, then sync it again; or exclude it.',
    temporary: false,
    leadsTo: 'rules',
  },
  'tax-rate': {
    fix: 'Choose the tax rate for this VAT rate in Setup (or give the course a rule with its tax rate on the Rules page), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: 'setup',
  },
  account: {
    fix: 'Choose an account Xero takes for course sales in Setup (or give the course a rule with its account on the Rules page), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: 'setup',
  },
  'payment-account': {
    fix: 'Choose a bank account (or an account that takes payments) for payments in Setup, then sync it again; or exclude it.',
    temporary: false,
    leadsTo: 'setup',
  },
  contact: {
    fix: 'Sort out the contact as the reason says (in Xero, or the payer’s name in CourseCo and import again), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  amounts: {
    fix: 'Check this transaction’s amounts, VAT and payments in CourseCo, correct them there and import the export again, then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  field: {
    fix: 'Correct the detail the reason names in CourseCo and import the export again (or correct it in Xero when it is Xero’s), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  change: {
    fix: 'Check the change in CourseCo as the reason says and import the export again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  depends: {
    fix: 'Fix the first problem named in the reason (what this transaction needs in Xero), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  'no-answer': {
    fix: 'Nothing is wrong with the transaction: Xero did not answer for it. Retry it; the assistant checks Xero first, so nothing is sent twice.',
    temporary: true,
    leadsTo: null,
  },
  'xero-other': {
    fix: 'Xero’s answer below says what it did not accept: correct that in CourseCo and import the export again (or in Xero), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
  'app-other': {
    fix: 'Correct what the reason names (in CourseCo, then import the export again), then sync it again; or exclude it.',
    temporary: false,
    leadsTo: null,
  },
};

/** Xero's words for "no answer for this element" (engine-calls.ts writes it when an answer lacked the element). */
export const NO_ANSWER = 'Xero sent no answer for this element.';

// Most specific first: a reason naming a currency or a lock date is about that, whatever else it names.
const PATTERNS: ReadonlyArray<[FailureKind, RegExp]> = [
  ['currency', /not subscribed to currency|organisation's currency is|which this organisation cannot take/i],
  ['locked-period', /lock date|locked period/i],
  ['rule', /\brule\b|Rules page/i],
  ['payment-account', /payment account|for making a payment|payments to this account|takes? payments/i],
  ['amounts', /rounding allowance|on a zero amount|amount type is NoTax|refunds? total|overpa|more than .*(owes|due)|payment\(s\) not yet in Xero/i],
  ['tax-rate', /tax ?rate|TaxType|% VAT|VAT rate/i],
  ['account', /account code|Account code|invoice account|Each line item must reference a valid account/i],
  ['contact', /contact/i],
  ['field', /characters and Xero takes at most|must be unique|must be valid|must be specified|cannot be longer|invoice number/i],
  ['change', /change|cancelled booking/i],
];

export interface RecordedFailure {
  /** The run's plain words, as the journal keeps them. */
  message: string;
  /** Xero's ValidationErrors, verbatim; empty when Xero was never asked. */
  validationErrors: readonly string[];
}

const sentence = (text: string) => {
  const t = text.trim();
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
};

const DEPENDS = /could not be created in Xero, so|is not in Xero, so/i;

/** The kind, reason and fix of a transaction's recorded failure. */
export function adviseFailure(failure: RecordedFailure): FailureAdvice {
  const details = failure.validationErrors.filter((d) => d.trim() !== '');
  const onlyNoAnswer = details.length > 0 && details.every((d) => d === NO_ANSWER);
  const fromXero = details.length > 0 && !onlyNoAnswer;
  // Several reasons are joined with ·; "its contact could not be created, so …" follows the first and is sorted by it.
  const parts = failure.message.split(' · ');
  const own = parts.filter((p) => !DEPENDS.test(p));
  const text = [...own, ...details].join(' ');
  const kind: FailureKind = onlyNoAnswer
    ? 'no-answer'
    : own.length === 0
      ? 'depends'
      : (PATTERNS.find(([, re]) => re.test(text))?.[0] ?? (fromXero ? 'xero-other' : 'app-other'));
  const advice = FAILURE_ADVICE[kind];
  // The reason that decided the kind comes first: euro data in a sterling organisation also misses its VAT rates,
  // but the currency is what to fix.
  const pattern = PATTERNS.find(([k]) => k === kind)?.[1];
  const ordered = pattern ? [...parts.filter((p) => pattern.test(p)), ...parts.filter((p) => !pattern.test(p))] : parts;
  // The planner's currency sentence carries its own fix (currency-guard.ts), which "What to do" says already.
  const said = kind === 'currency' ? ordered.map((p) => p.replace(/( has no [^:]+ enabled): .*$/, '$1')) : ordered;
  const message = said.map(sentence).join(' ');
  let reason = onlyNoAnswer
    ? 'Xero did not answer for it, so it is not known to be in Xero.'
    : fromXero
      ? /^Xero /.test(message)
        ? sentence(message)
        : `Xero did not accept it: ${sentence(message)}`
      : `Nothing was sent to Xero. ${sentence(message)}`;
  // Xero names the currency by its code only ("not subscribed to currency EUR"): say it as a bookkeeper would.
  const code = fromXero && kind === 'currency' ? /not subscribed to currency ([A-Z]{3})/i.exec(text)?.[1] : undefined;
  if (code) reason = `${reason} This transaction is in ${currencyName(code)}, and the Xero organisation has no ${currencyName(code)} enabled.`;
  return { kind, fromXero, reason, fix: advice.fix, temporary: advice.temporary, leadsTo: advice.leadsTo };
}

/** DomainError kinds that stop a whole run because Setup is not finished or no longer holds. */
const SETUP_KINDS = new Set([
  'NotConnected',
  'ReconnectNeeded',
  'TenantNotChosen',
  'TenantNotConnected',
  'AccountCodesMissing',
  'AccountCodeUnknown',
  'AccountCodeUnusable',
  'PaymentsNotEnabled',
  'TaxRateNotFound',
  'TaxRateCaseMismatch',
  'TaxRateUnusable',
  'XeroBadRequest',
  'InsufficientScope',
  'InvalidScope',
  // A Client Secret Xero refuses (invalid_client), none stored, or an organisation no longer authorised: Setup again.
  'InvalidClientCredentials',
  'CredentialsNotConfigured',
  'OrganisationNotAuthorised',
]);
/**
 * The stops that running the sync again can get past: Xero unreachable, down or at its limits, a replay refused, an
 * unexpected stop, another sync holding the journal. Listed, not assumed: a refused secret, a damaged journal, a full
 * disk or rules Xero refuses fail the same way every time, so they offer no "Sync again".
 */
const TEMPORARY_STOPS = new Set(['XeroUnreachable', 'XeroUnavailable', 'RateLimited', 'XeroDailyLimitReached', 'IdempotencyConflict', 'SyncFailed', 'JournalBusy', 'SyncAlreadyRunning']);
/** Why a whole run stopped, from the DomainError that stopped it; a retry is offered only for a temporary stop. */
export function adviseStop(error: { kind: string; message: string; fix?: string | undefined }): RunStop {
  const setup = SETUP_KINDS.has(error.kind);
  const temporary = !setup && TEMPORARY_STOPS.has(error.kind);
  const leadsTo = setup ? 'setup' : error.kind === 'RulesRefused' ? 'rules' : null;
  const fix = error.fix ?? (setup ? 'Finish Setup, then run the sync again.' : temporary ? 'Run the sync again; nothing already in Xero is sent twice.' : 'Export a diagnostics bundle (Diagnostics) and send it to whoever supports you; running the sync again will stop the same way.');
  return { kind: error.kind, reason: error.message, fix, temporary, leadsTo };
}
