/**
 * The Accounting API, through xero-node 20.0.0's `AccountingApi` (exact pin: 20.0 shifted positional parameters) with
 * what the SDK lacks: `basePath` from the API origin the connection service started with, a per-request timeout, the
 * access token from the token service (renewed once on a 401 TokenExpired), errors parsed from xero-node's JSON
 * strings into XeroApiError, Idempotency-Key passed through, and the rate-limit headers of every answer recorded per
 * tenant.
 *
 * Each call gets its own AccountingApi instance whose "default authentication" hook sets the Authorization header and
 * the timeout on that request only: no shared mutable token, no global axios defaults. Raw errors are never logged.
 */
import type { AccountingApi, Accounts, Contacts, Invoices, Organisation, Payments, TaxRates } from 'xero-node';
import type { OrganisationDetails } from '../../contract/contract';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../log';
import type { TokenService } from './token-service';
import { parseXeroNodeError, readRateLimits, XeroApiError, type HeaderBag, type RateLimitSnapshot } from './xero-client-errors';
import { DomainError } from '../errors';

export const DEFAULT_API_TIMEOUT_MS = 30_000;

export interface XeroClientDeps {
  tokens: TokenService;
  apiOrigin: () => string;
  /** The tenant used when a call names none (the `xero.tenantId` setting). */
  tenantId: () => string | undefined;
  clock: Clock;
  log?: Logger;
  timeoutMs?: number;
}

interface SdkResult<T> {
  response: { headers?: unknown; status?: number };
  body: T;
}

export interface CallOptions {
  tenantId?: string;
}

export interface WriteOptions extends CallOptions {
  /** Sent as `Idempotency-Key` (≤128 characters); a retry with the same key cannot create a duplicate. */
  idempotencyKey?: string;
  /** false: Xero answers 200 with per-element errors instead of failing the whole batch. */
  summarizeErrors?: boolean;
}

export interface XeroClient {
  /** Runs one AccountingApi call with token, tenant, timeout, error parsing and rate-limit recording. */
  call<T>(operation: string, run: (api: AccountingApi, tenantId: string) => Promise<SdkResult<T>>, options?: CallOptions): Promise<T>;
  getOrganisation(options?: CallOptions): Promise<OrganisationDetails>;
  getAccounts(where?: string, options?: CallOptions): Promise<Accounts>;
  getTaxRates(where?: string, options?: CallOptions): Promise<TaxRates>;
  getContacts(where?: string, options?: CallOptions): Promise<Contacts>;
  createContacts(contacts: Contacts, options?: WriteOptions): Promise<Contacts>;
  createInvoices(invoices: Invoices, options?: WriteOptions): Promise<Invoices>;
  createPayments(payments: Payments, options?: WriteOptions): Promise<Payments>;
  /** The last rate-limit headers Xero sent for a tenant. */
  rateLimits(tenantId?: string): RateLimitSnapshot | undefined;
}

let sdk: Promise<typeof import('xero-node')> | undefined;
/** xero-node loads every API and model (~200 ms), so only when the first call is made. */
const loadSdk = () => (sdk ??= import('xero-node'));

function tenantMissing(): DomainError {
  return new DomainError('TenantNotChosen', {
    message: 'No Xero organisation is chosen yet, so the assistant does not know which one to ask.',
    fix: 'Connect to Xero and choose the organisation CourseCo uses.',
  });
}

export function summariseOrganisation(tenantId: string, org: Organisation): OrganisationDetails {
  const summary: OrganisationDetails = { tenantId, name: org.name ?? '(unnamed organisation)' };
  if (org.organisationID) summary.organisationId = org.organisationID;
  if (org.legalName) summary.legalName = org.legalName;
  // The SDK's enum types are numeric in its .d.ts, but the values are Xero's strings at run time.
  if (org.countryCode !== undefined) summary.countryCode = String(org.countryCode);
  if (org.baseCurrency !== undefined) summary.baseCurrency = String(org.baseCurrency);
  if (org.shortCode) summary.shortCode = org.shortCode;
  if (org.version !== undefined) summary.version = String(org.version);
  if (org.organisationStatus) summary.organisationStatus = org.organisationStatus;
  if (org.isDemoCompany !== undefined) summary.isDemoCompany = org.isDemoCompany;
  return summary;
}

