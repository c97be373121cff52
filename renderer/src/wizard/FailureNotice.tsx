/** A refusal with its fix and evidence, announced to screen readers. */
import type { Failure } from '../host/failure';

export function FailureNotice({ failure, id }: { failure: Failure | undefined; id?: string }) {
  if (!failure) return null;
  return (
    <div className="wz-failure" role="alert" id={id}>
      <p className="wz-failure-message">{failure.message}</p>
      {failure.fix ? (
        <p className="wz-failure-fix">
          <strong>Fix: </strong>
          {failure.fix}
        </p>
      ) : null}
      {failure.evidence ? <p className="wz-failure-evidence">{failure.evidence}</p> : null}
    </div>
  );
}
