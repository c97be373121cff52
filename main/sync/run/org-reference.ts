/**
 * What the planner needs from the organisation — its tax rates (the configured rate's name → TaxType code) and
 * chart of accounts (codes checked before sending) — read once and kept for a while, so a preview, a dry run and the
 * run after it do not each spend two calls on them.
 */
import type { Settings } from '../../../contract/contract';
import { plannerSettingsFrom, type PlannerSettings, type TrackingCategoryInfo, type XeroTaxRate } from '../plan';
import type { XeroAccountInfo } from './xero-gateway';

export interface OrgReference {
  tenantId: string;
  taxRates: XeroTaxRate[];
  accounts: XeroAccountInfo[];
  /** Read only when rules per course name tracking options. */
  trackingCategories?: TrackingCategoryInfo[];
  /** When it was read (clock ms). */
  at: number;
}

export function plannerSettingsFor(settings: Settings, reference: OrgReference, extra: Partial<PlannerSettings> = {}): PlannerSettings {
  return plannerSettingsFrom(settings, reference.taxRates, extra, reference.accounts, reference.trackingCategories);
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
