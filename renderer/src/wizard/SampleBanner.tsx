/**
 * The permanent "Sample data — not your books" banner, shown in the header for as long as the sample-data profile
 * is active, with the way back to the person's own profile.
 *
 * Leaving asks nothing: nothing is lost (the sample profile keeps its data in its own folder, and "Try with sample
 * data" returns to it) and nothing is sent anywhere, so a blocking question would only be in the way. The banner says
 * so in one line instead, once, after the switch, until dismissed or the profile changes again.
 */
import { useEffect, useState } from 'react';
import { assistant } from '../host/assistant';
import { useWizardStore } from './wizard-store';
import './wizard.css';

export function SampleBanner() {
  const profile = useWizardStore((s) => s.profile);
  const switching = useWizardStore((s) => s.switching);
  const [left, setLeft] = useState(false);
  useEffect(() => {
    const store = useWizardStore.getState();
    void store.loadProfile();
    return assistant().events.profileChanged((info) => useWizardStore.getState().setProfile(info));
  }, []);
  useEffect(() => {
    if (profile?.profile === 'sample') setLeft(false);
  }, [profile?.profile]);
  if (profile?.profile !== 'sample') {
    if (!left) return null;
    return (
      <div className="sample-banner sample-banner-closed" role="status">
        <span className="sample-banner-note">Sample data closed: it is kept apart for next time, and nothing from it goes to your Xero.</span>
        <button type="button" className="sample-banner-leave" onClick={() => setLeft(false)}>
          OK
        </button>
      </div>
    );
  }
  const leave = async () => {
    const store = useWizardStore.getState();
    store.setSwitching(true);
    try {
      store.setProfile(await assistant().profile.useOwn({}));
      setLeft(true);
    } finally {
      store.setSwitching(false);
    }
  };
  return (
    <div className="sample-banner" role="status">
      <strong className="sample-banner-label">Sample data — not your books</strong>
      <button type="button" className="sample-banner-leave" onClick={() => void leave()} disabled={switching}>
        Leave sample data
      </button>
    </div>
  );
}
