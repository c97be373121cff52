/**
 * Reading Xero outside a sync run (reconciliation): the same per-tenant rate limiter, retries and Retry-After handling
 * as a run's reads (`engine-calls.ts` read), the same organisation reference (tax rates, accounts, lock dates; kept
 * 10 minutes), and a count of the calls made. Writing stays with the run.
 */
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { silentLogger } from '../../log';
import type { Journal } from '../journal';
import { read, type CallContext } from './engine-calls';
import { ENGINE_DEFAULTS } from './engine-types';
import { OrgReferenceCache, type OrgReference } from './org-reference';
import { RateLimiters, realSleep, type Sleep } from './rate-limiter';
import { tenantNotChosen } from './run-prepare';
import type { SyncGateway } from './xero-gateway';

export interface XeroReaderDeps {
  journal(): Journal;
  gateway: SyncGateway;
  clock: Clock;
  log?: Logger;
  sleep?: Sleep;
}

export interface XeroReader {
  /** One read through the limiter, retried as a run's reads are; counted. */
  call<T>(run: () => Promise<T>): Promise<T>;
  /** The organisation's tax rates, accounts and lock dates (read at most every 10 minutes). */
  reference(): Promise<OrgReference>;
  /** Calls made so far. */
  calls(): number;
}

export function createXeroReader(deps: XeroReaderDeps): XeroReader {
  const sleep = deps.sleep ?? realSleep;
  const limiters = new RateLimiters({ clock: deps.clock, sleep, concurrent: 5, perMinute: ENGINE_DEFAULTS.perMinute });
  const references = new OrgReferenceCache(ENGINE_DEFAULTS.referenceTtlMs, () => deps.clock.now());
  const counter = { calls: 0 };
  const context = (): CallContext => {
    const tenant = deps.gateway.tenantId();
    if (!tenant) throw tenantNotChosen();
    return {
      journal: deps.journal(),
      gateway: deps.gateway,
      limiter: limiters.forTenant(tenant),
      clock: deps.clock,
      sleep,
      log: deps.log ?? silentLogger,
      runId: undefined,
      signal: new AbortController().signal,
      maxWaitSeconds: ENGINE_DEFAULTS.maxWaitSeconds,
      maxAttempts: ENGINE_DEFAULTS.maxAttempts,
      retryBaseMs: ENGINE_DEFAULTS.retryBaseMs,
      counter,
      changed: () => undefined,
    };
  };
  const call = <T>(run: () => Promise<T>): Promise<T> => read(context(), run);
  return {
    call,
    reference: () =>
      references.get(deps.gateway.tenantId() ?? '', async () => ({
        taxRates: await call(() => deps.gateway.taxRates()),
        accounts: await call(() => deps.gateway.accounts()),
        organisation: await call(() => deps.gateway.organisation()),
      })),
    calls: () => counter.calls,
  };
}
