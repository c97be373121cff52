// A worker thread holding the journal's write lock the way a long import in another process does: it opens its own
// connection, begins a write transaction, writes a row, says "locked" (signal[1] = 1), and commits only when the
// test's thread sets signal[0] to 1 — which the test does once the sync has reported that it is waiting.
import { workerData } from 'node:worker_threads';
import Database from 'libsql';

const { file, signal } = workerData;
const flags = new Int32Array(signal);
const db = new Database(file);
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO column_mappings (columns_signature, export_kind, mapping_json, saved_at) VALUES ('held', 'transactions', '{}', '2026-11-01')").run();
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
Atomics.wait(flags, 0, 0);
db.exec('COMMIT');
db.close();
