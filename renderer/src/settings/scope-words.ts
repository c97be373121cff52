/**
 * Xero's permission names (OAuth scopes) in plain words, for the Settings page. Xero's scopes: the Accounting API's
 * OpenAPI spec and the 2026 granular scopes (xero-facts.md §1 "Scopes"). A `.read` scope reads only; without `.read`
 * it also creates and changes. A scope this table does not know is still shown, by its name, so nothing granted hides.
 */

/** What each scope lets the assistant do, said as "what" and "which things". */
const SCOPE_WORDS: Readonly<Record<string, { write?: string; read: string }>> = {
  'accounting.transactions': { write: 'Create and read invoices, payments and credit notes', read: 'Read invoices, payments and credit notes' },
  'accounting.invoices': { write: 'Create and read invoices and credit notes', read: 'Read invoices and credit notes' },
  'accounting.payments': { write: 'Record and read payments', read: 'Read payments' },
  'accounting.banktransactions': { write: 'Create and read bank transactions and transfers', read: 'Read bank transactions and transfers' },
  'accounting.manualjournals': { write: 'Create and read manual adjustments to the accounts', read: 'Read manual adjustments to the accounts' },
  'accounting.classicexpenses': { write: 'Create and read expense claims and receipts', read: 'Read expense claims and receipts' },
  'accounting.contacts': { write: 'Create and read contacts (your customers)', read: 'Read contacts (your customers)' },
  'accounting.settings': {
    write: 'Read the chart of accounts, tax rates and tracking, and add tracking options',
    read: 'Read the chart of accounts, tax rates and tracking',
  },
  'accounting.attachments': { write: 'Add and read attachments', read: 'Read attachments' },
  'accounting.journals': { read: 'Read the general ledger' },
  'accounting.reports': { read: 'Read reports' },
  'accounting.budgets': { read: 'Read budgets' },
  paymentservices: { read: 'Manage payment services' },
};

/** The identity scopes: who signed in, and staying signed in. */
const IDENTITY_WORDS: Readonly<Record<string, string>> = {
  openid: 'Know which Xero user signed in',
  profile: 'See the signed-in user\'s name',
  email: 'See the signed-in user\'s email address',
  offline_access: 'Stay signed in between uses (for up to 60 days without use)',
};

/** Reports come as `accounting.reports.<name>.read` since 2026; the name says which report. */
const REPORT_NAMES: Readonly<Record<string, string>> = {
  aged: 'aged receivables and payables',
  balancesheet: 'the balance sheet',
  banksummary: 'the bank summary',
  budgetsummary: 'the budget summary',
  executivesummary: 'the executive summary',
  profitandloss: 'profit and loss',
  trialbalance: 'the trial balance',
  taxreports: 'tax reports',
  tenninetynine: '1099 reports',
};

/** One scope in plain words. */
export function scopeInWords(scope: string): string {
  if (IDENTITY_WORDS[scope]) return IDENTITY_WORDS[scope];
  const report = /^accounting\.reports\.([a-z]+)\.read$/.exec(scope);
  if (report && REPORT_NAMES[report[1]!]) return `Read reports: ${REPORT_NAMES[report[1]!]}`;
  const readOnly = scope.endsWith('.read');
  const base = readOnly ? scope.slice(0, -'.read'.length) : scope;
  const words = SCOPE_WORDS[base];
  if (words) return readOnly || !words.write ? words.read : words.write;
  return `A permission Xero calls “${scope}”`;
}

/**
 * The granted scopes (space-separated, as Xero returns them) as a list of plain sentences: what the assistant may do
 * in the organisation first, then what it knows of the person who signed in. A write scope covers its own `.read`,
 * so the pair is said once.
 */
export function scopesInWords(scopes: string | undefined): { organisation: string[]; signIn: string[] } {
  const granted = new Set((scopes ?? '').split(/\s+/).filter(Boolean));
  const organisation: string[] = [];
  const signIn: string[] = [];
  for (const scope of granted) {
    if (scope.endsWith('.read') && granted.has(scope.slice(0, -'.read'.length))) continue;
    const words = scopeInWords(scope);
    (IDENTITY_WORDS[scope] ? signIn : organisation).push(words);
  }
  return { organisation: [...new Set(organisation)], signIn: [...new Set(signIn)] };
}
