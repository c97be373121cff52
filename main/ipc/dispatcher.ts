/**
 * The door every IPC call walks through, whichever host carries it (Electron's ipcMain or the web host's socket):
 * known channel → trusted sender → arguments parsed → handler → result parsed. Nothing reaches a handler without all
 * four, and nothing a handler throws escapes as anything but a typed error envelope.
 */
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedArgsOf, type ResultOf } from '../contract/contract';
import type { Envelope, ErrorInfo } from '../contract/envelope';
import { DomainError, NotImplementedError } from '../errors';

export type Handlers = { [C in ChannelName]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export interface DispatcherOptions {
  handlers: Handlers;
  /** Decides from the calling frame's URL whether the call may proceed. */
  isTrustedSender: (senderUrl: string | undefined) => boolean;
  /** Where unexpected failures are reported; never receives argument values. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, rawArgs: unknown, senderUrl: string | undefined) => Promise<Envelope<unknown>>;

function issuesOf(error: z.ZodError): NonNullable<ErrorInfo['issues']> {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.') || '(arguments)', message: issue.message }));
}

function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  return async (channel, rawArgs, senderUrl) => {
    if (!isChannelName(channel)) {
      return fail({ code: 'unknown-channel', message: `There is no IPC channel named ${JSON.stringify(String(channel)).slice(0, 80)}.` });
    }
    if (!options.isTrustedSender(senderUrl)) {
      return fail({ code: 'untrusted-sender', message: 'This call came from a page the assistant does not trust; it was refused.' });
    }
    const spec = channels[channel];
    const parsed = spec.args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      return fail({ code: 'invalid-arguments', message: `Invalid arguments for ${channel}.`, issues: issuesOf(parsed.error) });
    }
    try {
      const handler = options.handlers[channel] as (args: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(channel, checked.error);
        return fail({ code: 'internal', message: `The assistant produced an invalid answer for ${channel}.` });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof DomainError) {
        const info: ErrorInfo = { code: 'domain', kind: error.kind, message: error.message };
        if (error.fix) info.fix = error.fix;
        if (error.evidence) info.evidence = error.evidence;
        return fail(info);
      }
      if (error instanceof NotImplementedError) return fail({ code: 'not-implemented', message: error.message });
      options.onInternalError?.(channel, error);
      return fail({ code: 'internal', message: `Something went wrong in ${channel}. The details are in the log.` });
    }
  };
}
