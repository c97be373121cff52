/**
 * Carries the contract over Electron IPC. Validation, the sender check and error shaping all live in the shared
 * dispatcher; this file only registers one `ipcMain.handle` per contract channel and forwards events to a window.
 */
import type { WebContents } from 'electron';
import { ELECTRON_APP_ORIGIN } from '../app/app-identity';
import { channelNames, type ChannelName } from '../../contract/contract';
import { answerSafely } from '../ipc/answer-safely';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { trustOnlyOrigin } from '../ipc/trusted-sender';
import type { Logger } from '../log';
import { describeError } from '../log';
import { eventChannel } from '../../contract/event-channel';

/** Only frames served from `app://assistant` may call; anything that navigated elsewhere, or a destroyed frame, may not. */
export const isTrustedElectronSender = trustOnlyOrigin(ELECTRON_APP_ORIGIN);

export function createElectronDispatch(handlers: Handlers, log: Logger): Dispatch {
  return createDispatcher({
    handlers,
    isTrustedSender: isTrustedElectronSender,
    onInternalError: (channel, error) => log.error('IPC handler failed', { channel, error: describeError(error) }),
  });
}

/** What the bridge reads from an IpcMainInvokeEvent: only the calling frame's URL. */
type SenderEvent = { senderFrame: { url: string } | null };

/** The part of ipcMain the bridge uses; Electron's ipcMain satisfies it, and so does a test's fake. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: SenderEvent, args: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * One handler per contract channel, nothing generic: a channel not in the contract has no listener at all. Each
 * answers with an envelope whatever happens: a rejected invoke would reach the renderer as a bare Error string.
 */
export function registerIpc(ipcMain: Pick<IpcRegistrar, 'handle'>, dispatch: Dispatch, log: Logger): ChannelName[] {
  const report = (channel: string, error: unknown) => log.error('IPC call failed outside its handler', { channel, error: describeError(error) });
  for (const channel of channelNames) {
    // `senderFrame` is null once the frame has navigated away or been destroyed (the dispatcher refuses that), and
    // Electron can throw on reading it from a disposed frame, so it is read inside the guard.
    ipcMain.handle(channel, (event: SenderEvent, args: unknown) => answerSafely(() => dispatch(channel, args, event.senderFrame?.url), channel, report));
  }
  return [...channelNames];
}

export function unregisterIpc(ipcMain: Pick<IpcRegistrar, 'removeHandler'>): void {
  for (const channel of channelNames) ipcMain.removeHandler(channel);
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/** Sends every bus event to the window's renderer; returns the detach function (call it when the window closes). */
export function forwardEvents(bus: EventBus, contents: EventTarget): () => void {
  return bus.attach((event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
  });
}
