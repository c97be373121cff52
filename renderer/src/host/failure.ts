/** A failed call as the pages show it: the message, the fix and the evidence the services attached (AssistantCallError). */
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

/** Just the words a person acts on: what went wrong and what to do. */
export function messageAndFix(error: unknown): { message: string; fix: string | undefined } {
  const { message, fix } = describeFailure(error);
  return { message, fix };
}
