/** Records → Xero's JSON shapes (MS-JSON dates, nested Contact/Invoice/Account summaries, read-only totals). */
import type {
  AccountRecord,
  AllocationRecord,
  BatchHeader,
  ContactRecord,
  CreditNoteRecord,
  InvoiceRecord,
  LineItemRecord,
  OrgState,
  PaymentRecord,
  TaxRateRecord,
} from '../state/model';
import { accountClass } from './chart';
import { dateString, dayToMs, msJsonDate } from '../xero-dates';
import { allocationById, contactById, creditNoteById, invoiceById, paymentById, recordsById } from '../state/lookup';
import { batchMembers } from '../state/batch-index';
import { money, toAmount } from '../money';

export type Json = Record<string, unknown>;

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

function compact(obj: Json): Json {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) Reflect.deleteProperty(obj, key);
  return obj;
}

function day(dayValue: string | undefined): { ms?: string; str?: string } {
  if (!dayValue) return {};
  const ms = dayToMs(dayValue);
  return { ms: msJsonDate(ms), str: dateString(ms) };
}

export function serializeOrganisation(org: OrgState): Json {
  const o = org.organisation;
  return compact({
    OrganisationID: o.OrganisationID,
    APIKey: undefined,
    Name: o.Name,
    LegalName: o.LegalName,
    PaysTax: o.PaysTax,
    Version: o.Version,
    OrganisationType: o.OrganisationType,
    BaseCurrency: o.BaseCurrency,
    CountryCode: o.CountryCode,
    IsDemoCompany: o.IsDemoCompany,
    OrganisationStatus: o.OrganisationStatus,
    RegistrationNumber: o.RegistrationNumber,
    TaxNumber: o.TaxNumber,
    FinancialYearEndDay: o.FinancialYearEndDay,
    FinancialYearEndMonth: o.FinancialYearEndMonth,
    SalesTaxBasis: o.SalesTaxBasis,
    SalesTaxPeriod: o.SalesTaxPeriod,
    DefaultSalesTax: o.DefaultSalesTax,
    DefaultPurchasesTax: o.DefaultPurchasesTax,
    PeriodLockDate: day(o.PeriodLockDate).ms,
    EndOfYearLockDate: day(o.EndOfYearLockDate).ms,
    CreatedDateUTC: msJsonDate(o.CreatedDateUTC),
    OrganisationEntityType: o.OrganisationEntityType,
    Timezone: o.Timezone,
    ShortCode: o.ShortCode,
    Edition: o.Edition,
    Class: o.Class,
    LineOfBusiness: o.LineOfBusiness,
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: { Sales: { Day: o.salesPaymentTermsDays, Type: 'DAYSAFTERBILLDATE' } },
  });
}

export function serializeAccount(a: AccountRecord): Json {
  return compact({
    AccountID: a.AccountID,
    Code: a.Code,
    Name: a.Name,
    Status: a.Status,
    Type: a.Type,
    TaxType: a.TaxType,
    Description: a.Description,
    Class: accountClass(a.Type),
    SystemAccount: a.SystemAccount,
    EnablePaymentsToAccount: a.EnablePaymentsToAccount,
    ShowInExpenseClaims: a.ShowInExpenseClaims,
    BankAccountNumber: a.BankAccountNumber,
    BankAccountType: a.Type === 'BANK' ? (a.BankAccountType ?? 'BANK') : '',
    CurrencyCode: a.CurrencyCode,
    ReportingCode: a.ReportingCode,
    HasAttachments: false,
    UpdatedDateUTC: msJsonDate(a.UpdatedDateUTC),
    AddToWatchlist: false,
  });
}

