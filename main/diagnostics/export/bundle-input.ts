/**
 * What a support bundle may contain, as types that have no field for a secret or a token: the report, the app's
 * identity, the non-secret settings with IDs masked, the connection's state (times and ages only), and the recent
 * sync log. `collectBundleInput` fills it from the services without ever touching the keychain's secrets (it reads
 * neither the client secret nor the token set), and masks every string once more (e-mails, IDs, token-shaped text).
 */
import type { AppInfo, ConnectionStatus, Settings } from '../../../contract/contract';
import type { Journal, SyncRun, TransactionStatus } from '../../sync/journal';
import type { ConnectionService } from '../../xero/connection-service';
import { maskDeep, maskId } from '../masking';
import type { DiagnosticsReport } from '../types';

export const BUNDLE_SCHEMA_VERSION = 1;

export interface BundleSettings {
  courseCoDomain?: string;
  issuer: string;
  apiOrigin: string;
  scopes: string;
  oauthPorts: string;
  /** Masked: first 4 … last 4. */
  clientId: string;
  /** Masked: first 4 … last 4. */
  tenantId: string;
  expectedOrganisation?: string;
  invoiceAccountCode?: string;
  paymentAccountCode?: string;
  taxRateName?: string;
  invoiceStatus: string;
}

/** The connection's status without the Tenant ID, the organisation's details or the last check: times and ages only. */
export type BundleConnection = Pick<
  ConnectionStatus,
  'state' | 'organisationName' | 'appType' | 'accessTokenExpiresAt' | 'refreshTokenIssuedAt' | 'refreshTokenAgeDays' | 'scopes' | 'reason'
>;

/** A sync run as the journal records it: counts and outcome only, nothing secret to leave out. */
export type BundleRun = SyncRun;

export interface BundleFailure {
  transactionId: string;
  status: TransactionStatus;
  date: string;
  attempts: number;
  lastError: string | null;
  lastErrorDetails: string[];
  updatedAt: string;
}

export interface SupportBundleInput {
  schemaVersion: typeof BUNDLE_SCHEMA_VERSION;
  generatedAt: string;
  /** The app's identity without its data directory (a path on the person's disk). */
  app: Omit<AppInfo, 'dataDir' | 'versions'> & { versions: Record<string, string> };
  report: DiagnosticsReport;
  settings: BundleSettings;
  connection: BundleConnection;
  syncLog: { counts: Record<string, number>; runs: BundleRun[]; recentFailures: BundleFailure[] };
}

export interface CollectDeps {
  settings: { all(): Settings };
  connection: Pick<ConnectionService, 'status'>;
  journal(): Journal;
  clock: { now(): number };
  app: SupportBundleInput['app'];
}

function bundleSettings(s: Settings): BundleSettings {
  const out: BundleSettings = {
    issuer: s['xero.issuer'],
    apiOrigin: s['xero.apiOrigin'],
    scopes: s['xero.scopes'],
    oauthPorts: s['oauth.ports'],
    clientId: maskId(s['xero.clientId']),
    tenantId: maskId(s['xero.tenantId']),
    invoiceStatus: s['xero.invoiceStatus'],
  };
  if (s['courseco.domain']) out.courseCoDomain = s['courseco.domain'];
  if (s['xero.expectedOrganisation']) out.expectedOrganisation = s['xero.expectedOrganisation'];
  if (s['xero.invoiceAccountCode']) out.invoiceAccountCode = s['xero.invoiceAccountCode'];
  if (s['xero.paymentAccountCode']) out.paymentAccountCode = s['xero.paymentAccountCode'];
  if (s['xero.taxRateName']) out.taxRateName = s['xero.taxRateName'];
  return out;
}

export async function collectBundleInput(deps: CollectDeps, report: DiagnosticsReport): Promise<SupportBundleInput> {
  const status = await deps.connection.status();
  const connection: BundleConnection = { state: status.state };
  if (status.organisationName) connection.organisationName = status.organisationName;
  if (status.appType) connection.appType = status.appType;
  if (status.accessTokenExpiresAt) connection.accessTokenExpiresAt = status.accessTokenExpiresAt;
  if (status.refreshTokenIssuedAt) connection.refreshTokenIssuedAt = status.refreshTokenIssuedAt;
  if (status.refreshTokenAgeDays !== undefined) connection.refreshTokenAgeDays = status.refreshTokenAgeDays;
  if (status.scopes) connection.scopes = status.scopes;
  if (status.reason) connection.reason = status.reason;

  const journal = deps.journal();
  const { orphanPayments, total, ...byStatus } = journal.counts();
  const runs: BundleRun[] = journal.listRuns(20);
  const recentFailures: BundleFailure[] = journal.list({ status: 'failed', limit: 50 }).rows.map((row) => ({
    transactionId: row.transactionId,
    status: row.status,
    date: row.date,
    attempts: row.attempts,
    lastError: row.lastError,
    lastErrorDetails: row.lastErrorDetails,
    updatedAt: row.updatedAt,
  }));
  return maskDeep({
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    generatedAt: new Date(deps.clock.now()).toISOString(),
    app: deps.app,
    report,
    settings: bundleSettings(deps.settings.all()),
    connection,
    syncLog: { counts: { ...byStatus, total, orphanPayments }, runs, recentFailures },
  });
}
