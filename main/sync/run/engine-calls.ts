/**
 * How one run talks to Xero: every call goes through the tenant's rate limiter and is counted; failures are sorted
 * into what to do next; and each batch write is made crash-safe.
 *
 * A batch write: the intent (kind, members, Idempotency-Key) is written to the journal before the request may leave
 * and marked sent just before it does. Then —
 * - 429: wait Retry-After (nothing was processed) and send the same request again; too long a wait ends the run.
 * - no answer (network, timeout, dropped connection): processed or not, we cannot tell; the same request with the
 *   same key is safe to repeat while Xero still remembers the key (6 minutes), so retry with backoff; after that,
 *   read Xero first.
 * - 5xx: Xero answered with an error it also remembers for the key, and may have saved part of the batch: read Xero,
 *   record what is there, and send the rest under a new key. (503 comes from Xero's front door: plain retry.)
 * - "Idempotency Key … used with a different request": read, then send the rest under a new key.
 * - 400 for the whole request: the members Xero complained about fail with its words; the rest go again.
 * - 401/403 and anything unexpected: the run stops; an intent that may have been processed stays open and the next
 *   run reads Xero before re-sending any of it.
 * The key is derived from the members' own keys plus the exact request body, so the same request always carries the
 * same key and a different one never does.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import { DomainError } from '../../errors';
import { describeError, type Logger } from '../../log';
import { XeroApiError } from '../../xero/xero-client-errors';
import { SAFE_REPLAY_MS } from './engine-types';
import { resetTimeInWords } from './daily-quota';
import { attributeRefusal } from './batch-refusal';
import { batchKey, payloadHash, type PlannedDocument } from '../plan';
import type { IntentKind, Journal } from '../journal';
import { LimiterAbortedError, type Sleep, type TenantRateLimiter } from './rate-limiter';
import { writeQuery, type SyncGateway, type WriteKind, type WrittenElement } from './xero-gateway';

/** All a call to Xero needs, and no more (built once per run by `run-context.ts`). */
export interface CallContext {
  journal: Journal;
  gateway: SyncGateway;
  limiter: TenantRateLimiter;
  clock: Clock;
  sleep: Sleep;
  log: Logger;
  runId: number | undefined;
  /** Aborted when the run is cancelled: queued calls are dropped, nothing new starts. */
  signal: AbortSignal;
  maxWaitSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Incremented for every request that leaves. */
  counter: { calls: number };
  /** Tells the run that progress (rate-limit state) changed. */
  changed(): void;
}

/** The run cannot go on (connection, daily limit, Xero down): it ends here and is resumable later. */
export class SyncHalted extends DomainError {
  constructor(kind: string, init: { message: string; fix?: string; evidence?: string; cause?: unknown }) {
    super(kind, init);
    this.name = 'SyncHalted';
  }
}

/** Cancelled by the user while waiting to send. */
export class SyncCancelled extends Error {
  constructor() {
    super('the sync was cancelled');
    this.name = 'SyncCancelled';
  }
}

type Classified =
  | { type: 'rate-limited'; seconds: number; problem: string | undefined }
  | { type: 'no-response' }
  | { type: 'server-error'; status: number; mayHaveSaved: boolean }
  | { type: 'key-conflict' }
  | { type: 'rejected'; message: string; details: string[]; problems: XeroApiError['validation']; elementCount: number }
  | { type: 'fatal'; error: Error };

export function classify(error: unknown): Classified {
  if (error instanceof XeroApiError) {
    if (error.status === 429) {
      const fallback = error.rateLimitProblem === 'day' ? 3600 : error.rateLimitProblem === 'concurrent' ? 1 : 60;
      return { type: 'rate-limited', seconds: error.retryAfterSeconds ?? fallback, problem: error.rateLimitProblem };
    }
    // No status, or a success status whose body never fully arrived (the connection dropped mid-response).
    if (error.status === 0 || (error.status >= 200 && error.status < 300)) return { type: 'no-response' };
    if (error.status >= 500) return { type: 'server-error', status: error.status, mayHaveSaved: error.status !== 503 };
    if (error.status === 400) {
      const details = error.validation.flatMap((p) => p.messages);
      const all = [error.detail ?? '', error.message, ...details].join(' ');
      if (/Idempotency Key: .* is used with a different request/i.test(all)) return { type: 'key-conflict' };
      return { type: 'rejected', message: error.message, details, problems: error.validation, elementCount: error.elementCount };
    }
    return { type: 'fatal', error };
  }
  if (error instanceof DomainError && error.kind === 'XeroUnreachable') return { type: 'no-response' };
  return { type: 'fatal', error: error instanceof Error ? error : new Error(String(error)) };
}

