/**
 * Partial masking for anything that leaves the app in words: IDs keep their first and last four characters
 * (`5506…94ee`), e-mail addresses keep their first letter and domain (`j***@example.ie`), and anything shaped like a
 * token is removed. Used for evidence and, as a second line of defence, for every string of a support bundle.
 */
export function maskId(value: string | undefined | null): string {
  if (!value) return '(empty)';
  const trimmed = value.trim();
  if (trimmed.length <= 8) return '…';
  return `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`;
}

export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  if (at <= 0) return '***';
  return `${address.charAt(0)}***${address.slice(at)}`;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const GUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const HEX32 = /\b[0-9a-fA-F]{32}\b/g;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_PARAM = /\b(refresh_token|access_token|client_secret|code|code_verifier|id_token)=([^&\s"]+)/gi;

/** Masks e-mail addresses, GUIDs (tenant IDs), 32-hex Client IDs and removes token-shaped text. */
export function maskText(text: string): string {
  return text
    .replace(JWT, '[token removed]')
    .replace(BEARER, '$1 [removed]')
    .replace(SECRET_PARAM, '$1=[removed]')
    .replace(EMAIL, (m) => maskEmail(m))
    .replace(GUID, (m) => maskId(m))
    .replace(HEX32, (m) => maskId(m));
}

/** Applies maskText to every string inside a JSON-like value. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = maskDeep(v);
    return out as T;
  }
  return value;
}
