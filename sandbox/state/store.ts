/**
 * Holds the state and, with a state file, keeps it on disk before any changing request is answered. The file is a
 * snapshot line followed by journal lines (see state-journal.ts): a change appends one line with just what changed,
 * and the journal is folded into a fresh snapshot (temp file + rename, so a crash never leaves a torn snapshot) once
 * it grows as large as the snapshot. A kill during an append leaves at most a torn last line, which loading skips:
 * its request was never answered.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SandboxState } from './model';
import { recordById, recordId, type CollectionRecord, type RecordCollection } from './lookup';
import { JournalReplayer, smallPart, type JournalEntry } from './state-journal';

/** The journal is folded in once it reaches the snapshot's size, within these bounds. */
const MIN_JOURNAL_BYTES = 1 << 20;
const MAX_JOURNAL_BYTES = 64 << 20;
const NEWLINE = 0x0a;

export class SandboxStore {
  private readonly touched = new Map<string, Map<RecordCollection, Set<string>>>();
  private readonly touchedAnswers = new Set<string>();
  private lastSmall = '';
  /** Undefined until the first snapshot is written (and after a failed append): the next flush writes a snapshot. */
  private snapshotBytes: number | undefined;
  private journalBytes = 0;

  constructor(
    public state: SandboxState,
    private readonly stateFile?: string,
  ) {}

  /** Marks a record as changed (created or altered) so the next flush writes it. */
  changed<C extends RecordCollection>(orgId: string, collection: C, record: CollectionRecord<C>): void {
    if (!this.stateFile) return;
    let byCollection = this.touched.get(orgId);
    if (!byCollection) this.touched.set(orgId, (byCollection = new Map()));
    let ids = byCollection.get(collection);
    if (!ids) byCollection.set(collection, (ids = new Set()));
    ids.add(recordId(collection, record));
  }

  /** Marks an idempotency answer as stored or dropped. */
  changedAnswer(id: string): void {
    if (this.stateFile) this.touchedAnswers.add(id);
  }

  /** Writes what changed since the last flush; the file holds it when this returns. */
  flush(): void {
    if (!this.stateFile) return;
    if (this.snapshotBytes === undefined) {
      this.compact();
      return;
    }
    const entry = this.takeEntry();
    if (!entry) return;
    const line = `${JSON.stringify(entry)}\n`;
    try {
      appendFileSync(this.stateFile, line);
    } catch (e) {
      // A partial append may sit mid-file now; only a fresh snapshot is safe to build on.
      this.snapshotBytes = undefined;
      throw e;
    }
    this.journalBytes += Buffer.byteLength(line);
    if (this.journalBytes >= Math.min(Math.max(this.snapshotBytes, MIN_JOURNAL_BYTES), MAX_JOURNAL_BYTES)) this.compact();
  }

  /** Rewrites the file as one snapshot of the whole state (after a reset or reseed, and at start-up). */
  compact(): void {
    if (!this.stateFile) return;
    mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const text = `${JSON.stringify(this.state)}\n`;
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, this.stateFile);
    this.snapshotBytes = Buffer.byteLength(text);
    this.journalBytes = 0;
    this.touched.clear();
    this.touchedAnswers.clear();
    this.lastSmall = JSON.stringify(smallPart(this.state));
  }

  private takeEntry(): JournalEntry | undefined {
    const entry: JournalEntry = {};
    // Compared as text; the live objects go into the entry, which flush() writes before anything can change them.
    const small = smallPart(this.state);
    const text = JSON.stringify(small);
    if (text !== this.lastSmall) {
      entry.small = small;
      this.lastSmall = text;
    }
    for (const [orgId, byCollection] of this.touched) {
      const org = this.state.orgs.find((o) => o.organisation.OrganisationID === orgId);
      if (!org) continue;
      for (const [collection, ids] of byCollection) {
        // Looked up now rather than kept from the mark: a refused batch rolls its org back to a copy, and its records
        // are gone. Marks come in push order, so new records replay in the order they were created.
        for (const id of ids) {
          const record = recordById(org, collection, id);
          if (record) (entry.records ??= []).push({ org: orgId, collection, record });
        }
      }
    }
    this.touched.clear();
    for (const id of this.touchedAnswers) {
      const answer = this.state.idempotency[id];
      entry.idempotency ??= {};
      if (answer) (entry.idempotency.set ??= {})[id] = answer;
      else (entry.idempotency.deleted ??= []).push(id);
    }
    this.touchedAnswers.clear();
    return entry.small || entry.records || entry.idempotency ? entry : undefined;
  }

  static load(stateFile: string): SandboxState | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(stateFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let start = 0;
    let lineNo = 0;
    let state: SandboxState | undefined;
    let replayer: JournalReplayer | undefined;
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start);
      const complete = end !== -1;
      const text = bytes.toString('utf8', start, complete ? end : bytes.length);
      start = complete ? end + 1 : bytes.length;
      lineNo++;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // A kill during an append tears the last line only; that request was never answered.
        if (!complete && state) break;
        throw new Error(`${stateFile}: line ${lineNo} is not valid JSON; the state file is damaged (move it away to start afresh)`);
      }
      if (!state) {
        state = parsed as SandboxState;
        if (state.version !== 1) throw new Error(`${stateFile}: unsupported sandbox state version ${String(state.version)}`);
        replayer = new JournalReplayer(state);
      } else replayer!.apply(parsed as JournalEntry);
    }
    return state;
  }
}
