/**
 * One browser tab's end of the contract: calls in, envelopes and bus events out. The socket reaching this point has
 * already passed the upgrade guard; every call still goes through the dispatcher, which validates it like any other.
 */
import { WebSocket, type RawData } from 'ws';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import { describeError } from '../log';
import { parseCallRequest } from './wire-protocol';

export interface IpcSocketDeps {
  dispatch: Dispatch;
  bus: EventBus;
  /** The URL the dispatcher sees as the calling frame: the host's own origin, which the upgrade guard verified. */
  senderUrl: string;
  log: Logger;
}

/** Policy-violation close code (RFC 6455): the peer sent something that is not a call. */
const CLOSE_POLICY = 1008;
const CLOSE_UNSUPPORTED = 1003;

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

export function serveIpcSocket(socket: WebSocket, deps: IpcSocketDeps): void {
  const send = (message: unknown) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const detach = deps.bus.attach((event, payload) => send({ event, payload }));
  socket.on('close', () => detach());
  socket.on('error', (error) => deps.log.warn('web host: socket error', { error: describeError(error) }));

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      socket.close(CLOSE_UNSUPPORTED, 'Only JSON text messages are accepted.');
      return;
    }
    const request = parseCallRequest(textOf(data));
    if (!request) {
      // Without an id there is nobody to answer; a client that speaks another protocol is not ours.
      socket.close(CLOSE_POLICY, 'Expected {id, channel, args}.');
      return;
    }
    void deps.dispatch(request.channel, request.args, deps.senderUrl).then((envelope) => send({ id: request.id, envelope }));
  });
}
