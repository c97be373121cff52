/**
 * Which scopes to ask for. Apps created on or after 2 March 2026 get granular scopes only; older apps may keep the
 * broad ones (`accounting.transactions`) until September 2027 — the `xero.scopes` setting picks. No `openid`: the
 * assistant validates no id_token, so it does not ask for one.
 */
export type ScopeMode = 'granular' | 'broad';

export const GRANULAR_SCOPES = ['offline_access', 'accounting.invoices', 'accounting.payments', 'accounting.contacts', 'accounting.settings.read'] as const;
export const BROAD_SCOPES = ['offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings.read'] as const;

export function scopesFor(mode: ScopeMode): string {
  return (mode === 'broad' ? BROAD_SCOPES : GRANULAR_SCOPES).join(' ');
}
