/**
 * Invisible control characters in a cell (a NUL from a broken export, a bell, C1 codes from a mis-encoded file) are
 * never part of a name or an id: Xero would store them, or refuse the request, and no one could see why. They are
 * removed where the importer first sees a cell, and the importer says which cells it cleaned.
 * Kept: tab and line breaks (a quoted cell may hold a multi-line description) and every printable character.
 */

// C0 controls except tab, LF and CR; DEL; C1 controls; the noncharacters U+FFFE/U+FFFF; and, with the `u` flag,
// only surrogate halves without their partner (a well-formed pair, such as an emoji, is one code point).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/gu;
const HAS_CONTROL = new RegExp(CONTROL.source, 'u');

export interface CleanedCell {
  index: number;
  /** The characters removed, as U+XXXX codes, each once. */
  removed: string[];
}

/** One scan of the whole text: an export with no control character anywhere (nearly all) needs no cell-by-cell look. */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL.test(text);
}

/** Removes control characters from every cell of `record` in place; returns the cells it changed (usually none). */
export function removeControlCharacters(record: string[]): CleanedCell[] {
  let cleaned: CleanedCell[] | undefined;
  for (let index = 0; index < record.length; index++) {
    const cell = record[index]!;
    if (!HAS_CONTROL.test(cell)) continue;
    const removed = new Set<string>();
    record[index] = cell.replace(CONTROL, (ch) => {
      removed.add(`U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      return '';
    });
    (cleaned ??= []).push({ index, removed: [...removed] });
  }
  return cleaned ?? [];
}
