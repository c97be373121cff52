/**
 * Step 4: the connected organisation (country and currency by name, the Tenant ID CourseCo needs) and the accounts and
 * tax rate chosen from its live data.
 */
import { useEffect, useState } from 'react';
import type { WizardOptions, WizardState } from '../types';
import { assistant } from '../../host/assistant';
import { CopyValue } from '../CopyButton';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';
import { countryName, currencyName } from '../../components/place-names';
import { useWizardStore } from '../wizard-store';
import { ChoicesForm } from './ChoicesForm';

function OrganisationCard({ options }: { options: WizardOptions }) {
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
            <dd>{countryName(org.countryCode) ?? '—'}</dd>
            <dt>Currency</dt>
            <dd>{currencyName(org.baseCurrency) ?? '—'}</dd>
            <dt>Tenant ID</dt>
            <dd>
              <CopyValue value={org.tenantId} label="Tenant ID" />
            </dd>
          </dl>
        </div>
      </div>
      <button type="button" className="button wz-button" onClick={() => useWizardStore.getState().show('connect')}>
        Choose another organisation
      </button>
    </div>
  );
}

export function ChooseStep({ state, onSaved }: { state: WizardState; onSaved: (state: WizardState) => Promise<void> }) {
  const [options, setOptions] = useState<WizardOptions | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const connected = state.facts.connected;

  useEffect(() => {
    if (!connected) return undefined;
    let current = true;
    setFailure(undefined);
    assistant()
      .wizard.options({})
      .then(
        (result) => {
          if (!current) return;
          setOptions(result);
          useWizardStore.setState({ taxRateNames: Object.fromEntries(result.taxRates.map((r) => [r.taxType, r.name])) });
        },
        (error: unknown) => current && setFailure(describeFailure(error)),
      );
    return () => {
      current = false;
    };
  }, [connected, state.facts.tenantId]);

  if (!connected) {
    return (
      <>
        <p className="wz-notice">Connect to Xero first (step 3): the accounts and tax rates are read from your organisation.</p>
        <div className="wz-actions">
          <button type="button" className="button wz-button button-primary" onClick={() => useWizardStore.getState().show('connect')}>
            Go to step 3: Connect to Xero
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <p className="wz-lead">Choose where CourseCo’s invoices and payments go in Xero, and the tax rate of its sales. The lists come from your organisation.</p>
      {options ? (
        <OrganisationCard options={options} />
      ) : failure ? null : (
        <p className="wz-muted" aria-busy="true">
          Reading your organisation from Xero…
        </p>
      )}
      <FailureNotice failure={failure} />
      {options ? <ChoicesForm options={options} onSaved={onSaved} /> : null}
    </>
  );
}
