/**
 * The preload: exposes `window.assistant` — exactly the contract's named functions and event subscriptions, built by
 * the same `buildAssistantBridge` the web host's client uses. Nothing generic (no raw invoke, no ipcRenderer) crosses
 * the bridge. Bundled to one CommonJS file (dist/electron/preload.cjs) because sandboxed preloads cannot load modules.
 */
import '../contract/zod-without-eval';
import { contextBridge, ipcRenderer } from 'electron';
import { buildAssistantBridge } from '../contract/api';
import { createIpcTransport } from './ipc-transport';

export const ASSISTANT_GLOBAL = 'assistant';

contextBridge.exposeInMainWorld(ASSISTANT_GLOBAL, buildAssistantBridge(createIpcTransport(ipcRenderer)));
