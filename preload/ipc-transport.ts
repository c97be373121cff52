/**
 * The contract's Transport over Electron IPC. Calls go through `ipcRenderer.invoke` on the contract channel's own
 * name; events arrive on their `event:` channels. The IPC event object (which carries `sender` and `ports`) is
 * dropped here and never reaches the renderer: listeners receive the payload only.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Transport } from '../contract/api';
import type { Envelope } from '../contract/envelope';
import { eventChannel } from '../contract/event-channel';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createIpcTransport(ipcRenderer: IpcRendererLike): Transport {
  return {
    invoke: (channel, args) => ipcRenderer.invoke(channel, args) as Promise<Envelope<unknown>>,
    subscribe(event, listener) {
      const channel = eventChannel(event);
      const forwardPayloadOnly = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forwardPayloadOnly);
      return () => {
        ipcRenderer.removeListener(channel, forwardPayloadOnly);
      };
    },
  };
}
