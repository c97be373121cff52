/**
 * Whether a profile can sync at all yet, read locally (settings and the connection's state; no call to Xero): the
 * console keeps Sync off until then and says what is missing in plain words, beside the way to Setup. The same four
 * things a run would otherwise stop on (run-prepare.ts, planner-settings.ts), asked before the person presses Sync.
 */
import type { SyncReadiness } from '../../../contract/features/sync';

export interface ReadinessFacts {
  /** A Xero app's Client ID is stored. */
  credentials: boolean;
  /** The connection's state (contract `ConnectionState`). */
  connection: 'not-configured' | 'disconnected' | 'connecting' | 'connected' | 'reconnect-needed';
  tenantId: string | undefined;
  invoiceAccountCode: string | undefined;
  /** A payment account is chosen (by AccountID or code). */
  paymentAccount: boolean;
}

const WORDS: Record<SyncReadiness['missing'][number], string> = {
  credentials: 'the Xero app’s details are not entered yet',
  connection: 'the assistant is not connected to Xero',
  organisation: 'no Xero organisation is chosen yet',
  accounts: 'the Xero accounts for course sales and for payments are not chosen yet',
};

/** The same, as what is left to do in Setup: a screen lists these under one short lead. */
const TODO: Record<SyncReadiness['missing'][number], string> = {
  credentials: 'Enter the Xero app’s Client ID and Secret',
  connection: 'Connect to Xero',
  organisation: 'Choose the Xero organisation',
  accounts: 'Choose the accounts for course sales and for payments',
};

export function syncReadiness(facts: ReadinessFacts): SyncReadiness {
  const missing: SyncReadiness['missing'] = [];
  if (!facts.credentials) missing.push('credentials');
  if (facts.connection !== 'connected') missing.push('connection');
  if (!facts.tenantId) missing.push('organisation');
  if (!facts.invoiceAccountCode || !facts.paymentAccount) missing.push('accounts');
  if (missing.length === 0) return { ready: true, missing };
  const renew = facts.credentials && facts.connection === 'reconnect-needed';
  const first = renew ? 'the connection to Xero has to be renewed' : WORDS[missing[0]!];
  const rest = missing.slice(1).map((m) => WORDS[m]);
  const list = [first, ...rest];
  const said = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}`;
  return {
    ready: false,
    missing,
    reason: `Nothing can be sent yet: ${said}.`,
    fix: renew ? 'Connect to Xero again in Setup; settings and synced data are kept.' : 'Finish Setup (connect to Xero, choose the organisation and the accounts), then sync.',
    lead: 'Finish Setup before sending to Xero.',
    todo: missing.map((m) => (m === 'connection' && renew ? 'Connect to Xero again (settings and synced data are kept)' : TODO[m])),
  };
}
