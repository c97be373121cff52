/**
 * Step 3: connect (the sign-in opens in the system browser; in the web host, in a new tab of this browser, with the
 * link as a fallback), pick the organisation when several were authorised, and when the one expected was not
 * authorised, say so with the two ways on as buttons: connect again, or use one that was authorised.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectResult, OrganisationView, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { useAppStore } from '../../state/app-store';
import { FailureNotice } from '../FailureNotice';
import { countryName, currencyName } from '../../components/place-names';
import { useWizardStore } from '../wizard-store';

type Authorised = Array<{ tenantId: string; name: string }>;

/** The organisation expected was not among those authorised: the fix as buttons, not a command. */
function WrongOrganisation({ failure, wanted, authorised, onConnectAgain, onUse }: {
  failure: Failure;
  wanted: string | undefined;
  authorised: Authorised;
  onConnectAgain: () => void;
  onUse: (tenantId: string) => void;
}) {
  const plain: Failure = {
    ...failure,
    evidence: undefined,
    fix: `${wanted ? `Connect again and tick “${wanted}” on Xero’s page` : 'Connect again and tick the organisation CourseCo uses on Xero’s page'}${
      authorised.length > 0 ? ', or use an organisation you did authorise if that is the one CourseCo uses.' : '.'
    }`,
  };
  return (
    <FailureNotice failure={plain}>
      <div className="wz-actions">
        <button type="button" className="button wz-button button-primary" onClick={onConnectAgain}>
          Connect again
        </button>
        {authorised.map((org) => (
          <button key={org.tenantId} type="button" className="button wz-button" onClick={() => onUse(org.tenantId)}>
            Use {org.name} instead
          </button>
        ))}
      </div>
    </FailureNotice>
  );
}

function organisationLine(org: OrganisationView): string {
  return [countryName(org.countryCode), currencyName(org.baseCurrency), `Tenant ID ${org.tenantId}`].filter(Boolean).join(' · ');
}

