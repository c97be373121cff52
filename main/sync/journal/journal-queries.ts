/**
 * Reading the journal: the console's filtered, keyset-paged list (newest first, stable under inserts), counts per
 * status, and the entries the planner works from.
 */
import type Database from 'libsql';
import type { CourseCoPayment, CourseCoTransaction } from '../../courseco/types';
import { DomainError } from '../../errors';
import type { JournalQueries } from './journal';
import {
  TRANSACTION_STATUSES,
  type ChangeDocument,
  type JournalEntry,
  type StatusCounts,
  type TransactionPage,
  type TransactionQuery,
  type TransactionStatus,
  type TransactionSummary,
} from './journal-types';

const MAX_PAGE = 5000;

interface SummaryRow {
  transaction_id: string;
  kind: TransactionSummary['kind'];
  status: TransactionStatus;
  tx_date: string;
  sort_key: string;
  contact_name: string;
  invoice_number: string | null;
  reference: string | null;
  amount: string;
  currency: string | null;
  xero_contact_id: string | null;
  xero_invoice_id: string | null;
  xero_credit_note_id: string | null;
  xero_number: string | null;
  attempts: number;
  last_error: string | null;
  last_error_details: string | null;
  payments: number;
  payments_synced: number;
  imported_at: string;
  updated_at: string;
  synced_at: string | null;
}

const SUMMARY_COLUMNS = `t.transaction_id, t.kind, t.status, t.tx_date, t.sort_key, t.contact_name, t.invoice_number, t.reference, t.amount,
  t.currency, t.xero_contact_id, t.xero_invoice_id, t.xero_credit_note_id, t.xero_number, t.attempts, t.last_error,
  t.last_error_details, t.imported_at, t.updated_at, t.synced_at,
  (SELECT COUNT(*) FROM payments p WHERE p.transaction_id = t.transaction_id) AS payments,
  (SELECT COUNT(*) FROM payments p WHERE p.transaction_id = t.transaction_id AND p.xero_payment_id IS NOT NULL) AS payments_synced`;

function toSummary(row: SummaryRow): TransactionSummary {
  return {
    transactionId: row.transaction_id,
    kind: row.kind,
    status: row.status,
    date: row.tx_date,
    contactName: row.contact_name,
    invoiceNumber: row.invoice_number,
    reference: row.reference,
    amount: row.amount,
    currency: row.currency,
    xeroContactId: row.xero_contact_id,
    xeroInvoiceId: row.xero_invoice_id,
    xeroCreditNoteId: row.xero_credit_note_id,
    xeroNumber: row.xero_number,
    attempts: row.attempts,
    lastError: row.last_error,
    lastErrorDetails: row.last_error_details ? (JSON.parse(row.last_error_details) as string[]) : [],
    payments: row.payments,
    paymentsSynced: row.payments_synced,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    syncedAt: row.synced_at,
  };
}

function encodeCursor(row: SummaryRow): string {
  return Buffer.from(JSON.stringify([row.tx_date, row.sort_key])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through to the error below
  }
  throw new DomainError('InvalidCursor', { message: 'The page cursor is not valid.', fix: 'Start again from the first page.' });
}

/** A from/to filter on a date column, both ends included (either may be absent): the journal's one reading of a range. */
export function whereDateRange(column: string, range: { from?: string | undefined; to?: string | undefined }, where: string[], params: unknown[]): void {
  if (range.from) {
    where.push(`${column} >= ?`);
    params.push(range.from);
  }
  if (range.to) {
    where.push(`${column} <= ?`);
    params.push(range.to);
  }
}

/** WHERE clause and parameters for a filter (without the cursor). */
function filterSql(query: TransactionQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
  if (statuses.length > 0) {
    where.push(`t.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  whereDateRange('t.tx_date', query, where, params);
  const text = query.text?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(t.transaction_id LIKE ? ESCAPE '\\' OR t.contact_name LIKE ? ESCAPE '\\' OR t.invoice_number LIKE ? ESCAPE '\\' OR t.reference LIKE ? ESCAPE '\\')`);
    params.push(like, like, like, like);
  }
  return { where, params };
}

