/**
 * The renderer's Content-Security-Policy. `renderer/index.html` carries the same string in a meta tag (a unit test
 * keeps them equal), so the policy holds under Electron's `app://` protocol and the web host alike. The header adds
 * what a meta tag cannot express.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'";

/** `frame-ancestors` is ignored in meta tags, so only the header can forbid framing. */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`;

/** Headers sent with every response of the web host. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

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
