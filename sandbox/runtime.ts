/** Everything a request handler may touch, built once per running sandbox (no module-level singletons). */
import type { SandboxClock } from './clock';
import type { FaultInjector } from './faults';
import type { IdempotencyStore } from './idempotency';
import type { SigningKey } from './identity/keys';
import type { RateLimiter } from './limits/rate-limiter';
import type { RequestLog } from './request-log';
import type { SeedData } from './state/seed-types';
import type { SandboxStore } from './state/store';

export interface Runtime {
  store: SandboxStore;
  clock: SandboxClock;
  /** Base URL, also the OpenID issuer. Known once the server listens. */
  baseUrl: string;
  key: SigningKey;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  log: RequestLog;
  seed: SeedData;
  extraRedirectUris: string[];
}