function halted(c: Classified & { type: 'fatal' }): SyncHalted {
  const e = c.error;
  if (e instanceof SyncHalted) return e;
  if (e instanceof DomainError) return new SyncHalted(e.kind, { message: e.message, ...(e.fix ? { fix: e.fix } : {}), ...(e.evidence ? { evidence: e.evidence } : {}), cause: e });
  return new SyncHalted('SyncFailed', { message: `The sync stopped: ${describeError(e)}`, fix: 'Run the sync again; if it keeps failing, export a diagnostics bundle.', cause: e });
}

/**
 * Xero's daily limit for the organisation is used up (a `day` 429): the run stops here, its place kept, and may go on
 * at `resumeAt`. How many calls a day Xero allows depends on the app's pricing tier, so it is never named here.
 */
export class DailyLimitReached extends SyncHalted {
  constructor(
    readonly resumeAt: number,
    readonly waitSeconds: number,
    init: { message: string; fix: string },
  ) {
    super('XeroDailyLimitReached', init);
    this.name = 'DailyLimitReached';
  }
}

function inWords(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} hours` : `${Math.max(1, Math.ceil(seconds / 60))} minutes`;
}

function dailyLimit(ctx: CallContext, seconds: number, problem: string | undefined): SyncHalted {
  if (problem === 'day') {
    ctx.limiter.dayLimitReached(seconds);
    const now = ctx.clock.now();
    return new DailyLimitReached(now + seconds * 1000, seconds, {
      message: `Xero's daily limit of calls for this organisation is used up; Xero allows more in ${inWords(seconds)} (about ${resetTimeInWords(now + seconds * 1000, now)}).`,
      fix: 'Nothing is lost: the transactions not sent yet stay ready, and the sync goes on from there after the reset.',
    });
  }
  return new SyncHalted('RateLimited', {
    message: `Xero asked the assistant to wait ${inWords(seconds)} before the next call.`,
    fix: 'Nothing is lost: the transactions not sent yet stay ready. Run the sync again after that time.',
  });
}

function unreachable(attempts: number, last: Classified): SyncHalted {
  // The status code is for the log (see the caller's warning), not for the person reading the stop.
  const what = last.type === 'server-error' ? 'Xero kept answering that it is unavailable' : 'Xero could not be reached';
  return new SyncHalted(last.type === 'server-error' ? 'XeroUnavailable' : 'XeroUnreachable', {
    message: `${what} (${attempts} attempts), so the sync stopped.`,
    ...(last.type === 'server-error' ? { evidence: `HTTP ${last.status}` } : {}),
    fix: 'Check the internet connection and Xero’s status page, then run the sync again: it checks Xero for anything already sent before sending the rest.',
  });
}

const backoff = (ctx: CallContext, attempt: number) => Math.min(30_000, ctx.retryBaseMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);

async function acquire(ctx: CallContext): Promise<() => void> {
  try {
    return await ctx.limiter.acquire(ctx.signal);
  } catch (error) {
    if (error instanceof LimiterAbortedError) throw new SyncCancelled();
    throw error;
  }
}

/** One request through the limiter, counted, with the answer's rate-limit headers observed. */
/** Thrown when a replay would reach Xero after its idempotency keys expired: the caller reads Xero first instead. */
class ReplayWindowPassed extends Error {}

/**
 * One request through the limiter. `stillSafe` is asked after the limiter's wait (which can be a long Retry-After),
 * immediately before sending: a request that was safe to replay when queued may not be by the time it goes.
 */
async function once<T>(ctx: CallContext, run: () => Promise<T>, stillSafe?: () => boolean): Promise<T> {
  const release = await acquire(ctx);
  if (stillSafe && !stillSafe()) {
    release();
    throw new ReplayWindowPassed();
  }
  ctx.counter.calls++;
  const started = ctx.clock.now();
  try {
    const value = await run();
    ctx.limiter.observe(ctx.gateway.rateLimits(), started);
    return value;
  } catch (error) {
    ctx.limiter.observe(error instanceof XeroApiError ? (error.rateLimits ?? ctx.gateway.rateLimits()) : ctx.gateway.rateLimits(), started);
    throw error;
  } finally {
    release();
    ctx.changed();
  }
}

