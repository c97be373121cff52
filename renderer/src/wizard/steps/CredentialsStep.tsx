/**
 * Step 2: paste the Client ID and Secret. They are validated by the services (the usual paste mistakes are named
 * inline), the secret goes to the keychain and is never shown again: only "stored ✓", with a way to replace it.
 */
import { useState, type FormEvent } from 'react';
import type { WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';

export function CredentialsStep({ state, onDone }: { state: WizardState; onDone: () => void }) {
  const stored = state.facts.credentialsStored;
  const [replacing, setReplacing] = useState(!stored);
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<Failure | undefined>();
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      await assistant().credentials.set({ clientId, clientSecret: secret });
      setSecret('');
      setClientId('');
      setReplacing(false);
      onDone();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setSaving(false);
    }
  };

  const idError = failure?.kind === 'InvalidClientId' ? failure : undefined;
  const secretError = failure?.kind === 'InvalidClientSecret' ? failure : undefined;
  const otherError = failure && !idError && !secretError ? failure : undefined;

  return (
    <>
      <p className="wz-lead">
        In your Xero app, open <strong>Configuration</strong>: copy the <strong>Client ID</strong>, click <strong>Generate a secret</strong> and copy
        the <strong>Client Secret</strong>. Keep the secret somewhere safe — CourseCo needs it too.
      </p>
      {stored && !replacing ? (
        <div className="wz-stored">
          <p>
            <span className="wz-ok" aria-hidden="true">
              ✓
            </span>{' '}
            Stored: Client ID <code className="wz-code">{state.facts.clientId}</code> and its secret, in your system keychain. The secret is never
            shown again.
          </p>
          <button type="button" className="button wz-button" onClick={() => setReplacing(true)}>
            Replace credentials
          </button>
        </div>
      ) : (
        <form className="wz-form" onSubmit={(e) => void save(e)} noValidate>
          <div className="wz-field">
            <label htmlFor="wz-client-id">Client ID</label>
            <input
              id="wz-client-id"
              className="field wz-input wz-mono"
              value={clientId}
              onChange={(e) => setClientId(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={idError ? true : undefined}
              aria-describedby={idError ? 'wz-client-id-error' : 'wz-client-id-help'}
            />
            {idError ? (
              <p id="wz-client-id-error" className="wz-problem" data-tone="problem">
                {idError.message} {idError.fix}
              </p>
            ) : (
              <p id="wz-client-id-help" className="wz-help">
                32 characters, 0–9 and A–F.
              </p>
            )}
          </div>
          <div className="wz-field">
            <label htmlFor="wz-client-secret">Client Secret</label>
            <input
              id="wz-client-secret"
              className="field wz-input wz-mono"
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={secretError ? true : undefined}
              aria-describedby={secretError ? 'wz-client-secret-error' : 'wz-client-secret-help'}
            />
            {secretError ? (
              <p id="wz-client-secret-error" className="wz-problem" data-tone="problem">
                {secretError.message} {secretError.fix}
              </p>
            ) : (
              <p id="wz-client-secret-help" className="wz-help">
                Stored only in your system keychain; never shown again.
              </p>
            )}
          </div>
          <div className="wz-actions">
            <button type="submit" className="button wz-button button-primary" disabled={saving || clientId.trim() === '' || secret.trim() === ''}>
              {saving ? 'Storing…' : 'Store in keychain'}
            </button>
            {stored ? (
              <button type="button" className="button wz-button" onClick={() => setReplacing(false)}>
                Keep the stored ones
              </button>
            ) : null}
          </div>
          <FailureNotice failure={otherError} />
        </form>
      )}
    </>
  );
}
