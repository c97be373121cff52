/**
 * The deposits setting (`xero.batchDeposits`, off by default) beside the payment account: on, the payments CourseCo
 * received on one day by one method go to Xero as one batch payment, so a card processor's payout matches one line.
 * Saved the moment it is changed; the services validate the value like every setting.
 */
import { useEffect, useState } from 'react';
import { assistant } from '../../host/assistant';
import { describeFailure, type Failure } from '../../host/failure';
import { FailureNotice } from '../FailureNotice';

export function DepositsToggle() {
  const [on, setOn] = useState<boolean | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | undefined>();
  useEffect(() => {
    let live = true;
    assistant()
      .settings.get()
      .then((s) => live && setOn(s['xero.batchDeposits'] === 'on'))
      .catch((error: unknown) => live && setFailure(describeFailure(error)));
    return () => {
      live = false;
    };
  }, []);
  const change = async (next: boolean) => {
    setFailure(undefined);
    try {
      const saved = await assistant().settings.set({ key: 'xero.batchDeposits', value: next ? 'on' : 'off' });
      setOn(saved['xero.batchDeposits'] === 'on');
    } catch (error) {
      setFailure(describeFailure(error));
    }
  };
  return (
    <div className="wz-field">
      <label htmlFor="wz-batch-deposits">
        <input id="wz-batch-deposits" type="checkbox" aria-describedby="wz-batch-deposits-help" checked={on ?? false} disabled={on === undefined} onChange={(e) => void change(e.target.checked)} /> Send each day&apos;s
        payments by the same method as one deposit
      </label>
      <p id="wz-batch-deposits-help" className="wz-help">
        Payments received on the same day by the same method (for example a card processor&apos;s payout) go to Xero as one batch payment, so the
        single line on your bank statement reconciles in one click.
      </p>
      <FailureNotice failure={failure} />
    </div>
  );
}
