/**
 * The rules both hosts (Electron's `app://` protocol and the web host) apply before a byte of the renderer is read.
 * The path is judged after decoding, so `%2e%2e%2f` counts as `../`. Backslashes and NULs are refused outright,
 * because Windows and C APIs treat them as separators or terminators. Dot-segments and dotfiles are refused. The
 * file is resolved through symlinks and must still lie inside the served directory.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type ServedPath = { ok: true; relative: string } | { ok: false; status: 403 | 404 };

/** A decoded URL path → a path relative to the served directory, or a refusal (`undefined`: it did not decode). */
export function servedPath(decoded: string | undefined): ServedPath {
  if (decoded === undefined || !decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  if (decoded === '/') return { ok: true, relative: 'index.html' };
  const segments = decoded.slice(1).split('/');
  // `..` would climb out; any other dot-segment is either `.` (pointless) or a dotfile we never publish.
  if (segments.some((segment) => segment.startsWith('.'))) return { ok: false, status: 403 };
  if (segments.some((segment) => segment === '')) return { ok: false, status: 404 };
  return { ok: true, relative: segments.join('/') };
}

/** `decodeURIComponent`, with undefined instead of a throw for malformed escapes. */
export function decodePath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The real file for `file` when it exists and, symlinks followed, still lies inside `realRoot`. */
export async function realFileInside(realRoot: string, file: string): Promise<string | undefined> {
  try {
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