/** A read: retried on 429 (after Retry-After), no answer and 5xx (with backoff); anything else stops the run. */
export async function read<T>(ctx: CallContext, run: () => Promise<T>): Promise<T> {
  let attempts = 0;
  for (;;) {
    try {
      return await once(ctx, run);
    } catch (error) {
      if (error instanceof SyncCancelled) throw error;
      const c = classify(error);
      if (c.type === 'rate-limited') {
        if (c.seconds > ctx.maxWaitSeconds) throw dailyLimit(ctx, c.seconds, c.problem);
        ctx.limiter.retryAfter(c.seconds);
        continue;
      }
      if (c.type === 'no-response' || c.type === 'server-error' || c.type === 'key-conflict') {
        attempts++;
        if (attempts >= ctx.maxAttempts) throw unreachable(attempts, c);
        await ctx.sleep(backoff(ctx, attempts));
        continue;
      }
      if (c.type === 'rejected') throw new SyncHalted('XeroBadRequest', { message: c.message, fix: 'Check the settings and run the sync again.' });
      throw halted(c);
    }
  }
}

/** A planned document with its Xero ids bound, ready to go in a batch. */
export interface BatchMember<P = unknown> {
  /** Contact ref, transaction id or payment id: what the intent records. */
  memberId: string;
  doc: PlannedDocument<P>;
  payload: unknown;
}

export type MemberResult = { ok: true; element: WrittenElement; id: string; linked: boolean } | { ok: false; element: WrittenElement };

/** One batch to send, with the two answers its phase gives (`phase-*.ts`): where to look when unsure, and how to record. */
export interface BatchRequest<P = unknown> {
  intentKind: IntentKind;
  writeKind: WriteKind;
  members: BatchMember<P>[];
  unitdp4?: boolean;
  /** For `batch-payments`: the deposit's Reference (the members are its payments; see phase-deposits.ts). */
  deposit?: { Reference: string };
  /**
   * Reads Xero for members whose fate is unknown; returns their Xero ids (with numbers) when found. Absent: a
   * repeat is harmless (updates), so nothing is read.
   */
  findExisting?: (members: BatchMember<P>[]) => Promise<Map<string, WrittenElement & { id: string }>>;
  /** Writes the members' results to the journal; the intent is resolved after it returns. */
  record: (results: Map<string, MemberResult>) => void;
}

