/**
 * Sender checks compare scheme and host explicitly: WHATWG URL gives custom schemes such as `app://` the opaque
 * origin "null", so comparing `.origin` would either refuse every Electron frame or, worse, accept any opaque one.
 */
export function originKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (!parsed.host) return undefined;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A sender check that accepts frames from exactly one origin (e.g. `app://assistant` or `http://127.0.0.1:5178`). */
export function trustOnlyOrigin(expected: string): (senderUrl: string | undefined) => boolean {
  const want = originKey(expected);
  if (!want) throw new Error(`Not an origin: ${expected}`);
  return (senderUrl) => originKey(senderUrl) === want;
}