interface StoredEntryRow {
  transaction_id: string;
  status: TransactionStatus;
  source_json: string;
  content_hash: string;
  synced_hash: string | null;
  approved_hash: string | null;
  xero_contact_id: string | null;
  xero_invoice_id: string | null;
  xero_credit_note_id: string | null;
  xero_number: string | null;
  synced_json: string | null;
  resend_generation: number;
}

interface StoredChangeRow {
  transaction_id: string;
  role: ChangeDocument['role'];
  kind: ChangeDocument['kind'];
  xero_id: string;
  number: string | null;
  content_hash: string;
  source_json: string | null;
  recorded_at: string;
}

interface StoredPaymentRow {
  transaction_id: string;
  source_json: string;
  content_hash: string;
  synced_hash: string | null;
  xero_payment_id: string | null;
  last_error: string | null;
  resend_generation: number;
}

export function createJournalQueries(db: Database.Database): JournalQueries {
  const orphanCount = db.prepare('SELECT COUNT(*) AS n FROM payments p WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.transaction_id = p.transaction_id)');

  const list = (query: TransactionQuery = {}): TransactionPage => {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? 100)), MAX_PAGE);
    const { where, params } = filterSql(query);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (!query.after && query.text?.trim()) {
      // A text filter scans every row anyway, so the first page of it counts and pages in that one scan (the window
      // count sees the whole filter). Without text, the indexed count plus an indexed LIMIT is faster.
      const sql = `SELECT ${SUMMARY_COLUMNS}, COUNT(*) OVER () AS total_rows FROM transactions t ${whereSql}
        ORDER BY t.tx_date DESC, t.sort_key DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...params, limit + 1) as Array<SummaryRow & { total_rows: number }>;
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      return { rows: page.map(toSummary), total: rows[0]?.total_rows ?? 0, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
    }
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM transactions t ${whereSql}`).get(...params) as { n: number }).n;
    const pageWhere = [...where];
    const pageParams = [...params];
    if (query.after) {
      const [date, key] = decodeCursor(query.after);
      pageWhere.push('(t.tx_date, t.sort_key) < (?, ?)');
      pageParams.push(date, key);
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM transactions t ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
      ORDER BY t.tx_date DESC, t.sort_key DESC LIMIT ?`;
    const rows = db.prepare(sql).all(...pageParams, limit + 1) as SummaryRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return { rows: page.map(toSummary), total, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
  };

  const counts = (query: Omit<TransactionQuery, 'status' | 'limit' | 'after'> = {}): StatusCounts => {
    const { where, params } = filterSql(query);
    const rows = db.prepare(`SELECT t.status AS status, COUNT(*) AS n FROM transactions t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY t.status`).all(...params) as Array<{ status: TransactionStatus; n: number }>;
    const result = Object.fromEntries(TRANSACTION_STATUSES.map((s) => [s, 0])) as StatusCounts;
    result.total = 0;
    for (const row of rows) {
      result[row.status] = row.n;
      result.total += row.n;
    }
    result.orphanPayments = (orphanCount.get() as { n: number }).n;
    return result;
  };

  const get = (transactionId: string): TransactionSummary | undefined => {
    const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM transactions t WHERE t.transaction_id = ?`).get(transactionId) as SummaryRow | undefined;
    return row ? toSummary(row) : undefined;
  };

  /**
   * The planner's input: by id (in the order given, unknown ids left out), or every transaction in `statuses`
   * (default: ready), oldest first so invoices reach Xero in CourseCo's order.
   */
  const changeRows = db.prepare('SELECT transaction_id, role, kind, xero_id, number, content_hash, source_json, recorded_at FROM change_documents ORDER BY recorded_at, rowid');
  const entries = (select: { ids?: readonly string[]; statuses?: readonly TransactionStatus[] } = {}): JournalEntry[] => {
    let rows: StoredEntryRow[];
    const columns = 'transaction_id, status, source_json, content_hash, synced_hash, approved_hash, xero_contact_id, xero_invoice_id, xero_credit_note_id, xero_number, synced_json, resend_generation';
    if (select.ids) {
      const one = db.prepare(`SELECT ${columns} FROM transactions WHERE transaction_id = ?`);
      rows = select.ids.map((id) => one.get(id) as StoredEntryRow | undefined).filter((r): r is StoredEntryRow => r !== undefined);
    } else {
      const statuses = select.statuses ?? ['ready'];
      rows = db.prepare(`SELECT ${columns} FROM transactions WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY tx_date, sort_key`).all(...statuses) as StoredEntryRow[];
    }
    const wanted = new Set(rows.map((r) => r.transaction_id));
    const payments = new Map<string, StoredPaymentRow[]>();
    // One pass over payments beats one query per transaction when planning tens of thousands.
    const paymentSql = 'SELECT transaction_id, source_json, content_hash, synced_hash, xero_payment_id, last_error, resend_generation FROM payments';
    const paymentRows = (wanted.size <= 500
      ? db.prepare(`${paymentSql} WHERE transaction_id IN (${[...wanted].map(() => '?').join(', ') || "''"}) ORDER BY payment_date, payment_id`).all(...wanted)
      : db.prepare(`${paymentSql} ORDER BY payment_date, payment_id`).all()) as StoredPaymentRow[];
    for (const p of paymentRows) {
      if (!wanted.has(p.transaction_id)) continue;
      const list = payments.get(p.transaction_id) ?? [];
      list.push(p);
      payments.set(p.transaction_id, list);
    }
    // Few transactions ever change after sync: one read of the whole (small) table.
    const changes = new Map<string, ChangeDocument[]>();
    for (const c of changeRows.all() as StoredChangeRow[]) {
      if (!wanted.has(c.transaction_id)) continue;
      const list = changes.get(c.transaction_id) ?? [];
      list.push({
        role: c.role,
        kind: c.kind,
        xeroId: c.xero_id,
        number: c.number,
        contentHash: c.content_hash,
        content: c.source_json === null ? null : (JSON.parse(c.source_json) as CourseCoTransaction),
        recordedAt: c.recorded_at,
      });
      changes.set(c.transaction_id, list);
    }
    return rows.map((row) => ({
      transaction: JSON.parse(row.source_json) as CourseCoTransaction,
      status: row.status,
      contentHash: row.content_hash,
      syncedHash: row.synced_hash,
      approvedHash: row.approved_hash,
      xero: { contactId: row.xero_contact_id, invoiceId: row.xero_invoice_id, creditNoteId: row.xero_credit_note_id, number: row.xero_number },
      payments: (payments.get(row.transaction_id) ?? []).map((p) => ({
        payment: JSON.parse(p.source_json) as CourseCoPayment,
        contentHash: p.content_hash,
        syncedHash: p.synced_hash,
        xeroPaymentId: p.xero_payment_id,
        lastError: p.last_error,
        ...(p.resend_generation > 0 ? { resends: p.resend_generation } : {}),
      })),
      ...(row.synced_json !== null ? { synced: JSON.parse(row.synced_json) as CourseCoTransaction } : {}),
      ...(changes.has(row.transaction_id) ? { changeDocuments: changes.get(row.transaction_id)! } : {}),
      ...(row.resend_generation > 0 ? { resends: row.resend_generation } : {}),
    }));
  };

  const hasStmt = db.prepare('SELECT 1 AS present FROM transactions WHERE transaction_id = ?');
  const has = (transactionId: string): boolean => hasStmt.get(transactionId) !== undefined;

  /** The transaction each payment belongs to (unknown payment ids are left out). */
  const ownerStmt = db.prepare('SELECT transaction_id FROM payments WHERE payment_id = ?');
  const paymentOwners = (paymentIds: readonly string[]): Map<string, string> => {
    const owners = new Map<string, string>();
    for (const id of paymentIds) {
      const row = ownerStmt.get(id) as { transaction_id: string } | undefined;
      if (row) owners.set(id, row.transaction_id);
    }
    return owners;
  };

  return { list, counts, get, has, entries, paymentOwners };
}
