/**
 * The door every IPC call walks through, whichever host carries it (Electron's ipcMain or the web host's socket):
 * known channel → trusted sender → arguments parsed → handler → result parsed. Nothing reaches a handler without all
 * four, and nothing escapes as anything but a typed error envelope: the returned promise never rejects.
 *
 * Channel and arguments are untrusted values of any shape. Until the schema has parsed them they are only ever
 * inspected with `typeof` and own-property lookups: no String(), template literal or property read that could run a
 * toString, valueOf, getter or Proxy trap an attacker chose.
 */
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedArgsOf, type ResultOf } from '../../contract/contract';
import type { Envelope, ErrorInfo } from '../../contract/envelope';
import { DomainError } from '../errors';

export type Handlers = { [C in ChannelName]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export interface DispatcherOptions {
  handlers: Handlers;
  /** Decides from the calling frame's URL whether the call may proceed. */
  isTrustedSender: (senderUrl: string | undefined) => boolean;
  /** Where unexpected failures are reported; never receives argument values. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, rawArgs: unknown, senderUrl: string | undefined) => Promise<Envelope<unknown>>;

/** Path parts come from the argument object's keys; a symbol key would throw in `join`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'symbol' ? part.description ?? 'symbol' : String(part))).join('.') || '(arguments)';
}

function issuesOf(error: z.ZodError): NonNullable<ErrorInfo['issues']> {
  return error.issues.slice(0, 20).map((issue) => ({ path: pathOf(issue.path), message: issue.message }));
}

function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}

/** The answer a host gives when something failed that no validation step foresaw; it names nothing of the call. */
export function internalFailure(channel?: ChannelName): Envelope<never> {
  const where = channel ? ` in ${channel}` : '';
  return fail({ code: 'internal', message: `Something went wrong${where}. The details are in the log.` });
}

function refuseChannel(channel: unknown): Envelope<never> {
  if (typeof channel !== 'string') {
    return fail({ code: 'unknown-channel', message: `An IPC channel name must be a string, not ${channel === null ? 'null' : typeof channel}; the call was refused.` });
  }
  return fail({ code: 'unknown-channel', message: `There is no IPC channel named ${JSON.stringify(channel.slice(0, 80))}.` });
}

/**
 * A failure already shaped by the services process (see main/services-process/): the door in front of the window passes
 * it on as it came, so an error reads the same whether the services run beside the window or in their own process.
 */
export class ForwardedFailure extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'ForwardedFailure';
  }
}

/** The envelope for a handler's throw: a DomainError keeps its kind, message, fix and evidence; anything else is internal. */
export function failureOf(channel: ChannelName, error: unknown, report: (channel: ChannelName, error: unknown) => void): Envelope<never> {
  if (error instanceof ForwardedFailure) return fail(error.info);
  if (error instanceof DomainError) {
    const info: ErrorInfo = { code: 'domain', kind: error.kind, message: error.message };
    if (error.fix) info.fix = error.fix;
    if (error.evidence) info.evidence = error.evidence;
    return fail(info);
  }
  report(channel, error);
  return internalFailure(channel);
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const report = (channel: ChannelName | undefined, error: unknown) => {
    try {
      options.onInternalError?.(channel ?? '(no channel)', error);
    } catch {
      // A failing reporter must not turn a typed answer into a rejection.
    }
  };

  const parseArgs = <C extends ChannelName>(channel: C, rawArgs: unknown) => {
    try {
      return channels[channel].args.safeParse(rawArgs ?? {});
    } catch {
      // safeParse reports shape errors as data, but a Proxy trap or getter in the value can still throw out of it.
      return undefined;
    }
  };

  const dispatch: Dispatch = async (channel, rawArgs, senderUrl) => {
    if (!isChannelName(channel)) return refuseChannel(channel);
    if (!options.isTrustedSender(senderUrl)) {
      return fail({ code: 'untrusted-sender', message: 'This call came from a page the assistant does not trust; it was refused.' });
    }
    const spec = channels[channel];
    const parsed = parseArgs(channel, rawArgs);
    if (!parsed) return fail({ code: 'invalid-arguments', message: `Invalid arguments for ${channel}: they could not be read.` });
    if (!parsed.success) {
      return fail({ code: 'invalid-arguments', message: `Invalid arguments for ${channel}.`, issues: issuesOf(parsed.error) });
    }
    try {
      const handler = options.handlers[channel] as (args: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        report(channel, checked.error);
        return fail({ code: 'internal', message: `The assistant produced an invalid answer for ${channel}.` });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      return failureOf(channel, error, report);
    }
  };

  // The steps above are written not to throw; this is the backstop that keeps the promise from ever rejecting.
  return async (channel, rawArgs, senderUrl) => {
    try {
      return await dispatch(channel, rawArgs, senderUrl);
    } catch (error) {
      const known = isChannelName(channel) ? channel : undefined;
      report(known, error);
      return internalFailure(known);
    }
  };
}
