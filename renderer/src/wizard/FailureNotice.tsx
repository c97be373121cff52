/** A refusal with what to do and its evidence, announced to screen readers; `children`: the buttons that do it. */
import type { ReactNode } from 'react';
import type { Failure } from '../host/failure';

export function FailureNotice({ failure, id, children }: { failure: Failure | undefined; id?: string; children?: ReactNode }) {
  if (!failure) return null;
  return (
    <div className="wz-failure" role="alert" id={id}>
      <p className="wz-failure-message">{failure.message}</p>
      {failure.fix ? (
        <p className="wz-failure-fix">
          <strong>What to do: </strong>
          {failure.fix}
        </p>
      ) : null}
      {failure.evidence ? <p className="wz-failure-evidence">{failure.evidence}</p> : null}
      {children}
    </div>
  );
}
