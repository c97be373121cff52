/**
 * Step 6: exactly what to enter in CourseCo's Settings → Xero 2, every value verified by the steps before it (the test
 * sync used them). The secret is never shown: only where to find it. The assistant cannot read CourseCo's settings,
 * so the step is ticked when the person says they entered them, and asks again when a value changes.
 */
import { useEffect, useState } from 'react';
import type { CourseCoValue, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { CopyValue } from '../CopyButton';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { secretPlace } from '../secret-place';
import { useWizardStore } from '../wizard-store';

export function CourseCoStep({ state, onConfirmed }: { state: WizardState; onConfirmed: (state: WizardState) => void }) {
  const [values, setValues] = useState<{ values: CourseCoValue[]; settingsUrl?: string | undefined } | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [saving, setSaving] = useState(false);
  const done = state.steps.find((s) => s.id === 'courseco')?.done ?? false;
  const confirm = async (entered: boolean) => {
    setSaving(true);
    setFailure(undefined);
    try {
      const next = await assistant().wizard.confirmCourseCo({ entered });
      if (entered) onConfirmed(next);
      else useWizardStore.getState().accept(next);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setSaving(false);
    }
  };
  useEffect(() => {
    assistant()
      .wizard.courseCoValues({})
      .then(setValues, (error: unknown) => setFailure(describeFailure(error)));
  }, [state]);

  return (
    <>
      <p className="wz-lead">
        Log in to CourseCo as an admin and open <strong>Settings → Xero 2</strong>. Enter these values exactly as shown and save. Each one was checked
        against your Xero organisation in the steps before.
      </p>
      {values?.settingsUrl ? (
        <p>
          <a href={values.settingsUrl} target="_blank" rel="noreferrer">
            Open CourseCo settings ({values.settingsUrl})
          </a>
        </p>
      ) : (
        <p className="wz-muted">Save your CourseCo domain in step 1 to get a direct link to its settings.</p>
      )}
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
                    <span className="wz-pending">{`Stored ${secretPlace(state.facts.keychain)} — never shown`}</span>
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
        {done ? (
          <>
            <button type="button" className="button wz-button button-primary" onClick={() => useWizardStore.getState().show('check')}>
              Next: What to check
            </button>
            <button type="button" className="button wz-button" onClick={() => void confirm(false)} disabled={saving}>
              I have not entered them yet
            </button>
          </>
        ) : (
          <button type="button" className="button wz-button button-primary" onClick={() => void confirm(true)} disabled={saving} aria-busy={saving}>
            I have entered them in CourseCo
          </button>
        )}
      </div>
      <FailureNotice failure={failure} />
    </>
  );
}
