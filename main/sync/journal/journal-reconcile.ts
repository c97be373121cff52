/**
 * Reconciliation's memory (migration 6): the Xero documents read back, each with its baseline (Xero's answer to our
 * write, or the document as first linked) and its current state (the last read), the marks that make the next read
 * economical (how far each collection was read, from which date the cache is complete), the drift the user accepted,
 * and the last report. Also the one write that links a document CourseCo's own push created to its transaction.
 */
import type Database from 'libsql';
import type { ReconcileReport } from '../../../contract/features/reconcile';
import type { CachedDocument, DocumentOrigin, XeroDocumentKind, XeroDocumentSnapshot } from '../reconcile';
import type { JournalReconcile } from './journal';
import { writeTransaction } from './journal-guard';
import { whereDateRange } from './journal-queries';
import { createStatusReader, deriveStatus } from './journal-status';

/** Which cached documents to read; the filters add up (AND). */
export interface CachedDocumentQuery {
  /** By Xero id. */
  ids?: readonly string[];
  /** The documents these transactions hold (current, replaced, credited). */
  transactionIds?: readonly string[];
  /** The document's own date, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** true: only documents no transaction holds; false: only linked ones. */
  unlinked?: boolean;
  /** Only documents of this origin. */
  origin?: DocumentOrigin;
}

/** A document found in Xero that belongs to a transaction with none: linked as if it had been sent. */
export interface DocumentLink {
  transactionId: string;
  snapshot: XeroDocumentSnapshot;
  origin: DocumentOrigin;
  /** CourseCo payments of the transaction already on the document in Xero (matched by the caller: plan's rule). */
  payments: ReadonlyArray<{ paymentId: string; xeroPaymentId: string }>;
}

interface DocumentRow {
  xero_id: string;
  kind: XeroDocumentKind;
  transaction_id: string | null;
  origin: DocumentOrigin | null;
  baseline_json: string | null;
  current_json: string | null;
  read_at: string | null;
}

const parse = (json: string | null): XeroDocumentSnapshot | null => (json ? (JSON.parse(json) as XeroDocumentSnapshot) : null);

function toCached(row: DocumentRow): CachedDocument {
  return {
    xeroId: row.xero_id,
    kind: row.kind,
    transactionId: row.transaction_id,
    origin: row.origin,
    baseline: parse(row.baseline_json),
    current: parse(row.current_json),
    readAt: row.read_at,
  };
}

/**
 * A fresh read of a document keeps the payments an earlier read saw deleted: Xero lists only a document's live
 * payments, and "removed, when" is what the comparison reports.
 */
function withDeletedPayments(fresh: XeroDocumentSnapshot, previous: XeroDocumentSnapshot | null): XeroDocumentSnapshot {
  if (!previous) return fresh;
  const seen = new Set(fresh.payments.map((p) => p.id.toLowerCase()));
  const gone = previous.payments.filter((p) => p.status === 'DELETED' && !seen.has(p.id.toLowerCase()));
  return gone.length > 0 ? { ...fresh, payments: [...fresh.payments, ...gone] } : fresh;
}

const IN_CHUNK = 500;