export function createXeroClient(deps: XeroClientDeps): XeroClient {
  const log = deps.log ?? silentLogger;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  const limits = new Map<string, RateLimitSnapshot>();

  const basePath = () => `${deps.apiOrigin().replace(/\/+$/, '')}/api.xro/2.0`;

  const record = (tenantId: string, snapshot: RateLimitSnapshot | undefined) => {
    if (!snapshot) return;
    limits.set(tenantId, snapshot);
    log.debug('xero: rate limits', { tenant: tenantId.slice(0, 8), ...snapshot });
  };

  const attempt = async <T>(
    operation: string,
    run: (api: AccountingApi, tenantId: string) => Promise<SdkResult<T>>,
    tenantId: string,
    accessToken: string,
  ): Promise<T> => {
    const { AccountingApi } = await loadSdk();
    const api = new AccountingApi(basePath());
    api.setDefaultAuthentication({
      applyToRequest(request) {
        request.timeout = timeoutMs;
        // Xero's Accounting API answers, it does not redirect; a redirect followed would carry the Bearer token and
        // the tenant id to wherever it pointed, so a 3xx fails the call instead.
        request.maxRedirects = 0;
        const headers = (request.headers ?? {}) as Record<string, string>;
        headers.Authorization = `Bearer ${accessToken}`;
        request.headers = headers;
      },
    });
    try {
      const result = await run(api, tenantId);
      record(tenantId, readRateLimits((result.response.headers ?? {}) as HeaderBag, deps.clock.now()));
      return result.body;
    } catch (thrown) {
      const error = parseXeroNodeError(thrown, operation, tenantId, deps.clock.now());
      if (error instanceof XeroApiError) record(tenantId, error.rateLimits);
      throw error;
    }
  };

  const call: XeroClient['call'] = async (operation, run, options) => {
    const tenantId = options?.tenantId ?? deps.tenantId();
    if (!tenantId) throw tenantMissing();
    const token = await deps.tokens.accessToken();
    try {
      return await attempt(operation, run, tenantId, token);
    } catch (error) {
      if (error instanceof XeroApiError && error.renewalMayCure) {
        log.info('xero: access token refused (expired, or a 401 that could not be read); renewing once and retrying', { operation, kind: error.kind });
        const renewed = await deps.tokens.renewAfterRejection(token);
        return attempt(operation, run, tenantId, renewed);
      }
      if (error instanceof XeroApiError) log.warn('xero: call failed', { operation, kind: error.kind, status: error.status });
      throw error;
    }
  };

  return {
    call,
    async getOrganisation(options) {
      const body = await call('GET /Organisation', (api, tenant) => api.getOrganisations(tenant), options);
      const org = body.organisations?.[0];
      const tenantId = options?.tenantId ?? deps.tenantId() ?? '';
      if (!org) {
        throw XeroApiError.fromResponse({ status: 502, body: 'GET /Organisation answered without an organisation.', headers: {}, operation: 'GET /Organisation' });
      }
      return summariseOrganisation(tenantId, org);
    },
    getAccounts: (where, options) => call('GET /Accounts', (api, tenant) => api.getAccounts(tenant, undefined, where), options),
    getTaxRates: (where, options) => call('GET /TaxRates', (api, tenant) => api.getTaxRates(tenant, where), options),
    getContacts: (where, options) => call('GET /Contacts', (api, tenant) => api.getContacts(tenant, undefined, where), options),
    createContacts: (contacts, options) =>
      call('PUT /Contacts', (api, tenant) => api.createContacts(tenant, contacts, options?.summarizeErrors, options?.idempotencyKey), options),
    createInvoices: (invoices, options) =>
      call('PUT /Invoices', (api, tenant) => api.createInvoices(tenant, invoices, options?.summarizeErrors, undefined, options?.idempotencyKey), options),
    createPayments: (payments, options) =>
      call('PUT /Payments', (api, tenant) => api.createPayments(tenant, payments, options?.summarizeErrors, options?.idempotencyKey), options),
    rateLimits: (tenantId) => {
      const id = tenantId ?? deps.tenantId();
      return id ? limits.get(id) : undefined;
    },
  };
}
