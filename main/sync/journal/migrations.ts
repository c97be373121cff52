/**
 * The journal's schema, as numbered migrations. Each runs once, inside its own IMMEDIATE transaction together with
 * its `schema_version` row, so a crash mid-migration leaves the previous version intact and two processes opening the
 * same journal cannot both migrate it. Never edit a released migration: add the next number.
 */
import type Database from 'libsql';
import { DomainError } from '../../errors';
import { writeTransaction } from './journal-guard';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'transactions, payments, sync runs, intents, imports',
    sql: `
      CREATE TABLE transactions (
        transaction_id      TEXT PRIMARY KEY,
        sort_key            TEXT NOT NULL,            -- numeric ids zero-padded, so "9" sorts before "10"
        kind                TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
        status              TEXT NOT NULL CHECK (status IN ('ready', 'excluded', 'in-flight', 'synced', 'failed', 'changed')),
        tx_date             TEXT NOT NULL,            -- YYYY-MM-DD
        contact_name        TEXT NOT NULL,
        invoice_number      TEXT,
        reference           TEXT,
        amount              TEXT NOT NULL,            -- CourseCo's amount, for display and filters only
        currency            TEXT,
        source_json         TEXT NOT NULL,
        content_hash        TEXT NOT NULL,
        synced_hash         TEXT,                     -- content last sent to Xero; NULL = never sent
        approved_hash       TEXT,                     -- content the user chose to re-send after "changed since sync"
        xero_contact_id     TEXT,
        xero_invoice_id     TEXT,
        xero_credit_note_id TEXT,
        xero_number         TEXT,                     -- the number Xero shows (its own if CourseCo had none)
        attempts            INTEGER NOT NULL DEFAULT 0,
        last_error          TEXT,
        last_error_details  TEXT,                     -- JSON array of Xero's validation messages, verbatim
        last_run_id         INTEGER,
        imported_at         TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        synced_at           TEXT
      );
      CREATE INDEX transactions_by_date ON transactions (tx_date, sort_key);
      CREATE INDEX transactions_by_status ON transactions (status, tx_date, sort_key);

      -- No foreign key: a payments export may be imported before the transactions it pays.
      CREATE TABLE payments (
        payment_id          TEXT PRIMARY KEY,
        transaction_id      TEXT NOT NULL,
        payment_date        TEXT NOT NULL,
        amount              TEXT NOT NULL,
        source_json         TEXT NOT NULL,
        content_hash        TEXT NOT NULL,
        synced_hash         TEXT,
        xero_payment_id     TEXT,
        last_error          TEXT,
        last_error_details  TEXT,
        imported_at         TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        synced_at           TEXT
      );
      CREATE INDEX payments_by_transaction ON payments (transaction_id);

      CREATE TABLE sync_runs (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        actor        TEXT NOT NULL,
        host         TEXT NOT NULL,
        outcome      TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
        requested    INTEGER NOT NULL DEFAULT 0,
        synced       INTEGER NOT NULL DEFAULT 0,
        failed       INTEGER NOT NULL DEFAULT 0,
        skipped      INTEGER NOT NULL DEFAULT 0,
        calls        INTEGER NOT NULL DEFAULT 0,
        duration_ms  INTEGER,
        message      TEXT
      );

      -- Written before each request leaves; resolved once Xero's answer (or a reconciliation read) is recorded.
      CREATE TABLE intents (
        batch_id         TEXT PRIMARY KEY,
        run_id           INTEGER,
        kind             TEXT NOT NULL CHECK (kind IN ('contacts', 'invoices', 'payments', 'credit-notes')),
        idempotency_key  TEXT NOT NULL,
        member_ids       TEXT NOT NULL,             -- JSON array: transaction ids, payment ids or contact refs
        state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'confirmed', 'abandoned')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX intents_open ON intents (state) WHERE state IN ('pending', 'sent');

      CREATE TABLE imports (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        imported_at  TEXT NOT NULL,
        file_name    TEXT,
        export_kind  TEXT NOT NULL,
        imported     INTEGER NOT NULL,
        updated      INTEGER NOT NULL,
        unchanged    INTEGER NOT NULL,
        changed      INTEGER NOT NULL,
        errors       INTEGER NOT NULL,
        skipped      INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'column mappings saved per profile for unrecognised export layouts',
    sql: `
      CREATE TABLE column_mappings (
        columns_signature TEXT PRIMARY KEY,           -- the file's normalised headers, in order
        export_kind       TEXT NOT NULL CHECK (export_kind IN ('transactions', 'payments')),
        mapping_json      TEXT NOT NULL,              -- {field: column header}
        saved_at          TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: 'Idempotency-Keys Xero answered with a refusal (never sent again: Xero would replay the refusal)',
    sql: `
      -- Xero keeps a key's first answer, errors included, for 6 minutes per app (xero-facts.md §6): a retry after a
      -- refusal must carry a new key, or it gets the old refusal back.
      CREATE TABLE refused_keys (
        idempotency_key TEXT PRIMARY KEY,
        refused_at      TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'credit note allocations (planned, then confirmed with Xero\'s id), invoices found by booking, allocation intents',
    sql: `
      -- One row per credit transaction and invoice transaction it credits. Written when a run claims the credit (no
      -- Xero id yet: the credit stays ready until it has one), completed when Xero confirms or a read finds it.
      CREATE TABLE allocations (
        credit_transaction_id  TEXT NOT NULL,
        invoice_transaction_id TEXT NOT NULL,
        amount                 TEXT NOT NULL,
        allocation_date        TEXT NOT NULL,
        xero_allocation_id     TEXT,
        planned_at             TEXT NOT NULL,
        allocated_at           TEXT,
        PRIMARY KEY (credit_transaction_id, invoice_transaction_id)
      );
      CREATE INDEX allocations_by_invoice ON allocations (invoice_transaction_id);
      CREATE INDEX invoices_by_booking ON transactions (json_extract(source_json, '$.bookingId')) WHERE kind = 'invoice';

      -- Allocation requests are written as intents too; SQLite cannot widen a CHECK in place, so the table is rebuilt.
      CREATE TABLE intents_v4 (
        batch_id         TEXT PRIMARY KEY,
        run_id           INTEGER,
        kind             TEXT NOT NULL CHECK (kind IN ('contacts', 'invoices', 'payments', 'credit-notes', 'allocations')),
        idempotency_key  TEXT NOT NULL,
        member_ids       TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'confirmed', 'abandoned')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      INSERT INTO intents_v4 SELECT batch_id, run_id, kind, idempotency_key, member_ids, state, created_at, updated_at FROM intents;
      DROP TABLE intents;
      ALTER TABLE intents_v4 RENAME TO intents;
      CREATE INDEX intents_open ON intents (state) WHERE state IN ('pending', 'sent');
    `,
  },
  {
    version: 5,
    description: 'changes after sync: the content last sent, and the Xero documents a change replaced, voided or credited',
    sql: `
      -- The field-by-field difference of a "changed since sync" transaction needs what was sent, not only its hash.
      -- Kept from the import that replaces it (source_json while content_hash = synced_hash); NULL for content sent
      -- before this version, whose difference can then not be shown.
      ALTER TABLE transactions ADD COLUMN synced_json TEXT;

      -- The history of an approved change. The transaction's xero_invoice_id always names its current invoice; the
      -- documents a change retired or raised are kept here: 'replaced' (an invoice superseded by a new one),
      -- 'voided' (voided in Xero), 'credit' (the credit note raised against a replaced invoice).
      CREATE TABLE change_documents (
        transaction_id TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('replaced', 'voided', 'credit')),
        kind           TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
        xero_id        TEXT NOT NULL,
        number         TEXT,
        content_hash   TEXT NOT NULL,             -- the approved content whose sending did this
        source_json    TEXT,                      -- the CourseCo content the retired document carried (NULL if unknown)
        recorded_at    TEXT NOT NULL,
        PRIMARY KEY (transaction_id, role, xero_id)
      );
    `,
  },
  {
    version: 6,
    description: 'reconciliation: the Xero documents read back (baseline and current), reading marks, accepted drift',
    sql: `
      -- Every Xero document the journal knows, as the assistant wrote it (baseline: Xero's answer to our write, or
      -- the document as first linked) and as last read (current; NULL with read_at set = asked for and not found).
      -- transaction_id is NULL for a document read that no journal transaction holds (yet).
      CREATE TABLE xero_documents (
        xero_id        TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
        transaction_id TEXT,
        origin         TEXT CHECK (origin IN ('assistant', 'courseco-push')),
        baseline_json  TEXT,
        current_json   TEXT,
        doc_date       TEXT,                      -- YYYY-MM-DD: the document's own date (current, else baseline)
        updated_utc    TEXT,                      -- ISO: its UpdatedDateUTC as last seen
        read_at        TEXT
      );
      CREATE INDEX xero_documents_by_transaction ON xero_documents (transaction_id) WHERE transaction_id IS NOT NULL;
      CREATE INDEX xero_documents_by_date ON xero_documents (doc_date);
      -- A document read back is tied to the transaction the journal says holds it, by its id.
      CREATE INDEX transactions_by_invoice_id ON transactions (xero_invoice_id) WHERE xero_invoice_id IS NOT NULL;
      CREATE INDEX transactions_by_credit_note_id ON transactions (xero_credit_note_id) WHERE xero_credit_note_id IS NOT NULL;
      CREATE INDEX change_documents_by_xero_id ON change_documents (xero_id);

      -- Where reading stopped (per collection: the largest UpdatedDateUTC seen), from which date the cache is
      -- complete, the last report (JSON) and its range.
      CREATE TABLE reconcile_marks (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- Drift the user accepted (Xero's version is right). The key carries a fingerprint of the state accepted, so a
      -- later change in Xero is a new key and shows again.
      CREATE TABLE drift_acceptances (
        drift_key   TEXT PRIMARY KEY,
        accepted_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    description: 'sending again what was removed in Xero: a resend generation per transaction and payment, and the role of a document sent again',
    sql: `
      -- Xero replays a key's first answer for 6 minutes (xero-facts.md §6): a document or payment sent again after it
      -- was voided, deleted or removed in Xero must not reuse the key that created the one removed. The generation
      -- goes into its Idempotency-Key (plan/idempotency.ts sentAgain); 0 = never sent again.
      ALTER TABLE transactions ADD COLUMN resend_generation INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE payments ADD COLUMN resend_generation INTEGER NOT NULL DEFAULT 0;

      -- A document voided, deleted or lost in Xero and sent again as a new one: kept as 'resent', so its number counts
      -- as taken (Xero keeps a voided or deleted invoice's number) and it is never reported as drift again. SQLite
      -- cannot widen a CHECK in place, so the table is rebuilt.
      CREATE TABLE change_documents_v7 (
        transaction_id TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('replaced', 'voided', 'credit', 'resent')),
        kind           TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
        xero_id        TEXT NOT NULL,
        number         TEXT,
        content_hash   TEXT NOT NULL,
        source_json    TEXT,
        recorded_at    TEXT NOT NULL,
        PRIMARY KEY (transaction_id, role, xero_id)
      );
      INSERT INTO change_documents_v7 SELECT transaction_id, role, kind, xero_id, number, content_hash, source_json, recorded_at FROM change_documents;
      DROP TABLE change_documents;
      ALTER TABLE change_documents_v7 RENAME TO change_documents;
      -- Rebuilding the table dropped migration 6's index: reconciliation finds a retired document by its Xero id.
      CREATE INDEX change_documents_by_xero_id ON change_documents (xero_id);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function currentSchemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

/** Brings the journal to the latest schema; returns the versions it moved between. */
export function migrate(db: Database.Database, nowIso: () => string, all: readonly Migration[] = migrations): { from: number; to: number } {
  const from = currentSchemaVersion(db);
  const latest = all[all.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new DomainError('JournalTooNew', {
      message: `The sync journal was written by a newer version of the assistant (schema ${from}; this version knows ${latest}).`,
      fix: 'Update the CourseCo Xero Assistant, or point --data-dir at another profile.',
    });
  }
  const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of all) {
    if (migration.version <= from) continue;
    writeTransaction(db, () => {
      // Another process may have migrated between our read and this lock.
      if (currentSchemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, nowIso());
    });
  }
  return { from, to: currentSchemaVersion(db) };
}