export function createJournalReconcile(db: Database.Database, now: () => string): JournalReconcile {
  const inOne = <T>(body: () => T): T => (db.inTransaction ? body() : writeTransaction(db, body));

  const rowOf = db.prepare('SELECT xero_id, kind, transaction_id, origin, baseline_json, current_json, read_at FROM xero_documents WHERE xero_id = ?');
  // libsql's pluck() applies to all(), not get(): the holder is read by name.
  const holderStmt = db.prepare(
    `SELECT transaction_id FROM transactions WHERE xero_invoice_id = @id OR xero_credit_note_id = @id
     UNION ALL SELECT transaction_id FROM change_documents WHERE xero_id = @id LIMIT 1`,
  );
  const holderOf = (id: string): string | null => (holderStmt.get({ id }) as { transaction_id: string } | undefined)?.transaction_id ?? null;
  const upsertBaseline = db.prepare(`
    INSERT INTO xero_documents (xero_id, kind, transaction_id, origin, baseline_json, current_json, doc_date, updated_utc, read_at)
    VALUES (@id, @kind, @transactionId, @origin, @json, @json, @date, @updated, @now)
    ON CONFLICT (xero_id) DO UPDATE SET kind = excluded.kind, transaction_id = excluded.transaction_id, origin = excluded.origin,
      baseline_json = excluded.baseline_json,
      current_json = CASE WHEN xero_documents.updated_utc IS NULL OR xero_documents.updated_utc <= excluded.updated_utc THEN excluded.current_json ELSE xero_documents.current_json END,
      doc_date = CASE WHEN xero_documents.updated_utc IS NULL OR xero_documents.updated_utc <= excluded.updated_utc THEN excluded.doc_date ELSE xero_documents.doc_date END,
      read_at = CASE WHEN xero_documents.updated_utc IS NULL OR xero_documents.updated_utc <= excluded.updated_utc THEN excluded.read_at ELSE xero_documents.read_at END,
      updated_utc = MAX(COALESCE(xero_documents.updated_utc, ''), excluded.updated_utc)`);

  /** Xero's answer to our write (or a document found and linked): the baseline, and the current state as of now. */
  const recordBaseline = (transactionId: string, snapshot: XeroDocumentSnapshot, origin: DocumentOrigin): void => {
    upsertBaseline.run({ id: snapshot.id, kind: snapshot.kind, transactionId, origin, json: JSON.stringify(snapshot), date: snapshot.date, updated: snapshot.updatedAt, now: now() });
  };
  /** A batch answer's baselines in one journal transaction: the sync's hot path pays one commit per request, not per document. */
  const recordBaselines = (baselines: ReadonlyArray<{ transactionId: string; snapshot: XeroDocumentSnapshot; origin: DocumentOrigin }>): void => {
    if (baselines.length === 0) return;
    inOne(() => {
      for (const b of baselines) recordBaseline(b.transactionId, b.snapshot, b.origin);
    });
  };

  const upsertCurrent = db.prepare(`
    INSERT INTO xero_documents (xero_id, kind, transaction_id, origin, baseline_json, current_json, doc_date, updated_utc, read_at)
    VALUES (@id, @kind, @transactionId, @origin, @baseline, @json, @date, @updated, @now)
    ON CONFLICT (xero_id) DO UPDATE SET kind = excluded.kind, current_json = excluded.current_json, doc_date = excluded.doc_date,
      updated_utc = excluded.updated_utc, read_at = excluded.read_at,
      transaction_id = COALESCE(xero_documents.transaction_id, excluded.transaction_id),
      origin = COALESCE(xero_documents.origin, excluded.origin),
      baseline_json = COALESCE(xero_documents.baseline_json, excluded.baseline_json)`);

  /**
   * Stores documents as just read (their current state). A document the journal holds (by its Xero id) but the cache
   * did not tie to a transaction yet is tied now; CourseCo's own push gets this read as its baseline.
   */
  const cacheDocuments = (snapshots: readonly XeroDocumentSnapshot[], options: { originOf?: (snapshot: XeroDocumentSnapshot) => DocumentOrigin } = {}): number =>
    inOne(() => {
      const at = now();
      for (const snapshot of snapshots) {
        const row = rowOf.get(snapshot.id) as DocumentRow | undefined;
        const current = withDeletedPayments(snapshot, parse(row?.current_json ?? null));
        const json = JSON.stringify(current);
        const holder = row?.transaction_id ?? holderOf(snapshot.id);
        upsertCurrent.run({
          id: snapshot.id,
          kind: snapshot.kind,
          transactionId: holder,
          origin: holder ? (row?.origin ?? options.originOf?.(snapshot) ?? null) : null,
          // CourseCo's own push: the document as first linked. Ours: only what we wrote is a baseline (recorded at
          // send time); one the journal held before baselines were kept has none, and the comparison judges it
          // against the journal's own record instead (compare-books.ts sentBaseline).
          baseline: holder && (row?.origin ?? options.originOf?.(snapshot)) === 'courseco-push' ? json : null,
          json,
          date: snapshot.date,
          updated: snapshot.updatedAt,
          now: at,
        });
      }
      return snapshots.length;
    });

  const notFoundStmt = db.prepare(`
    INSERT INTO xero_documents (xero_id, kind, transaction_id, origin, baseline_json, current_json, doc_date, updated_utc, read_at)
    VALUES (@id, @kind, @transactionId, NULL, NULL, NULL, NULL, NULL, @now)
    ON CONFLICT (xero_id) DO UPDATE SET current_json = NULL, read_at = excluded.read_at,
      transaction_id = COALESCE(xero_documents.transaction_id, excluded.transaction_id)`);
  /** Asked for and not in Xero: kept with no current state (a row is made, tied to the transaction holding it). */
  const markNotFound = (documents: ReadonlyArray<{ xeroId: string; kind: XeroDocumentKind }>): void =>
    inOne(() => {
      const at = now();
      for (const d of documents) notFoundStmt.run({ id: d.xeroId, kind: d.kind, transactionId: holderOf(d.xeroId), now: at });
    });

  const COLUMNS = 'xero_id, kind, transaction_id, origin, baseline_json, current_json, read_at';
  const cachedDocuments = (query: CachedDocumentQuery = {}): CachedDocument[] => {
    const where: string[] = [];
    const params: unknown[] = [];
    whereDateRange('doc_date', query, where, params);
    if (query.unlinked === true) where.push('transaction_id IS NULL');
    if (query.unlinked === false) where.push('transaction_id IS NOT NULL');
    if (query.origin) {
      where.push('origin = ?');
      params.push(query.origin);
    }
    const run = (extra: string | undefined, extraParams: readonly unknown[]) => {
      const all = extra ? [...where, extra] : where;
      const sql = `SELECT ${COLUMNS} FROM xero_documents${all.length ? ` WHERE ${all.join(' AND ')}` : ''} ORDER BY doc_date, xero_id`;
      return (db.prepare(sql).all(...params, ...extraParams) as DocumentRow[]).map(toCached);
    };
    const byList = (column: string, list: readonly string[]) => {
      const out: CachedDocument[] = [];
      const unique = [...new Set(list)];
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        const part = unique.slice(i, i + IN_CHUNK);
        out.push(...run(`${column} IN (${part.map(() => '?').join(',')})`, part));
      }
      return out;
    };
    if (query.ids && query.transactionIds) {
      const wanted = new Set(query.transactionIds);
      return byList('xero_id', query.ids).filter((d) => d.transactionId !== null && wanted.has(d.transactionId));
    }
    if (query.ids) return byList('xero_id', query.ids);
    if (query.transactionIds) return byList('transaction_id', query.transactionIds);
    return run(undefined, []);
  };

  const markStmt = db.prepare('SELECT value FROM reconcile_marks WHERE name = ?').pluck();
  const setMarkStmt = db.prepare('INSERT INTO reconcile_marks (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
  const mark = (name: string): string | undefined => (markStmt.all(name) as string[])[0];
  const setMark = (name: string, value: string): void => {
    setMarkStmt.run(name, value, now());
  };

  const acceptStmt = db.prepare('INSERT OR IGNORE INTO drift_acceptances (drift_key, accepted_at) VALUES (?, ?)');
  const acceptedStmt = db.prepare('SELECT drift_key FROM drift_acceptances').pluck();
  const acceptDrift = (key: string): void => {
    acceptStmt.run(key, now());
  };
  const acceptedDrift = (): Set<string> => new Set(acceptedStmt.all() as string[]);

  const saveLastReport = (report: ReconcileReport): void =>
    inOne(() => {
      setMark(LAST_REPORT, JSON.stringify(report));
      setMark(LAST_REPORT_RANGE, JSON.stringify({ from: report.from, to: report.to }));
    });
  const lastReport = (): ReconcileReport | null => {
    const json = mark(LAST_REPORT);
    return json ? (JSON.parse(json) as ReconcileReport) : null;
  };

  const readStatus = createStatusReader(db);
  const linkTx = db.prepare(`
    UPDATE transactions SET synced_hash = content_hash,
      xero_invoice_id = COALESCE(@invoiceId, xero_invoice_id), xero_credit_note_id = COALESCE(@creditNoteId, xero_credit_note_id),
      xero_number = COALESCE(@number, xero_number), xero_contact_id = COALESCE(@contactId, xero_contact_id), synced_at = @now, updated_at = @now
    WHERE transaction_id = @transactionId`);
  const linkPayment = db.prepare(
    'UPDATE payments SET xero_payment_id = ?, synced_hash = content_hash, last_error = NULL, last_error_details = NULL, synced_at = ?, updated_at = ? WHERE payment_id = ? AND transaction_id = ? AND xero_payment_id IS NULL',
  );
  const settleStmt = db.prepare('UPDATE transactions SET status = ?, last_error = NULL, last_error_details = NULL, updated_at = ? WHERE transaction_id = ?');
  const documentOf = db.prepare('SELECT kind, xero_invoice_id, xero_credit_note_id FROM transactions WHERE transaction_id = ?');

  /**
   * Links a document found in Xero to a transaction that has none (ready or failed): it counts as sent with its
   * content now (never sent again), its payments already in Xero are linked, and the document becomes its baseline.
   * False when the transaction is not there, holds a document already, or is excluded or in a run.
   */
  const linkDocument = (link: DocumentLink): boolean =>
    inOne(() => {
      const facts = readStatus(link.transactionId);
      const held = documentOf.get(link.transactionId) as { kind: string; xero_invoice_id: string | null; xero_credit_note_id: string | null } | undefined;
      if (!facts || !held || (facts.status !== 'ready' && facts.status !== 'failed')) return false;
      if ((link.snapshot.kind === 'invoice' ? held.xero_invoice_id : held.xero_credit_note_id) !== null) return false;
      if ((held.kind === 'credit') !== (link.snapshot.kind === 'credit-note')) return false;
      const at = now();
      linkTx.run({
        transactionId: link.transactionId,
        invoiceId: link.snapshot.kind === 'invoice' ? link.snapshot.id : null,
        creditNoteId: link.snapshot.kind === 'credit-note' ? link.snapshot.id : null,
        number: link.snapshot.number,
        contactId: link.snapshot.contactId,
        now: at,
      });
      for (const p of link.payments) linkPayment.run(p.xeroPaymentId, at, at, p.paymentId, link.transactionId);
      recordBaseline(link.transactionId, link.snapshot, link.origin);
      const after = readStatus(link.transactionId)!;
      settleStmt.run(deriveStatus(after), at, link.transactionId);
      return true;
    });

  return { recordBaseline, recordBaselines, cacheDocuments, markNotFound, cachedDocuments, mark, setMark, acceptDrift, acceptedDrift, saveLastReport, lastReport, linkDocument };
}

const LAST_REPORT = 'last-report';
const LAST_REPORT_RANGE = 'last-report-range';
