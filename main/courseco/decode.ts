/**
 * Bytes → text. Excel on Windows saves CSV as Windows-1252 unless told otherwise, and CourseCo's reports are in euro,
 * so a "€" arriving as byte 0x80 is normal. UTF-8 (with or without BOM) is tried first and strictly: one invalid
 * sequence means the file is not UTF-8, and it is decoded as cp1252 instead of being mangled into U+FFFD.
 * UTF-16 saved without a BOM is recognised before that, because its ASCII is also valid UTF-8 (with a NUL after
 * every letter) and would otherwise import as rows of garbage.
 */
import iconv from 'iconv-lite';

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Enough of the file for the header and a few rows. */
const SNIFF_BYTES = 4096;

export function decodeExport(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  // Excel's "Unicode Text" export.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'), encoding: 'windows-1252' };
  }
}

/**
 * A CSV is mostly ASCII: in UTF-16 that is a zero byte in every other position (the second of each pair in LE, the
 * first in BE), and almost never in the other. A UTF-8 file with a stray NUL, or a file of nothing but zeros, does not
 * fit that pattern.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  const pairs = length / 2;
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const most = pairs * 0.6;
  const few = pairs * 0.05;
  if (oddZeros >= most && evenZeros <= few) return 'utf-16le';
  if (evenZeros >= most && oddZeros <= few) return 'utf-16be';
  return undefined;
}
