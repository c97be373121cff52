/**
 * Fault injection for resilience tests: by probability and/or for the next N matching requests, matched by method
 * and a path glob (`*` = any characters, case-insensitive). Kinds: 429 minute/day, 500, 503, added latency, a
 * connection dropped mid-response (the request is processed, the client sees a network error — the case
 * Idempotency-Key exists for), and `cut`: the answer's body ends half-way with no network error at all (see
 * server.ts), so the client must cope with a status it can read and a body it cannot.
 */
import { randomUUID } from 'node:crypto';

export const FAULT_KINDS = ['429-minute', '429-day', '500', '503', 'latency', 'drop', 'cut'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  method?: string;
  path?: string;
  probability?: number;
  count?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
  /** How many bytes of the body `drop` and `cut` send before ending; half the body when absent. */
  bodyBytes?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining?: number;
  fired: number;
}

export class FaultSpecError extends Error {}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function validateFaultSpec(raw: unknown): FaultSpec {
  if (typeof raw !== 'object' || raw === null) throw new FaultSpecError('a fault must be an object');
  const spec = raw as Record<string, unknown>;
  if (!FAULT_KINDS.includes(spec.kind as FaultKind)) throw new FaultSpecError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const optNumber = (name: string, min: number, max: number): number | undefined => {
    const v = spec[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new FaultSpecError(`${name} must be a number between ${min} and ${max}`);
    return v;
  };
  const optString = (name: string): string | undefined => {
    const v = spec[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new FaultSpecError(`${name} must be a string`);
    return v;
  };
  const result: FaultSpec = {
    kind: spec.kind as FaultKind,
    method: optString('method')?.toUpperCase(),
    path: optString('path'),
    probability: optNumber('probability', 0, 1),
    count: optNumber('count', 1, 1_000_000),
    latencyMs: optNumber('latencyMs', 0, 600_000),
    retryAfterSeconds: optNumber('retryAfterSeconds', 0, 86_400 * 2),
    bodyBytes: optNumber('bodyBytes', 0, 10 * 1024 * 1024),
  };
  if (result.bodyBytes !== undefined && !Number.isInteger(result.bodyBytes)) throw new FaultSpecError('bodyBytes must be a whole number');
  if (result.kind === 'latency' && result.latencyMs === undefined) throw new FaultSpecError('latency faults need latencyMs');
  return result;
}

export class FaultInjector {
  private faults: (Fault & { re?: RegExp })[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): Fault {
    const fault = { ...spec, id: randomUUID(), remaining: spec.count, fired: 0, re: spec.path ? globToRegExp(spec.path) : undefined };
    this.faults.push(fault);
    return this.describe(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => this.describe(f));
  }

  private describe(f: Fault & { re?: RegExp }): Fault {
    const { re: _re, ...rest } = f;
    return rest;
  }

  /** The first fault that matches and fires; consumes one of its `count`. */
  take(method: string, path: string): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    for (const f of this.faults) {
      if (f.method && f.method !== '*' && f.method !== method.toUpperCase()) continue;
      if (f.re && !f.re.test(path)) continue;
      if (f.probability !== undefined && this.random() >= f.probability) continue;
      f.fired++;
      if (f.remaining !== undefined) {
        f.remaining--;
        if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
      }
      return this.describe(f);
    }
    return undefined;
  }
}
