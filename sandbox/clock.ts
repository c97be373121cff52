/**
 * The sandbox's notion of "now". Tests and the `/sandbox/clock` control move it forward so that token expiry,
 * code expiry, idempotency expiry and rate-limit windows can be exercised without waiting.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A base clock plus an offset that only ever grows (Xero's clock never goes backwards either). */
export class SandboxClock implements Clock {
  constructor(
    private readonly base: Clock,
    private offsetMs = 0,
  ) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a non-negative number');
    this.offsetMs += Math.round(seconds * 1000);
  }

  get offset(): number {
    return this.offsetMs;
  }
}
