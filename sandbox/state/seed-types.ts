/** What a seed (default, `--seed FILE` or `POST /sandbox/seed`) may describe. Everything is optional. */
import type { AccountRecord, ClientType, ScopeMode, TaxRateRecord } from './model';

export interface SeedClient {
  name?: string;
  type: ClientType;
  /** 32 upper-case hex characters; derived from the name when absent. */
  clientId?: string;
  /** Web apps only; random per run when absent. */
  clientSecret?: string;
  redirectUris?: string[];
  scopeMode?: ScopeMode;
}

export type SeedAccount = Pick<AccountRecord, 'Name' | 'Type'> & Partial<Omit<AccountRecord, 'UpdatedDateUTC'>>;

/** `applies` summarises Xero's CanApplyTo* flags: sales rates apply to revenue, purchase rates to expenses. */
export type SeedTaxRate = Pick<TaxRateRecord, 'Name' | 'TaxType' | 'Rate'> &
  Partial<Pick<TaxRateRecord, 'Status' | 'ReportTaxType' | 'DisplayTaxRate'>> & { applies: 'sales' | 'purchases' | 'both' | 'system' };

export interface SeedTrackingCategory {
  Name: string;
  Status?: 'ACTIVE' | 'ARCHIVED';
  Options: Array<{ Name: string; Status?: 'ACTIVE' | 'ARCHIVED' }>;
}

/** Contacts, invoices, payments and credit notes use Xero's request shapes and pass through the same rules as the API. */
export type SeedDocument = Record<string, unknown>;

export interface SeedOrganisation {
  tenantId?: string;
  name: string;
  legalName?: string;
  version: 'AU' | 'NZ' | 'GLOBAL' | 'UK' | 'US';
  baseCurrency: string;
  countryCode: string;
  timezone: string;
  shortCode?: string;
  taxNumber?: string;
  registrationNumber?: string;
  salesTaxBasis?: string;
  salesTaxPeriod?: string;
  /** YYYY-MM-DD; documents dated on or before it are refused (advisers pass the period lock, not the end-of-year one). */
  periodLockDate?: string;
  endOfYearLockDate?: string;
  lineOfBusiness?: string;
  salesPaymentTermsDays?: number;
  /** Currencies enabled beside the base (Xero's multi-currency, a plan feature); none: only the base is taken. */
  extraCurrencies?: string[];
  accounts: SeedAccount[];
  taxRates: SeedTaxRate[];
  /** Tracking categories and their options (ids derived from the names); ACTIVE unless a Status is given. */
  trackingCategories?: SeedTrackingCategory[];
  contacts?: SeedDocument[];
  invoices?: SeedDocument[];
  payments?: SeedDocument[];
  creditNotes?: SeedDocument[];
}

export interface SeedData {
  /** Replaces the default Web app + PKCE app when given. */
  clients?: SeedClient[];
  /** Adds a third, pre-2026 Web app that may request broad scopes (`accounting.transactions`, ...). */
  legacyBroadScopeClient?: boolean;
  /** Replaces the default organisations when given. */
  organisations?: SeedOrganisation[];
  user?: { email?: string; givenName?: string; familyName?: string };
}
