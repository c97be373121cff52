/**
 * Step 3: exactly what to enter in CourseCo's Settings → Xero 2, filled as later steps verify each value. The secret
 * is never shown: only where to find it.
 */
import { useEffect, useState } from 'react';
import type { CourseCoValue, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { CopyValue } from '../CopyButton';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';

export function CourseCoStep({ state, onNext }: { state: WizardState; onNext: () => void }) {
  const [values, setValues] = useState<{ values: CourseCoValue[]; settingsUrl?: string | undefined } | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  useEffect(() => {
    assistant()
      .wizard.courseCoValues({})
      .then(setValues, (error: unknown) => setFailure(describeFailure(error)));
  }, [state]);

  return (
    <>
      <p className="wz-lead">
        Log in to CourseCo as an admin and open <strong>Settings → Xero 2</strong>. Enter these values and save; the ones still empty are filled in as the
        next steps verify them against Xero.
      </p>
      {values?.settingsUrl ? (
        <p>
          <a href={values.settingsUrl} target="_blank" rel="noreferrer">
            Open CourseCo settings ({values.settingsUrl})
          </a>
        </p>
      ) : (
        <p className="wz-muted">Enter your CourseCo domain in step 1 to get a direct link to its settings.</p>
      )}
      <FailureNotice failure={failure} />
      {values ? (
        <table className="wz-values">
          <caption className="visually-hidden">Values for CourseCo Settings → Xero 2</caption>
          <thead>
            <tr>
              <th scope="col">CourseCo field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {values.values.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.label}</th>
                <td>
                  {v.value ? (
                    <CopyValue value={v.value} label={v.label} />
                  ) : v.id === 'clientSecret' && state.facts.credentialsStored ? (
                    <span className="wz-pending">Stored in your keychain — never shown</span>
                  ) : (
                    <span className="wz-pending">Not known yet</span>
                  )}
                  <span className="wz-help">{v.hint}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="wz-muted" aria-busy="true">
          Loading the values…
        </p>
      )}
      <p className="wz-muted">
        Then, in CourseCo, return to the Home dashboard, open <strong>Xero 2</strong> in the left menu and click <strong>Connect to Xero</strong>.
      </p>
      <div className="wz-actions">
        <button type="button" className="button wz-button button-primary" onClick={onNext}>
          {state.facts.connected ? 'Review the connection' : 'Continue to connect'}
        </button>
      </div>
    </>
  );
}
