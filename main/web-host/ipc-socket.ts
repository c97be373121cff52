/**
 * One browser tab's end of the contract: calls in, envelopes and bus events out. The socket reaching this point has
 * already passed the upgrade guard; every call still goes through the dispatcher, which validates it like any other.
 */
import { WebSocket, type RawData } from 'ws';
import { answerSafely } from '../ipc/answer-safely';
import { internalFailure, type Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import { describeError } from '../log';
import { parseCallRequest, type CallRequest } from '../../contract/wire-protocol';

/** Frames from this size on (an export sent as base64) are handled over several turns of the event loop. */
const LARGE_FRAME_CHARS = 1024 * 1024;

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
/** Internal error: the host failed on a frame it could not even attribute to a call. */
const CLOSE_INTERNAL = 1011;

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

  // One tab's bad frame must never end the host: every failure below is logged by channel name only and, when the
  // frame had an id, still answered.
  const report = (channel: string, error: unknown) => deps.log.error('web host: a call failed outside its handler', { channel, error: describeError(error) });

  const answer = async (request: CallRequest) => {
    const envelope = await answerSafely(() => deps.dispatch(request.channel, request.args, deps.senderUrl), request.channel, report);
    try {
      send({ id: request.id, envelope });
    } catch (error) {
      // e.g. a value JSON cannot write; the caller still learns that its call failed.
      report('(sending the answer)', error);
      send({ id: request.id, envelope: internalFailure() });
    }
  };

  const handle = (text: string, large: boolean) => {
    try {
      const request = parseCallRequest(text);
      if (!request) {
        // Without an id there is nobody to answer; a client that speaks another protocol is not ours.
        socket.close(CLOSE_POLICY, 'Expected {id, channel, args}.');
        return;
      }
      const go = () => answer(request).catch((error: unknown) => report('(answer)', error));
      // A large call (an export as base64) is read, parsed and checked in separate turns of the event loop, so the
      // thread that serves the page never stops for all of them at once.
      if (large) setImmediate(go);
      else void go();
    } catch (error) {
      report('(frame)', error);
      socket.close(CLOSE_INTERNAL, 'The host could not read this message.');
    }
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    try {
      if (isBinary) {
        socket.close(CLOSE_UNSUPPORTED, 'Only JSON text messages are accepted.');
        return;
      }
      const text = textOf(data);
      if (text.length < LARGE_FRAME_CHARS) handle(text, false);
      else setImmediate(() => handle(text, true));
    } catch (error) {
      report('(frame)', error);
      socket.close(CLOSE_INTERNAL, 'The host could not read this message.');
    }
  });
}
