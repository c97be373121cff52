/**
 * The policy Electron sends with every `app://` response. Stricter than the renderer's meta tag (which must also allow
 * the web host's loopback socket): inside Electron the renderer talks over IPC only, so `connect-src` is just 'self'.
 * Chromium enforces both policies, so the stricter one wins. No 'unsafe-eval', no 'unsafe-inline', anywhere.
 */
export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Sent with every response of the app protocol, errors included, so no page from it ever runs without the policy. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ELECTRON_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
