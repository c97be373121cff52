/**
 * Seed → state. Seeded contacts, invoices, payments and credit notes go through the same rules as API requests,
 * so a seed can never contain something Xero would have refused.
 */
import { randomHex, randomClientSecret, stableClientId, stableUuid } from '../ids';
import type { ApiContext } from '../accounting/api-context';
import { applyContact } from '../accounting/contacts';
import { applyDocument, creditNoteKind, invoiceKind } from '../accounting/document-writer';
import { applyPayment } from '../accounting/payments';
import { TRACKING_LIMITS } from '../accounting/tracking';
import type { SandboxRequest } from '../http/request';
import type { AccountRecord, ClientApp, DemoUser, OrgState, TaxRateRecord, TrackingCategoryRecord } from './model';
import { DEFAULT_CLIENTS, DEFAULT_LOOPBACK_REDIRECT_URIS, DEFAULT_SEED, LEGACY_BROAD_SCOPE_CLIENT } from './default-seed';
import type { SeedData, SeedOrganisation, SeedTaxRate, SeedTrackingCategory } from './seed-types';

/** Reference data is dated to when the org was "set up", so If-Modified-Since filters behave realistically. */
const ORG_CREATED_MS = Date.UTC(2024, 0, 15, 9, 30, 0);

export class SeedError extends Error {}

export function buildClients(seed: SeedData, extraRedirectUris: string[], previous: ClientApp[] = []): ClientApp[] {
  const seeds = [...(seed.clients ?? DEFAULT_CLIENTS), ...(seed.legacyBroadScopeClient ? [LEGACY_BROAD_SCOPE_CLIENT] : [])];
  return seeds.map((c, i) => {
    const name = c.name ?? `Sandbox ${c.type === 'web' ? 'Web' : 'PKCE'} app ${i + 1}`;
    const clientId = (c.clientId ?? stableClientId(`courseco-sandbox:client:${name}`)).toUpperCase();
    if (!/^[0-9A-F]{32}$/.test(clientId)) throw new SeedError(`clientId ${clientId} must be 32 hexadecimal characters`);
    const kept = previous.find((p) => p.clientId === clientId);
    const redirectUris = [...new Set([...(c.redirectUris ?? DEFAULT_LOOPBACK_REDIRECT_URIS), ...extraRedirectUris])];
    const app: ClientApp = { clientId, type: c.type, name, redirectUris, scopeMode: c.scopeMode ?? 'granular' };
    if (c.type === 'web') app.clientSecret = c.clientSecret ?? kept?.clientSecret ?? randomClientSecret();
    return app;
  });
}

export function buildUser(seed: SeedData): DemoUser {
  const userId = stableUuid('courseco-sandbox:user:demo');
  return {
    userId,
    sub: userId.replace(/-/g, ''),
    email: seed.user?.email ?? 'demo.user@courseco-sandbox.example',
    givenName: seed.user?.givenName ?? 'Demo',
    familyName: seed.user?.familyName ?? 'User',
  };
}

function taxRate(seed: SeedTaxRate): TaxRateRecord {
  const sales = seed.applies === 'sales' || seed.applies === 'both';
  const purchases = seed.applies === 'purchases' || seed.applies === 'both';
  const balance = seed.applies !== 'system';
  return {
    Name: seed.Name,
    TaxType: seed.TaxType,
    Rate: seed.Rate,
    Status: seed.Status ?? 'ACTIVE',
    ReportTaxType: seed.ReportTaxType,
    DisplayTaxRate: seed.DisplayTaxRate,
    CanApplyToAssets: balance,
    CanApplyToEquity: balance,
    CanApplyToExpenses: purchases,
    CanApplyToLiabilities: balance,
    CanApplyToRevenue: sales,
  };
}

function buildOrg(seed: SeedOrganisation): OrgState {
  const tenantId = (seed.tenantId ?? stableUuid(`courseco-sandbox:tenant:${seed.name}`)).toLowerCase();
  const accounts: AccountRecord[] = seed.accounts.map((a) => ({
    ...a,
    AccountID: (a.AccountID ?? stableUuid(a.Code !== undefined ? `${tenantId}:account:${a.Code}` : `${tenantId}:account-named:${a.Name}`)).toLowerCase(),
    Status: a.Status ?? 'ACTIVE',
    EnablePaymentsToAccount: a.EnablePaymentsToAccount ?? false,
    ShowInExpenseClaims: a.ShowInExpenseClaims ?? false,
    UpdatedDateUTC: ORG_CREATED_MS,
  }));
  return {
    organisation: {
      OrganisationID: tenantId,
      Name: seed.name,
      LegalName: seed.legalName ?? seed.name,
      Version: seed.version,
      OrganisationType: 'COMPANY',
      BaseCurrency: seed.baseCurrency,
      CountryCode: seed.countryCode,
      IsDemoCompany: false,
      OrganisationStatus: 'ACTIVE',
      PaysTax: true,
      TaxNumber: seed.taxNumber,
      RegistrationNumber: seed.registrationNumber,
      FinancialYearEndDay: 31,
      FinancialYearEndMonth: 12,
      SalesTaxBasis: seed.salesTaxBasis ?? 'ACCRUALS',
      SalesTaxPeriod: seed.salesTaxPeriod ?? 'QUARTERLY1',
      DefaultSalesTax: 'Tax Exclusive',
      DefaultPurchasesTax: 'Tax Inclusive',
      PeriodLockDate: seed.periodLockDate,
      EndOfYearLockDate: seed.endOfYearLockDate,
      CreatedDateUTC: ORG_CREATED_MS,
      Timezone: seed.timezone,
      OrganisationEntityType: 'COMPANY',
      ShortCode: seed.shortCode ?? `!${stableUuid(tenantId).slice(0, 5)}`,
      Class: 'STANDARD',
      Edition: 'BUSINESS',
      LineOfBusiness: seed.lineOfBusiness,
      salesPaymentTermsDays: seed.salesPaymentTermsDays ?? 30,
    },
    currencies: [...new Set([seed.baseCurrency, ...(seed.extraCurrencies ?? [])])],
    accounts,
    taxRates: seed.taxRates.map(taxRate),
    ...(seed.trackingCategories ? { trackingCategories: seedTrackingCategories(seed.name, tenantId, seed.trackingCategories) } : {}),
    contacts: [],
    invoices: [],
    payments: [],
    creditNotes: [],
    allocations: [],
    nextInvoiceNumber: 1,
    nextCreditNoteNumber: 1,
  };
}

