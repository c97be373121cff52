/** Plain words for each connection state, shown in the status bar; the tone drives the colour of its dot. */
import type { ConnectionView } from '../state/app-store';

export type Tone = 'neutral' | 'progress' | 'good' | 'attention' | 'problem';

export interface ConnectionLabel {
  tone: Tone;
  title: string;
  detail: string | undefined;
}

export function connectionLabel(view: ConnectionView): ConnectionLabel {
  if (view.phase === 'checking') return { tone: 'progress', title: 'Checking connection…', detail: undefined };
  if (view.phase === 'unavailable') return { tone: 'problem', title: 'Assistant unavailable', detail: view.fix ?? view.message };
  const { state, organisationName, reason } = view.status;
  switch (state) {
    case 'not-configured':
      return { tone: 'neutral', title: 'Not set up', detail: reason ?? 'Xero app credentials are not stored yet.' };
    case 'disconnected':
      return { tone: 'neutral', title: 'Not connected to Xero', detail: reason ?? organisationName };
    case 'connecting':
      return { tone: 'progress', title: 'Connecting to Xero…', detail: organisationName };
    case 'connected':
      // Signed in, but no organisation chosen (e.g. the one expected was not authorised): not "Connected", as Setup says.
      if (!view.status.tenantId) return { tone: 'attention', title: 'No organisation chosen', detail: reason ?? 'Signed in to Xero; choose the organisation in Setup.' };
      return { tone: 'good', title: organisationName ? `Connected to ${organisationName}` : 'Connected to Xero', detail: undefined };
    case 'reconnect-needed':
      return { tone: 'attention', title: 'Reconnect needed', detail: reason ?? 'Xero asked for the connection to be approved again.' };
  }
}
