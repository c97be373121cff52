/**
 * The permanent "Sample data — not your books" banner, shown in the header for as long as the sample-data profile
 * is active, with the way back to the person's own profile.
 */
import { useEffect } from 'react';
import { assistant } from '../host/assistant';
import { useWizardStore } from './wizard-store';
import './wizard.css';

export function SampleBanner() {
  const profile = useWizardStore((s) => s.profile);
  const switching = useWizardStore((s) => s.switching);
  useEffect(() => {
    const store = useWizardStore.getState();
    void store.loadProfile();
    return assistant().events.profileChanged((info) => useWizardStore.getState().setProfile(info));
  }, []);
  if (profile?.profile !== 'sample') return null;
  const leave = async () => {
    const store = useWizardStore.getState();
    store.setSwitching(true);
    try {
      store.setProfile(await assistant().profile.useOwn({}));
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
