/** A failed call as the wizard shows it: the message, the fix and the evidence the services attached. */
export interface Failure {
  kind: string | undefined;
  message: string;
  fix: string | undefined;
  evidence: string | undefined;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof Error) {
    const record = error as Error & { kind?: unknown; fix?: unknown; evidence?: unknown };
    return {
      kind: typeof record.kind === 'string' ? record.kind : undefined,
      message: error.message,
      fix: typeof record.fix === 'string' ? record.fix : undefined,
      evidence: typeof record.evidence === 'string' ? record.evidence : undefined,
    };
  }
  return { kind: undefined, message: 'The assistant did not answer.', fix: undefined, evidence: undefined };
}