export function serializeTaxRate(t: TaxRateRecord): Json {
  return compact({
    Name: t.Name,
    TaxType: t.TaxType,
    ReportTaxType: t.ReportTaxType,
    CanApplyToAssets: t.CanApplyToAssets,
    CanApplyToEquity: t.CanApplyToEquity,
    CanApplyToExpenses: t.CanApplyToExpenses,
    CanApplyToLiabilities: t.CanApplyToLiabilities,
    CanApplyToRevenue: t.CanApplyToRevenue,
    DisplayTaxRate: t.DisplayTaxRate ?? t.Rate,
    EffectiveRate: t.Rate,
    Status: t.Status,
    TaxComponents: [{ Name: 'VAT', Rate: t.DisplayTaxRate ?? t.Rate, IsCompound: false, IsNonRecoverable: false }],
  });
}

/** Which contacts have sales (customers) and purchase (suppliers) invoices; one scan serves a whole contact list. */
export interface ContactRoles {
  customers: ReadonlySet<string>;
  suppliers: ReadonlySet<string>;
}

export function contactRoles(org: OrgState): ContactRoles {
  const customers = new Set<string>();
  const suppliers = new Set<string>();
  for (const i of org.invoices) {
    if (i.Status === 'DELETED') continue;
    (i.Type === 'ACCREC' ? customers : suppliers).add(i.ContactID);
  }
  return { customers, suppliers };
}

/** Many contacts: the customer/supplier roles are worked out once for all of them. */
export function serializeContacts(org: OrgState, contacts: readonly ContactRecord[], summaryOnly = false): Json[] {
  const roles = contactRoles(org);
  return contacts.map((c) => serializeContact(org, c, summaryOnly, roles));
}

export function serializeContact(org: OrgState, c: ContactRecord, summaryOnly: boolean, roles: ContactRoles): Json {
  const base = compact({
    ContactID: c.ContactID,
    ContactNumber: c.ContactNumber,
    AccountNumber: c.AccountNumber,
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    FirstName: c.FirstName,
    LastName: c.LastName,
    CompanyNumber: c.CompanyNumber,
    EmailAddress: c.EmailAddress,
    TaxNumber: c.TaxNumber,
    Addresses: c.Addresses,
    Phones: c.Phones,
    UpdatedDateUTC: msJsonDate(c.UpdatedDateUTC),
    IsSupplier: roles.suppliers.has(c.ContactID),
    IsCustomer: roles.customers.has(c.ContactID),
    HasAttachments: false,
    HasValidationErrors: false,
  });
  if (!summaryOnly) {
    base.ContactGroups = [];
    base.ContactPersons = [];
  }
  return base;
}

/** The contact summary Xero nests inside documents. */
export function contactSummary(org: OrgState, contactId: string): Json {
  const c = contactById(org, contactId);
  if (!c) return { ContactID: contactId };
  return compact({
    ContactID: c.ContactID,
    ContactNumber: c.ContactNumber,
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    FirstName: c.FirstName,
    LastName: c.LastName,
    EmailAddress: c.EmailAddress,
    Addresses: c.Addresses,
    Phones: c.Phones,
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  });
}

/** A batch as nested in its member payments (OpenAPI getPayments example). */
function batchSummary(org: OrgState, b: BatchHeader): Json {
  const members = batchMembers(org, b.BatchPaymentID);
  const live = members.filter((p) => p.Status !== 'DELETED');
  return {
    Account: { AccountID: b.AccountID },
    BatchPaymentID: b.BatchPaymentID,
    Date: day(b.Date).ms,
    Type: b.Type,
    Status: live.length > 0 ? 'AUTHORISED' : 'DELETED',
    TotalAmount: toAmount(live.reduce((sum, p) => sum.plus(p.Amount), money(0))),
    UpdatedDateUTC: msJsonDate(b.UpdatedDateUTC),
    IsReconciled: members.some((p) => p.IsReconciled),
  };
}

export function serializeLineItem(l: LineItemRecord): Json {
  return compact({
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: l.Quantity,
    UnitAmount: l.UnitAmount,
    ItemCode: l.ItemCode,
    AccountCode: l.AccountCode,
    AccountID: l.AccountID,
    TaxType: l.TaxType,
    TaxAmount: l.TaxAmount,
    LineAmount: l.LineAmount,
    DiscountRate: l.DiscountRate,
    Tracking: l.Tracking,
  });
}

