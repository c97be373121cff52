/** GET list semantics shared by the collections: If-Modified-Since, where, IDs, order, and page/pageSize. */
import { compileWhere, QueryParseError, whereFields } from '../where-parser';
import { header, queryParam } from '../http/request';
import { apiException, type SandboxResponse } from '../http/response';
import { envelope, type ApiContext } from './api-context';
import { notFound } from './not-found';
import type { Json } from './serialize';

export interface Listable {
  /** Serialised on first use: If-Modified-Since, IDs and paging need only `id` and `updated`. */
  readonly json: Json;
  id: string;
  updated: number;
}

/** A record for runListQuery whose Xero JSON is built only if a filter, an order or the returned page needs it. */
export function listable(id: string, updated: number, serialize: () => Json): Listable {
  let json: Json | undefined;
  return {
    id,
    updated,
    get json() {
      return (json ??= serialize());
    },
  };
}

export interface ListOptions {
  typeName: string;
  fields: readonly string[];
  paged: boolean;
  /** Takes the `IDs` filter: only getContacts and getInvoices have it in the OpenAPI spec (elsewhere it is ignored). */
  ids?: boolean;
}

/** A collection as its list GET sees it: the envelope's key (`Invoices`) and the query's options. */
export interface ListedCollection extends ListOptions {
  key: string;
}

export interface ListResult {
  items: Json[];
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
  /** True when the caller passed `page`: Xero then includes line items in multi-document GETs. */
  pageRequested: boolean;
}

export function queryError(message: string): SandboxResponse {
  return apiException(400, 16, 'QueryParseException', message);
}

