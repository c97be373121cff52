/**
 * What travels back over IPC for every call. Errors are data, not thrown objects, so their structure survives
 * Electron's structured clone and the web host's JSON alike.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'unknown-channel',
  'untrusted-sender',
  'invalid-arguments',
  'domain',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  /** A domain error's own name, e.g. `InvalidClientCredentials`; present when code is `domain`. */
  kind: z.string().optional(),
  message: z.string(),
  fix: z.string().optional(),
  evidence: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The renderer-side face of a failed call: same fields as ErrorInfo, thrown so `await` reads naturally. */
export class AssistantCallError extends Error {
  readonly code: ErrorCode;
  readonly kind: string | undefined;
  readonly fix: string | undefined;
  readonly evidence: string | undefined;
  readonly issues: ErrorInfo['issues'];

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'AssistantCallError';
    this.code = info.code;
    this.kind = info.kind;
    this.fix = info.fix;
    this.evidence = info.evidence;
    this.issues = info.issues;
  }
}
