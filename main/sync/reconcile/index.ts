/**
 * The reconcile room's public face: reading Xero back economically into the journal's cache, recognising CourseCo's
 * own push, and comparing CourseCo's figures with Xero's (periods, breakdowns, drift), plus the close pack.
 */
export type { CachedDocument, CompareInput, DocumentOrigin, ReconcileService, XeroDocumentKind, XeroDocumentSnapshot, XeroLineSnapshot, XeroPaymentSnapshot } from './types';
export { LOOKBACK_DAYS, MIRROR_MARKS, refreshMirror, withPayments, type MirrorCall, type MirrorDeps, type MirrorProgress, type MirrorRange, type MirrorResult } from './xero-mirror';
export { linkCourseCoPush, type LinkedDocument, type LinkPushDeps, type LinkPushResult } from './link-push';
export { compareBooks, type CompareResult } from './compare-books';
export { driftResolution, type DriftResolution } from './drift-resolution';
export { actionsFor, sayDate, sayMoney, sayMonth } from './drift-words';
export { closePackCsv, closePackHtml, escapeHtml, lineDiffers, PDF_LINE_LIMIT, verdictSentence } from './close-pack';
export { createReconcileService, defaultRange, type ReconcileServiceDeps } from './reconcile-service';
