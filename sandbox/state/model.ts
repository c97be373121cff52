/**
 * The sandbox's whole state as plain JSON-serialisable data, so that `--state FILE` can persist it verbatim.
 * Records keep Xero's field names; derived and nested fields are produced when serialising responses.
 */
import type { UserRole } from '../identity/user-roles';

export type ScopeMode = 'granular' | 'broad';
export type ClientType = 'web' | 'pkce';

export interface ClientApp {
  clientId: string;
  /** Absent for PKCE apps: Xero offers no secret for them. */
  clientSecret?: string;
  type: ClientType;
  name: string;
  redirectUris: string[];
  /** Apps created after 2 Mar 2026 get granular scopes only; older ("legacy") apps may use broad scopes too. */
  scopeMode: ScopeMode;
}

export interface DemoUser {
  userId: string;
  /** OpenID subject: Xero uses 32 lower-case hex characters. */
  sub: string;
  email: string;
  givenName: string;
  familyName: string;
}

export interface OrganisationRecord {
  OrganisationID: string;
  Name: string;
  LegalName: string;
  Version: 'AU' | 'NZ' | 'GLOBAL' | 'UK' | 'US';
  OrganisationType: string;
  BaseCurrency: string;
  CountryCode: string;
  IsDemoCompany: boolean;
  OrganisationStatus: string;
  PaysTax: boolean;
  TaxNumber?: string;
  RegistrationNumber?: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  PeriodLockDate?: string;
  EndOfYearLockDate?: string;
  CreatedDateUTC: number;
  Timezone: string;
  OrganisationEntityType: string;
  ShortCode: string;
  Class: string;
  Edition: string;
  LineOfBusiness?: string;
  /** Days after the invoice date used when an invoice arrives without DueDate (the org's default terms). */
  salesPaymentTermsDays: number;
}

export interface AccountRecord {
  AccountID: string;
  /** Absent for bank accounts left without a code (Xero allows it; xero-facts.md §9). */
  Code?: string;
  Name: string;
  Type: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  TaxType?: string;
  Description?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType?: 'BANK' | 'CREDITCARD' | 'PAYPAL' | '';
  CurrencyCode?: string;
  SystemAccount?: string;
  ReportingCode?: string;
  UpdatedDateUTC: number;
}

export interface TaxRateRecord {
  Name: string;
  TaxType: string;
  /** Percentage, e.g. 23 or 13.5. */
  Rate: number;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED' | 'PENDING';
  ReportTaxType?: string;
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
  /** Shown rate differs from the effective one for e.g. reverse-charge rates. */
  DisplayTaxRate?: number;
}

export interface AddressRecord {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
}

export interface PhoneRecord {
  PhoneType: 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX' | 'OFFICE';
  PhoneNumber?: string;
  PhoneAreaCode?: string;
  PhoneCountryCode?: string;
}

export interface ContactRecord {
  ContactID: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  CompanyNumber?: string;
  TaxNumber?: string;
  Addresses: AddressRecord[];
  Phones: PhoneRecord[];
  UpdatedDateUTC: number;
}

export interface TrackingRecord {
  Name: string;
  Option: string;
  TrackingCategoryID?: string;
  TrackingOptionID?: string;
}

/** OpenAPI `TrackingOption`: Name ≤ 100, Status ACTIVE|ARCHIVED|DELETED. */
export interface TrackingOptionRecord {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
}

/** OpenAPI `TrackingCategory`: at most two ACTIVE per organisation (xero-facts.md §9). */
export interface TrackingCategoryRecord {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Options: TrackingOptionRecord[];
}

export interface LineItemRecord {
  LineItemID: string;
  Description?: string;
  Quantity: number;
  UnitAmount: number;
  ItemCode?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType?: string;
  TaxAmount: number;
  LineAmount: number;
  DiscountRate?: number;
  Tracking: TrackingRecord[];
}

export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';
export type DocumentStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

