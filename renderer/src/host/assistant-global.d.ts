// The one global the renderer talks to. Electron's preload or the web-host client provides it; the renderer cannot
// tell which. A script declaration (no top-level import), so it merges into the DOM's Window.
interface Window {
  readonly assistant: import('../../../contract/api').AssistantBridge;
}
