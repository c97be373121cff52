/** Settings → This computer: where the profile's data is (open it where the host can, copy it anywhere), logs, version. */
import { useEffect, useState } from 'react';
import type { ProfileFolders } from '../../../contract/features/settings';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { useAppStore } from '../state/app-store';
import { CopyButton } from '../wizard/CopyButton';
import { FailureNotice } from '../wizard/FailureNotice';
import { useWizardStore } from '../wizard/wizard-store';

export function ComputerSection() {
  const info = useAppStore((s) => s.appInfo);
  const navigate = useAppStore((s) => s.navigate);
  const profile = useWizardStore((s) => s.profile?.profile);
  const [folders, setFolders] = useState<ProfileFolders | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();

  // Asked again when the profile changes: the sample data keeps its own folder.
  useEffect(() => {
    let live = true;
    assistant()
      .app.folders({})
      .then((answer) => live && setFolders(answer), (error: unknown) => live && setFailure(describeFailure(error)));
    return () => {
      live = false;
    };
  }, [profile]);

  const open = async () => {
    setFailure(undefined);
    try {
      await assistant().app.openFolder({ folder: 'data' });
    } catch (error) {
      setFailure(describeFailure(error));
    }
  };

  return (
    <>
      <dl className="facts st-facts">
        <dt>Data folder</dt>
        <dd>
          {folders ? (
            <>
              <code className="st-path">{folders.data}</code>
              <span className="st-path-actions">
                {folders.canOpen ? (
                  <button type="button" className="button button-small" onClick={() => void open()}>
                    Open folder
                  </button>
                ) : null}
                <CopyButton value={folders.data} label="the data folder's location" />
              </span>
              <span className="st-muted st-small st-block">
                {profile === 'sample'
                  ? 'The sample data is kept here, apart from your own. Its practice sign-in is kept only in this app\'s memory, never in this folder.'
                  : 'Your settings, imported transactions and sync history are kept here. Secrets (the Xero app\'s secret and sign-in) are never in this folder: they are in the computer\'s password store.'}
              </span>
            </>
          ) : (
            'Reading…'
          )}
        </dd>
        <dt>Logs</dt>
        <dd>
          {folders?.logs ? (
            <>
              <code className="st-path">{folders.logs}</code>
              <CopyButton value={folders.logs} label="the log folder's location" />
            </>
          ) : (
            <>
              This version keeps no log files. For help with a problem, make a support bundle on the{' '}
              <button type="button" className="link-button" onClick={() => navigate('diagnostics')}>
                Diagnostics page
              </button>
              : it holds what support needs, with secrets removed.
            </>
          )}
        </dd>
        <dt>Version</dt>
        <dd>{info ? info.version : '…'}</dd>
      </dl>
      <FailureNotice failure={failure} />
    </>
  );
}
