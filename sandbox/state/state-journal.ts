/**
 * The `--state` file's format: line 1 is a full snapshot of the state, every further line one journal entry with
 * what a changing request altered. The big collections (contacts, documents, payments, allocations, idempotency
 * answers) travel record by record; the rest of the state is small and travels whole, and only when it changed.
 * Rewriting one snapshot per request grew with the data — past 100 MB, a second per request — so it is now the
 * occasional compaction instead.
 */
import { RECORD_COLLECTIONS, recordId, type CollectionRecord, type RecordCollection } from './lookup';
import type { IdempotencyRecord, OrgState, SandboxState } from './model';

/** Everything but the record collections and the idempotency answers. */
export type SmallState = Omit<SandboxState, 'orgs' | 'idempotency'> & { orgs: Omit<OrgState, RecordCollection>[] };

export interface JournalEntry {
  small?: SmallState;
  records?: { org: string; collection: RecordCollection; record: CollectionRecord<RecordCollection> }[];
  idempotency?: { set?: Record<string, IdempotencyRecord>; deleted?: string[] };
}

export function smallPart(state: SandboxState): SmallState {
  const { orgs, idempotency: _answers, ...rest } = state;
  return {
    ...rest,
    orgs: orgs.map((org) => {
      const { contacts: _c, invoices: _i, payments: _p, creditNotes: _n, allocations: _a, ...scalars } = org;
      return scalars;
    }),
  };
}

/** Applies entries in order; keeps per-collection id indexes across entries so a long journal replays in linear time. */
export class JournalReplayer {
  private readonly indexes = new Map<string, Map<string, number>>();

  constructor(private readonly state: SandboxState) {}

  apply(entry: JournalEntry): void {
    if (entry.small) this.applySmall(entry.small);
    for (const { org: orgId, collection, record } of entry.records ?? []) {
      if (!RECORD_COLLECTIONS.includes(collection)) throw new Error(`unknown collection ${String(collection)}`);
      const org = this.org(orgId);
      const list = org[collection] as CollectionRecord<RecordCollection>[];
      const index = this.index(org, collection);
      const id = recordId(collection, record);
      const at = index.get(id);
      if (at === undefined) {
        index.set(id, list.length);
        list.push(record);
      } else list[at] = record;
    }
    for (const [id, rec] of Object.entries(entry.idempotency?.set ?? {})) this.state.idempotency[id] = rec;
    for (const id of entry.idempotency?.deleted ?? []) Reflect.deleteProperty(this.state.idempotency, id);
  }

  private applySmall(small: SmallState): void {
    const byId = new Map(this.state.orgs.map((o) => [o.organisation.OrganisationID, o]));
    const { orgs, ...rest } = small;
    Object.assign(this.state, rest);
    this.state.orgs = orgs.map((scalars) => {
      const existing = byId.get(scalars.organisation.OrganisationID);
      return existing
        ? Object.assign(existing, scalars)
        : { ...scalars, contacts: [], invoices: [], payments: [], creditNotes: [], allocations: [] };
    });
  }

  private org(id: string): OrgState {
    const org = this.state.orgs.find((o) => o.organisation.OrganisationID === id);
    if (!org) throw new Error(`journal names organisation ${id}, which the state does not have`);
    return org;
  }

  private index(org: OrgState, collection: RecordCollection): Map<string, number> {
    const key = `${org.organisation.OrganisationID}\n${collection}`;
    let index = this.indexes.get(key);
    if (!index) {
      const list = org[collection] as CollectionRecord<RecordCollection>[];
      index = new Map(list.map((r, i) => [recordId(collection, r), i]));
      this.indexes.set(key, index);
    }
    return index;
  }
}
