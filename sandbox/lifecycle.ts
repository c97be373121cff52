/** Creating, resetting and re-seeding the world; shared by startSandbox and the /sandbox controls. */
import { randomHex } from './ids';
import type { Runtime } from './runtime';
import { buildClients, buildOrgs, buildUser, newAdminToken } from './state/build-state';
import type { SandboxState } from './state/model';
import type { SeedData } from './state/seed-types';
import { generateSigningKeyPem } from './identity/keys';

export async function createState(seed: SeedData, extraRedirectUris: string[], now: number, adminToken?: string): Promise<SandboxState> {
  const clients = buildClients(seed, extraRedirectUris);
  return {
    version: 1,
    clockOffsetMs: 0,
    adminToken: adminToken ?? newAdminToken(),
    signingKeyPem: await generateSigningKeyPem(),
    signingKeyId: randomHex(8),
    user: buildUser(seed),
    clients,
    orgs: buildOrgs(seed, clients, now),
    identity: { codes: [], accessTokens: {}, refreshTokens: {}, connections: [] },
    idempotency: {},
  };
}

export interface ResetOptions {
  /** Keep tokens and connections (the app stays connected) and only reset organisation data. */
  keepIdentity?: boolean;
}

/** Rebuilds orgs from the current seed; clients keep their IDs and secrets so a configured app keeps working. */
export function resetWorld(rt: Runtime, options: ResetOptions = {}): void {
  const state = rt.store.state;
  const now = rt.clock.now();
  state.clients = buildClients(rt.seed, rt.extraRedirectUris, state.clients);
  state.user = buildUser(rt.seed);
  state.orgs = buildOrgs(rt.seed, state.clients, now);
  if (!options.keepIdentity) state.identity = { codes: [], accessTokens: {}, refreshTokens: {}, connections: [] };
  else {
    const tenants = new Set(state.orgs.map((o) => o.organisation.OrganisationID));
    state.identity.connections = state.identity.connections.filter((c) => tenants.has(c.tenantId));
  }
  state.idempotency = {};
  rt.limiter.reset();
  rt.faults.clear();
  rt.log.clear();
  // A new world shares ids with the old one (tenants, accounts), so it is written whole rather than journalled.
  rt.store.compact();
}

export function reseed(rt: Runtime, seed: SeedData, options: ResetOptions = {}): void {
  // Validate by building first, so a bad seed leaves the running world untouched.
  const clients = buildClients(seed, rt.extraRedirectUris, rt.store.state.clients);
  buildOrgs(seed, clients, rt.clock.now());
  rt.seed = seed;
  resetWorld(rt, options);
}