/** Sends one batch to the end (saved, refused, found already there), or throws SyncHalted / SyncCancelled. */
export async function sendBatch<P>(ctx: CallContext, request: BatchRequest<P>): Promise<void> {
  let members = request.members;
  let intent: { batchId: string; key: string } | undefined;
  let salt = 0;
  let uncertainSince: number | undefined;
  let mustRead = false;
  let attempts = 0;
  let conflicts = 0;
  const query = writeQuery(request.writeKind, request.unitdp4 ?? false);

  /** Leaves the intent open when Xero may hold (part of) the batch; otherwise nothing reached Xero. */
  const settleIntentOnStop = () => {
    if (intent && uncertainSince === undefined) ctx.journal.markIntentResolved(intent.batchId, 'abandoned');
  };

  for (;;) {
    if (mustRead || (uncertainSince !== undefined && ctx.clock.now() - uncertainSince > SAFE_REPLAY_MS)) {
      if (request.findExisting) {
        const found = await request.findExisting(members);
        if (found.size > 0) {
          const results = new Map<string, MemberResult>();
          for (const [memberId, element] of found) results.set(memberId, { ok: true, element, id: element.id, linked: true });
          request.record(results);
          members = members.filter((m) => !found.has(m.memberId));
        }
      }
      if (intent) ctx.journal.markIntentResolved(intent.batchId, 'confirmed');
      intent = undefined;
      uncertainSince = undefined;
      mustRead = false;
      salt++;
      if (members.length === 0) return;
    }
    if (!intent) {
      const body = members.map((m) => m.payload);
      const memberKeys = members.map((m) => m.doc.idempotencyKey);
      // The key names the organisation (Xero keeps keys per app, not per organisation) and the attempt: a request Xero
      // refused is never sent again under its key, which would only get the old refusal back (xero-facts.md §6). A
      // repeat after a lost answer or a crash finds no refusal recorded, so it carries the same key as before.
      const sent = request.deposit ? { query, body, deposit: request.deposit } : { query, body };
      const base = [`tenant:${ctx.gateway.tenantId() ?? ''}`, ...memberKeys, payloadHash(sent), ...(salt > 0 ? [`again-${salt}`] : [])];
      let key = batchKey(request.intentKind, base);
      for (let attempt = 1; ctx.journal.keyRefused(key); attempt++) key = batchKey(request.intentKind, [...base, `attempt-${attempt}`]);
      intent = { batchId: randomUUID(), key };
      ctx.journal.recordIntent({ batchId: intent.batchId, ...(ctx.runId !== undefined ? { runId: ctx.runId } : {}), kind: request.intentKind, idempotencyKey: key, memberIds: members.map((m) => m.memberId) });
    }
    const started = ctx.clock.now();
    let elements: WrittenElement[];
    try {
      const current = intent;
      const payloads = members.map((m) => m.payload);
      const replayIsSafe = () => uncertainSince === undefined || ctx.clock.now() - uncertainSince <= SAFE_REPLAY_MS;
      elements = await once(
        ctx,
        () => {
          ctx.journal.markIntentSent(current.batchId);
          return ctx.gateway.write(request.writeKind, payloads, { idempotencyKey: current.key, unitdp4: request.unitdp4 ?? false, ...(request.deposit ? { deposit: request.deposit } : {}) });
        },
        replayIsSafe,
      );
    } catch (error) {
      if (error instanceof SyncCancelled) {
        settleIntentOnStop();
        throw error;
      }
      if (error instanceof ReplayWindowPassed) {
        // Xero may have forgotten the key by now: find what landed before sending anything again.
        mustRead = true;
        continue;
      }
      const c = classify(error);
      ctx.log.warn('sync: batch request failed', { kind: request.writeKind, members: members.length, failure: c.type, ...(c.type === 'server-error' ? { status: c.status } : {}) });
      if (c.type === 'rate-limited') {
        if (c.seconds > ctx.maxWaitSeconds) {
          settleIntentOnStop();
          throw dailyLimit(ctx, c.seconds, c.problem);
        }
        ctx.limiter.retryAfter(c.seconds);
        continue;
      }
      if (c.type === 'no-response' || c.type === 'server-error') {
        attempts++;
        if (c.type === 'no-response' || c.mayHaveSaved) uncertainSince ??= started;
        if (c.type === 'server-error' && c.mayHaveSaved) mustRead = true;
        if (attempts >= ctx.maxAttempts) {
          settleIntentOnStop();
          throw unreachable(attempts, c);
        }
        await ctx.sleep(backoff(ctx, attempts), ctx.signal);
        continue;
      }
      if (c.type === 'key-conflict') {
        conflicts++;
        if (conflicts > 2) {
          settleIntentOnStop();
          throw new SyncHalted('IdempotencyConflict', { message: 'Xero kept refusing the request as a repeat of a different one.', fix: 'Run the sync again in a few minutes.' });
        }
        uncertainSince ??= started;
        mustRead = true;
        continue;
      }
      if (c.type === 'rejected') {
        // The whole request was refused, so nothing of it was saved. Members Xero complained about fail with its
        // words (see batch-refusal.ts); the others are sent again without them, one at a time if Xero's answer could
        // not be tied to members.
        ctx.journal.markKeyRefused(intent.key);
        const refusal = attributeRefusal(members.map((m) => m.payload), c.problems, c.elementCount, c.message);
        const results = new Map<string, MemberResult>();
        members.forEach((m, i) => {
          const errors = refusal.failed.get(i);
          if (errors) results.set(m.memberId, { ok: false, element: { errors, warnings: [] } });
        });
        request.record(results);
        ctx.journal.markIntentResolved(intent.batchId, uncertainSince === undefined ? 'abandoned' : 'confirmed');
        members = members.filter((m) => !results.has(m.memberId));
        if (members.length === 0) return;
        if (refusal.undecided) {
          for (const member of members) await sendBatch(ctx, { ...request, members: [member] });
          return;
        }
        intent = undefined;
        salt++;
        continue;
      }
      settleIntentOnStop();
      throw halted(c);
    }
    const results = new Map<string, MemberResult>();
    members.forEach((m, i) => {
      const element = elements[i] ?? { errors: ['Xero sent no answer for this element.'], warnings: [] };
      results.set(m.memberId, element.id ? { ok: true, element, id: element.id, linked: false } : { ok: false, element });
    });
    request.record(results);
    if ([...results.values()].some((r) => !r.ok)) ctx.journal.markKeyRefused(intent.key);
    ctx.journal.markIntentResolved(intent.batchId, 'confirmed');
    return;
  }
}
