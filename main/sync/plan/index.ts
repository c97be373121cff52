/**
 * The plan room's public face: the planner and the pure rules it shares with the run, the wizard and diagnostics
 * (batching, idempotency references, contact names, the organisation's accounts and tax rates, Xero's document shapes).
 */
export { batches, clampBatchSize, requestsFor } from './batcher';
export { contactRef, normaliseName } from './contact-matching';
export { batchKey, payloadHash, paymentIdFromReference, transactionIdFromReference } from './idempotency';
export {
  accountLabel,
  ambiguousSalesRates,
  canReceivePayments,
  findAccount,
  formatRateChoices,
  mapSalesRates,
  parseRateChoices,
  paymentAccountVerdict,
  RATE_CHOICE_WHY,
  rateKey,
  salesRateVerdict,
  type ChartAccount,
  type SalesRate,
} from './org-rules';
export {
  compileLineRules,
  EMPTY_RULES,
  EXAMPLE_RULES,
  LineRules,
  MAX_ACTIVE_TRACKING_OPTIONS,
  optionsToAdd,
  parseLineRules,
  rulesFromSetting,
  rulesNameTracking,
  salesAccountProblem,
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
export type { KnownXeroContact, XeroContact, XeroContactRef, XeroCreditNote, XeroInvoice, XeroLineItem, XeroPayment } from './xero-documents';
