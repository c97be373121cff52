/**
 * Provides `window.assistant` when the renderer runs in a plain browser against the web host. Inside Electron the
 * preload has already exposed it, and this does nothing, so the renderer never knows which host it runs in.
 *
 * The host prints `http://127.0.0.1:<port>/#token=<hex>`. The fragment never reaches a server or a log; we move the
 * token into sessionStorage (survives a reload, dies with the tab) and remove it from the address bar and history.
 */
import { buildAssistantBridge } from '../../../contract/api';
import { IPC_PATH } from '../../../contract/wire-protocol';
import { createWebSocketTransport } from './web-transport';

const TOKEN_KEY = 'courseco-xero.web-host-token';

function takeToken(win: Window): string | undefined {
  const fromFragment = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromFragment) {
    win.sessionStorage.setItem(TOKEN_KEY, fromFragment);
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}`);
    return fromFragment;
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function installWebAssistant(win: Window = window): void {
  if (Object.prototype.hasOwnProperty.call(win, 'assistant')) return;
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createWebSocketTransport({ url: `${scheme}://${win.location.host}${IPC_PATH}`, token: takeToken(win) });
  // Frozen like contextBridge's exposure: page code cannot swap the API for another.
  Object.defineProperty(win, 'assistant', { value: buildAssistantBridge(transport), enumerable: true, writable: false, configurable: false });
}
