/**
 * Setup: the onboarding wizard. The first screen offers the person's own Xero or a try-out on sample data; then the
 * guide's steps, each ticked only from facts the services verified.
 */
import { useEffect } from 'react';
import { PageHeading } from '../components/PageHeading';
import { FailureNotice } from '../wizard/FailureNotice';
import { StartChoice } from '../wizard/StartChoice';
import { Wizard } from '../wizard/Wizard';
import { useWizardStore } from '../wizard/wizard-store';
import '../wizard/wizard.css';

export function SetupPage() {
  const state = useWizardStore((s) => s.state);
  const profile = useWizardStore((s) => s.profile);
  const panel = useWizardStore((s) => s.panel);
  const loadError = useWizardStore((s) => s.loadError);
  const startedOwn = useWizardStore((s) => s.startedOwn);
  const switching = useWizardStore((s) => s.switching);

  useEffect(() => {
    if (!profile) void useWizardStore.getState().loadProfile();
  }, [profile]);
  useEffect(() => {
    if (profile && !switching) void useWizardStore.getState().refresh();
  }, [profile, switching]);

  const fresh = state !== undefined && state.steps.every((s) => !s.done);
  const showStart = profile?.profile === 'own' && fresh && !startedOwn;

  return (
    <>
      <PageHeading
        title="Setup"
        lead={
          profile?.profile === 'sample'
            ? 'Practising on sample data: the same steps, against a built-in practice Xero. Nothing here touches your books.'
            : 'Connect CourseCo to your Xero organisation. Each step is checked against Xero before it is ticked.'
        }
      />
      {loadError && !state ? <FailureNotice failure={loadError} /> : null}
      {!state && !loadError ? (
        <p className="wz-muted wz-loading" aria-busy="true">
          Loading your setup…
        </p>
      ) : null}
      {state && showStart ? <StartChoice /> : null}
      {state && !showStart && panel ? <Wizard state={state} panel={panel} /> : null}
    </>
  );
}
