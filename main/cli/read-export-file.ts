/**
 * The CLI's way into an export file. `readFileSync` on a FIFO waits forever for a writer, on /dev/urandom it grows
 * until memory runs out, and either way it holds the only thread, so Ctrl+C and SIGTERM wait with it. Here only a
 * regular file is read, and never more than the limit: its kind is checked before it is opened (opening a FIFO
 * blocks), its bytes are counted as they arrive (a file that grows while it is read is stopped at the limit,
 * whatever its size said), and every read is asynchronous, so a signal is answered between reads.
 */
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { DomainError } from '../errors';

export interface ReadExportOptions {
  maxBytes: number;
  /** Called once the file is known to be a regular file within the limit, just before it is opened. */
  onReading?: (size: number) => void;
}

const CHUNK_BYTES = 1024 * 1024;
const ONLY_FILES = 'Import the CSV file you downloaded from CourseCo.';

export async function readExportFile(file: string, options: ReadExportOptions): Promise<Buffer> {
  const found = await stat(file).catch((error: unknown) => {
    throw unreadable(file, error);
  });
  refuseUnlessRegular(file, found);
  if (found.size > options.maxBytes) throw tooLarge(`${file} is ${formatSize(found.size)}`, options.maxBytes);
  options.onReading?.(found.size);

  const handle: FileHandle = await open(file, 'r').catch((error: unknown) => {
    throw unreadable(file, error);
  });
  try {
    // The path may have been swapped for something else between the look and the open.
    refuseUnlessRegular(file, await handle.stat());
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > options.maxBytes) throw tooLarge(`${file} grew past ${formatSize(options.maxBytes)} while it was being read`, options.maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** "612 MB", "48.5 KB", "58 bytes": binary units, as the 50 MB limit is. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

function refuseUnlessRegular(file: string, stats: Stats): void {
  if (stats.isFile()) return;
  const what = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : undefined;
  throw new DomainError('ImportNotAFile', { message: `Cannot read ${file}: ${what ? `it is ${what}, not a file` : 'it is not a regular file'}.`, fix: ONLY_FILES });
}

function tooLarge(what: string, maxBytes: number): DomainError {
  return new DomainError('ImportTooLarge', {
    message: `${what}; the assistant imports files up to ${formatSize(maxBytes)}.`,
    fix: 'Export a shorter date range from CourseCo and import the files one after another.',
  });
}

function unreadable(file: string, error: unknown): DomainError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error');
  return new DomainError('ImportUnreadable', { message: `Cannot read ${file}: ${why}.`, cause: error });
}
