/**
 * The last sign-in attempt, kept in the profile's data dir (`last-sign-in.json`) so diagnostics can name the redirect
 * URI it used and whether Xero's answer came back even after a restart or from the CLI: "Invalid redirect_uri" is
 * the most common setup failure, and its evidence is otherwise gone once the app that saw it closes. No secret, no
 * token: timestamps, the loopback URI, the outcome and the error's kind and message.
 */
import path from 'node:path';
import { z } from 'zod';
import { openJsonFile } from '../json-file';

export const LAST_SIGN_IN_FILE = 'last-sign-in.json';

export const ConnectAttempt = z.object({
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** The loopback redirect URI the authorize URL named. */
  redirectUri: z.string().optional(),
  /** True once any callback (code or error) reached the loopback listener. */
  callbackArrived: z.boolean(),
  outcome: z.enum(['pending', 'connected', 'failed']),
  /** DomainError kind of a failed attempt, e.g. RedirectUriNotRegistered, InvalidClientCredentials. */
  errorKind: z.string().optional(),
  errorMessage: z.string().max(300).optional(),
});
export type ConnectAttempt = z.infer<typeof ConnectAttempt>;

export interface LastSignInStore {
  read(): ConnectAttempt | undefined;
  write(attempt: ConnectAttempt): void;
}

export function openLastSignInStore(dataDir: string): LastSignInStore {
  const file = openJsonFile(path.join(dataDir, LAST_SIGN_IN_FILE), ConnectAttempt);
  return {
    read() {
      const attempt = file.read();
      // Still pending on disk: the process that waited for Xero's answer ended first.
      if (attempt?.outcome === 'pending') {
        return { ...attempt, outcome: 'failed', errorKind: 'SignInInterrupted', errorMessage: 'The assistant closed before the sign-in finished.' };
      }
      return attempt;
    },
    write: (attempt) => void file.write(attempt),
  };
}
