/**
 * What every host wraps around a dispatch: whatever goes wrong around a call (a dispatcher bug, an Electron frame
 * that throws when read, a rejected promise), the caller still gets a typed `internal` envelope, the failure is
 * logged by channel name only (never an argument value), and nothing escapes to end the process.
 */
import { isChannelName } from '../../contract/contract';
import type { Envelope } from '../../contract/envelope';
import { internalFailure } from './dispatcher';

/** Receives the contract channel's name (or a placeholder for anything else) and the error; never the arguments. */
export type HostFailureReport = (channel: string, error: unknown) => void;

export async function answerSafely(call: () => Promise<Envelope<unknown>>, channel: unknown, report: HostFailureReport): Promise<Envelope<unknown>> {
  try {
    return await call();
  } catch (error) {
    // Untrusted: only a name the contract knows is worth logging; anything else could be an attacker's payload.
    const known = isChannelName(channel) ? channel : undefined;
    try {
      report(known ?? '(not a contract channel)', error);
    } catch {
      // A broken log sink must not take the answer down with it.
    }
    return internalFailure(known);
  }
}
