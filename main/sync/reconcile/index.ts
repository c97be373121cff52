/**
 * The reconcile room's public face: reading Xero back economically into the journal's cache, recognising CourseCo's
 * own push, and comparing CourseCo's figures with Xero's (periods, breakdowns, drift), plus the close pack.
 */
export type { CachedDocument, CompareInput, DocumentOrigin, ReconcileService, XeroDocumentKind, XeroDocumentSnapshot, XeroLineSnapshot, XeroPaymentSnapshot } from './types';
export { closePackCsv, closePackHtml, escapeHtml, lineDiffers, PDF_LINE_LIMIT, verdictSentence } from './close-pack';
export { DRIFT_KIND_WORDS, dayWords, monthWords } from './drift-words';
