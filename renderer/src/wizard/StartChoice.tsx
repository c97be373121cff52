/** The first screen: the person's own Xero, or a safe try-out on sample data in a separate profile. */
import { useState } from 'react';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { FailureNotice } from './FailureNotice';
import { useWizardStore } from './wizard-store';

/**
 * Moves to the sample-data profile: from the first screen, and from the credentials step when this computer has no
 * password store (the sample profile needs none: its secrets are the practice Xero's own, kept in memory).
 */
export function useTrySample(): { trySample: () => Promise<void>; switching: boolean; failure: Failure | undefined } {
  const switching = useWizardStore((s) => s.switching);
  const [failure, setFailure] = useState<Failure | undefined>();
  const trySample = async () => {
    const store = useWizardStore.getState();
    setFailure(undefined);
    store.setSwitching(true);
    try {
      store.setProfile(await assistant().profile.useSample({}));
      await useWizardStore.getState().refresh();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      useWizardStore.getState().setSwitching(false);
    }
  };
  return { trySample, switching, failure };
}

export function StartChoice() {
  const { trySample, switching, failure } = useTrySample();
  return (
    <section className="wz-start" aria-labelledby="wz-start-title">
      <h2 id="wz-start-title" className="visually-hidden">
        How do you want to start?
      </h2>
      <div className="wz-start-options">
        <div className="card wz-start-card">
          <h3 className="wz-start-heading">Set up with my Xero</h3>
          <p className="wz-muted">Create the Xero app, connect your organisation and send one test transaction. About 10 minutes.</p>
          <button type="button" className="button wz-button button-primary" onClick={() => useWizardStore.getState().startOwn()} disabled={switching}>
            Set up with my Xero
          </button>
        </div>
        <div className="card wz-start-card">
          <h3 className="wz-start-heading">Try with sample data</h3>
          <p className="wz-muted">
            Walk through the same steps against a built-in practice Xero with a sample training centre. Nothing touches your books.
          </p>
          <button type="button" className="button wz-button" onClick={() => void trySample()} disabled={switching} aria-busy={switching}>
            {switching ? 'Starting sample data…' : 'Try with sample data'}
          </button>
        </div>
      </div>
      <FailureNotice failure={failure} />
    </section>
  );
}
