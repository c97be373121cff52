/**
 * Errors a person can act on. Every failure the user can fix is a DomainError with a kind, a plain-words message,
 * the evidence and the fix; the UI, the CLI and diagnostics render the same object and never parse message strings.
 */
export interface DomainErrorInit {
  message: string;
  fix?: string;
  evidence?: string;
  /** The command that does the fix, for the CLI only: a GUI screen never shows a command (the IPC envelope drops it). */
  cli?: string;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly kind: string;
  readonly fix: string | undefined;
  readonly evidence: string | undefined;
  readonly cli: string | undefined;

  constructor(kind: string, init: DomainErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.fix = init.fix;
    this.evidence = init.evidence;
    this.cli = init.cli;
  }
}

