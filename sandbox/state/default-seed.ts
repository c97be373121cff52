/**
 * The default world: one demo user with two organisations, so "wrong organisation selected" can be reproduced.
 * - An Irish training company: Xero has no IE version, so it is a GLOBAL org in EUR whose VAT rates were created by
 *   the user (TAX001...) beside the 0% Global defaults (OUTPUT/INPUT/NONE). This is where CourseCo's case-sensitive
 *   tax title bites: the name is whatever the user typed.
 * - A UK org in GBP with Xero's UK default rates (OUTPUT2, INPUT2, ...).
 */
import type { SeedAccount, SeedClient, SeedData, SeedOrganisation, SeedTaxRate } from './seed-types';

export const DEFAULT_LOOPBACK_REDIRECT_URIS = ['47318', '47319', '47320'].map((port) => `http://localhost:${port}/callback`);

export const DEFAULT_CLIENTS: SeedClient[] = [
  { name: 'CourseCo Xero Assistant (Web app)', type: 'web', scopeMode: 'granular' },
  { name: 'CourseCo Xero Assistant (PKCE app)', type: 'pkce', scopeMode: 'granular' },
];

export const LEGACY_BROAD_SCOPE_CLIENT: SeedClient = { name: 'CourseCo Legacy Integration (2024 Web app)', type: 'web', scopeMode: 'broad' };

const irishTaxRates: SeedTaxRate[] = [
  { Name: 'Tax on Sales', TaxType: 'OUTPUT', Rate: 0, applies: 'sales' },
  { Name: 'Tax on Purchases', TaxType: 'INPUT', Rate: 0, applies: 'purchases' },
  { Name: 'Tax Exempt', TaxType: 'NONE', Rate: 0, applies: 'both' },
  { Name: 'Sales Tax on Imports', TaxType: 'GSTONIMPORTS', Rate: 0, applies: 'system' },
  { Name: '23% VAT on Income', TaxType: 'TAX001', Rate: 23, applies: 'sales' },
  { Name: '13.5% VAT on Income', TaxType: 'TAX002', Rate: 13.5, applies: 'sales' },
  { Name: '9% VAT on Income', TaxType: 'TAX003', Rate: 9, applies: 'sales' },
  { Name: '23% VAT on Expenses', TaxType: 'TAX004', Rate: 23, applies: 'purchases' },
  { Name: 'Exempt', TaxType: 'TAX005', Rate: 0, applies: 'both' },
  { Name: '21% VAT on Income', TaxType: 'TAX006', Rate: 21, applies: 'sales', Status: 'DELETED' },
  // Archived rather than deleted: Xero's TaxRate Status is ACTIVE|DELETED|ARCHIVED|PENDING (OpenAPI TaxRate), and a
  // rate that is not ACTIVE is refused on new lines (documents.ts). 4.8% is Ireland's livestock rate (xero-facts.md).
  { Name: '4.8% VAT on Income', TaxType: 'TAX007', Rate: 4.8, applies: 'sales', Status: 'ARCHIVED' },
];

const ukTaxRates: SeedTaxRate[] = [
  { Name: '20% (VAT on Income)', TaxType: 'OUTPUT2', Rate: 20, applies: 'sales', ReportTaxType: 'OUTPUT' },
  { Name: '20% (VAT on Expenses)', TaxType: 'INPUT2', Rate: 20, applies: 'purchases', ReportTaxType: 'INPUT' },
  { Name: '5% (VAT on Income)', TaxType: 'RROUTPUT', Rate: 5, applies: 'sales', ReportTaxType: 'OUTPUT' },
  { Name: '5% (VAT on Expenses)', TaxType: 'RRINPUT', Rate: 5, applies: 'purchases', ReportTaxType: 'INPUT' },
  { Name: 'Zero Rated Income', TaxType: 'ZERORATEDOUTPUT', Rate: 0, applies: 'sales', ReportTaxType: 'OUTPUT' },
  { Name: 'Zero Rated Expenses', TaxType: 'ZERORATEDINPUT', Rate: 0, applies: 'purchases', ReportTaxType: 'INPUT' },
  { Name: 'Exempt Income', TaxType: 'EXEMPTOUTPUT', Rate: 0, applies: 'sales', ReportTaxType: 'EXEMPTOUTPUT' },
  { Name: 'Exempt Expenses', TaxType: 'EXEMPTINPUT', Rate: 0, applies: 'purchases', ReportTaxType: 'EXEMPTINPUT' },
  { Name: 'No VAT', TaxType: 'NONE', Rate: 0, applies: 'both', ReportTaxType: 'NONE' },
  { Name: 'EC Acquisitions (20%)', TaxType: 'ECACQUISITIONS', Rate: 0, DisplayTaxRate: 20, applies: 'purchases', ReportTaxType: 'ECACQUISITIONS' },
  { Name: 'Zero Rated EC Goods Income', TaxType: 'ECZROUTPUT', Rate: 0, applies: 'sales', ReportTaxType: 'ECOUTPUT' },
  { Name: 'Zero Rated EC Services', TaxType: 'ECZROUTPUTSERVICES', Rate: 0, applies: 'sales', ReportTaxType: 'ECOUTPUTSERVICES' },
  { Name: 'Reverse Charge Expenses (20%)', TaxType: 'REVERSECHARGES', Rate: 0, DisplayTaxRate: 20, applies: 'purchases', ReportTaxType: 'REVERSECHARGES' },
  { Name: '20% (VAT on Capital Sales)', TaxType: 'CAPEXOUTPUT2', Rate: 20, applies: 'sales', ReportTaxType: 'CAPITALSALESOUTPUT' },
  { Name: '20% (VAT on Capital Purchases)', TaxType: 'CAPEXINPUT2', Rate: 20, applies: 'purchases', ReportTaxType: 'CAPITALEXPENSESINPUT' },
  { Name: 'VAT on Imports', TaxType: 'GSTONIMPORTS', Rate: 0, applies: 'system', ReportTaxType: 'GSTONIMPORTS' },
];

