/**
 * Keeps the app frame's store in step with the services: asks once for app info and connection status, then follows
 * `connection.changed` events. Returns the unsubscribe function for the effect that starts it.
 */
import type { AssistantApi } from '../../../contract/api';
import { messageAndFix } from '../host/failure';
import type { AppState } from './app-store';

type StoreActions = Pick<AppState, 'connectionKnown' | 'hostUnavailable' | 'appInfoLoaded'>;

export function followHost(api: AssistantApi, store: StoreActions): () => void {
  // An event is newer than the first status answer if it arrives before it; never let the older answer win.
  let heardEvent = false;
  const unsubscribe = api.events.connectionChanged((status) => {
    heardEvent = true;
    store.connectionKnown(status);
  });
  api.connection.status({}).then(
    (status) => {
      if (!heardEvent) store.connectionKnown(status);
    },
    (error: unknown) => {
      const { message, fix } = messageAndFix(error);
      store.hostUnavailable(message, fix);
    },
  );
  // App info only decorates the status bar; if it fails, the connection answer above already says why.
  api.app.info({}).then(store.appInfoLoaded, () => undefined);
  return unsubscribe;
}
