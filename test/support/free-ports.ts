import { freeLoopbackPorts } from '../../main/app/sandbox-profile';

/** Ports free right now on 127.0.0.1, so test files running in parallel never compete for the same loopback port. */
export const freePorts = freeLoopbackPorts;

/**
 * A port free right now that is none of `registered`: a port freed a moment ago (the ones a sandbox was told to accept
 * as redirect URIs) may be handed out again, which would make "unregistered" registered after all.
 */
export async function freePortOtherThan(registered: readonly number[]): Promise<number> {
  for (;;) {
    const [port] = await freePorts(1);
    if (!registered.includes(port!)) return port!;
  }
}