function chart(currency: string, tax: { sales: string; exempt: string; purchases: string; none: string }, bankNumbers: [string, string, string]): SeedAccount[] {
  return [
    { Code: '090', Name: 'Business Bank Account', Type: 'BANK', BankAccountType: 'BANK', BankAccountNumber: bankNumbers[0], CurrencyCode: currency },
    { Code: '091', Name: 'Business Savings Account', Type: 'BANK', BankAccountType: 'BANK', BankAccountNumber: bankNumbers[1], CurrencyCode: currency },
    // No Code: Xero lets users leave a bank account's code empty (xero-facts.md §9; the OpenAPI Account schema does not
    // require Code), so a payment can reach it only by `Account:{AccountID}` (Xero's Payments docs).
    { Name: 'Course Bookings Current Account', Type: 'BANK', BankAccountType: 'BANK', BankAccountNumber: bankNumbers[2], CurrencyCode: currency },
    { Code: '200', Name: 'Sales', Type: 'REVENUE', TaxType: tax.sales, Description: 'Income from any normal business activity' },
    { Code: '210', Name: 'Course Fees', Type: 'REVENUE', TaxType: tax.exempt, Description: 'Training course and booking fees' },
    { Code: '220', Name: 'Course Materials', Type: 'SALES', TaxType: tax.sales, Description: 'Printed manuals and kits sold with courses' },
    { Code: '250', Name: 'Workshop Income (old)', Type: 'REVENUE', TaxType: tax.sales, Status: 'ARCHIVED', Description: 'Archived: replaced by 210' },
    { Code: '260', Name: 'Other Revenue', Type: 'REVENUE', TaxType: tax.sales, Description: 'Any other income that does not relate to normal business activities' },
    { Code: '270', Name: 'Interest Income', Type: 'REVENUE', TaxType: tax.none },
    { Code: '310', Name: 'Cost of Goods Sold', Type: 'DIRECTCOSTS', TaxType: tax.purchases },
    { Code: '320', Name: 'Trainer Fees', Type: 'DIRECTCOSTS', TaxType: tax.purchases },
    { Code: '400', Name: 'Advertising', Type: 'OVERHEADS', TaxType: tax.purchases },
    { Code: '404', Name: 'Bank Fees', Type: 'OVERHEADS', TaxType: tax.none },
    { Code: '429', Name: 'General Expenses', Type: 'OVERHEADS', TaxType: tax.purchases, ShowInExpenseClaims: true },
    { Code: '461', Name: 'Printing & Stationery', Type: 'OVERHEADS', TaxType: tax.purchases },
    { Code: '469', Name: 'Rent', Type: 'OVERHEADS', TaxType: tax.purchases },
    { Code: '493', Name: 'Travel - National', Type: 'OVERHEADS', TaxType: tax.purchases, ShowInExpenseClaims: true },
    { Code: '610', Name: 'Accounts Receivable', Type: 'CURRENT', SystemAccount: 'DEBTORS', TaxType: tax.none },
    { Code: '615', Name: 'Stripe Clearing', Type: 'CURRENT', TaxType: tax.none, EnablePaymentsToAccount: true, Description: 'Card receipts held by Stripe before payout' },
    { Code: '620', Name: 'Prepayments', Type: 'CURRENT', TaxType: tax.none },
    { Code: '710', Name: 'Office Equipment', Type: 'FIXED', TaxType: tax.purchases },
    { Code: '800', Name: 'Accounts Payable', Type: 'CURRLIAB', SystemAccount: 'CREDITORS', TaxType: tax.none },
    { Code: '820', Name: 'VAT', Type: 'CURRLIAB', SystemAccount: 'GST', TaxType: tax.none },
    { Code: '860', Name: 'Rounding', Type: 'CURRLIAB', SystemAccount: 'ROUNDING', TaxType: tax.none },
    { Code: '960', Name: 'Retained Earnings', Type: 'EQUITY', SystemAccount: 'RETAINEDEARNINGS', TaxType: tax.none },
    { Code: '970', Name: 'Owner A Funds Introduced', Type: 'EQUITY', TaxType: tax.none, EnablePaymentsToAccount: true },
  ];
}

