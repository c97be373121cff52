/**
 * Keeps the app frame's store in step with the services: asks once for app info and connection status, then follows
 * `connection.changed` events, and hears when the services process was started again (its status is then asked
 * afresh). Returns the unsubscribe function for the effect that starts it.
 */
import type { AssistantApi } from '../../../contract/api';
import { messageAndFix } from '../host/failure';
import type { AppState } from './app-store';

type StoreActions = Pick<AppState, 'connectionKnown' | 'hostUnavailable' | 'appInfoLoaded' | 'servicesRestarted'>;

export function followHost(api: AssistantApi, store: StoreActions): () => void {
  // An event is newer than the first status answer if it arrives before it; never let the older answer win.
  let heardEvent = false;
  const unsubscribe = api.events.connectionChanged((status) => {
    heardEvent = true;
    store.connectionKnown(status);
  });
  const unsubscribeRestart = api.events.appServicesRestarted(({ restarts }) => {
    store.servicesRestarted(restarts);
    api.connection.status({}).then(store.connectionKnown, () => undefined);
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
  return () => {
    unsubscribe();
    unsubscribeRestart();
  };
}
