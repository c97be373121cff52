/**
 * Rules shared by invoices and credit notes: contact resolution, line validation (account, tax type, amounts),
 * per-line rounded tax and totals. Each line is rounded to 2 dp before summing, as Xero does, so totals can differ
 * by a cent from a naive "sum then round".
 */
import type { ContactRecord, DocumentStatus, LineAmountTypes, LineItemRecord, OrgState } from '../state/model';
import { money, readNumber, round, toAmount, type MoneyValue } from '../money';
import { newUuid } from '../ids';
import { addDays, dayOf, parseDocumentDay } from '../xero-dates';
import { accountClass, accountUsableOnDocuments, findAccountByCode, findAccountById, findTaxRate, taxRateAppliesTo } from './chart';
import { emailErrors, FIELD_LIMITS, lengthErrors } from './field-limits';
import { msg } from './messages';
import { contactById } from '../state/lookup';
import { readLineTracking } from './tracking';

export type Input = Record<string, unknown>;

export function isObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Xero accepts field names in any case from JSON clients; read the first matching key. */
export function field(input: Input, name: string): unknown {
  if (name in input) return input[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(input)) if (key.toLowerCase() === lower) return input[key];
  return undefined;
}

export interface DocContext {
  org: OrgState;
  now: number;
  clientId?: string;
  unitdp: 2 | 4;
}

export interface ContactResolution {
  contactId?: string;
  /** A contact that will be created on commit because the document named an unknown contact. */
  newContact?: ContactRecord;
  errors: string[];
}

export function findActiveContactByName(org: OrgState, name: string): ContactRecord | undefined {
  const wanted = name.trim().toLowerCase();
  return org.contacts.find((c) => c.ContactStatus === 'ACTIVE' && c.Name.trim().toLowerCase() === wanted);
}

export function resolveContact(ctx: DocContext, input: unknown): ContactResolution {
  if (input === undefined || input === null) return { errors: [msg.contactMissing] };
  if (!isObject(input)) return { errors: [msg.contactUnidentified] };
  const id = str(field(input, 'ContactID'));
  const number = str(field(input, 'ContactNumber'));
  const name = str(field(input, 'Name'));
  if (!id && !number && !name?.trim()) return { errors: [msg.contactUnidentified] };
  const { org } = ctx;
  if (id) {
    const c = contactById(org, id.toLowerCase());
    if (!c) return { errors: [msg.contactNotFoundById(id)] };
    if (c.ContactStatus !== 'ACTIVE') return { errors: [msg.contactArchived(c.Name)] };
    return { contactId: c.ContactID, errors: [] };
  }
  if (number) {
    const c = org.contacts.find((x) => x.ContactNumber === number);
    if (c) {
      if (c.ContactStatus !== 'ACTIVE') return { errors: [msg.contactArchived(c.Name)] };
      return { contactId: c.ContactID, errors: [] };
    }
    if (!name?.trim()) return { errors: [msg.contactNotFoundByNumber(number)] };
  }
  const existing = findActiveContactByName(org, name!);
  if (existing) return { contactId: existing.ContactID, errors: [] };
  // An unknown name creates the contact (Xero does this for documents), under the contact rules: an invalid e-mail
  // fails the document too (xeroizer#477).
  const inlineErrors = [...([...name!.trim()].length > FIELD_LIMITS.contactName ? [msg.contactNameTooLong] : []), ...emailErrors(str(field(input, 'EmailAddress')))];
  if (inlineErrors.length > 0) return { errors: inlineErrors };
  const created: ContactRecord = {
    ContactID: newUuid(),
    ContactStatus: 'ACTIVE',
    Name: name!.trim(),
    ContactNumber: number,
    EmailAddress: str(field(input, 'EmailAddress')),
    FirstName: str(field(input, 'FirstName')),
    LastName: str(field(input, 'LastName')),
    Addresses: [],
    Phones: [],
    UpdatedDateUTC: ctx.now,
  };
  return { contactId: created.ContactID, newContact: created, errors: [] };
}

