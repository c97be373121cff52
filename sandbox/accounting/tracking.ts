/**
 * Tracking categories and their options, and the `Tracking` of document lines.
 *
 * Sources: OpenAPI xero_accounting.yaml — `GET /TrackingCategories` (where, order, `includeArchived`: "Categories and
 * options with a status of ARCHIVED will be included"), `PUT /TrackingCategories` (createTrackingCategory, one
 * `TrackingCategory` object), `PUT /TrackingCategories/{id}/Options` (createTrackingOptions, one `TrackingOption`
 * object, answered with `{"Options":[…]}`); every write needs `accounting.settings` (the `.read` scope is for GETs
 * only), which the gate enforces with Xero's 401 AuthorizationUnsuccessful (xero-facts.md §2). Schemas: Name and
 * Option ≤ 100 characters; Status ACTIVE|ARCHIVED|DELETED. Limits: at most two ACTIVE categories per organisation and
 * two Tracking entries per line (xero-facts.md §9, §3 LineItem); at most 100 active options per category (Xero's
 * help as copied by third parties, e.g. hamsterstack.com/how-to/xero/set-up-tracking-categories and
 * chalkline.com.au/glossary/tracking-categories; archived options do not count). An unknown category id on
 * createTrackingOptions gets Xero's 500 "An error occurred in Xero" (XeroAPI/xero-node#510). Message texts: see
 * messages.ts (one is Xero's, the others sandbox wording).
 */
import { queryParam } from '../http/request';
import { problem, validationException, type SandboxResponse } from '../http/response';
import { isGuid, newUuid } from '../ids';
import type { OrgState, TrackingCategoryRecord, TrackingOptionRecord, TrackingRecord } from '../state/model';
import { envelope, type ApiContext } from './api-context';
import { elementsOf, type ElementResult } from './batch';
import { field, isObject, pushOnce, str, type Input } from './documents';
import { lengthErrors } from './field-limits';
import { listable, listResponse, recordResponse, type ListedCollection } from './list-query';
import { msg } from './messages';
import { emptyBody } from './not-found';
import type { Json } from './serialize';

export const TRACKING_LIMITS = { activeCategories: 2, activeOptions: 100, perLine: 2, name: 100 } as const;

const CATEGORIES: ListedCollection = { key: 'TrackingCategories', typeName: 'TrackingCategory', fields: ['Name', 'Status', 'TrackingCategoryID'], paged: false };

// Names a new category or option may not repeat, whatever their case or spacing: refusing near twins is the stricter
// reading (Xero's help says only that names must be unique; sandbox rule). A line's tracking is matched exactly (below).
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function categoriesOf(org: OrgState): TrackingCategoryRecord[] {
  return (org.trackingCategories ??= []);
}

function serializeOption(o: TrackingOptionRecord): Json {
  // The schema's fields only: the Is*/HasValidationErrors flags of the OpenAPI example are not in `TrackingOption`,
  // so a client must not come to rely on them.
  return { TrackingOptionID: o.TrackingOptionID, Name: o.Name, Status: o.Status };
}

function serializeCategory(c: TrackingCategoryRecord, includeArchived: boolean): Json {
  const shown = (o: TrackingOptionRecord) => o.Status === 'ACTIVE' || (includeArchived && o.Status === 'ARCHIVED');
  return { Name: c.Name, Status: c.Status, TrackingCategoryID: c.TrackingCategoryID, Options: c.Options.filter(shown).map(serializeOption) };
}

export function listTrackingCategories(ctx: ApiContext): SandboxResponse {
  const includeArchived = (queryParam(ctx.req, 'includeArchived') ?? '').toLowerCase() === 'true';
  const shown = categoriesOf(ctx.org).filter((c) => c.Status === 'ACTIVE' || (includeArchived && c.Status === 'ARCHIVED'));
  return listResponse(ctx, CATEGORIES, shown.map((c) => listable(c.TrackingCategoryID, 0, () => serializeCategory(c, includeArchived))));
}

export function getTrackingCategory(ctx: ApiContext, id: string): SandboxResponse {
  const found = isGuid(id) ? categoriesOf(ctx.org).find((c) => c.TrackingCategoryID === id.toLowerCase()) : undefined;
  return recordResponse(ctx, 'TrackingCategories', found, (c) => serializeCategory(c, true));
}

/**
 * These endpoints take no `summarizeErrors` (OpenAPI): one refused element fails the request with a 400 listing every
 * element, and nothing is kept; otherwise the plain envelope, without the batch endpoints' StatusAttributeString.
 */
function settle(ctx: ApiContext, key: string, elements: unknown[], apply: (element: unknown) => ElementResult): SandboxResponse {
  const before = structuredClone(categoriesOf(ctx.org));
  const results = elements.map(apply);
  if (results.some((r) => r.errors.length > 0)) {
    ctx.org.trackingCategories = before;
    return validationException(results.map((r) => ({ ...r.json, ...(r.errors.length ? { HasValidationErrors: true } : {}), ValidationErrors: r.errors.map((m) => ({ Message: m })) })));
  }
  const response = envelope(ctx, key, results.map((r) => r.json));
  response.mutated = true;
  return response;
}

/**
 * The OpenAPI request bodies of createTrackingCategory and createTrackingOptions are a single `TrackingCategory` /
 * `TrackingOption`, not a list: nothing says Xero takes several, so the sandbox refuses them (sandbox wording).
 */
function oneAtATime(elements: unknown[]): SandboxResponse {
  return validationException(elements.map((e) => ({ ...(isObject(e) ? e : {}), ValidationErrors: [{ Message: msg.trackingOneAtATime }] })));
}

