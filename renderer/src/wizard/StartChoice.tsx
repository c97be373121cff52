/** The first screen: the person's own Xero, or a safe try-out on sample data in a separate profile. */
import { useState, type FormEvent } from 'react';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { DomainInput } from './DomainInput';
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

/**
 * "Set up with my Xero" asks the one thing step 1 needs, the CourseCo domain, and saves it on the way in: step 1 then
 * opens on the redirect URI to register (or on why the domain cannot be used as typed).
 */
function StartOwnForm({ disabled }: { disabled: boolean }) {
  const [domain, setDomain] = useState('');
  const [starting, setStarting] = useState(false);
  const start = async (event: FormEvent) => {
    event.preventDefault();
    const typed = domain.trim();
    if (!typed) return useWizardStore.getState().startOwn();
    setStarting(true);
    let draft: string | undefined = typed;
    try {
      const result = await assistant().wizard.lintDomain({ domain: typed, save: true });
      if (result.saved) draft = undefined;
    } catch {
      // Step 1 asks again and shows the failure there.
    }
    // Step 1 opens with the saved domain (so its redirect URI shows at once), never the step after it.
    const store = useWizardStore.getState();
    store.show('app');
    await store.refresh();
    setStarting(false);
    useWizardStore.getState().startOwn(draft);
  };
  return (
    <form className="wz-start-form" onSubmit={(e) => void start(e)} noValidate>
      <label htmlFor="wz-start-domain">Your CourseCo domain</label>
      <DomainInput id="wz-start-domain" value={domain} onChange={setDomain} describedBy="wz-start-domain-help" />
      <p id="wz-start-domain-help" className="wz-help">
        The address you open CourseCo at. You can also enter it in the first step.
      </p>
      <button type="submit" className="button wz-button button-primary" disabled={disabled || starting} aria-busy={starting}>
        Set up with my Xero
      </button>
    </form>
  );
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
          <StartOwnForm disabled={switching} />
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
