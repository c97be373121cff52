/**
 * What the planner needs from the organisation — its tax rates (the configured rate's name → TaxType code) and
 * chart of accounts (codes checked before sending) — read once and kept for a while, so a preview, a dry run and the
 * run after it do not each spend two calls on them.
 */
import type { Settings } from '../../../contract/contract';
import { DEFAULT_LOCKED_PERIOD_CHOICE, plannerSettingsFrom, type PlannerSettings, type TrackingCategoryInfo, type XeroTaxRate } from '../plan';
import type { XeroAccountInfo, XeroOrganisationInfo } from './xero-gateway';

export interface OrgReference {
  tenantId: string;
  taxRates: XeroTaxRate[];
  accounts: XeroAccountInfo[];
  /** Lock dates and base currency (GET /Organisation), which the plan guards against. */
  organisation?: XeroOrganisationInfo;
  /** GET /Currencies, read only when some transaction is in another currency than the base. */
  currencies?: string[];
  /** Read only when rules per course name tracking options. */
  trackingCategories?: TrackingCategoryInfo[];
  /** When it was read (clock ms). */
  at: number;
}

export function plannerSettingsFor(settings: Settings, reference: OrgReference, extra: Partial<PlannerSettings> = {}): PlannerSettings {
  return plannerSettingsFrom(settings, reference.taxRates, { ...guardsFor(settings, reference), ...extra }, reference.accounts, reference.trackingCategories);
}

/** The organisation's lock dates (with this profile's choice) and currencies, for the plan's guards. */
function guardsFor(settings: Settings, reference: OrgReference): Partial<PlannerSettings> {
  const org = reference.organisation;
  if (!org) return {};
  const guards: Partial<PlannerSettings> = {};
  if (org.periodLockDate || org.endOfYearLockDate) {
    guards.lockDates = {
      ...(org.periodLockDate ? { periodLockDate: org.periodLockDate } : {}),
      ...(org.endOfYearLockDate ? { endOfYearLockDate: org.endOfYearLockDate } : {}),
      choice: settings['sync.lockedPeriod'] ?? DEFAULT_LOCKED_PERIOD_CHOICE,
    };
  }
  if (org.baseCurrency) guards.currencies = { base: org.baseCurrency, ...(reference.currencies ? { enabled: reference.currencies } : {}) };
  return guards;
}

export class OrgReferenceCache {
  private cached: OrgReference | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(tenantId: string, load: () => Promise<Omit<OrgReference, 'tenantId' | 'at'>>): Promise<OrgReference> {
    const hit = this.cached;
    if (hit && hit.tenantId === tenantId && this.now() - hit.at < this.ttlMs) return hit;
    const loaded = await load();
    this.cached = { tenantId, ...loaded, at: this.now() };
    return this.cached;
  }

  clear(): void {
    this.cached = undefined;
  }
}
