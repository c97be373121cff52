/**
 * `POST /sandbox/organisation`: what an adviser changes in Xero's UI and the API cannot (POST /Organisation is 501,
 * xero-facts.md §3): the lock dates (Accounting → Advanced → Financial settings) and the currencies enabled beside the
 * base (Settings → Currencies; a plan with multi-currency). Checked whole before anything changes.
 */
import type { OrgState } from '../state/model';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]{3}$/;

type Body = { tenantId?: unknown; periodLockDate?: unknown; endOfYearLockDate?: unknown; extraCurrencies?: unknown };
export type OrganisationSettingsResult =
  | { error: string }
  | { tenantId: string; PeriodLockDate: string | null; EndOfYearLockDate: string | null; currencies: string[] };

function lockDate(name: string, value: unknown): { ok: true; value: string | undefined } | { ok: false; error: string } {
  if (value === null) return { ok: true, value: undefined };
  if (typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { ok: true, value };
  return { ok: false, error: `${name} must be a date YYYY-MM-DD, or null to clear it` };
}

export function applyOrganisationSettings(orgs: OrgState[], raw: unknown): OrganisationSettingsResult {
  const body = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Body;
  const org = orgs.find((o) => typeof body.tenantId === 'string' && o.organisation.OrganisationID === body.tenantId.toLowerCase());
  if (!org) return { error: 'tenantId must name an organisation of the sandbox' };
  const period = body.periodLockDate === undefined ? undefined : lockDate('periodLockDate', body.periodLockDate);
  const endOfYear = body.endOfYearLockDate === undefined ? undefined : lockDate('endOfYearLockDate', body.endOfYearLockDate);
  for (const r of [period, endOfYear]) if (r && !r.ok) return { error: r.error };
  const extra = body.extraCurrencies;
  if (extra !== undefined && !(Array.isArray(extra) && extra.every((c) => typeof c === 'string' && CODE.test(c)))) {
    return { error: 'extraCurrencies must be a list of three-letter currency codes, e.g. ["EUR"] ([] turns multi-currency off)' };
  }
  const o = org.organisation;
  if (period?.ok) o.PeriodLockDate = period.value;
  if (endOfYear?.ok) o.EndOfYearLockDate = endOfYear.value;
  if (extra !== undefined) org.currencies = [...new Set([o.BaseCurrency, ...(extra as string[])])];
  return { tenantId: o.OrganisationID, PeriodLockDate: o.PeriodLockDate ?? null, EndOfYearLockDate: o.EndOfYearLockDate ?? null, currencies: org.currencies };
}
