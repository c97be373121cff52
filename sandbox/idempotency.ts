/**
 * Idempotency-Key on PUT/POST, per app: the first response (errors included) is replayed for 6 minutes; the same
 * key with a different request is refused with 400; a concurrent repeat waits for the first to finish.
 *
 * "Per app" is literal (xero-facts.md §6 and §9, quoting Xero's idempotency guide: keys are stored per app for 6
 * minutes, compared on method, URL and body, and error answers are cached too). The organisation is a header, not
 * part of what Xero compares: the same key and body sent to a second organisation within the window gets the first
 * organisation's answer back, replayed, not a fresh one and not a 400.
 */
import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import { validationException, type SandboxResponse } from './http/response';
import { msg } from './accounting/messages';
import type { IdempotencyRecord } from './state/model';

export const IDEMPOTENCY_TTL_MS = 6 * 60_000;
export const IDEMPOTENCY_KEY_MAX = 128;

export function fingerprint(parts: { method: string; path: string; query: string; body: string }): string {
  return createHash('sha256').update(`${parts.method}\n${parts.path.toLowerCase()}\n${parts.query}\n${parts.body}`).digest('hex');
}

export class IdempotencyStore {
  private readonly inFlight = new Map<string, Promise<SandboxResponse>>();

  constructor(
    private readonly records: () => Record<string, IdempotencyRecord>,
    private readonly clock: Clock,
    /** Told of every answer stored or dropped, so persistence can write just those. */
    private readonly onChange: (id: string) => void = () => undefined,
  ) {}

  async run(clientId: string, key: string, print: string, exec: () => Promise<SandboxResponse>): Promise<SandboxResponse> {
    if (key.length > IDEMPOTENCY_KEY_MAX) return validationException([], msg.idempotencyKeyTooLong);
    const id = `${clientId}\n${key}`;
    const pending = this.inFlight.get(id);
    if (pending) await pending.catch(() => undefined);
    const now = this.clock.now();
    const records = this.records();
    this.prune(records, now);
    const existing = records[id];
    if (existing) {
      if (existing.fingerprint !== print) return validationException([], msg.idempotencyKeyReused(key));
      return { status: existing.status, headers: { ...existing.headers }, body: existing.body };
    }
    const promise = exec();
    this.inFlight.set(id, promise);
    try {
      const response = await promise;
      const contentType = response.headers['content-type'];
      records[id] = {
        clientId,
        key,
        fingerprint: print,
        createdAt: now,
        status: response.status,
        headers: contentType ? { 'content-type': contentType } : {},
        body: response.body,
      };
      this.onChange(id);
      response.mutated = true;
      return response;
    } finally {
      this.inFlight.delete(id);
    }
  }

  private prune(records: Record<string, IdempotencyRecord>, now: number): void {
    for (const [id, rec] of Object.entries(records)) {
      if (now - rec.createdAt < IDEMPOTENCY_TTL_MS) continue;
      Reflect.deleteProperty(records, id);
      this.onChange(id);
    }
  }
}