function paymentSummary(p: PaymentRecord): Json {
  const d = day(p.Date);
  return compact({
    PaymentID: p.PaymentID,
    Date: d.ms,
    Amount: p.Amount,
    Reference: p.Reference,
    CurrencyRate: p.CurrencyRate,
    HasAccount: true,
    HasValidationErrors: false,
  });
}

export interface SerializeOptions {
  lineItems?: boolean;
  summaryOnly?: boolean;
  /** Failed elements have no identity yet: Xero returns the zero GUID for them. */
  unsaved?: boolean;
}

/**
 * The payments a document shows: AUTHORISED ones. A deleted payment no longer counts in AmountPaid (removePayment), so
 * it is not listed on the document either; the OpenAPI examples show only payments that count. GET /Payments keeps it.
 */
function activePayments(org: OrgState, ids: readonly string[]): PaymentRecord[] {
  return recordsById(ids, (id) => paymentById(org, id)).filter((p) => p.Status === 'AUTHORISED');
}

function liveAllocations(org: OrgState, ids: readonly string[]): AllocationRecord[] {
  return recordsById(ids, (id) => allocationById(org, id)).filter((a) => !a.IsDeleted);
}

export function serializeInvoice(org: OrgState, inv: InvoiceRecord, options: SerializeOptions = {}): Json {
  const date = day(inv.Date);
  const due = day(inv.DueDate);
  const payments = options.summaryOnly ? undefined : activePayments(org, inv.paymentIds).map(paymentSummary);
  const credits = options.summaryOnly
    ? undefined
    : liveAllocations(org, inv.allocationIds)
        .map((a) => {
          const cn = creditNoteById(org, a.CreditNoteID);
          const ad = day(a.Date);
          return compact({ CreditNoteID: a.CreditNoteID, CreditNoteNumber: cn?.CreditNoteNumber, AppliedAmount: a.Amount, Date: ad.ms, DateString: ad.str, Total: cn?.Total });
        });
  const out = compact({
    Type: inv.Type,
    InvoiceID: options.unsaved ? ZERO_GUID : inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    Reference: inv.Reference,
    Payments: payments,
    CreditNotes: credits,
    Prepayments: options.summaryOnly ? undefined : [],
    Overpayments: options.summaryOnly ? undefined : [],
    AmountDue: inv.AmountDue,
    AmountPaid: inv.AmountPaid,
    AmountCredited: inv.AmountCredited,
    CurrencyRate: inv.CurrencyRate,
    IsDiscounted: inv.LineItems.some((l) => (l.DiscountRate ?? 0) > 0),
    HasAttachments: false,
    HasErrors: false,
    Contact: contactSummary(org, inv.ContactID),
    DateString: date.str,
    Date: date.ms,
    DueDateString: due.str,
    DueDate: due.ms,
    Status: inv.Status,
    LineAmountTypes: inv.LineAmountTypes,
    LineItems: options.lineItems === false || options.summaryOnly ? undefined : inv.LineItems.map(serializeLineItem),
    SubTotal: inv.SubTotal,
    TotalTax: inv.TotalTax,
    Total: inv.Total,
    UpdatedDateUTC: msJsonDate(inv.UpdatedDateUTC),
    CurrencyCode: inv.CurrencyCode,
    FullyPaidOnDate: day(inv.FullyPaidOnDate).ms,
    SentToContact: inv.SentToContact,
    Url: inv.Url,
  });
  return out;
}

