/**
 * Validation texts. Those marked (Xero) are quoted in xero-facts.md from real Xero responses; the others are
 * sandbox wording for cases whose real text is unknown (kept short and plain; listed in sandbox/README.md).
 */
export const msg = {
  // (Xero)
  accountCodeNotValid: (code: string) => `Account code '${code}' is not a valid code for this document.`,
  accountArchived: (code: string) => `Account code '${code}' has been archived, or has been deleted. Each line item must reference a valid account.`,
  accountCodeMissing: 'Account code or ID must be specified',
  taxTypeUnknown: (taxType: string) => `The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.`,
  taxTypeNotForAccount: (taxType: string, code: string) => `The TaxType code '${taxType}' cannot be used with account code '${code}'.`,
  invoiceNumberNotUnique: 'Invoice # must be unique.',
  contactMissing: 'A Contact must be specified for this type of transaction',
  contactUnidentified: 'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
  lineItemsMissing: 'One or more line items must be specified',
  invalidStatusForCreation: 'Invoice not of valid status for creation',
  invalidStatusForModification: 'Invoice not of valid status for modification',
  documentHasAllocations: 'This document cannot be edited as it has a payment or credit note allocated to it.',
  currencyNotSubscribed: (currency: string) => `Organisation is not subscribed to currency ${currency}`,
  periodLocked: (lockDate: string) => `The document date cannot be before the period lock date, currently set at ${lockDate}`,
  endOfYearLocked: (lockDate: string) => `The document date cannot be before the end of year lock date, currently set at ${lockDate}`,
  contactNameNotUnique: (name: string) =>
    `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
  contactNumberNotUnique: 'Another contact has this contact number. Please enter a different contact number.',
  paymentExceedsAmountDue: 'Payment amount exceeds the amount outstanding on this document',
  paymentNotAuthorised: 'Payments can only be made against Authorised documents',
  paymentAccountInvalid: 'Account type is invalid for making a payment to/from',
  paymentAccountMissing: 'You must specify an Account code or Account ID for the payment',
  paymentReconciled: 'This payment has been reconciled and cannot be deleted',
  idempotencyKeyReused: (key: string) => `Idempotency Key: ${key} is used with a different request.`,
  // Real allocation answers (waynerobinson/xeroizer#320, a paid invoice; calcinai/xero-php#251, an allocation above
  // what the credit note had left gets the same "amount outstanding" text). The third is cut short in #320 after
  // "incorrect invoice t": "type" completes it (an ACCPAYCREDIT to an ACCREC invoice and the reverse).
  allocationInvoicePaid: 'The invoice you are trying to allocate to has already been paid off',
  allocationExceedsOutstanding: 'Credit Note cannot be allocated as amount is greater than amount outstanding',
  allocationWrongInvoiceType: 'Credit Note cannot be allocated to an incorrect invoice type',
  // Xero's text for a contact's default tracking naming no active category (calcinai/xero-php#386), used for lines too.
  lineTrackingCategoryUnknown: (name: string) => `There is no ACTIVE tracking category with the name '${name}'`,
  // Quoted from Xero at help.bookeo.com (article 2576895).
  batchMemberNotDeletable: 'Payments within a batch cannot be deleted.',
  // sandbox wording
  typeMissing: 'Invoice Type must be specified',
  typeInvalid: (type: string) => `Invoice Type '${type}' is not valid for this endpoint`,
  contactNotFoundById: (id: string) => `The contact with ContactID ${id} could not be found.`,
  contactNotFoundByNumber: (number: string) => `The contact with ContactNumber ${number} could not be found.`,
  contactArchived: (name: string) => `The contact ${name} has been archived. Restore the contact before using it on a document.`,
  contactNameMissing: 'The contact name must be specified.',
  contactNameTooLong: 'The contact name must be 255 characters or fewer.',
  contactNotFound: 'The contact could not be found.',
  dateInvalid: (field: string) => `${field} is not a valid date. Use YYYY-MM-DD.`,
  lineAmountTypesInvalid: (value: string) => `LineAmountTypes '${value}' is not valid. Use Exclusive, Inclusive or NoTax.`,
  lineNumberInvalid: (field: string) => `${field} must be a number.`,
  lineDescriptionMissing: 'Description must be specified for each line item.',
  contactExists: (id: string) => `A contact with ContactID ${id} already exists. Use POST to update it.`,
  invoiceExists: (id: string) => `An invoice with InvoiceID ${id} already exists. Use POST to update it.`,
  invoiceNotFound: (id: string) => `The invoice ${id} could not be found.`,
  creditNoteNotFound: (id: string) => `The credit note ${id} could not be found.`,
  paymentTargetMissing: 'Either an Invoice or a CreditNote must be specified for the payment',
  paymentAccountNotFound: 'The account specified for the payment could not be found',
  paymentAmountInvalid: 'Payment amount must be greater than zero',
  paymentNotFound: (id: string) => `The payment ${id} could not be found.`,
  paymentsCannotBeModified: 'Payments cannot be modified, only created and deleted',
  allocationNotAuthorised: 'Credit notes can only be allocated when the credit note and the invoice are both AUTHORISED',
  allocationOtherContact: 'A credit note can only be allocated to an invoice of the same contact',
  allocationOtherCurrency: 'A credit note can only be allocated to an invoice in the same currency',
  trackingOneAtATime: 'Create one tracking category or option per request',
  lineTrackingInvalid: 'Tracking must be a list of tracking categories and options',
  allocationDateMissing: 'Date must be specified for the allocation',
  idempotencyKeyTooLong: 'Idempotency Key must be 128 characters or fewer.',
  // Modelled on Xero's "Website must be valid." for a contact's Website (XeroAPI/Xero-NetStandard#434); Xero's exact
  // text for an e-mail address is not in our sources.
  emailInvalid: 'Email address must be valid.',
  fieldTooLong: (fieldName: string, max: number) => `${fieldName} must be ${max} characters or fewer.`,
  // Tracking (sandbox/accounting/tracking.ts): modelled on the line message above and on Xero's documented limits.
  lineTrackingOptionUnknown: (option: string, category: string) => `There is no ACTIVE tracking option with the name '${option}' in the tracking category '${category}'`,
  lineTrackingTooMany: 'A line item can have a maximum of 2 tracking categories.',
  lineTrackingSameCategory: (category: string) => `A line item can have only one option from the tracking category '${category}'.`,
  trackingCategoryNameMissing: 'The tracking category name must be specified.',
  trackingCategoryNameExists: (name: string) => `A tracking category with the name '${name}' already exists.`,
  trackingCategoryLimit: 'You can only have 2 active tracking categories. Archive a tracking category before adding another.',
  trackingCategoryNotActive: (name: string) => `The tracking category '${name}' is not active. Restore it before adding options.`,
  trackingOptionNameMissing: 'The tracking option name must be specified.',
  trackingOptionNameExists: (name: string, category: string) => `The tracking option '${name}' already exists in the tracking category '${category}'.`,
  trackingOptionLimit: (category: string) => `The tracking category '${category}' already has 100 active options, the most it can have. Archive an option before adding another.`,
} as const;
