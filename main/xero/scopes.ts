/**
 * Which scopes to ask for. Apps created on or after 2 March 2026 get granular scopes only; older apps may keep the
 * broad ones (`accounting.transactions`) until September 2027 — the `xero.scopes` setting picks. No `openid`: the
 * assistant validates no id_token, so it does not ask for one.
 */
export type ScopeMode = 'granular' | 'broad';

export const GRANULAR_SCOPES = ['offline_access', 'accounting.invoices', 'accounting.payments', 'accounting.contacts', 'accounting.settings.read'] as const;
export const BROAD_SCOPES = ['offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings.read'] as const;

/**
 * `settingsWrite`: the user agreed that tracking options their rules name are added to Xero (rules per course), which
 * needs `accounting.settings` instead of `.read` (OpenAPI createTrackingOptions). Asked for only then.
 */
export function scopeList(mode: ScopeMode, options: { settingsWrite?: boolean } = {}): string[] {
  const base: readonly string[] = mode === 'broad' ? BROAD_SCOPES : GRANULAR_SCOPES;
  return options.settingsWrite ? base.map((s) => (s === 'accounting.settings.read' ? 'accounting.settings' : s)) : [...base];
}

export function scopesFor(mode: ScopeMode, options: { settingsWrite?: boolean } = {}): string {
  return scopeList(mode, options).join(' ');
}