/** Fields shared by invoices and credit notes: both are "documents" with lines and totals. */
export interface DocumentRecord {
  ContactID: string;
  Date: string;
  DueDate?: string;
  Status: DocumentStatus;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItemRecord[];
  SubTotal: number;
  TotalTax: number;
  Total: number;
  CurrencyCode: string;
  CurrencyRate: number;
  Reference?: string;
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
  createdByClientId?: string;
  paymentIds: string[];
  allocationIds: string[];
}

export interface InvoiceRecord extends DocumentRecord {
  InvoiceID: string;
  Type: 'ACCREC' | 'ACCPAY';
  InvoiceNumber?: string;
  AmountDue: number;
  AmountPaid: number;
  AmountCredited: number;
  SentToContact: boolean;
  Url?: string;
}

export interface CreditNoteRecord extends DocumentRecord {
  CreditNoteID: string;
  Type: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  CreditNoteNumber?: string;
  RemainingCredit: number;
}

export interface PaymentRecord {
  PaymentID: string;
  InvoiceID?: string;
  CreditNoteID?: string;
  AccountID: string;
  Date: string;
  Amount: number;
  Reference?: string;
  CurrencyRate: number;
  IsReconciled: boolean;
  Status: 'AUTHORISED' | 'DELETED';
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  UpdatedDateUTC: number;
  /**
   * The batch payment this payment is part of. Xero shows a member payment with its batch nested (OpenAPI
   * getPayments example: `BatchPaymentID` and `BatchPayment{Account, Date, Type, Status, TotalAmount, …}`), and a batch
   * is exactly the payments that share one, so the batch lives on its members (accounting/batch-payments.ts).
   */
  BatchPayment?: BatchHeader;
}

/** What a batch payment carries beside its payments (OpenAPI schema `BatchPayment`). */
export interface BatchHeader {
  BatchPaymentID: string;
  AccountID: string;
  Date: string;
  Reference?: string;
  Type: 'RECBATCH' | 'PAYBATCH';
  UpdatedDateUTC: number;
}

export interface AllocationRecord {
  AllocationID: string;
  CreditNoteID: string;
  InvoiceID: string;
  Amount: number;
  Date: string;
  IsDeleted: boolean;
}

export interface OrgState {
  organisation: OrganisationRecord;
  /** Currencies the org is subscribed to (its base currency always). */
  currencies: string[];
  accounts: AccountRecord[];
  taxRates: TaxRateRecord[];
  /** Absent in state files from before tracking categories: read as none. */
  trackingCategories?: TrackingCategoryRecord[];
  contacts: ContactRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  creditNotes: CreditNoteRecord[];
  allocations: AllocationRecord[];
  nextInvoiceNumber: number;
  nextCreditNoteNumber: number;
  /** The demo user's role here (absent = standard); set with POST /sandbox/user-role. See identity/user-roles.ts. */
  userRole?: UserRole;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
  authEventId: string;
  authTime: number;
  sessionId: string;
}

export interface AccessTokenRecord {
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  authEventId: string;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Set when the token was exchanged; it stays usable for a 30-minute grace period after that. */
  rotatedAt?: number;
  revoked: boolean;
  authEventId: string;
  authTime: number;
  sessionId: string;
}

export interface ConnectionRecord {
  id: string;
  clientId: string;
  userId: string;
  tenantId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
  active: boolean;
}

export interface IdentityState {
  codes: AuthCodeRecord[];
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  connections: ConnectionRecord[];
}

export interface IdempotencyRecord {
  clientId: string;
  key: string;
  fingerprint: string;
  createdAt: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxState {
  version: 1;
  clockOffsetMs: number;
  adminToken: string;
  signingKeyPem: string;
  signingKeyId: string;
  user: DemoUser;
  clients: ClientApp[];
  orgs: OrgState[];
  identity: IdentityState;
  idempotency: Record<string, IdempotencyRecord>;
}
