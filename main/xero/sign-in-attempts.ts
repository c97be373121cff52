/**
 * The sign-in attempts of this process, for diagnostics: the latest one (else the one the last-sign-in store kept from
 * an earlier run), updated as it goes — redirect URI, whether Xero's answer arrived, outcome — and written through to
 * the store. Diagnostics evidence is never worth failing a sign-in over, so a write that fails is only logged.
 */
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { describeError, type Logger } from '../log';
import type { ConnectAttempt, LastSignInStore } from './last-sign-in';

export interface SignInAttempts {
  /** A new pending attempt, now the latest. */
  start(): ConnectAttempt;
  /** Updates an attempt; only the latest one is written to the store. */
  note(attempt: ConnectAttempt, change?: Partial<ConnectAttempt>): void;
  /** Records how the attempt ended once `done` settles. */
  settleWith(attempt: ConnectAttempt, done: Promise<unknown>): void;
  /** A copy of the latest attempt, or undefined. */
  latest(): ConnectAttempt | undefined;
}

export function createSignInAttempts(deps: { store: LastSignInStore | undefined; clock: Clock; log: Logger }): SignInAttempts {
  const { store, clock, log } = deps;
  const at = () => new Date(clock.now()).toISOString();
  let latest: ConnectAttempt | undefined = store?.read();

  const note = (attempt: ConnectAttempt, change: Partial<ConnectAttempt> = {}) => {
    Object.assign(attempt, change);
    if (latest !== attempt) return;
    try {
      store?.write(attempt);
    } catch (error) {
      log.warn('connection: could not keep the sign-in attempt for diagnostics', { error: describeError(error) });
    }
  };

  return {
    start() {
      const attempt: ConnectAttempt = { startedAt: at(), callbackArrived: false, outcome: 'pending' };
      latest = attempt;
      note(attempt);
      return attempt;
    },
    note,
    settleWith(attempt, done) {
      done.then(
        () => note(attempt, { outcome: 'connected', finishedAt: at() }),
        (error: unknown) =>
          note(attempt, {
            outcome: 'failed',
            finishedAt: at(),
            errorKind: error instanceof DomainError ? error.kind : 'Error',
            errorMessage: error instanceof Error ? error.message.slice(0, 300) : 'unknown failure',
          }),
      );
    },
    latest: () => (latest ? { ...latest } : undefined),
  };
}
