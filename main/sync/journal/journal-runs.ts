/**
 * Sync run history (who, when, counts, duration, calls) and the intents that make runs crash-safe: an intent is
 * written before a batch request leaves, marked sent when it has left, and resolved once Xero's answer (or, after a
 * crash, a reconciliation read of Xero) is in the journal. Whatever is still pending or sent at start-up is exactly
 * what must be reconciled before anything is re-sent.
 */
import type Database from 'libsql';
import { DomainError } from '../../errors';
import type { JournalRuns } from './journal';
import type { Intent, IntentKind, IntentState, RunOutcome, SyncRun } from './journal-types';

export interface StartRun {
  actor: string;
  host: string;
  requested: number;
}

export interface FinishRun {
  outcome: Exclude<RunOutcome, 'running'>;
  synced: number;
  failed: number;
  skipped: number;
  calls: number;
  message?: string;
}

export interface NewIntent {
  batchId: string;
  runId?: number;
  kind: IntentKind;
  idempotencyKey: string;
  memberIds: readonly string[];
}

/** A `sync_runs` row: a SyncRun's fields, three of them under their column names. */
type RunRow = Omit<SyncRun, 'startedAt' | 'finishedAt' | 'durationMs'> & { started_at: string; finished_at: string | null; duration_ms: number | null };

interface IntentRow {
  batch_id: string;
  run_id: number | null;
  kind: IntentKind;
  idempotency_key: string;
  member_ids: string;
  state: IntentState;
  created_at: string;
  updated_at: string;
}

const toRun = (r: RunRow): SyncRun => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  actor: r.actor,
  host: r.host,
  outcome: r.outcome,
  requested: r.requested,
  synced: r.synced,
  failed: r.failed,
  skipped: r.skipped,
  calls: r.calls,
  durationMs: r.duration_ms,
  message: r.message,
});

const toIntent = (r: IntentRow): Intent => ({
  batchId: r.batch_id,
  runId: r.run_id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  memberIds: JSON.parse(r.member_ids) as string[],
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createJournalRuns(db: Database.Database, clock: { now(): number }): JournalRuns {
  const iso = () => new Date(clock.now()).toISOString();

  const insertRun = db.prepare('INSERT INTO sync_runs (started_at, actor, host, requested) VALUES (?, ?, ?, ?)');
  const startRun = (run: StartRun): number => Number(insertRun.run(iso(), run.actor, run.host, run.requested).lastInsertRowid);

  const getRun = db.prepare('SELECT * FROM sync_runs WHERE id = ?');
  const finishStmt = db.prepare(`UPDATE sync_runs SET finished_at = @finishedAt, outcome = @outcome, synced = @synced, failed = @failed,
    skipped = @skipped, calls = @calls, duration_ms = @durationMs, message = @message WHERE id = @id`);
  const finishRun = (id: number, result: FinishRun): SyncRun => {
    const row = getRun.get(id) as RunRow | undefined;
    if (!row) throw new DomainError('UnknownSyncRun', { message: `Sync run ${id} is not in the journal.` });
    const finishedAt = iso();
    finishStmt.run({
      id,
      finishedAt,
      outcome: result.outcome,
      synced: result.synced,
      failed: result.failed,
      skipped: result.skipped,
      calls: result.calls,
      durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(row.started_at)),
      message: result.message ?? null,
    });
    return toRun(getRun.get(id) as RunRow);
  };

  const listRunsStmt = db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?');
  const listRuns = (limit = 50): SyncRun[] => (listRunsStmt.all(limit) as RunRow[]).map(toRun);

  /** Runs still marked running when no process owns them (the app died): they become `interrupted`. */
  const interruptStmt = db.prepare("UPDATE sync_runs SET outcome = 'interrupted', finished_at = ?, message = COALESCE(message, 'the app stopped during this run') WHERE outcome = 'running'");
  const markInterruptedRuns = (): number => interruptStmt.run(iso()).changes;

  const insertIntent = db.prepare(`INSERT INTO intents (batch_id, run_id, kind, idempotency_key, member_ids, state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`);
  const recordIntent = (intent: NewIntent): void => {
    if (intent.idempotencyKey.length > 128) {
      throw new DomainError('IdempotencyKeyTooLong', { message: `Idempotency keys are limited to 128 characters by Xero (got ${intent.idempotencyKey.length}).` });
    }
    const at = iso();
    insertIntent.run(intent.batchId, intent.runId ?? null, intent.kind, intent.idempotencyKey, JSON.stringify(intent.memberIds), at, at);
  };

  const setIntentState = db.prepare('UPDATE intents SET state = ?, updated_at = ? WHERE batch_id = ? AND state IN (?, ?)');
  /** The request has left (or may have): from here on, a crash means Xero might hold the batch. */
  const markIntentSent = (batchId: string): void => {
    setIntentState.run('sent', iso(), batchId, 'pending', 'pending');
  };
  /** `confirmed`: Xero's answer (or a reconciliation read) is in the journal. `abandoned`: nothing reached Xero. */
  const markIntentResolved = (batchId: string, resolution: 'confirmed' | 'abandoned'): void => {
    setIntentState.run(resolution, iso(), batchId, 'pending', 'sent');
  };

  const pendingStmt = db.prepare("SELECT * FROM intents WHERE state IN ('pending', 'sent') ORDER BY created_at, batch_id");
  const pendingIntents = (): Intent[] => (pendingStmt.all() as IntentRow[]).map(toIntent);

  const insertRefused = db.prepare('INSERT OR IGNORE INTO refused_keys (idempotency_key, refused_at) VALUES (?, ?)');
  /** Xero answered this key with a refusal (a whole-request 400, or an element it failed): never send it again. */
  const markKeyRefused = (key: string): void => {
    insertRefused.run(key, iso());
  };
  const refusedStmt = db.prepare('SELECT 1 FROM refused_keys WHERE idempotency_key = ?');
  const keyRefused = (key: string): boolean => refusedStmt.get(key) !== undefined;

  return { startRun, finishRun, listRuns, markInterruptedRuns, recordIntent, markIntentSent, markIntentResolved, pendingIntents, markKeyRefused, keyRefused };
}