function ConnectForm({ state, switching, onConnected }: { state: WizardState; switching: boolean; onConnected: () => Promise<void> }) {
  const [expected, setExpected] = useState('');
  const [phase, setPhase] = useState<'idle' | 'waiting' | 'choosing'>('idle');
  const [signInUrl, setSignInUrl] = useState<string | undefined>();
  const [organisations, setOrganisations] = useState<OrganisationView[]>([]);
  const [picked, setPicked] = useState<string>('');
  const [failure, setFailure] = useState<Failure | undefined>();
  const [authorised, setAuthorised] = useState<Authorised>([]);
  /** A sign-in this form started and whose page it has not opened yet (web host only). */
  const opening = useRef(false);

  useEffect(
    () =>
      assistant().events.connectionAuthorizeUrl(({ url }) => {
        setSignInUrl(url);
        // The desktop app opens the system browser itself; in the web host this browser is the system browser, so the
        // page opens as a new tab (the link stays, for a browser that blocks it).
        if (opening.current && useAppStore.getState().appInfo?.host === 'web') window.open(url, '_blank', 'noopener,noreferrer');
        opening.current = false;
      }),
    [],
  );

  const settle = async (result: ConnectResult) => {
    if (result.needsChoice) {
      setOrganisations(result.organisations);
      setPicked(result.organisations[0]?.tenantId ?? '');
      setPhase('choosing');
      // Signed in, nothing chosen yet: the step's evidence says so, like the status bar.
      void useWizardStore.getState().refresh();
      // Country and currency help tell similar organisations apart; the list works without them.
      assistant()
        .wizard.organisations({})
        .then(({ organisations: detailed }) => setOrganisations(detailed), () => undefined);
      return;
    }
    setPhase('idle');
    await onConnected();
  };

  const startConnect = async () => {
    setFailure(undefined);
    setAuthorised([]);
    setSignInUrl(undefined);
    setPhase('waiting');
    opening.current = true;
    try {
      const wanted = expected.trim();
      if (switching && !wanted) {
        // Another organisation on purpose: forget the one chosen before, so the new choice is not refused as "wrong".
        await assistant().settings.set({ key: 'xero.tenantId', value: null });
        await assistant().settings.set({ key: 'xero.expectedOrganisation', value: null });
      }
      await settle(await assistant().connection.connect(wanted ? { tenant: wanted } : {}));
    } catch (error) {
      const failed = describeFailure(error);
      setFailure(failed);
      setPhase('idle');
      // A sign-in may have happened even so (e.g. the wrong organisation): the checklist says where things stand.
      void useWizardStore.getState().refresh();
      if (failed.kind === 'OrganisationNotAuthorised') {
        // Signed in, but not to the organisation expected: which ones were authorised, to offer them.
        assistant()
          .connection.organisations({})
          .then(({ organisations: list }) => setAuthorised(list.map((o) => ({ tenantId: o.tenantId, name: o.name }))), () => undefined);
      }
    } finally {
      opening.current = false;
    }
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    void startConnect();
  };

  // "Store and connect" in step 2: the sign-in starts as this step opens.
  useEffect(() => {
    if (!useWizardStore.getState().connectRequested) return;
    useWizardStore.getState().requestConnect(false);
    if (state.facts.credentialsStored) void startConnect();
  }, []);

  const use = async (tenantId: string) => {
    setFailure(undefined);
    try {
      await settle(await assistant().connection.choose({ tenantId }));
    } catch (error) {
      setFailure(describeFailure(error));
    }
  };

  const choose = (event: FormEvent) => {
    event.preventDefault();
    void use(picked);
  };

  if (!state.facts.credentialsStored) {
    return <p className="wz-notice">Store the Client ID and Secret first (step 2); connecting needs them.</p>;
  }

  if (phase === 'choosing') {
    return (
      <form className="wz-form" onSubmit={choose}>
        <fieldset className="wz-fieldset">
          <legend>Several organisations were authorised. Which one does CourseCo use?</legend>
          {organisations.map((org) => (
            <label key={org.tenantId} className="wz-radio">
              <input type="radio" name="wz-org" value={org.tenantId} checked={picked === org.tenantId} onChange={() => setPicked(org.tenantId)} />
              <span>
                <span className="wz-radio-title">{org.name}</span>
                <span className="wz-help">{organisationLine(org)}</span>
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

  const wrongOrganisation = failure?.kind === 'OrganisationNotAuthorised';
  const wanted = expected.trim() || state.facts.organisationName;

  return (
    <form className="wz-form" onSubmit={connect}>
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
      {wrongOrganisation && failure ? (
        <WrongOrganisation failure={failure} wanted={wanted} authorised={authorised} onConnectAgain={() => void startConnect()} onUse={(id) => void use(id)} />
      ) : (
        <FailureNotice failure={failure} />
      )}
    </form>
  );
}

export function ConnectStep({ state, onConnected }: { state: WizardState; onConnected: () => Promise<void> }) {
  const [reconnecting, setReconnecting] = useState(false);
  const connected = state.facts.connected && !reconnecting;

  return (
    <>
      <p className="wz-lead">
        Connect the assistant to your Xero organisation. It reads your chart of accounts and tax rates so you can pick the values CourseCo needs instead of
        typing them.
      </p>
      {state.facts.tenantCheck ? <p className="wz-notice">{state.facts.tenantCheck}</p> : null}
      {connected ? (
        <div className="wz-org">
          <div className="wz-org-main">
            <span className="wz-ok" aria-hidden="true">
              ✓
            </span>
            <p className="wz-org-name">Connected to {state.facts.organisationName ?? 'your Xero organisation'}</p>
          </div>
          <button type="button" className="button wz-button" onClick={() => setReconnecting(true)}>
            Choose another organisation
          </button>
        </div>
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
              await onConnected();
            }}
          />
        </>
      )}
    </>
  );
}
