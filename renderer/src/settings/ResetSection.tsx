/**
 * Settings → Reset: deletes the open profile's data on this computer after a confirmation that names what goes and
 * what stays, and a typed word; then the app opens at its first screen. Nothing in Xero changes.
 */
import { useState } from 'react';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { useAppStore } from '../state/app-store';
import { FailureNotice } from '../wizard/FailureNotice';
import { useWizardStore } from '../wizard/wizard-store';
import { ConfirmDialog } from './ConfirmDialog';

/** The word the person types to confirm. */
export const RESET_WORD = 'reset';

export function ResetSection() {
  const sample = useWizardStore((s) => s.profile?.profile === 'sample');
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();

  const close = () => {
    setOpen(false);
    setTyped('');
    setFailure(undefined);
  };

  const reset = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const outcome = await assistant().profile.reset({ confirm: true });
      close();
      // The first screen: the own profile, fresh, with the choice between your own Xero and the sample data.
      useWizardStore.setState({ profile: outcome.profile, state: undefined, panel: undefined, startedOwn: false });
      useAppStore.getState().navigate('setup');
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        {sample
          ? 'Start the sample data again from the beginning: its practice transactions, sync history and settings, and the practice Xero itself.'
          : 'Start again from the beginning on this computer: the setup, imported transactions and sync history are deleted. Nothing in Xero changes.'}
      </p>
      <button type="button" className="button button-danger-outline" onClick={() => setOpen(true)}>
        {sample ? 'Reset the sample data…' : 'Reset this profile…'}
      </button>
      <ConfirmDialog
        open={open}
        title={sample ? 'Reset the sample data?' : 'Reset this profile?'}
        confirmLabel={sample ? 'Reset the sample data' : 'Reset this profile'}
        confirmDisabled={typed.trim().toLowerCase() !== RESET_WORD}
        destructive
        busy={busy}
        onConfirm={() => void reset()}
        onCancel={close}
      >
        <p>Deleted from this computer:</p>
        {sample ? (
          <ul className="st-list">
            <li>the sample transactions and their sync history;</li>
            <li>the sample setup and settings;</li>
            <li>the practice Xero&apos;s invoices, payments and contacts: it starts again as new.</li>
          </ul>
        ) : (
          <ul className="st-list">
            <li>the transactions you imported from CourseCo and their sync history;</li>
            <li>your settings: the CourseCo address, the accounts, tax rates and rules you chose;</li>
            <li>the Xero app&apos;s Client ID and secret, and the Xero sign-in.</li>
          </ul>
        )}
        <p>What stays:</p>
        {sample ? (
          <ul className="st-list">
            <li>your own setup and your own Xero: the sample data never touched them.</li>
          </ul>
        ) : (
          <ul className="st-list">
            <li>everything already sent to Xero stays in Xero, unchanged;</li>
            <li>the connection in Xero stays (to remove it too, use Disconnect first);</li>
            <li>the sample data, files you exported, and any other files you keep in the data folder.</li>
          </ul>
        )}
        <p>This cannot be undone. Afterwards the app opens at its first screen.</p>
        <label className="st-confirm-field">
          <span>
            Type <strong>{RESET_WORD}</strong> to confirm
          </span>
          <input className="field" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} disabled={busy} />
        </label>
        <FailureNotice failure={failure} />
      </ConfirmDialog>
    </>
  );
}