/** Comma-joined list parameters, as xero-node sends them (`InvoiceNumbers=INV-1,INV-2`). */
export function listParam(ctx: ApiContext, name: string): string[] | undefined {
  const raw = queryParam(ctx.req, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * DELETED invoices and credit notes are left out of a list read unless it asks for them: by `Statuses` (getInvoices
 * only; its filter then decides) or by a `where` naming Status. A GET by id returns them whatever their status.
 * UNCONFIRMED: the stricter reading. Xero documents no default either way: the OpenAPI getInvoices has `Statuses` and
 * `includeArchived` but no includeDeleted, while getBankTransfers has an explicit `includeDeleted` (default off); a
 * SDK issue shows a DELETED invoice come back (XeroAPI/Xero-Java#130, by ID and by a paged read whose query it does
 * not give); a third-party sync note (mcp.waymark.network, unattested) says deleted records are not returned by
 * default. So a reader must ask for deleted documents to see a deletion, which works whichever way Xero behaves.
 */
export function withoutUnaskedDeleted<R extends { Status: string }>(ctx: ApiContext, records: R[], statuses: readonly string[] | undefined): R[] {
  if (statuses) return records;
  const where = queryParam(ctx.req, 'where');
  if (where && whereFields(where).has('status')) return records;
  return records.filter((r) => r.Status !== 'DELETED');
}

export function runListQuery(ctx: ApiContext, all: Listable[], options: ListOptions): ListResult | SandboxResponse {
  let rows = all;
  // If-Modified-Since: "Only records created or modified since this timestamp will be returned" (OpenAPI parameter
  // `ifModifiedSince`, taken by getInvoices, getCreditNotes, getPayments, getContacts and the other lists). Read to the
  // second, in UTC when it names no zone (xero-facts.md §3): Xero's format carries no milliseconds, and handing back
  // the newest UpdatedDateUTC (which has them) returns that very record again (xero-gateway/xero_gateway#145). So a
  // record whose UpdatedDateUTC falls in the given second or later comes back; milliseconds in the header are dropped.
  // Whether a record at exactly the second's start comes back is UNCONFIRMED; the sandbox returns it (at or after),
  // the reading consistent with #145, and a reader must expect to see again what it last saw. A header that is not a
  // date is ignored (UNCONFIRMED): the whole list comes back, which costs a reader calls, never changes.
  const ims = header(ctx.req, 'if-modified-since');
  if (ims) {
    const since = Date.parse(/Z|[+-]\d\d:?\d\d$|GMT$/.test(ims) ? ims : `${ims}Z`);
    if (!Number.isNaN(since)) rows = rows.filter((r) => Math.floor(r.updated / 1000) * 1000 >= Math.floor(since / 1000) * 1000);
  }
  // The cheap filters first, so `where` serialises only what is left.
  const ids = options.ids ? listParam(ctx, 'IDs') : undefined;
  if (ids) {
    const wanted = new Set(ids.map((s) => s.toLowerCase()));
    rows = rows.filter((r) => wanted.has(r.id));
  }
  const where = queryParam(ctx.req, 'where');
  if (where && where.trim() !== '') {
    try {
      const filter = compileWhere(where, options.typeName, new Set(options.fields.map((f) => f.toLowerCase())));
      rows = rows.filter((r) => filter(r.json));
    } catch (e) {
      if (e instanceof QueryParseError) return queryError(e.message);
      throw e;
    }
  }
  const order = queryParam(ctx.req, 'order');
  rows = [...rows];
  if (order && order.trim() !== '') {
    const keys = order.split(',').map((part) => {
      const [name = '', dir = 'ASC'] = part.trim().split(/\s+/);
      if (!options.fields.some((f) => f.toLowerCase() === name.toLowerCase())) throw new OrderError(`No property or field '${name}' exists in type '${options.typeName}'`);
      return { name, desc: dir.toUpperCase() === 'DESC' };
    });
    try {
      rows.sort((a, b) => {
        for (const k of keys) {
          const c = compareValues(fieldValue(a.json, k.name), fieldValue(b.json, k.name));
          if (c !== 0) return k.desc ? -c : c;
        }
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
    } catch (e) {
      if (e instanceof OrderError) return queryError(e.message);
      throw e;
    }
  } else if (options.paged) {
    // Paged collections: Xero's default order is UpdatedDateUTC ASC, then the ID. Others keep their natural order.
    rows.sort((a, b) => a.updated - b.updated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const pageRaw = queryParam(ctx.req, 'page');
  const pageRequested = pageRaw !== undefined;
  if (!options.paged) return { items: rows.map((r) => r.json), pageRequested };
  const page = Math.max(1, Number.parseInt(pageRaw ?? '1', 10) || 1);
  const sizeRaw = Number.parseInt(queryParam(ctx.req, 'pageSize') ?? '100', 10);
  const pageSize = Math.min(1000, Math.max(1, Number.isNaN(sizeRaw) ? 100 : sizeRaw));
  const itemCount = rows.length;
  const pageCount = Math.ceil(itemCount / pageSize);
  const items = rows.slice((page - 1) * pageSize, page * pageSize).map((r) => r.json);
  return { items, pagination: { page, pageSize, pageCount, itemCount }, pageRequested };
}

class OrderError extends Error {}

function fieldValue(json: Json, name: string): unknown {
  const key = Object.keys(json).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? json[key] : undefined;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  const ma = /^\/Date\((-?\d+)/.exec(sa);
  const mb = /^\/Date\((-?\d+)/.exec(sb);
  if (ma && mb) return Number(ma[1]) - Number(mb[1]);
  return sa.localeCompare(sb);
}

export function isListResult(value: ListResult | SandboxResponse): value is ListResult {
  return 'items' in value;
}

/**
 * A list GET's whole answer: the query over the records, then the collection's envelope (with `pagination` for the
 * paged ones). `unpaged` trims each item when the caller did not ask for a page, as Xero leaves line items out then.
 */
export function listResponse(ctx: ApiContext, collection: ListedCollection, records: Listable[], unpaged?: (item: Json) => Json): SandboxResponse {
  const result = runListQuery(ctx, records, collection);
  if (!isListResult(result)) return result;
  const items = unpaged && !result.pageRequested ? result.items.map(unpaged) : result.items;
  return envelope(ctx, collection.key, items, result.pagination ? { pagination: result.pagination } : {});
}

/** A GET by id: the one record in its collection's envelope, or the 404 when there is no such record. */
export function recordResponse<R>(ctx: ApiContext, key: string, record: R | undefined, serialize: (record: R) => Json): SandboxResponse {
  return record ? envelope(ctx, key, [serialize(record)]) : notFound();
}
