/**
 * The read-only views of a plan: `preview` (per transaction, each document as it would be sent: the console's drawer
 * and the wizard) and `dryRun` (the write requests, batch by batch, in the order a run sends them: `sync --dry-run`).
 * The preview's shapes are the contract's (`sync.preview`); the dry run is the CLI's own.
 */
import type { z } from 'zod';
import type { PlanSummary, PreviewDocument as PreviewDocumentSchema, PreviewNames, PreviewTransaction as ContractPreviewTransaction } from '../../../contract/features/sync';
import { batches, depositOfPayment, type PlannedDocument, type SyncPlan, type TransactionPlan } from '../plan';
import type { DailyQuota } from './daily-quota';
import type { OrgReference } from './org-reference';
import { allocationBodies, WRITE_REQUESTS, writeQuery, type WriteKind } from './xero-gateway';

/** A planned document as it would be sent (ids of documents created earlier in the run are filled in then). */
export type PreviewDocument = z.infer<typeof PreviewDocumentSchema>;
export type PreviewTransaction = ContractPreviewTransaction;

export interface SyncPreview {
  transactions: PreviewTransaction[];
  /** Ids the journal does not hold. */
  unknownIds: string[];
  summary: z.infer<typeof PlanSummary>;
  /** What sending these needs against what Xero's daily limit leaves today, in plain words. */
  quota: DailyQuota;
  names?: PreviewNames;
}

/**
 * The organisation's names of the accounts and tax rates the previewed documents use (only those: the answer stays
 * small). An account is labelled as Xero lists it, "200 Sales" (a bank account may have no code), by Code and by AccountID.
 */
export function previewNamesOf(transactions: readonly PreviewTransaction[], reference: Pick<OrgReference, 'accounts' | 'taxRates'>): PreviewNames {
  const labels = new Map<string, string>();
  for (const a of reference.accounts) {
    const label = [a.Code, a.Name].filter(Boolean).join(' ');
    if (!label) continue;
    if (a.Code) labels.set(a.Code, label);
    if (a.AccountID) labels.set(a.AccountID, label);
  }
  const rateNames = new Map(reference.taxRates.map((r) => [r.TaxType, r.Name]));
  const names: PreviewNames = { accounts: {}, taxRates: {} };
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const account = (key: unknown) => {
    if (typeof key === 'string' && labels.has(key)) names.accounts[key] = labels.get(key)!;
  };
  for (const doc of transactions.flatMap((t) => t.documents)) {
    for (const line of Array.isArray(doc.payload.LineItems) ? doc.payload.LineItems.map(record) : []) {
      account(line.AccountCode);
      if (typeof line.TaxType === 'string' && rateNames.has(line.TaxType)) names.taxRates[line.TaxType] = rateNames.get(line.TaxType)!;
    }
    account(record(doc.payload.Account).Code);
    account(record(doc.payload.Account).AccountID);
  }
  return names;
}

export interface DryRunRequest {
  phase: 'contacts' | 'invoices' | 'payments' | 'credit-notes' | 'allocations' | 'refunds';
  method: 'PUT' | 'POST';
  path: string;
  query: string;
  documents: number;
  body: Record<string, unknown[]>;
  /** Fields filled in at send time from documents earlier requests create. */
  bindsAtSend: string[];
}

export interface DryRun {
  dryRun: true;
  summary: SyncPlan['summary'] & { requests: number; reads: number };
  requests: DryRunRequest[];
  transactions: Array<{ transactionId: string; outcome: TransactionPlan['outcome']; errors: string[]; warnings: string[]; reason?: string }>;
  unknownIds: string[];
  /** What the run needs against what Xero's daily limit leaves today, in plain words. */
  quota: DailyQuota;
}

function bindsOf(doc: PlannedDocument<unknown>): string[] {
  const binds: string[] = [];
  if (doc.needs?.contactRef) binds.push(`Contact.ContactID: the new contact ${doc.needs.contactRef} (created by the contacts request)`);
  if (doc.needs?.invoiceOf) binds.push(`Invoice.InvoiceID: the invoice of CourseCo Tx ${doc.needs.invoiceOf} (created by the invoices request)`);
  if (doc.needs?.creditNoteOf) binds.push(`CreditNote.CreditNoteID: the credit note of CourseCo Tx ${doc.needs.creditNoteOf} (created by the credit notes request)`);
  return binds;
}

/** The same, once per request: which placeholders in its body get Xero's ids when it is sent. */
function batchBinds(batch: readonly PlannedDocument<unknown>[]): string[] {
  const binds: string[] = [];
  if (batch.some((d) => d.needs?.contactRef)) binds.push('Contact: { ContactNumber } becomes { ContactID } of the contact the contacts request creates');
  if (batch.some((d) => d.needs?.invoiceOf)) binds.push('Invoice becomes { InvoiceID } of the invoice the invoices request creates for that transaction');
  if (batch.some((d) => d.needs?.creditNoteOf)) binds.push('CreditNote (and {CreditNoteID} in the path) becomes { CreditNoteID } of the credit note the credit notes request creates');
  return binds;
}

function writeKindOf(doc: PlannedDocument<unknown>): WriteKind {
  switch (doc.kind) {
    case 'contact':
      return 'contacts';
    case 'payment':
    case 'refund':
      return 'payments';
    case 'allocation':
      return 'allocations';
    case 'invoice':
      return doc.operation === 'update' ? 'invoice-updates' : 'invoices';
    case 'credit-note':
      return doc.operation === 'update' ? 'credit-note-updates' : 'credit-notes';
  }
}