export function serializeCreditNote(org: OrgState, cn: CreditNoteRecord, options: SerializeOptions = {}): Json {
  const date = day(cn.Date);
  const allocations = liveAllocations(org, cn.allocationIds).map((a) => serializeAllocation(org, a));
  return compact({
    Type: cn.Type,
    CreditNoteID: options.unsaved ? ZERO_GUID : cn.CreditNoteID,
    CreditNoteNumber: cn.CreditNoteNumber,
    Reference: cn.Reference,
    Payments: activePayments(org, cn.paymentIds).map(paymentSummary),
    Allocations: allocations,
    RemainingCredit: cn.RemainingCredit,
    CurrencyRate: cn.CurrencyRate,
    HasAttachments: false,
    HasErrors: false,
    Contact: contactSummary(org, cn.ContactID),
    DateString: date.str,
    Date: date.ms,
    DueDate: day(cn.DueDate).ms,
    Status: cn.Status,
    LineAmountTypes: cn.LineAmountTypes,
    LineItems: options.lineItems === false || options.summaryOnly ? undefined : cn.LineItems.map(serializeLineItem),
    SubTotal: cn.SubTotal,
    TotalTax: cn.TotalTax,
    Total: cn.Total,
    UpdatedDateUTC: msJsonDate(cn.UpdatedDateUTC),
    CurrencyCode: cn.CurrencyCode,
    FullyPaidOnDate: day(cn.FullyPaidOnDate).ms,
  });
}

export function serializeAllocation(org: OrgState, a: AllocationRecord): Json {
  const inv = invoiceById(org, a.InvoiceID);
  const d = day(a.Date);
  return compact({
    AllocationID: a.AllocationID,
    Amount: a.Amount,
    Date: d.ms,
    Invoice: inv ? compact({ InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, Type: inv.Type, Payments: [], CreditNotes: [], Prepayments: [], Overpayments: [], HasErrors: false, IsDiscounted: false, LineItems: [] }) : { InvoiceID: a.InvoiceID },
    IsDeleted: a.IsDeleted,
  });
}

export function serializePayment(org: OrgState, p: PaymentRecord): Json {
  const d = day(p.Date);
  const account = org.accounts.find((a) => a.AccountID === p.AccountID);
  const inv = p.InvoiceID ? invoiceById(org, p.InvoiceID) : undefined;
  const cn = p.CreditNoteID ? creditNoteById(org, p.CreditNoteID) : undefined;
  return compact({
    PaymentID: p.PaymentID,
    Date: d.ms,
    BankAmount: p.Amount,
    Amount: p.Amount,
    Reference: p.Reference,
    CurrencyRate: p.CurrencyRate,
    PaymentType: p.PaymentType,
    Status: p.Status,
    UpdatedDateUTC: msJsonDate(p.UpdatedDateUTC),
    HasAccount: true,
    IsReconciled: p.IsReconciled,
    Account: account ? compact({ AccountID: account.AccountID, Code: account.Code, Name: account.Name }) : { AccountID: p.AccountID },
    Invoice: inv
      ? compact({
          Type: inv.Type,
          InvoiceID: inv.InvoiceID,
          InvoiceNumber: inv.InvoiceNumber,
          Contact: contactSummary(org, inv.ContactID),
          Status: inv.Status,
          AmountDue: inv.AmountDue,
          AmountPaid: inv.AmountPaid,
          AmountCredited: inv.AmountCredited,
          Total: inv.Total,
          CurrencyCode: inv.CurrencyCode,
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          LineItems: [],
          HasErrors: false,
          IsDiscounted: false,
        })
      : undefined,
    CreditNote: cn ? compact({ CreditNoteID: cn.CreditNoteID, CreditNoteNumber: cn.CreditNoteNumber, Type: cn.Type, Contact: contactSummary(org, cn.ContactID), RemainingCredit: cn.RemainingCredit, Total: cn.Total }) : undefined,
    HasValidationErrors: false,
    ...(p.BatchPayment ? { BatchPaymentID: p.BatchPayment.BatchPaymentID, BatchPayment: batchSummary(org, p.BatchPayment) } : {}),
  });
}
