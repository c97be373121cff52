/**
 * Settings → Xero connection: which organisation, what Xero lets the assistant do there, whether the sign-in works and
 * when it ends if unused; then the two ways to stop: Disconnect (in Xero) and Forget (on this computer only).
 */
import { useEffect, useRef, useState } from 'react';
import type { ConnectionStatus } from '../../../contract/contract';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { useAppStore } from '../state/app-store';
import { FailureNotice } from '../wizard/FailureNotice';
import { useWizardStore } from '../wizard/wizard-store';
import { DisconnectDialogs, type StopChoice } from './DisconnectDialogs';
import { countryName, currencyName, dayInWords, momentInWords } from '../components/place-names';
import { scopesInWords } from './scope-words';

/** The sign-in's health in one line, with its tone. */
function health(status: ConnectionStatus): { tone: 'good' | 'attention' | 'problem' | 'neutral'; text: string; fix?: string } {
  if (status.state === 'reconnect-needed') return { tone: 'attention', text: status.reason ?? 'Xero asks for the connection to be approved again.', fix: 'Connect again on the Setup page.' };
  if (status.state !== 'connected') return { tone: 'neutral', text: status.reason ?? 'Not connected to Xero.' };
  if (status.check && !status.check.ok) return { tone: 'problem', text: status.check.message ?? 'Xero did not answer the last check.', ...(status.check.fix ? { fix: status.check.fix } : {}) };
  if (status.warning) return { tone: 'attention', text: status.warning };
  const at = momentInWords(status.check?.at);
  return { tone: 'good', text: at ? `Xero answered on ${at}.` : 'Xero answers.' };
}

export function ConnectionSection() {
  const view = useAppStore((s) => s.connection);
  const navigate = useAppStore((s) => s.navigate);
  const sample = useWizardStore((s) => s.profile?.profile === 'sample');
  const [checked, setChecked] = useState<ConnectionStatus | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [choice, setChoice] = useState<StopChoice | undefined>();
  const [outcome, setOutcome] = useState<string | undefined>();
  const stored = view.phase === 'known' ? view.status : undefined;
  const said = useRef<HTMLParagraphElement>(null);

  // The button that opened the dialog is gone once the sign-in is (nothing left to stop): focus goes to what happened.
  useEffect(() => {
    if (outcome) said.current?.focus();
  }, [outcome]);

  // One cheap call when the page opens (or the connection changes) fills in the organisation and the sign-in's health.
  useEffect(() => {
    setChecked(undefined);
    if (stored?.state !== 'connected') return;
    let live = true;
    assistant()
      .connection.check({})
      .then((status) => live && setChecked(status), (error: unknown) => live && setFailure(describeFailure(error)));
    return () => {
      live = false;
    };
  }, [stored?.state, stored?.tenantId]);

  if (!stored) return <p className="st-muted">{view.phase === 'unavailable' ? view.message : 'Reading the connection…'}</p>;
  const status = checked && checked.state === stored.state ? { ...stored, ...checked } : stored;
  const org = status.organisation;
  const permissions = scopesInWords(status.scopes);
  const signedIn = status.state === 'connected' || status.state === 'reconnect-needed';
  const state = health(status);
  const expires = dayInWords(status.refreshTokenExpiresAt);

  return (
    <>
      {sample ? <p className="st-muted">This is the built-in practice Xero of the sample data: nothing here touches your books.</p> : null}
      {signedIn ? (
        <dl className="facts st-facts">
          <dt>Organisation</dt>
          <dd>{org?.name ?? status.organisationName ?? 'Not chosen yet'}</dd>
          {org?.countryCode ? (
            <>
              <dt>Country</dt>
              <dd>{countryName(org.countryCode)}</dd>
            </>
          ) : null}
          {org?.baseCurrency ? (
            <>
              <dt>Base currency</dt>
              <dd>{currencyName(org.baseCurrency)}</dd>
            </>
          ) : null}
          <dt>Sign-in</dt>
          <dd>
            <span className="tone-badge" data-tone={state.tone}>
              {state.tone === 'good' ? 'Working' : state.tone === 'problem' ? 'Not working' : state.tone === 'attention' ? 'Needs attention' : 'Not connected'}
            </span>{' '}
            <span>{state.text}</span>
            {state.fix ? <span className="st-fix"> {state.fix}</span> : null}
          </dd>
          {expires ? (
            <>
              <dt>Sign-in ends</dt>
              <dd>
                On {expires} if the assistant is not used. Each use renews it for another 60 days (Xero&apos;s rule).
              </dd>
            </>
          ) : null}
          <dt>Permissions</dt>
          <dd>
            {permissions.organisation.length ? (
              <ul className="st-list" aria-label="What Xero lets the assistant do in this organisation">
                {permissions.organisation.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <span>Xero did not say which permissions it granted.</span>
            )}
            {permissions.signIn.length ? <p className="st-muted st-small">Also: {permissions.signIn.map((line) => line.charAt(0).toLowerCase() + line.slice(1)).join('; ')}.</p> : null}
          </dd>
        </dl>
      ) : (
        <div className="st-row">
          <p>{status.reason ?? 'The assistant is not connected to Xero.'}</p>
          <button type="button" className="button" onClick={() => navigate('setup')}>
            Go to Setup
          </button>
        </div>
      )}
      <FailureNotice failure={failure} />
      {outcome ? (
        <p className="st-outcome" role="status" tabIndex={-1} ref={said}>
          {outcome}
        </p>
      ) : null}
      {signedIn ? (
        <div className="st-stop">
          <h3 className="st-subtitle">Stop using Xero here</h3>
          <div className="st-stop-choices">
            <div>
              <button type="button" className="button button-danger-outline" onClick={() => setChoice('disconnect')}>
                Disconnect from Xero…
              </button>
              <p className="st-muted st-small">Removes the connection in Xero and ends the sign-in. Can affect CourseCo&apos;s own link to Xero: read before you confirm.</p>
            </div>
            <div>
              <button type="button" className="button" onClick={() => setChoice('forget')}>
                Forget on this computer only…
              </button>
              <p className="st-muted st-small">Deletes the sign-in saved on this computer. Nothing changes in Xero.</p>
            </div>
          </div>
        </div>
      ) : null}
      <DisconnectDialogs
        choice={choice}
        organisation={org?.name ?? status.organisationName}
        expires={expires}
        onClose={(done) => {
          setChoice(undefined);
          if (done) {
            setOutcome(done);
            setChecked(undefined);
          }
        }}
      />
    </>
  );
}
