/**
 * The services side of the split: runs in the services process, opens the profile once the window's process says
 * `start`, answers each forwarded call with an envelope, and sends every bus event back. Calls arrive already checked
 * by the dispatcher in front of the window (known channel, trusted sender, parsed arguments), so here they only run;
 * a failure is shaped into its envelope here, where the error's class is still known.
 */
import { isChannelName, type EventName } from '../../contract/contract';
import type { Envelope } from '../../contract/envelope';
import type { HostCapabilities } from '../app/open-profile';
import { failureOf, internalFailure, type Handlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { describeError, type Logger } from '../log';
import type { HostOp, ParentLink, ServicesOptions, ToServices } from './messages';

/** What the services process needs of the opened profile. */
export interface ServedServices {
  handlers: Handlers;
  bus: EventBus;
  dispose(): Promise<void>;
}

export type OpenServices = (options: ServicesOptions, capabilities: HostCapabilities) => ServedServices;

export function serveServices(link: ParentLink, open: OpenServices, log: Logger, exit: () => void): void {
  let services: ServedServices | undefined;
  let nextRequest = 1;
  const waiting = new Map<number, { resolve(value: string | undefined): void; reject(error: Error): void }>();

  const askHost = (op: HostOp, arg: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      const id = nextRequest++;
      waiting.set(id, { resolve, reject });
      link.post({ kind: 'host-request', id, op, arg });
    });

  const answer = (id: number, envelope: Envelope<unknown>) => {
    try {
      link.post({ kind: 'result', id, envelope });
    } catch (error) {
      // A value that cannot cross (a function, a class instance) is a bug in its handler, said as one.
      log.error('services: an answer could not be sent to the window', { error: describeError(error) });
      link.post({ kind: 'result', id, envelope: internalFailure() });
    }
  };

  const run = async (id: number, channel: string, args: unknown) => {
    if (!services || !isChannelName(channel)) return answer(id, internalFailure());
    const handler = services.handlers[channel] as (args: unknown) => unknown;
    try {
      answer(id, { ok: true, value: await handler(args) });
    } catch (error) {
      answer(id, failureOf(channel, error, (name, cause) => log.error('services: handler failed', { channel: name, error: describeError(cause) })));
    }
  };

  const start = (options: ServicesOptions) => {
    const capabilities: HostCapabilities = {};
    if (options.capabilities.includes('openExternal')) capabilities.openExternal = async (url) => void (await askHost('openExternal', url));
    if (options.capabilities.includes('chooseSavePath')) capabilities.chooseSavePath = (name) => askHost('chooseSavePath', name);
    if (options.capabilities.includes('printToPdf')) {
      capabilities.printToPdf = async (html) => {
        const base64 = await askHost('printToPdf', html);
        if (!base64) throw new Error('The window printed no PDF.');
        return new Uint8Array(Buffer.from(base64, 'base64'));
      };
    }
    if (options.capabilities.includes('openFolder')) capabilities.openFolder = async (folder) => void (await askHost('openFolder', folder));
    try {
      services = open(options, capabilities);
    } catch (error) {
      link.post({ kind: 'fatal', message: describeError(error) });
      return;
    }
    services.bus.attach((event: EventName, payload) => link.post({ kind: 'event', event, payload }));
    link.post({ kind: 'ready' });
  };

  const stop = async () => {
    try {
      await services?.dispose();
    } catch (error) {
      log.error('services: closing the profile failed', { error: describeError(error) });
    }
    link.post({ kind: 'stopped' });
    exit();
  };

  link.onMessage((message: ToServices) => {
    switch (message.kind) {
      case 'start':
        return start(message.options);
      case 'call':
        return void run(message.id, message.channel, message.args);
      case 'host-answer': {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new Error(message.message));
        return;
      }
      case 'stop':
        return void stop();
    }
  });
}
