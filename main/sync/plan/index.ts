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
export { bindReferences, MAX_BATCH, planSync, type BoundIds, type PlanInput, type PlannedDocument, type SyncPlan, type TransactionOutcome, type TransactionPlan } from './planner';
export { plannerSettingsFrom, type PlannerSettings, type XeroAccount, type XeroTaxRate } from './planner-settings';
export type { KnownXeroContact, XeroContact, XeroContactRef, XeroCreditNote, XeroInvoice, XeroInvoiceStatusChange, XeroLineItem, XeroPayment } from './xero-documents';
export { changeDocuments, decideChange, isCancellation, type ChangeDecision, type ChangeStep } from './change-actions';
export { diffTransactions, formatMoney, type ChangeDiff, type FieldChange } from './change-diff';
