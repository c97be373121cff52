/**
 * The API renderer code uses: `window.assistant` (envelopes, identical in both hosts) wrapped in the page's own world
 * so failures are thrown as AssistantCallError with their code, fix and evidence intact.
 */
import { wrapAssistantBridge, type AssistantApi } from '../../../contract/api';

let wrapped: AssistantApi | undefined;

export function assistant(): AssistantApi {
  wrapped ??= wrapAssistantBridge(window.assistant);
  return wrapped;
}
