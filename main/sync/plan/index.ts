/**
 * The plan room's public face: the planner and the pure rules it shares with the run, the wizard and diagnostics
 * (batching, idempotency references, contact names, the chart policy on the organisation's accounts and tax rates,
 * Xero's document shapes).
 */
export { batches, clampBatchSize, requestsFor } from './batcher';
export { contactRef, normaliseName } from './contact-matching';
export { currencyFix, currencyName, currencyProblem, currencyTaken, type OrgCurrencies } from './currency-guard';
export { batchMember, batchPaymentOf, depositOfPayment, depositReference, isDepositReference, MAX_DEPOSIT_PAYMENTS, type PlannedDeposit } from './deposits';
export { allocationKey, allocationTarget, parseAllocationKey, replacementInvoiceKey, type CreditContext, type XeroAllocation, type XeroRefund } from './credit-allocation';
export { batchKey, payloadHash, paymentIdFromReference, transactionIdFromReference } from './idempotency';
export { DEFAULT_LOCKED_PERIOD_CHOICE, lockDay, lockedThrough, type LockDates, type LockedPeriodCatch, type LockedPeriodChoice } from './lock-dates';
export {
  accountClassOf,
  accountLabel,
  canReceivePayments,
  chartAccountFromXero,
  closestSalesRate,
  findAccount,
  invoiceAccountChoices,
  invoiceAccountVerdict,
  judgeInvoiceAccount,
  judgePaymentAccount,
  judgeRateChoice,
  judgeSalesTaxType,
  judgeTaxRateName,
  paymentAccountChoices,
  paymentAccountVerdict,
  rateKey,
  refusalError,
  salesRateChoices,
  salesRateFromXero,
  salesRateVerdict,
  verdictLine,
  type ChartAccount,
  type Concern,
  type Judged,
  type RefusalKind,
  type SalesRate,
  type Verdict,
  type XeroAccountRow,
  type XeroTaxRateRow,
} from './chart-policy';
export { ambiguousSalesRates, formatRateChoices, mapSalesRates, parseRateChoices, RATE_CHOICE_WHY } from './org-rules';
export { lineAccountCode, planLines, type LineMaths, type Totals } from './line-maths';
export { judgeCollision, matchExistingPayment, type DocumentFacts, type DocumentVerdict, type PaymentFacts, type TransactionFacts } from './document-match';
export {
  compileLineRules,
  EMPTY_RULES,
  EXAMPLE_RULES,
  LineRules,
  lineRulesFromSettings,
  MAX_ACTIVE_TRACKING_OPTIONS,
  optionsToAdd,
  parseLineRules,
  rulesFromSetting,
  ruleForLine,
  rulesNameTracking,
  salesAccountVerdict,
  settingNamesTracking,
  TRACKING_SCOPE_REASON,
  type CompiledLineRules,
  type LineRule,
  type MissingOption,
  type RuleValues,
  type RulesChart,
  type TrackingCategoryInfo,
} from './line-rules';
export { bindReferences, MAX_BATCH, planSync, type BoundIds, type PlanInput, type PlannedDocument, type SyncPlan, type TransactionOutcome, type TransactionPlan } from './planner';
export { plannerSettingsFrom, type PlannerSettings, type XeroAccount, type XeroTaxRate } from './planner-settings';
export type { KnownXeroContact, XeroContact, XeroContactRef, XeroCreditNote, XeroBatchPayment, XeroInvoice, XeroInvoiceStatusChange, XeroLineItem, XeroPayment } from './xero-documents';
export { changeAllocation, replacementAllocation, changeDocuments, decideChange, isCancellation, type ChangeDecision, type ChangeStep } from './change-actions';
export { diffTransactions, formatMoney, type ChangeDiff, type FieldChange } from './change-diff';
