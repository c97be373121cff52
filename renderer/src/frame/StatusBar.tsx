/**
 * The bottom line of the window: the Xero connection as the services report it (announced politely to screen
 * readers when it changes), a scheduled sync running or how the last one went, and which version and host this is. Fixed height, so nothing above it ever shifts.
 */
import { useAppStore } from '../state/app-store';
import type { HostKind } from '../../../contract/contract';
import { connectionLabel } from './connection-label';
import { HealthBadge } from '../diagnostics/HealthBadge';
import { ScheduleStatus } from '../settings/ScheduleStatus';

const HOST_NAMES: Record<HostKind, string> = { electron: 'Desktop app', web: 'Web host', cli: 'Command line' };

export function StatusBar() {
  const connection = useAppStore((state) => state.connection);
  const info = useAppStore((state) => state.appInfo);
  const label = connectionLabel(connection);

  return (
    <footer className="status-bar">
      <div className="status-connection" role="status" data-tone={label.tone}>
        <span className="status-dot" aria-hidden="true" />
        <span className="status-title">{label.title}</span>
        {label.detail ? <span className="status-detail">{label.detail}</span> : null}
      </div>
      <ScheduleStatus />
      <HealthBadge />
      <div className="status-app">{info ? `Version ${info.version} · ${HOST_NAMES[info.host]}` : ''}</div>
    </footer>
  );
}