/** An allocation's path names its credit note (its id, or what it is bound to at send time). */
function pathOf(path: string, doc: PlannedDocument<unknown>): string {
  const id = (doc.payload as { CreditNote?: { CreditNoteID?: string } }).CreditNote?.CreditNoteID;
  return doc.kind === 'allocation' && id ? path.replace('{CreditNoteID}', id) : path;
}

/** The write requests a plan makes, batch by batch, in the order a run sends them. */
export function planRequests(plan: SyncPlan, batchSize: number): DryRunRequest[] {
  const requests: DryRunRequest[] = [];
  const phases: Array<[DryRunRequest['phase'], PlannedDocument<unknown>[]]> = [
    ['contacts', plan.contacts],
    ['invoices', [...plan.invoices, ...plan.voids]],
    ['payments', plan.payments],
    ['credit-notes', plan.creditNotes],
    ['allocations', plan.allocations ?? []],
    ['refunds', plan.refunds ?? []],
  ];
  const depositOf = depositOfPayment(plan.deposits);
  for (const [phase, all] of phases) {
    const docs = phase === 'payments' && depositOf.size > 0 ? all.filter((d) => !depositOf.has(d.key)) : all;
    for (const operation of ['create', 'update'] as const) {
      const selected = docs.filter((doc) => doc.operation === operation);
      // An allocations request names one credit note in its path: one request each (phase-allocations.ts).
      for (const batch of batches(selected, phase === 'allocations' ? 1 : batchSize, (doc) => JSON.stringify(doc.payload).length)) {
        const kind = writeKindOf(batch[0]!);
        const { method, path, collection } = WRITE_REQUESTS[kind];
        requests.push({
          phase,
          method,
          path: pathOf(path, batch[0]!),
          query: writeQuery(kind, plan.unitdp4),
          documents: batch.length,
          body: { [collection]: kind === 'allocations' ? allocationBodies(batch.map((doc) => doc.payload)) : batch.map((doc) => doc.payload) },
          bindsAtSend: batchBinds(batch),
        });
      }
    }
    // One request per deposit, after the single payments, as phase-deposits.ts sends them.
    if (phase === 'payments') {
      const { method, path, collection } = WRITE_REQUESTS['batch-payments'];
      const docOf = new Map(plan.payments.map((d) => [d.key, d]));
      for (const deposit of plan.deposits ?? []) {
        const members = deposit.paymentIds.map((id) => docOf.get(id)!);
        requests.push({ phase, method, path, query: writeQuery('batch-payments', plan.unitdp4), documents: members.length, body: { [collection]: [deposit.payload] }, bindsAtSend: batchBinds(members) });
      }
    }
  }
  return requests;
}

/** Each transaction of a plan with the documents it would send. */
export function previewOf(plan: SyncPlan, unknownIds: string[], quota: DailyQuota): SyncPreview {
  const byTransaction = new Map<string, PreviewDocument[]>();
  const depositOf = depositOfPayment(plan.deposits);
  const add = (tx: string, doc: PlannedDocument<unknown>) => {
    const deposit = doc.kind === 'payment' ? depositOf.get(doc.key) : undefined;
    const kind = deposit ? 'batch-payments' : writeKindOf(doc);
    const { method, path } = WRITE_REQUESTS[kind];
    const list = byTransaction.get(tx) ?? [];
    list.push({
      kind: doc.kind,
      operation: doc.operation,
      key: doc.key,
      idempotencyKey: doc.idempotencyKey,
      request: { method, path: pathOf(path, doc), query: writeQuery(kind, plan.unitdp4) },
      payload: doc.payload as Record<string, unknown>,
      bindsAtSend: bindsOf(doc),
      ...(deposit ? { deposit: { reference: deposit.payload.Reference, date: deposit.date, total: deposit.total, payments: deposit.paymentIds.length } } : {}),
    });
    byTransaction.set(tx, list);
  };
  const credits = [...(plan.allocations ?? []), ...(plan.refunds ?? [])];
  for (const doc of [...plan.contacts, ...plan.invoices, ...plan.voids, ...plan.payments, ...plan.creditNotes, ...credits] as PlannedDocument<unknown>[]) for (const tx of doc.transactionIds) add(tx, doc);
  return {
    transactions: plan.transactions.map((t) => ({
      transactionId: t.transactionId,
      kind: t.kind,
      outcome: t.outcome,
      errors: t.errors,
      warnings: t.warnings,
      ...(t.reason ? { reason: t.reason } : {}),
      contact: t.contact,
      totals: t.totals,
      courseCo: t.courseCo,
      documents: t.outcome === 'planned' ? (byTransaction.get(t.transactionId) ?? []) : [],
      ...(t.lockedPeriod ? { lockedPeriod: t.lockedPeriod } : {}),
      ...(t.lineRules ? { lineRules: t.lineRules } : {}),
    })),
    unknownIds,
    summary: plan.summary,
    quota,
  };
}

/** The requests a run of this plan would send, and what it would do with each transaction. */
export function dryRunOf(plan: SyncPlan, unknownIds: string[], requests: DryRunRequest[], reads: number, quota: DailyQuota): DryRun {
  return {
    dryRun: true as const,
    summary: { ...plan.summary, requests: requests.length, reads },
    quota,
    requests,
    transactions: plan.transactions.map((t) => ({ transactionId: t.transactionId, outcome: t.outcome, errors: t.errors, warnings: t.warnings, ...(t.reason ? { reason: t.reason } : {}) })),
    unknownIds,
  };
}
