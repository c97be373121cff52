/**
 * What travels over the web host's `/ipc` socket; the host and the browser client both import this one module.
 *
 *   client → host  { id, channel, args }     one contract call
 *   host → client  { id, envelope }          its answer, an Envelope from the dispatcher
 *   host → client  { event, payload }        a contract event from the services' bus
 */
import { z } from 'zod';
import { MAX_IMPORT_BYTES } from './features/transactions';

export const IPC_PATH = '/ipc';
/** The subprotocol the host answers with; the client offers it together with the token. */
export const IPC_SUBPROTOCOL = 'courseco-ipc.v1';
/**
 * The token rides in a second offered subprotocol (`courseco-token.<hex>`) rather than in the URL, so it never lands
 * in access logs or history, and the host can refuse the upgrade with 403 before any socket exists.
 */
export const TOKEN_SUBPROTOCOL_PREFIX = 'courseco-token.';

/**
 * Largest message the host accepts: the biggest contract call, `transactions.import` with a 50 MB export as base64,
 * plus room for its envelope. Anything bigger is a bug or an attack.
 */
export const MAX_MESSAGE_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;

export const CallRequest = z.object({
  id: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]),
  channel: z.unknown(),
  args: z.unknown(),
});
export type CallRequest = z.infer<typeof CallRequest>;

/** Parses one text frame; undefined when it is not a call request at all. */
export function parseCallRequest(text: string): CallRequest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = CallRequest.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
