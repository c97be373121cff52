/**
 * The browser side's copy of the web host's socket protocol (`main/web-host/wire-protocol.ts`): the renderer may not
 * import main-side code, so the few names are repeated here and a unit test keeps both copies equal.
 */
export const IPC_PATH = '/ipc';
export const IPC_SUBPROTOCOL = 'courseco-ipc.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'courseco-token.';
