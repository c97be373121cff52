/**
 * What the checks observe, gathered lazily and at most once per run, so independent checks can run concurrently
 * without repeating calls: the settings, the token state (expiry times and ages only), `GET /connections` with Xero's
 * `Date` header, the organisation, the chart of accounts and the tax rates. Every failure is kept as a value; nothing
 * here throws at a check. Tokens are used for the calls and never stored in a fact.
 */
import type { AppInfo, HostKind, OrganisationDetails, Settings } from '../../contract/contract';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';
import type { Journal } from '../sync/journal';
import type { ConnectionService } from '../xero/connection-service';
import type { XeroConnection } from '../xero/connections';
import type { TokenState } from '../xero/token-service';

export interface DiagnosticsDeps {
  host: HostKind;
  dataDir: string;
  settings: SettingsStore;
  keychain: Keychain;
  /** The app's clock (token ages, timestamps). */
  clock: Clock;
  /** The computer's own clock, compared with Xero's `Date` header; defaults to the system clock. */
  wallClock?: Clock;
  connection: ConnectionService;
  journal(): Journal;
  appVersion: string;
  /** Runtime versions; defaults to process.versions. */
  versions?: AppInfo['versions'];
}

/** A failure as the checks see it: the DomainError's words, never the raw error. */
export interface Problem {
  kind: string;
  message: string;
  fix?: string;
  evidence?: string;
}

export type Observed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface ConnectionsSeen {
  connections: XeroConnection[];
  /** Xero's `Date` header (epoch ms) and the local wall-clock time halfway through the request. */
  serverDate?: number;
  localMidpoint: number;
}

export interface AccountSeen {
  accountId?: string;
  /** '' for a bank account left without a code in Xero. */
  code: string;
  name: string;
  type: string;
  status: string;
  className?: string;
  systemAccount?: string;
  taxType?: string;
  enablePaymentsToAccount: boolean;
}

export interface TaxRateSeen {
  name: string;
  taxType: string;
  status: string;
  effectiveRate?: number;
  canApplyToRevenue?: boolean;
}

export interface Facts {
  readonly deps: DiagnosticsDeps;
  settings(): Settings;
  /** The token state read before any call of this run (so a refresh during the run cannot hide the old age). */
  tokenState(): Promise<TokenState>;
  connections(): Promise<Observed<ConnectionsSeen>>;
  /** The configured tenant, if it is one of the current connections. */
  tenant(): Promise<Observed<{ tenantId: string; name: string }>>;
  organisation(): Promise<Observed<OrganisationDetails>>;
  accounts(): Promise<Observed<AccountSeen[]>>;
  taxRates(): Promise<Observed<TaxRateSeen[]>>;
  /** GET /Currencies: the codes the organisation takes (its base and any enabled with multi-currency). */
  currencies(): Promise<Observed<string[]>>;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof DomainError) {
    const problem: Problem = { kind: error.kind, message: error.message };
    if (error.fix) problem.fix = error.fix;
    if (error.evidence) problem.evidence = error.evidence;
    return problem;
  }
  return { kind: 'Error', message: error instanceof Error ? error.message.slice(0, 300) : 'unknown failure' };
}

async function observe<T>(run: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function gatherFacts(deps: DiagnosticsDeps): Facts {
  const wall = deps.wallClock ?? { now: () => Date.now() };
  const { connection } = deps;
  let settingsSnapshot: Settings | undefined;
  const settings = () => (settingsSnapshot ??= deps.settings.all());

  const tokenState = once(() => connection.tokens.state());

  const connections = once(() =>
    observe(async (): Promise<ConnectionsSeen> => {
      await tokenState();
      const started = wall.now();
      const answer = await connection.readConnections();
      const seen: ConnectionsSeen = { connections: answer.connections, localMidpoint: Math.round((started + wall.now()) / 2) };
      if (answer.serverDate !== undefined) seen.serverDate = answer.serverDate;
      return seen;
    }),
  );

  const tenant = once(async (): Promise<Observed<{ tenantId: string; name: string }>> => {
    const tenantId = settings()['xero.tenantId'];
    if (!tenantId) return { ok: false, problem: { kind: 'TenantNotChosen', message: 'the Tenant ID is empty' } };
    const seen = await connections();
    if (!seen.ok) return seen;
    const match = seen.value.connections.find((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase());
    if (!match) return { ok: false, problem: { kind: 'TenantNotConnected', message: 'the Tenant ID is not one of the connected organisations' } };
    return { ok: true, value: { tenantId: match.tenantId, name: match.tenantName ?? match.tenantId } };
  });

  /** Runs an Accounting API call only when the tenant is usable; otherwise says why not. */
  const withTenant = <T>(run: (tenantId: string) => Promise<T>) =>
    once(async (): Promise<Observed<T>> => {
      const t = await tenant();
      if (!t.ok) return t;
      return observe(() => run(t.value.tenantId));
    });

  const organisation = withTenant((tenantId) => connection.xero.getOrganisation({ tenantId }));

  const accounts = withTenant(async (tenantId) => {
    const body = await connection.xero.getAccounts(undefined, { tenantId });
    return (body.accounts ?? []).map((a): AccountSeen => {
      const seen: AccountSeen = {
        code: str(a.code),
        name: str(a.name),
        type: str(a.type),
        status: str(a.status),
        enablePaymentsToAccount: a.enablePaymentsToAccount === true,
      };
      if (a.accountID) seen.accountId = a.accountID;
      if (a._class !== undefined) seen.className = str(a._class);
      if (a.taxType) seen.taxType = a.taxType;
      if (a.systemAccount !== undefined && a.systemAccount !== null) seen.systemAccount = str(a.systemAccount);
      return seen;
    });
  });

  const taxRates = withTenant(async (tenantId) => {
    const body = await connection.xero.getTaxRates(undefined, { tenantId });
    return (body.taxRates ?? []).map((r): TaxRateSeen => {
      const seen: TaxRateSeen = { name: str(r.name), taxType: str(r.taxType), status: str(r.status) };
      if (typeof r.effectiveRate === 'number') seen.effectiveRate = r.effectiveRate;
      if (typeof r.canApplyToRevenue === 'boolean') seen.canApplyToRevenue = r.canApplyToRevenue;
      return seen;
    });
  });

  const currencies = withTenant(async (tenantId) => {
    const body = await connection.xero.call('GET /Currencies', (api, t) => api.getCurrencies(t), { tenantId });
    return (body.currencies ?? []).map((c) => str(c.code)).filter(Boolean);
  });

  return { deps, settings, tokenState, connections, tenant, organisation, accounts, taxRates, currencies };
}