export function readLineAmountTypes(value: unknown, errors: string[]): LineAmountTypes {
  if (value === undefined || value === null || value === '') return 'Exclusive';
  const s = String(value);
  const match = (['Exclusive', 'Inclusive', 'NoTax'] as const).find((v) => v.toLowerCase() === s.toLowerCase());
  if (!match) {
    errors.push(msg.lineAmountTypesInvalid(s));
    return 'Exclusive';
  }
  return match;
}

export interface DatesResult {
  date: string;
  dueDate?: string;
}

export function readDates(ctx: DocContext, input: Input, existing: { Date: string; DueDate?: string } | undefined, errors: string[], defaultTermsDays?: number): DatesResult {
  const rawDate = field(input, 'Date');
  let date = existing?.Date ?? dayOf(ctx.now);
  if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
    const parsed = parseDocumentDay(rawDate);
    if (parsed) date = parsed;
    else errors.push(msg.dateInvalid('Date'));
  }
  const rawDue = field(input, 'DueDate');
  let dueDate = existing?.DueDate;
  if (rawDue !== undefined && rawDue !== null && rawDue !== '') {
    const parsed = parseDocumentDay(rawDue);
    if (parsed) dueDate = parsed;
    else errors.push(msg.dateInvalid('DueDate'));
  }
  if (!dueDate && defaultTermsDays !== undefined) dueDate = addDays(date, defaultTermsDays);
  // Lock dates depend on the status the document ends in: checked by the writer (lock-dates.ts).
  return { date, dueDate };
}

/**
 * A document's currency: its CurrencyCode (OpenAPI Invoice/CreditNote `CurrencyCode`), else the organisation's base.
 * Only the base currency and those added under Settings → Currencies are taken (GET /Currencies lists them, OpenAPI
 * `getCurrencies`); adding one needs "a Business Edition pricing plan with multi-currency, or a trial organization"
 * and an added currency cannot be removed (help.xero.com/CurrencySettings). Anything else is refused with Xero's
 * words, "Organisation is not subscribed to currency EUR" (xero-facts.md §4, 2nd). There is no PUT /Currencies here:
 * a seed's `extraCurrencies` stands for a plan that has them, so the sandbox never grants a currency Xero would not.
 */
export function readCurrency(ctx: DocContext, input: Input, existing: string | undefined, errors: string[]): string {
  const raw = str(field(input, 'CurrencyCode'));
  const currency = raw ? raw.toUpperCase() : (existing ?? ctx.org.organisation.BaseCurrency);
  if (!ctx.org.currencies.includes(currency)) errors.push(msg.currencyNotSubscribed(currency));
  return currency;
}

export interface LinesResult {
  lines: LineItemRecord[];
  subTotal: number;
  totalTax: number;
  total: number;
}

/**
 * Validates and prices line items. `requireAccounts` is true for documents leaving DRAFT: Xero lets drafts be
 * incomplete but not approved documents.
 */
