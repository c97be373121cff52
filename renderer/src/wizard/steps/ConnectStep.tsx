/**
 * Step 4: connect (the sign-in opens in the system browser; the web host offers the link), pick the organisation when
 * several were authorised, warn when the expected one was not, then choose accounts and tax rate from live data.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectResult, OrganisationView, WizardOptions, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { CopyValue } from '../CopyButton';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { ChoicesForm } from './ChoicesForm';

function ConnectForm({ state, switching, onConnected }: { state: WizardState; switching: boolean; onConnected: () => Promise<void> }) {
  const [expected, setExpected] = useState('');
  const [phase, setPhase] = useState<'idle' | 'waiting' | 'choosing'>('idle');
  const [signInUrl, setSignInUrl] = useState<string | undefined>();
  const [organisations, setOrganisations] = useState<OrganisationView[]>([]);
  const [picked, setPicked] = useState<string>('');
  const [failure, setFailure] = useState<Failure | undefined>();

  useEffect(() => assistant().events.connectionAuthorizeUrl(({ url }) => setSignInUrl(url)), []);

  const settle = async (result: ConnectResult) => {
    if (result.needsChoice) {
      setOrganisations(result.organisations);
      setPicked(result.organisations[0]?.tenantId ?? '');
      setPhase('choosing');
      // Country and currency help tell similar organisations apart; the list works without them.
      assistant()
        .wizard.organisations({})
        .then(({ organisations: detailed }) => setOrganisations(detailed), () => undefined);
      return;
    }
    setPhase('idle');
    await onConnected();
  };

  const connect = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setSignInUrl(undefined);
    setPhase('waiting');
    try {
      const wanted = expected.trim();
      if (switching && !wanted) {
        // Another organisation on purpose: forget the one chosen before, so the new choice is not refused as "wrong".
        await assistant().settings.set({ key: 'xero.tenantId', value: null });
        await assistant().settings.set({ key: 'xero.expectedOrganisation', value: null });
      }
      await settle(await assistant().connection.connect(wanted ? { tenant: wanted } : {}));
    } catch (error) {
      setFailure(describeFailure(error));
      setPhase('idle');
    }
  };

  const choose = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await settle(await assistant().connection.choose({ tenantId: picked }));
    } catch (error) {
      setFailure(describeFailure(error));
    }
  };

  if (!state.facts.credentialsStored) {
    return <p className="wz-notice">Store the Client ID and Secret first (step 2); connecting needs them.</p>;
  }

  if (phase === 'choosing') {
    return (
      <form className="wz-form" onSubmit={(e) => void choose(e)}>
        <fieldset className="wz-fieldset">
          <legend>Several organisations were authorised. Which one does CourseCo use?</legend>
          {organisations.map((org) => (
            <label key={org.tenantId} className="wz-radio">
              <input type="radio" name="wz-org" value={org.tenantId} checked={picked === org.tenantId} onChange={() => setPicked(org.tenantId)} />
              <span>
                <span className="wz-radio-title">{org.name}</span>
                <span className="wz-help">
                  {[org.countryCode, org.baseCurrency].filter(Boolean).join(' · ')}
                  {org.countryCode || org.baseCurrency ? ' · ' : ''}Tenant ID {org.tenantId}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="wz-actions">
          <button type="submit" className="button wz-button button-primary" disabled={!picked}>
            Use this organisation
          </button>
        </div>
        <FailureNotice failure={failure} />
      </form>
    );
  }

  return (
    <form className="wz-form" onSubmit={(e) => void connect(e)}>
      <div className="wz-field">
        <label htmlFor="wz-expected-org">Organisation you expect (optional)</label>
        <input
          id="wz-expected-org"
          className="field wz-input"
          value={expected}
          onChange={(e) => setExpected(e.target.value)}
          autoComplete="off"
          aria-describedby="wz-expected-org-help"
          disabled={phase === 'waiting'}
        />
        <p id="wz-expected-org-help" className="wz-help">
          Its name as Xero shows it. If you tick a different organisation on Xero’s page, the assistant says so instead of using it.
        </p>
      </div>
      <div className="wz-actions">
        <button type="submit" className="button wz-button button-primary" disabled={phase === 'waiting'} aria-busy={phase === 'waiting'}>
          {phase === 'waiting' ? 'Waiting for Xero…' : 'Connect to Xero'}
        </button>
        {phase === 'waiting' ? (
          <button type="button" className="button wz-button" onClick={() => void assistant().connection.cancel({})}>
            Cancel
          </button>
        ) : null}
      </div>
      <div className="wz-waiting" aria-live="polite">
        {phase === 'waiting' ? (
          <p>
            Xero’s sign-in page opens in your browser: log in, tick your organisation and click <strong>Allow access</strong>.{' '}
            {signInUrl ? (
              <>
                No browser window?{' '}
                <a href={signInUrl} target="_blank" rel="noreferrer">
                  Open the Xero sign-in page
                </a>
                .
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <FailureNotice failure={failure} />
    </form>
  );
}

function OrganisationCard({ options, onReconnect }: { options: WizardOptions; onReconnect: () => void }) {
  const org = options.organisation;
  return (
    <div className="wz-org">
      <div className="wz-org-main">
        <span className="wz-ok" aria-hidden="true">
          ✓
        </span>
        <div>
          <p className="wz-org-name">Connected to {org.name}</p>
          <dl className="wz-facts">
            <dt>Country</dt>
            <dd>{org.countryCode ?? '—'}</dd>
            <dt>Currency</dt>
            <dd>{org.baseCurrency ?? '—'}</dd>
            <dt>Tenant ID</dt>
            <dd>
              <CopyValue value={org.tenantId} label="Tenant ID" />
            </dd>
          </dl>
        </div>
      </div>
      <button type="button" className="button wz-button" onClick={onReconnect}>
        Connect a different organisation
      </button>
    </div>
  );
}

export function ConnectStep({ state, onChanged }: { state: WizardState; onChanged: (known?: WizardState) => Promise<void> }) {
  const [options, setOptions] = useState<WizardOptions | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [reconnecting, setReconnecting] = useState(false);
  const connected = state.facts.connected && !reconnecting;

  useEffect(() => {
    if (!connected) return undefined;
    let current = true;
    setFailure(undefined);
    assistant()
      .wizard.options({})
      .then(
        (result) => current && setOptions(result),
        (error: unknown) => current && setFailure(describeFailure(error)),
      );
    return () => {
      current = false;
    };
  }, [connected, state.facts.tenantId]);

  return (
    <>
      <p className="wz-lead">
        Connect the assistant to your Xero organisation. It reads your chart of accounts and tax rates so you can pick the values CourseCo needs instead of
        typing them.
      </p>
      {state.facts.tenantCheck ? <p className="wz-notice">{state.facts.tenantCheck}</p> : null}
      {connected ? (
        <>
          {options ? (
            <OrganisationCard options={options} onReconnect={() => setReconnecting(true)} />
          ) : failure ? null : (
            <p className="wz-muted" aria-busy="true">
              Reading your organisation from Xero…
            </p>
          )}
          <FailureNotice failure={failure} />
          {options ? <ChoicesForm options={options} onSaved={onChanged} /> : null}
        </>
      ) : (
        <>
          {reconnecting ? (
            <div className="wz-actions">
              <button type="button" className="button wz-button" onClick={() => setReconnecting(false)}>
                Keep {state.facts.organisationName ?? 'the current organisation'}
              </button>
            </div>
          ) : null}
          <ConnectForm
            state={state}
            switching={reconnecting}
            onConnected={async () => {
              setReconnecting(false);
              setOptions(undefined);
              await onChanged();
            }}
          />
        </>
      )}
    </>
  );
}
