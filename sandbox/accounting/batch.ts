/**
 * Batch semantics of PUT/POST collections. With `summarizeErrors=true` (Xero's default) one bad element fails the
 * whole call with a 400 and nothing is saved; with `false` the call returns 200, saves the good elements and marks
 * each element OK / WARNING / ERROR in `StatusAttributeString`.
 */
import { queryParam } from '../http/request';
import { validationException, type SandboxResponse } from '../http/response';
import type { OrgState } from '../state/model';
import { envelope, type ApiContext } from './api-context';
import { field, isObject } from './documents';
import type { Json } from './serialize';

export interface ElementResult {
  json: Json;
  errors: string[];
  warnings?: string[];
  committed: boolean;
}

export function summarizeErrors(ctx: ApiContext): boolean {
  const raw = queryParam(ctx.req, 'summarizeErrors');
  return raw === undefined || raw.toLowerCase() !== 'false';
}

/** Accepts `{"Invoices":[...]}`, a bare array, or one object. */
export function elementsOf(body: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return undefined;
  const list = field(body, key);
  if (Array.isArray(list)) return list;
  return [body];
}

function restore(org: OrgState, snapshot: OrgState): void {
  Object.assign(org, snapshot);
}

export function runBatch(
  ctx: ApiContext,
  key: string,
  elements: unknown[],
  apply: (element: unknown, index: number) => ElementResult,
  errorFlag: 'HasErrors' | 'HasValidationErrors',
  summarize = summarizeErrors(ctx),
): SandboxResponse {
  const snapshot = summarize && elements.length > 1 ? structuredClone(ctx.org) : undefined;
  const results = elements.map((el, i) => apply(el, i));
  const failed = results.filter((r) => r.errors.length > 0);
  if (summarize && failed.length > 0) {
    if (snapshot) restore(ctx.org, snapshot);
    // Xero lists every element of the request, in order, each with its own ValidationErrors (empty for the good ones;
    // xero-facts.md §4: "Elements":[{…echo of element…,"ValidationErrors":[…]}], one per element sent). Listing only
    // the failed ones would let a client that matches by position blame innocent members.
    return validationException(
      results.map((r) =>
        r.errors.length > 0 ? { ...r.json, [errorFlag]: true, ValidationErrors: r.errors.map((m) => ({ Message: m })) } : { ...r.json, ValidationErrors: [] },
      ),
    );
  }
  const items = results.map((r) => {
    if (r.errors.length > 0) {
      return { ...r.json, [errorFlag]: true, StatusAttributeString: 'ERROR', ValidationErrors: r.errors.map((m) => ({ Message: m })) };
    }
    if (r.warnings && r.warnings.length > 0) return { ...r.json, StatusAttributeString: 'WARNING', Warnings: r.warnings.map((m) => ({ Message: m })) };
    return { ...r.json, StatusAttributeString: 'OK' };
  });
  const response = envelope(ctx, key, items);
  response.mutated = results.some((r) => r.committed);
  return response;
}
