/** Says, until dismissed, that the assistant's background work stopped unexpectedly and was started again. */
import { useAppStore } from '../state/app-store';

export function ServicesNotice() {
  const restart = useAppStore((state) => state.servicesRestart);
  const dismiss = useAppStore((state) => state.dismissServicesRestart);
  if (!restart) return null;
  return (
    <div className="alert-box alert-box-attention" role="alert">
      <p className="alert-box-title">The assistant's background work stopped unexpectedly and was started again.</p>
      <p>
        Nothing you imported or synced is lost. If a sync was running, start it again: it carries on from where it stopped,
        and nothing is sent to Xero twice.
      </p>
      <button type="button" className="button button-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
