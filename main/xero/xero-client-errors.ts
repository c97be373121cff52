/**
 * Xero's HTTP failures as typed errors. xero-node 20 rejects API calls with a JSON *string*
 * (`{"response":{"statusCode","body","headers","request"},"body"}`), missing-parameter mistakes with a real Error, and
 * network failures as statusCode 0 with the message as body. This turns all of them into one XeroApiError carrying
 * what callers act on — the status, each element's validation messages, Retry-After and which limit was hit, the
 * 401/403 detail — and nothing else: no headers dump, no request, no token.
 */
import type { ConnectionStatus } from '../../contract/contract';
import { DomainError } from '../errors';
import { safeEvidence } from './xero-errors';

export interface ValidationProblem {
  /** Position of the element in the request batch (0-based). */
  index: number;
  messages: string[];
  /** What identifies the element in Xero's echo, when present (InvoiceNumber, ContactNumber, Name, IDs). */
  reference?: string;
  /** Every identifying field of Xero's echo (`Reference`, `InvoiceNumber`, `ContactNumber`, `Name`, …), to match it to what was sent. */
  identity?: Record<string, string>;
}

/** The remaining calls the status shows, and when Xero said so (epoch ms). */
export type RateLimitSnapshot = NonNullable<ConnectionStatus['rateLimits']> & { at: number };

export type HeaderBag = Record<string, string | string[] | number | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return Array.isArray(value) ? value[0] : String(value);
  }
  return undefined;
}

function intHeader(headers: HeaderBag, name: string): number | undefined {
  const raw = header(headers, name);
  if (raw === undefined) return undefined;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) ? value : undefined;
}

export function readRateLimits(headers: HeaderBag, now: number): RateLimitSnapshot | undefined {
  const snapshot: RateLimitSnapshot = { at: now };
  const day = intHeader(headers, 'x-daylimit-remaining');
  const minute = intHeader(headers, 'x-minlimit-remaining');
  const app = intHeader(headers, 'x-appminlimit-remaining');
  if (day === undefined && minute === undefined && app === undefined) return undefined;
  if (day !== undefined) snapshot.dayRemaining = day;
  if (minute !== undefined) snapshot.minuteRemaining = minute;
  if (app !== undefined) snapshot.appMinuteRemaining = app;
  return snapshot;
}

type Json = Record<string, unknown>;

/** How Xero (Detail `TokenExpired: …`) and RFC 6750 (`error="invalid_token"`) say an access token is no longer good. */
const EXPIRED = /TokenExpired|token expired|invalid_token/i;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const REFERENCE_FIELDS = ['InvoiceNumber', 'ContactNumber', 'Name', 'InvoiceID', 'ContactID', 'PaymentID', 'Reference'];

function referenceOf(element: Json): string | undefined {
  for (const field of REFERENCE_FIELDS) {
    const value = element[field];
    if (typeof value === 'string' && value !== '' && value !== '00000000-0000-0000-0000-000000000000') return `${field} ${value}`;
  }
  return undefined;
}

/** `Elements[].ValidationErrors[].Message` (400 ValidationException), also usable on a summarizeErrors=false batch. */
export function validationProblems(body: unknown): ValidationProblem[] {
  if (!isObject(body)) return [];
  const elements = Array.isArray(body.Elements) ? body.Elements : [];
  const problems: ValidationProblem[] = [];
  elements.forEach((element, index) => {
    if (!isObject(element)) return;
    const errors = Array.isArray(element.ValidationErrors) ? element.ValidationErrors : [];
    const messages = errors.map((e) => (isObject(e) && typeof e.Message === 'string' ? e.Message : '')).filter(Boolean);
    if (messages.length === 0) return;
    const problem: ValidationProblem = { index, messages };
    const reference = referenceOf(element);
    if (reference) problem.reference = reference;
    const identity: Record<string, string> = {};
    for (const field of [...REFERENCE_FIELDS, 'CreditNoteNumber']) {
      const value = element[field];
      if (typeof value === 'string' && value !== '' && value !== '00000000-0000-0000-0000-000000000000') identity[field] = value;
    }
    if (Object.keys(identity).length > 0) problem.identity = identity;
    problems.push(problem);
  });
  return problems;
}

function elementCountOf(body: unknown): number {
  return isObject(body) && Array.isArray(body.Elements) ? body.Elements.length : 0;
}

function textOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (!isObject(body)) return undefined;
  for (const key of ['Detail', 'Message', 'detail', 'message', 'Title', 'error_description', 'error']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export interface XeroApiErrorInit {
  status: number;
  body: unknown;
  headers: HeaderBag;
  operation: string;
  tenant?: string;
}

export class XeroApiError extends DomainError {
  readonly status: number;
  readonly operation: string;
  readonly validation: ValidationProblem[];
  /** Seconds to wait, from Retry-After (429, sometimes 503). */
  readonly retryAfterSeconds: number | undefined;
  /** X-Rate-Limit-Problem: `minute`, `day`, or another limit Xero names. */
  readonly rateLimitProblem: string | undefined;
  /** Xero's Detail / Message (e.g. `TokenExpired: …`, `AuthenticationUnsuccessful`). */
  readonly detail: string | undefined;
  /** Worth retrying later with the same Idempotency-Key (network, 429, 5xx). */
  readonly retryable: boolean;
  readonly rateLimits: RateLimitSnapshot | undefined;
  /** How many elements a 400 ValidationException listed (Xero lists every element sent; 0 for other answers). */
  readonly elementCount: number;

  private constructor(kind: string, init: { message: string; fix: string; evidence?: string }, fields: {
    status: number;
    operation: string;
    validation: ValidationProblem[];
    retryAfterSeconds?: number | undefined;
    rateLimitProblem?: string | undefined;
    detail?: string | undefined;
    retryable: boolean;
    rateLimits?: RateLimitSnapshot | undefined;
    elementCount?: number;
  }) {
    super(kind, init);
    this.name = 'XeroApiError';
    this.status = fields.status;
    this.operation = fields.operation;
    this.validation = fields.validation;
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.rateLimitProblem = fields.rateLimitProblem;
    this.detail = fields.detail;
    this.retryable = fields.retryable;
    this.rateLimits = fields.rateLimits;
    this.elementCount = fields.elementCount ?? 0;
  }

  /** True for a 401 whose detail (or WWW-Authenticate header) says the access token expired (renew and retry once). */
  get tokenExpired(): boolean {
    return this.kind === 'TokenExpired';
  }

  /**
   * True for a 401 that renewing the access token may cure, so callers renew once and retry: Xero said the token
   * expired, or the answer could not be read to say why. A refresh is cheap and decides the unreadable case for
   * certain: the token endpoint answers `invalid_grant` for a revoked sign-in, which becomes "Connect again".
   */
  get renewalMayCure(): boolean {
    return this.tokenExpired || this.kind === 'UnauthorizedAnswerUnreadable';
  }

  static fromResponse(init: XeroApiErrorInit, now = Date.now()): XeroApiError {
    const { status, body, headers, operation } = init;
    const detail = textOf(body);
    const evidenceBase = `${operation} → ${status === 0 ? 'no response' : `HTTP ${status}`}${detail ? `: ${detail}` : ''}`;
    const common = { status, operation, detail, validation: [] as ValidationProblem[], rateLimits: readRateLimits(headers, now) };
    const tenant = init.tenant ? ` "${init.tenant}"` : '';

    if (status === 0) {
      return new XeroApiError('XeroUnreachable', {
        message: `Could not reach Xero (${operation}).`,
        fix: 'Check the internet connection (and any proxy), then try again; requests with an Idempotency-Key are safe to repeat.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: true });
    }
    if (status === 400) {
      const validation = validationProblems(body);
      if (validation.length > 0) {
        const first = validation[0]!;
        const total = validation.reduce((n, p) => n + p.messages.length, 0);
        const lines = validation.map((p) => `#${p.index + 1}${p.reference ? ` (${p.reference})` : ''}: ${p.messages.join(' ')}`);
        return new XeroApiError('XeroValidationFailed', {
          message: `Xero refused the request: ${first.messages[0]}${total > 1 ? ` (and ${total - 1} more)` : ''}`,
          fix: 'Correct the values Xero names (account codes, tax rate, contact, amounts) and send again.',
          evidence: safeEvidence(lines.join('\n'), 2000),
        }, { ...common, validation, retryable: false, elementCount: elementCountOf(body) });
      }
      return new XeroApiError('XeroBadRequest', {
        message: `Xero refused the request${detail ? `: ${detail}` : '.'}`,
        fix: 'Check the values sent; the evidence has Xero\'s words.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: false });
    }
    const expired = status === 401 && (EXPIRED.test(detail ?? '') || EXPIRED.test(header(headers, 'www-authenticate') ?? ''));
    if (status === 401 && !expired && !isObject(body)) {
      // Xero's 401s are JSON problem details (xero-facts §4); anything else was cut off or mangled on the way, so it
      // cannot say "revoked" (nor "missing scope") any more than it can say "expired".
      return new XeroApiError('UnauthorizedAnswerUnreadable', {
        message: 'Xero refused the call as unauthorised (HTTP 401), but its answer could not be read (cut off, or not in Xero\'s format), so it did not say why.',
        fix: 'Try again. The assistant renews the sign-in by itself and asks you to connect again only if Xero refuses that.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: true });
    }
    if (status === 401) {
      return new XeroApiError(expired ? 'TokenExpired' : 'XeroUnauthorized', {
        message: expired
          ? 'Xero says the access token has expired.'
          : 'Xero refused the call as unauthorised: the sign-in lacks a scope this call needs, or it was revoked.',
        fix: expired
          ? 'The assistant renews the token by itself; if this persists, connect again.'
          : 'Connect again. If it keeps happening, check the setting xero.scopes (granular for apps created after 2 March 2026, broad before).',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: expired });
    }
    if (status === 403 && detail !== undefined && !/AuthenticationUnsuccessful/i.test(detail) && /permi|privilege|\brole\b/i.test(detail)) {
      // Xero also answers 403 when the signed-in user's role lacks the permission for the endpoint (xero-facts.md §4
      // and §9: HRC "User doesn't have permission"; Xero-NetStandard#515; Xero-Net#347 "You are not permitted to access
      // this resource without the reporting role or higher privileges."). The tenant 403 says AuthenticationUnsuccessful.
      // Connecting an app needs a Standard or Adviser role in the organisation (Xero's user-roles help).
      return new XeroApiError('XeroPermissionMissing', {
        message: `The Xero user who connected the assistant is not allowed to do this in the organisation${tenant} (${operation}): Xero said "${detail}"`,
        fix: 'Ask the organisation\'s Xero subscriber or an adviser to give that user the Standard or Adviser role (with invoicing and payments), or connect again as a user who has it.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: false });
    }
    if (status === 403) {
      return new XeroApiError('TenantNotConnected', {
        message: `Xero refused access to the organisation${tenant} (403): the tenant ID is wrong or the organisation was disconnected from the app.`,
        fix: 'Connect again and pick the organisation, or correct the Tenant ID (xero.tenantId).',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: false });
    }
    if (status === 404) {
      return new XeroApiError('XeroNotFound', {
        message: `Xero has no such item (${operation}).`,
        fix: 'Check the ID or number used.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryable: false });
    }
    if (status === 429) {
      const retryAfter = intHeader(headers, 'retry-after');
      const problem = header(headers, 'x-rate-limit-problem');
      const which = problem === 'day' ? 'daily (per organisation; how many calls depends on the app\'s Xero plan)' : problem === 'minute' ? 'per-minute (60 calls per organisation)' : problem ? `"${problem}"` : 'an unnamed';
      return new XeroApiError('RateLimited', {
        message: `Xero's ${which} rate limit was reached${retryAfter !== undefined ? `; it allows the next call in ${retryAfter} seconds` : ''}.`,
        fix: problem === 'day' ? 'Wait until tomorrow\'s limit resets, or sync fewer transactions per day.' : 'Wait and try again; the assistant slows down by itself.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryAfterSeconds: retryAfter, rateLimitProblem: problem, retryable: true });
    }
    if (status >= 500) {
      const retryAfter = intHeader(headers, 'retry-after');
      return new XeroApiError('XeroUnavailable', {
        message: `Xero is not answering properly right now (HTTP ${status}${detail ? `: ${detail}` : ''}).`,
        fix: 'Try again in a few minutes; requests with an Idempotency-Key are safe to repeat.',
        evidence: safeEvidence(evidenceBase),
      }, { ...common, retryAfterSeconds: retryAfter, retryable: true });
    }
    return new XeroApiError('XeroRequestFailed', {
      message: `Xero answered HTTP ${status} to ${operation}${detail ? `: ${detail}` : '.'}`,
      fix: 'Check the evidence; if it persists, export a diagnostics bundle.',
      evidence: safeEvidence(evidenceBase),
    }, { ...common, retryable: false });
  }
}

/**
 * Whatever xero-node threw → XeroApiError (HTTP or network), or a plain Error for programming mistakes (a missing
 * required parameter), without ever keeping the raw object (it holds response headers).
 */
export function parseXeroNodeError(thrown: unknown, operation: string, tenant?: string, now = Date.now()): Error {
  let parsed: unknown = thrown;
  if (typeof thrown === 'string') {
    try {
      parsed = JSON.parse(thrown);
    } catch {
      return XeroApiError.fromResponse({ status: 0, body: thrown.slice(0, 300), headers: {}, operation, ...(tenant ? { tenant } : {}) }, now);
    }
  }
  if (isObject(parsed) && isObject(parsed.response) && typeof parsed.response.statusCode === 'number') {
    const response = parsed.response;
    const headers = isObject(response.headers) ? (response.headers as HeaderBag) : {};
    return XeroApiError.fromResponse(
      { status: response.statusCode as number, body: response.body ?? parsed.body, headers, operation, ...(tenant ? { tenant } : {}) },
      now,
    );
  }
  // Non-2xx that axios resolved (validateStatus) arrive as {response: AxiosResponse, body}.
  if (isObject(parsed) && isObject(parsed.response) && typeof parsed.response.status === 'number') {
    const response = parsed.response;
    const headers = isObject(response.headers) ? (response.headers as HeaderBag) : {};
    return XeroApiError.fromResponse({ status: response.status as number, body: response.data, headers, operation, ...(tenant ? { tenant } : {}) }, now);
  }
  if (thrown instanceof Error) return new Error(`${operation}: ${thrown.message}`.slice(0, 300));
  return new Error(`${operation}: unexpected failure`);
}