export function buildLines(
  ctx: DocContext,
  rawLines: unknown,
  lineAmountTypes: LineAmountTypes,
  requireAccounts: boolean,
  existingLines: LineItemRecord[],
  errors: string[],
): LinesResult {
  const lines: LineItemRecord[] = [];
  const inputs = Array.isArray(rawLines) ? rawLines.filter(isObject) : [];
  if (inputs.length === 0) errors.push(msg.lineItemsMissing);
  let sumLines = money(0);
  let sumTax = money(0);
  for (const input of inputs) {
    const description = str(field(input, 'Description'));
    const itemCode = str(field(input, 'ItemCode'));
    if (!description?.trim() && !itemCode) pushOnce(errors, msg.lineDescriptionMissing);
    for (const e of lengthErrors('Description', description, FIELD_LIMITS.lineDescription)) pushOnce(errors, e);
    const quantity = readAmount(field(input, 'Quantity'), 1, 'Quantity', errors, 4);
    const unitAmount = readAmount(field(input, 'UnitAmount'), 0, 'UnitAmount', errors, ctx.unitdp);
    const discountRate = readNumber(field(input, 'DiscountRate'));

    let accountCode = str(field(input, 'AccountCode'));
    let accountId = str(field(input, 'AccountID'));
    let accountCls: ReturnType<typeof accountClass> | undefined;
    let defaultTax: string | undefined;
    if (accountCode || accountId) {
      const account = accountCode ? findAccountByCode(ctx.org, accountCode) : findAccountById(ctx.org, accountId!);
      const shown = accountCode ?? accountId!;
      if (!account || !accountUsableOnDocuments(account)) pushOnce(errors, msg.accountCodeNotValid(shown));
      else if (account.Status === 'ARCHIVED') pushOnce(errors, msg.accountArchived(account.Code ?? account.Name));
      else {
        accountCode = account.Code;
        accountId = account.AccountID;
        accountCls = accountClass(account.Type);
        defaultTax = account.TaxType;
      }
    } else if (requireAccounts) {
      pushOnce(errors, msg.accountCodeMissing);
    }

    const givenTax = str(field(input, 'TaxType'));
    const taxType = givenTax ?? (lineAmountTypes === 'NoTax' ? 'NONE' : defaultTax);
    let ratePct = money(0);
    if (taxType) {
      const rate = findTaxRate(ctx.org, taxType);
      if (!rate || rate.Status !== 'ACTIVE') {
        pushOnce(errors, msg.taxTypeUnknown(taxType));
        if (accountCode) pushOnce(errors, msg.taxTypeNotForAccount(taxType, accountCode));
      } else {
        if (accountCls && !taxRateAppliesTo(rate, accountCls)) pushOnce(errors, msg.taxTypeNotForAccount(taxType, accountCode!));
        ratePct = money(rate.Rate);
      }
    }

    const gross = quantity.mul(unitAmount);
    const discounted = discountRate ? gross.mul(money(100).minus(discountRate)).div(100) : gross;
    const lineAmount = round(discounted);
    const givenTaxAmount = readNumber(field(input, 'TaxAmount'));
    let taxAmount: MoneyValue;
    if (lineAmountTypes === 'NoTax') taxAmount = money(0);
    else if (givenTaxAmount) taxAmount = round(givenTaxAmount);
    else if (lineAmountTypes === 'Inclusive') taxAmount = round(lineAmount.mul(ratePct).div(money(100).plus(ratePct)));
    else taxAmount = round(lineAmount.mul(ratePct).div(100));

    sumLines = sumLines.plus(lineAmount);
    sumTax = sumTax.plus(taxAmount);
    const givenId = str(field(input, 'LineItemID'));
    const kept = givenId ? existingLines.find((l) => l.LineItemID === givenId.toLowerCase()) : undefined;
    lines.push({
      LineItemID: kept?.LineItemID ?? newUuid(),
      Description: description,
      Quantity: toAmount(quantity, 4),
      UnitAmount: toAmount(unitAmount, ctx.unitdp),
      ItemCode: itemCode,
      AccountCode: accountCode,
      AccountID: accountId,
      TaxType: taxType,
      TaxAmount: toAmount(taxAmount),
      LineAmount: toAmount(lineAmount),
      DiscountRate: discountRate ? toAmount(discountRate) : undefined,
      Tracking: readLineTracking(ctx.org, field(input, 'Tracking'), errors),
    });
  }
  const totalTax = round(sumTax);
  const subTotal = lineAmountTypes === 'Inclusive' ? sumLines.minus(totalTax) : sumLines;
  const total = subTotal.plus(totalTax);
  return { lines, subTotal: toAmount(subTotal), totalTax: toAmount(totalTax), total: toAmount(total) };
}

function readAmount(value: unknown, fallback: number, name: string, errors: string[], dp: number): MoneyValue {
  if (value === undefined || value === null || value === '') return money(fallback);
  const n = readNumber(value);
  if (!n) {
    pushOnce(errors, msg.lineNumberInvalid(name));
    return money(fallback);
  }
  return round(n, dp);
}

export function pushOnce(errors: string[], message: string): void {
  if (!errors.includes(message)) errors.push(message);
}

export function readStatus(value: unknown): DocumentStatus | string | undefined {
  const s = str(value);
  return s ? s.toUpperCase() : undefined;
}
