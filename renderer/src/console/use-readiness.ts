/** Whether this profile can sync yet (sync.readiness, read locally): the sync panel and the scheduled-sync section ask it. */
import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../contract/contract';
import { assistant } from '../host/assistant';
import { useAppStore } from '../state/app-store';

export type Readiness = ResultOf<'sync.readiness'>;

/** Whether this profile can sync yet, asked again when the connection changes or a run could not start. */
export function useReadiness(again: unknown): Readiness | undefined {
  const connection = useAppStore((s) => s.connection);
  const [readiness, setReadiness] = useState<Readiness | undefined>(undefined);
  useEffect(() => {
    let live = true;
    assistant()
      .sync.readiness({})
      .then(
        (value) => live && setReadiness(value),
        // Unknown: leave Sync on; a run that cannot start says why itself.
        () => live && setReadiness(undefined),
      );
    return () => {
      live = false;
    };
  }, [connection, again]);
  return readiness;
}

