/**
 * In-process API: `startSandbox(options)` runs the Xero simulator on loopback and returns its base URL, admin token,
 * app credentials, tenants and controls. The CLI (`courseco-xero sandbox`) is a thin wrapper (sandbox/cli.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock, systemClock, type Clock } from './clock';
import { snapshot } from './controls/admin-routes';
import { invoiceDeepLink } from './controls/invoice-viewer';
import { FaultInjector, validateFaultSpec, type Fault, type FaultSpec } from './faults';
import { IdempotencyStore } from './idempotency';
import { loadSigningKey } from './identity/keys';
import { createState, reseed, resetWorld, type ResetOptions } from './lifecycle';
import { RateLimiter, XERO_LIMITS, type Limits } from './limits/rate-limiter';
import { RequestLog, type LoggedRequest } from './request-log';
import type { Runtime } from './runtime';
import { buildRouter, createRequestHandler } from './server';
import { buildClients } from './state/build-state';
import { DEFAULT_SEED } from './state/default-seed';
import type { ClientType, ScopeMode } from './state/model';
import type { SeedData } from './state/seed-types';
import { SandboxStore } from './state/store';

export type { SeedData, SeedClient, SeedOrganisation } from './state/seed-types';
export type { FaultSpec, Fault, FaultKind } from './faults';
export type { Clock } from './clock';
export { DEFAULT_SEED, IRISH_ORG, SEED_PRESETS, STERLING_SEED, UK_ORG, DEFAULT_LOOPBACK_REDIRECT_URIS, LEGACY_BROAD_SCOPE_CLIENT } from './state/default-seed';

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default; anything else must be asked for explicitly. */
  host?: string;
  /** Added to every app's registered redirect URIs (the assistant's loopback URIs are registered already). */
  redirectUris?: string[];
  /** 'xero' (default) enforces Xero's rate limits; 'off' disables them for benchmarks. */
  limits?: 'xero' | 'off';
  /**
   * Other limits than Xero's Starter tier: `{ perDay: 5000 }` for Core and above, `{ perDay: 20 }` to reach the day
   * limit quickly. The default daily limit is 1,000 per organisation (Starter, see limits/rate-limiter.ts).
   */
  rateLimits?: Partial<Limits>;
  /** Replaces the default world (two orgs, a Web app and a PKCE app). Ignored when `stateFile` already exists. */
  seed?: SeedData;
  /** Persist state here (atomic writes) and reload it on start. */
  stateFile?: string;
  /** Base clock; the sandbox adds the offset moved by `advanceClock`. */
  clock?: Clock;
  /** Fix the admin token (random per run otherwise). */
  adminToken?: string;
  /** Randomness for probabilistic faults (tests can make them deterministic). */
  random?: () => number;
}

export interface SandboxClientInfo {
  clientId: string;
  clientSecret?: string;
  type: ClientType;
  name: string;
  scopeMode: ScopeMode;
  redirectUris: string[];
}

export interface SandboxTenantInfo {
  tenantId: string;
  name: string;
  shortCode: string;
}

export interface RunningSandbox {
  baseUrl: string;
  /** Accounting API base path for xero-node: `api.basePath = sandbox.apiBaseUrl`. */
  apiBaseUrl: string;
  adminToken: string;
  readonly clients: SandboxClientInfo[];
  readonly tenants: SandboxTenantInfo[];
  endpoints: { issuer: string; authorization: string; token: string; revocation: string; jwks: string; userinfo: string; connections: string };
  now(): number;
  advanceClock(seconds: number): void;
  reset(options?: ResetOptions): void;
  seed(data: SeedData, options?: ResetOptions): void;
  setLimits(mode: 'xero' | 'off'): void;
  addFault(spec: FaultSpec): Fault;
  /** The faults still armed (one with a count is gone once it has fired that many times). */
  faults(): Fault[];
  clearFaults(): void;
  requestLog(): LoggedRequest[];
  /** Everything `/sandbox/state` returns. */
  state(): Record<string, unknown>;
  invoiceUrl(tenantId: string, invoiceId: string): string;
  stop(): Promise<void>;
  server: Server;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const extraRedirectUris = options.redirectUris ?? [];
  const seed = options.seed ?? DEFAULT_SEED;
  const baseClock = options.clock ?? systemClock;

  const loaded = options.stateFile ? SandboxStore.load(options.stateFile) : undefined;
  const clock = new SandboxClock(baseClock, loaded?.clockOffsetMs ?? 0);
  const state = loaded ?? (await createState(seed, extraRedirectUris, clock.now(), options.adminToken));
  if (loaded) {
    // New --redirect-uri values still apply to a persisted world.
    state.clients = buildClients({ clients: state.clients.map((c) => ({ ...c, redirectUris: c.redirectUris })) }, extraRedirectUris, state.clients);
    if (options.adminToken) state.adminToken = options.adminToken;
  }
  const store = new SandboxStore(state, options.stateFile);
  const rt: Runtime = {
    store,
    clock,
    baseUrl: '',
    key: loadSigningKey(state.signingKeyPem),
    limiter: new RateLimiter(clock, options.limits !== 'off', { ...XERO_LIMITS, ...options.rateLimits }),
    idempotency: new IdempotencyStore(() => store.state.idempotency, clock, (id) => store.changedAnswer(id)),
    faults: new FaultInjector(options.random),
    log: new RequestLog(),
    seed,
    extraRedirectUris,
  };
  const server = createServer({ keepAliveTimeout: 30_000 }, createRequestHandler(rt, buildRouter(rt)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  rt.baseUrl = `http://${formatHost(host)}:${port}`;
  // Folds a loaded journal (and any torn last line) into one fresh snapshot.
  store.compact();

  const base = rt.baseUrl;
  return {
    baseUrl: base,
    apiBaseUrl: `${base}/api.xro/2.0`,
    adminToken: state.adminToken,
    get clients() {
      return store.state.clients.map((c) => ({ ...c, redirectUris: [...c.redirectUris] }));
    },
    get tenants() {
      return store.state.orgs.map((o) => ({ tenantId: o.organisation.OrganisationID, name: o.organisation.Name, shortCode: o.organisation.ShortCode }));
    },
    endpoints: {
      issuer: base,
      authorization: `${base}/identity/connect/authorize`,
      token: `${base}/connect/token`,
      revocation: `${base}/connect/revocation`,
      jwks: `${base}/.well-known/openid-configuration/jwks`,
      userinfo: `${base}/connect/userinfo`,
      connections: `${base}/connections`,
    },
    now: () => clock.now(),
    advanceClock(seconds) {
      clock.advance(seconds);
      store.state.clockOffsetMs = clock.offset;
      store.flush();
    },
    reset(resetOptions) {
      resetWorld(rt, resetOptions);
    },
    seed(data, resetOptions) {
      reseed(rt, data, resetOptions);
    },
    setLimits(mode) {
      rt.limiter.enabled = mode !== 'off';
    },
    addFault: (spec) => rt.faults.add(validateFaultSpec(spec)),
    faults: () => rt.faults.list(),
    clearFaults: () => rt.faults.clear(),
    requestLog: () => rt.log.list(),
    state: () => snapshot(rt),
    invoiceUrl(tenantId, invoiceId) {
      const org = store.state.orgs.find((o) => o.organisation.OrganisationID === tenantId.toLowerCase());
      if (!org) throw new Error(`unknown tenant ${tenantId}`);
      return invoiceDeepLink(base, org.organisation.ShortCode, invoiceId);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        store.flush();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    server,
  };
}
