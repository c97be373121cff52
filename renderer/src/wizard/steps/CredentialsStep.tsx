/**
 * Step 2: paste the Client ID and Secret. They are validated by the services (the usual paste mistakes, a Client ID
 * too short, an empty field, are named at the field they concern, and focus goes there), the secret goes to the
 * keychain and is never shown again: only "stored ✓", with a way to replace it. Before the first connection the one
 * button stores and connects: the sign-in is the only thing to do next.
 */
import { useRef, useState, type FormEvent, type Ref } from 'react';
import type { WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { secretPlace } from '../secret-place';
import { useTrySample } from '../StartChoice';

/**
 * No password store on this computer (a server, WSL, a container): the secret cannot be kept safely, so the step says
 * so once, in the keychain module's own words, and offers the two ways on: sample data (which needs none) or
 * installing/unlocking a store and checking again. Nothing is ever kept anywhere else instead.
 */
function NoPasswordStore({ reason, fix, onCheckAgain }: { reason: string; fix: string | undefined; onCheckAgain: () => void }) {
  const { trySample, switching, failure } = useTrySample();
  return (
    <div className="wz-failure" role="alert" data-testid="wz-no-keychain">
      <p className="wz-failure-message">{reason}</p>
      {fix ? (
        <p className="wz-failure-fix">
          <strong>What to do: </strong>
          {fix}
        </p>
      ) : null}
      <div className="wz-actions">
        <button type="button" className="button wz-button button-primary" onClick={() => void trySample()} disabled={switching} aria-busy={switching}>
          {switching ? 'Starting sample data…' : 'Try with sample data instead'}
        </button>
        <button type="button" className="button wz-button" onClick={onCheckAgain} disabled={switching}>
          Check again
        </button>
      </div>
      <FailureNotice failure={failure} />
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The services' words for what is wrong with this value, shown in place of the help. */
  error: Failure | undefined;
  help: string;
  secret?: boolean;
}

function CredentialField({ id, label, value, onChange, error, help, secret = false, inputRef }: FieldProps & { inputRef?: Ref<HTMLInputElement> }) {
  return (
    <div className="wz-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className="field wz-input wz-mono"
        type={secret ? 'password' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-help`}
      />
      {error ? (
        <p id={`${id}-error`} className="wz-problem" data-tone="problem">
          {error.message}
          {error.fix ? (
            <>
              {' '}
              <strong>What to do:</strong> {error.fix}
            </>
          ) : null}
        </p>
      ) : (
        <p id={`${id}-help`} className="wz-help">
          {help}
        </p>
      )}
    </div>
  );
}

export function CredentialsStep({ state, onDone, onRecheck }: { state: WizardState; onDone: (connectNow: boolean) => void; onRecheck: () => void }) {
  const stored = state.facts.credentialsStored;
  const connectNow = !state.facts.connected;
  const idInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
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
      onDone(connectNow);
    } catch (error) {
      const failed = describeFailure(error);
      setFailure(failed);
      // The message sits under the field it concerns; take the person there.
      if (failed.kind === 'InvalidClientId') idInput.current?.focus();
      else if (failed.kind === 'InvalidClientSecret') secretInput.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const idError = failure?.kind === 'InvalidClientId' ? failure : undefined;
  const secretError = failure?.kind === 'InvalidClientSecret' ? failure : undefined;
  const otherError = failure && !idError && !secretError ? failure : undefined;
  const keychain = state.facts.keychain;
  // Known before anything is typed (the status probe), or learnt from a save that the store refused.
  const noStore =
    keychain && !keychain.available
      ? { reason: keychain.detail, fix: keychain.fix }
      : otherError?.kind === 'KeychainUnavailable'
        ? { reason: otherError.message, fix: otherError.fix }
        : undefined;
  const where = secretPlace(keychain);

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
            Stored: Client ID <code className="wz-code">{state.facts.clientId}</code> and its secret, {where}. The secret is never shown again.
          </p>
          <button type="button" className="button wz-button" onClick={() => setReplacing(true)}>
            Replace credentials
          </button>
        </div>
      ) : noStore ? (
        <NoPasswordStore
          reason={noStore.reason}
          fix={noStore.fix}
          onCheckAgain={() => {
            setFailure(undefined);
            onRecheck();
          }}
        />
      ) : (
        <form className="wz-form" onSubmit={(e) => void save(e)} noValidate>
          <CredentialField
            id="wz-client-id"
            label="Client ID"
            value={clientId}
            onChange={setClientId}
            error={idError}
            help="32 characters, 0–9 and A–F."
            inputRef={idInput}
          />
          <CredentialField
            id="wz-client-secret"
            label="Client Secret"
            inputRef={secretInput}
            secret
            value={secret}
            onChange={setSecret}
            error={secretError}
            help={`Stored only ${where}; never shown again.`}
          />
          {connectNow ? <p className="wz-help">Storing them opens Xero’s sign-in page, where you allow CourseCo’s organisation.</p> : null}
          <div className="wz-actions">
            <button type="submit" className="button wz-button button-primary" disabled={saving} aria-busy={saving}>
              {saving ? 'Storing…' : connectNow ? 'Store and connect to Xero' : 'Store in keychain'}
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