export const IRISH_ORG: SeedOrganisation = {
  name: 'Liffey Training Academy',
  legalName: 'Liffey Training Academy Limited',
  version: 'GLOBAL',
  baseCurrency: 'EUR',
  countryCode: 'IE',
  timezone: 'GMTSTANDARDTIME',
  shortCode: '!Lf7Qx',
  taxNumber: 'IE3312345LH',
  registrationNumber: '612345',
  salesTaxBasis: 'INVOICE',
  salesTaxPeriod: 'TWOMONTHS',
  lineOfBusiness: 'Professional training courses',
  salesPaymentTermsDays: 14,
  accounts: chart('EUR', { sales: 'TAX001', exempt: 'TAX005', purchases: 'TAX004', none: 'NONE' }, ['IE29AIBK93115212345678', 'IE64BOFI90583812345678', 'IE12AIBK93115287654321']),
  taxRates: irishTaxRates,
  // One tracking category per venue, as training centres use them (courseco-domain.md: Enrolmy tracks per venue);
  // an archived option shows that Xero refuses archived options on new lines.
  trackingCategories: [{ Name: 'Venue', Options: [{ Name: 'Dublin' }, { Name: 'Cork' }, { Name: 'Limerick', Status: 'ARCHIVED' }] }],
  contacts: [
    { Name: 'Dublin City Council', ContactNumber: 'CC-ORG-12', EmailAddress: 'training@dublincity.example.ie' },
    { Name: 'Aoife Byrne', FirstName: 'Aoife', LastName: 'Byrne', EmailAddress: 'aoife.byrne@example.ie' },
    { Name: 'Shannon Logistics Ltd', EmailAddress: 'accounts@shannonlogistics.example.ie', ContactStatus: 'ARCHIVED' },
  ],
  invoices: [
    {
      Type: 'ACCREC',
      Contact: { Name: 'Dublin City Council' },
      Date: '2026-09-01',
      DueDate: '2026-09-15',
      Reference: 'CourseCo TX 1001',
      Status: 'AUTHORISED',
      LineItems: [{ Description: 'Manual Handling - 2 delegates', Quantity: 2, UnitAmount: 95, AccountCode: '200', TaxType: 'TAX001' }],
    },
    {
      Type: 'ACCREC',
      Contact: { Name: 'Aoife Byrne' },
      Date: '2026-09-03',
      DueDate: '2026-09-17',
      Reference: 'CourseCo TX 1002',
      Status: 'DRAFT',
      LineItems: [{ Description: 'First Aid Responder (FAR)', Quantity: 1, UnitAmount: 450, AccountCode: '210', TaxType: 'TAX005' }],
    },
  ],
  payments: [{ Invoice: { InvoiceNumber: 'INV-0001' }, Account: { Code: '090' }, Date: '2026-09-10', Amount: 100, Reference: 'EFT part payment' }],
};

export const UK_ORG: SeedOrganisation = {
  name: 'Thames Valley Courses Ltd',
  legalName: 'Thames Valley Courses Limited',
  version: 'UK',
  baseCurrency: 'GBP',
  countryCode: 'GB',
  timezone: 'GMTSTANDARDTIME',
  shortCode: '!Tv3Kp',
  taxNumber: 'GB123456789',
  salesTaxBasis: 'ACCRUAL',
  salesTaxPeriod: 'QUARTERLY1',
  lineOfBusiness: 'Training courses',
  salesPaymentTermsDays: 30,
  accounts: chart('GBP', { sales: 'OUTPUT2', exempt: 'EXEMPTOUTPUT', purchases: 'INPUT2', none: 'NONE' }, ['20-00-00 12345678', '20-00-00 87654321', '20-00-00 11223344']),
  taxRates: ukTaxRates,
  contacts: [{ Name: 'Reading Borough Council', EmailAddress: 'learning@reading.example.gov.uk' }],
};

export const DEFAULT_SEED: SeedData = {
  organisations: [IRISH_ORG, UK_ORG],
};

/**
 * Only the sterling organisation, without multi-currency (GET /Currencies lists GBP alone): the world where euro data
 * is sent to the wrong organisation, and Xero answers "Organisation is not subscribed to currency EUR".
 */
export const STERLING_SEED: SeedData = {
  organisations: [UK_ORG],
};

/** Named seeds for `sandbox --preset NAME`. */
export const SEED_PRESETS: Record<string, SeedData> = { default: DEFAULT_SEED, sterling: STERLING_SEED };