function nameErrors(name: string | undefined, missing: string): string[] {
  if (!name?.trim()) return [missing];
  return lengthErrors('Name', name, TRACKING_LIMITS.name);
}

export function createTrackingCategories(ctx: ApiContext, body: unknown): SandboxResponse {
  const elements = elementsOf(body, 'TrackingCategories');
  if (!elements || elements.length === 0) return emptyBody();
  if (elements.length > 1) return oneAtATime(elements);
  return settle(ctx, 'TrackingCategories', elements, (element): ElementResult => {
    const input = isObject(element) ? element : {};
    const name = str(field(input, 'Name'));
    const errors = nameErrors(name, msg.trackingCategoryNameMissing);
    const categories = categoriesOf(ctx.org);
    if (errors.length === 0 && categories.some((c) => c.Status !== 'DELETED' && same(c.Name, name!))) errors.push(msg.trackingCategoryNameExists(name!.trim()));
    if (categories.filter((c) => c.Status === 'ACTIVE').length >= TRACKING_LIMITS.activeCategories) errors.push(msg.trackingCategoryLimit);
    if (errors.length > 0) return { json: { Name: name ?? '', Options: [] }, errors, committed: false };
    const created: TrackingCategoryRecord = { TrackingCategoryID: newUuid(), Name: name!.trim(), Status: 'ACTIVE', Options: [] };
    categories.push(created);
    return { json: serializeCategory(created, false), errors: [], committed: true };
  });
}

export function createTrackingOptions(ctx: ApiContext, categoryId: string, body: unknown): SandboxResponse {
  const category = isGuid(categoryId) ? categoriesOf(ctx.org).find((c) => c.TrackingCategoryID === categoryId.toLowerCase() && c.Status !== 'DELETED') : undefined;
  if (!category) return problem(500, 'An error occurred', 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.');
  const elements = elementsOf(body, 'Options');
  if (!elements || elements.length === 0) return emptyBody();
  if (elements.length > 1) return oneAtATime(elements);
  return settle(ctx, 'Options', elements, (element): ElementResult => {
    const input = isObject(element) ? element : {};
    const name = str(field(input, 'Name'));
    const errors = nameErrors(name, msg.trackingOptionNameMissing);
    if (category.Status !== 'ACTIVE') errors.push(msg.trackingCategoryNotActive(category.Name));
    if (errors.length === 0 && category.Options.some((o) => o.Status !== 'DELETED' && same(o.Name, name!))) errors.push(msg.trackingOptionNameExists(name!.trim(), category.Name));
    if (category.Options.filter((o) => o.Status === 'ACTIVE').length >= TRACKING_LIMITS.activeOptions) errors.push(msg.trackingOptionLimit(category.Name));
    if (errors.length > 0) return { json: { Name: name ?? '' }, errors, committed: false };
    const created: TrackingOptionRecord = { TrackingOptionID: newUuid(), Name: name!.trim(), Status: 'ACTIVE' };
    category.Options.push(created);
    return { json: serializeOption(created), errors: [], committed: true };
  });
}

/**
 * A line's `Tracking` as sent → what is stored (Xero's names and ids), refusing unknown, archived or deleted categories
 * and options, more than two entries, and two options of one category. Entries may name the category and option by
 * name or by id (OpenAPI LineItemTracking); a name must be Xero's exactly, as the chart's account codes must: no
 * source says Xero forgives case or spacing here, so the sandbox does not.
 */
export function readLineTracking(org: OrgState, value: unknown, errors: string[]): TrackingRecord[] {
  if (value === undefined || value === null) return [];
  // LineItem.Tracking is an array of LineItemTracking (OpenAPI); anything else is refused, never read as "none".
  if (!Array.isArray(value) || value.some((v) => !isObject(v))) {
    pushOnce(errors, msg.lineTrackingInvalid);
    return [];
  }
  const entries = value as Input[];
  if (entries.length > TRACKING_LIMITS.perLine) pushOnce(errors, msg.lineTrackingTooMany);
  const out: TrackingRecord[] = [];
  for (const entry of entries.slice(0, TRACKING_LIMITS.perLine)) {
    const categoryId = str(field(entry, 'TrackingCategoryID'))?.toLowerCase();
    const name = str(field(entry, 'Name')) ?? '';
    const category = categoriesOf(org).find((c) => c.Status === 'ACTIVE' && (categoryId ? c.TrackingCategoryID === categoryId : c.Name === name));
    if (!category) {
      pushOnce(errors, msg.lineTrackingCategoryUnknown(categoryId && !name ? categoryId : name));
      continue;
    }
    const optionId = str(field(entry, 'TrackingOptionID'))?.toLowerCase();
    const optionName = str(field(entry, 'Option')) ?? '';
    const option = category.Options.find((o) => o.Status === 'ACTIVE' && (optionId ? o.TrackingOptionID === optionId : o.Name === optionName));
    if (!option) {
      pushOnce(errors, msg.lineTrackingOptionUnknown(optionId && !optionName ? optionId : optionName, category.Name));
      continue;
    }
    if (out.some((t) => t.TrackingCategoryID === category.TrackingCategoryID)) {
      pushOnce(errors, msg.lineTrackingSameCategory(category.Name));
      continue;
    }
    out.push({ Name: category.Name, Option: option.Name, TrackingCategoryID: category.TrackingCategoryID, TrackingOptionID: option.TrackingOptionID });
  }
  return out;
}
