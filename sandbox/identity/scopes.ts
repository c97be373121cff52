/**
 * Scopes an app may request and the scopes each Accounting endpoint needs. Apps created on/after 2 Mar 2026 get
 * granular scopes only ("granular" mode); older apps ("broad" mode) may also request the deprecated broad ones.
 */
import type { ClientApp } from '../state/model';

export const IDENTITY_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

const withRead = (names: string[]) => names.flatMap((n) => [n, `${n}.read`]);

export const GRANULAR_SCOPES = [
  ...withRead([
    'accounting.invoices',
    'accounting.payments',
    'accounting.banktransactions',
    'accounting.manualjournals',
    'accounting.classicexpenses',
    'accounting.settings',
    'accounting.contacts',
    'accounting.attachments',
  ]),
  'accounting.journals.read',
  'accounting.budgets.read',
  'accounting.reports.tenninetynine.read',
  ...['aged', 'balancesheet', 'banksummary', 'budgetsummary', 'executivesummary', 'profitandloss', 'trialbalance', 'taxreports'].map(
    (r) => `accounting.reports.${r}.read`,
  ),
  'paymentservices',
];

export const BROAD_ONLY_SCOPES = [...withRead(['accounting.transactions']), 'accounting.reports.read'];

export function allowedScopes(client: ClientApp): Set<string> {
  return new Set([...IDENTITY_SCOPES, ...GRANULAR_SCOPES, ...(client.scopeMode === 'broad' ? BROAD_ONLY_SCOPES : [])]);
}

export function parseScopes(raw: string | undefined | null): string[] {
  return [...new Set((raw ?? '').split(/[\s+]+/).filter((s) => s.length > 0))];
}

export type ApiResource = 'settings' | 'contacts' | 'invoices' | 'payments';

const ACCEPTED: Record<ApiResource, { write: string[]; read: string[] }> = {
  settings: { write: ['accounting.settings'], read: ['accounting.settings', 'accounting.settings.read'] },
  contacts: { write: ['accounting.contacts'], read: ['accounting.contacts', 'accounting.contacts.read'] },
  invoices: {
    write: ['accounting.invoices', 'accounting.transactions'],
    read: ['accounting.invoices', 'accounting.invoices.read', 'accounting.transactions', 'accounting.transactions.read'],
  },
  payments: {
    write: ['accounting.payments', 'accounting.transactions'],
    read: ['accounting.payments', 'accounting.payments.read', 'accounting.transactions', 'accounting.transactions.read'],
  },
};

export function scopeAllows(granted: readonly string[], resource: ApiResource, write: boolean): boolean {
  const accepted = ACCEPTED[resource][write ? 'write' : 'read'];
  return granted.some((s) => accepted.includes(s));
}
