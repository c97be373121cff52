/**
 * Step 1: create the Xero app. The CourseCo domain is linted as it is typed; the exact redirect URIs to register
 * (CourseCo's and the assistant's own) come from the services, each with a copy button. Saving stays here: the
 * redirect URI is what the person must now register in Xero, and going on is their own, deliberate step.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DomainLint, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { CopyValue } from '../CopyButton';
import { describeFailure, type Failure } from '../../host/failure';
import { DomainInput } from '../DomainInput';
import { FailureNotice } from '../FailureNotice';
import { useWizardStore } from '../wizard-store';

export const XERO_MY_APPS_URL = 'https://developer.xero.com/app/manage';

export function AppStep({ state }: { state: WizardState }) {
  const [domain, setDomain] = useState(() => state.facts.domain ?? useWizardStore.getState().draftDomain ?? '');
  const [lint, setLint] = useState<DomainLint | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    assistant()
      .wizard.lintDomain({ domain })
      .then(
        (result) => current && setLint(result),
        (error: unknown) => current && setFailure(describeFailure(error)),
      );
    return () => {
      current = false;
    };
  }, [domain]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await assistant().wizard.lintDomain({ domain, save: true });
      setLint(result);
      if (result.saved) {
        setDomain(result.domain);
        await useWizardStore.getState().refresh();
      }
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setSaving(false);
    }
  };

  const blocking = lint?.problems.filter((p) => p.blocking) ?? [];
  const corrected = lint?.problems.filter((p) => !p.blocking) ?? [];
  const showProblems = domain.trim() !== '';
  const savedDomain = state.facts.domain;
  const isSaved = savedDomain !== undefined && savedDomain === lint?.domain;

  return (
    <>
      <p className="wz-lead">
        CourseCo talks to Xero through an app you create in Xero’s developer portal. Start with the address of your CourseCo site.
      </p>
      <form className="wz-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="wz-field">
          <label htmlFor="wz-domain">Your CourseCo domain</label>
          <div className="wz-inline">
            <DomainInput id="wz-domain" value={domain} onChange={setDomain} describedBy="wz-domain-help wz-domain-problems" invalid={showProblems && blocking.length > 0} />
            <button type="submit" className="button wz-button button-primary" disabled={saving}>
              {isSaved ? 'Saved ✓' : 'Save domain'}
            </button>
          </div>
          <p id="wz-domain-help" className="wz-help">
            The address you open CourseCo at, e.g. yourcentre.courseco.co or your own domain such as yourcentre.ie.
          </p>
          <div id="wz-domain-problems" className="wz-problems" aria-live="polite">
            {showProblems
              ? blocking.map((p) => (
                  <p key={p.code} className="wz-problem" data-tone="problem">
                    {p.message} {p.fix}
                  </p>
                ))
              : null}
            {showProblems && blocking.length === 0
              ? corrected.map((p) => (
                  <p key={p.code} className="wz-problem" data-tone="attention">
                    {p.message} {p.fix}
                  </p>
                ))
              : null}
          </div>
        </div>
      </form>
      <FailureNotice failure={failure} />

      <h3 className="wz-subheading">Redirect URIs to register</h3>
      <div aria-live="polite">
        {isSaved ? (
          <p className="wz-next-step" data-testid="wz-domain-saved">
            <span className="wz-ok" aria-hidden="true">
              ✓
            </span>{' '}
            Domain saved. Now add the redirect URIs below to your Xero app, exactly as shown, then go on to step 2.
          </p>
        ) : null}
      </div>
      <p className="wz-muted">Xero compares them character by character: copy them with the buttons rather than typing them.</p>
      <ul className="wz-uri-list">
        <li className="wz-uri">
          <span className="wz-uri-label">CourseCo</span>
          {lint?.courseCoRedirectUri ? (
            <CopyValue value={lint.courseCoRedirectUri} label="CourseCo redirect URI" />
          ) : (
            <span className="wz-muted">Appears once the domain is valid.</span>
          )}
        </li>
        {(lint?.assistantRedirectUris ?? []).map((uri, index) => (
          <li className="wz-uri" key={uri}>
            <span className="wz-uri-label">{index === 0 ? 'This assistant' : 'Assistant (spare port)'}</span>
            <CopyValue value={uri} label={`assistant redirect URI ${index + 1}`} />
          </li>
        ))}
      </ul>

      <h3 className="wz-subheading">In Xero’s developer portal</h3>
      <ol className="wz-instructions">
        <li>
          Open{' '}
          <a href={XERO_MY_APPS_URL} target="_blank" rel="noreferrer">
            Xero’s developer portal (developer.xero.com)
          </a>
          , log in with your Xero account and choose <strong>My Apps</strong> → <strong>New app</strong>.
        </li>
        <li>
          <strong>App name</strong>: e.g. CourseCo Integration. <strong>Integration type</strong>: <strong>Web app</strong> — CourseCo signs in
          with a Client Secret, which only Web apps have.
        </li>
        <li>
          <strong>Company or application URL</strong>: your website{savedDomain ? <> (e.g. https://{savedDomain})</> : null}.
        </li>
        <li>
          <strong>Redirect URI</strong>: the CourseCo one above; after creating the app, add this assistant’s ones too, under <strong>Configuration</strong> → <strong>Redirect URIs</strong>.
        </li>
        <li>
          Click <strong>Create app</strong>.
        </li>
      </ol>
    </>
  );
}