/**
 * A seed is refused where Xero would refuse building the same categories (accounting/tracking.ts holds the limits and
 * cites them): at most two active categories, 100 active options each, names of at most 100 characters, none twice.
 */
function seedTrackingCategories(org: string, tenantId: string, categories: readonly SeedTrackingCategory[]): TrackingCategoryRecord[] {
  const refuse = (why: string) => {
    throw new SeedError(`${org}: tracking categories: ${why}`);
  };
  const active = <T extends { Status?: string }>(list: readonly T[]) => list.filter((x) => (x.Status ?? 'ACTIVE') === 'ACTIVE');
  const twice = (names: readonly string[]) => names.find((n, i) => names.findIndex((m) => m.trim().toLowerCase() === n.trim().toLowerCase()) !== i);
  if (active(categories).length > TRACKING_LIMITS.activeCategories) refuse(`more than ${TRACKING_LIMITS.activeCategories} are active`);
  const category = twice(categories.map((c) => c.Name));
  if (category) refuse(`"${category}" is named twice`);
  for (const c of categories) {
    for (const name of [c.Name, ...c.Options.map((o) => o.Name)]) if (!name.trim() || name.length > TRACKING_LIMITS.name) refuse(`"${name}" is empty or over ${TRACKING_LIMITS.name} characters`);
    if (active(c.Options).length > TRACKING_LIMITS.activeOptions) refuse(`"${c.Name}" has more than ${TRACKING_LIMITS.activeOptions} active options`);
    const option = twice(c.Options.map((o) => o.Name));
    if (option) refuse(`"${c.Name}" has the option "${option}" twice`);
  }
  return categories.map((c) => seedTrackingCategory(tenantId, c));
}

function seedTrackingCategory(tenantId: string, c: SeedTrackingCategory): TrackingCategoryRecord {
  const id = stableUuid(`${tenantId}:tracking:${c.Name}`).toLowerCase();
  return {
    TrackingCategoryID: id,
    Name: c.Name,
    Status: c.Status ?? 'ACTIVE',
    Options: c.Options.map((o) => ({ TrackingOptionID: stableUuid(`${id}:option:${o.Name}`).toLowerCase(), Name: o.Name, Status: o.Status ?? 'ACTIVE' })),
  };
}

function seedDocuments(org: OrgState, seed: SeedOrganisation, client: ClientApp, now: number): void {
  const req: SandboxRequest = { method: 'PUT', path: '/seed', url: new URL('http://seed.invalid/'), headers: {}, rawBody: '', params: {} };
  // A seeded world is written whole, so nothing needs reporting record by record.
  const ctx: ApiContext = { req, org, client, now, changed: () => undefined };
  const check = (what: string, i: number, errors: string[]) => {
    if (errors.length > 0) throw new SeedError(`${seed.name}: ${what} #${i + 1} was refused: ${errors.join(' ')}`);
  };
  (seed.contacts ?? []).forEach((c, i) => check('contact', i, applyContact(ctx, c, 'create').errors));
  (seed.invoices ?? []).forEach((d, i) => check('invoice', i, applyDocument(ctx, invoiceKind, d, 'create').errors));
  (seed.creditNotes ?? []).forEach((d, i) => check('credit note', i, applyDocument(ctx, creditNoteKind, d, 'create').errors));
  (seed.payments ?? []).forEach((p, i) => check('payment', i, applyPayment(ctx, p).errors));
}

export function buildOrgs(seed: SeedData, clients: ClientApp[], now: number): OrgState[] {
  const orgs = (seed.organisations ?? DEFAULT_SEED.organisations ?? []).map((o) => {
    const org = buildOrg(o);
    seedDocuments(org, o, clients[0]!, now);
    return org;
  });
  const ids = new Set(orgs.map((o) => o.organisation.OrganisationID));
  if (ids.size !== orgs.length) throw new SeedError('organisations must have distinct names or tenantIds');
  return orgs;
}

export function newAdminToken(): string {
  return randomHex(24);
}
