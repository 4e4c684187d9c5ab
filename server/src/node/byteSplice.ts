// Applying text edits to a file's bytes without re-encoding the rest: the bytes between edits
// stay exactly as they were (a BOM, line ends, any unusual but valid byte sequence).
//
// The edits' UTF-16 offsets are turned into byte offsets by walking the original bytes in step
// with the decoded text, one character at a time, with the decoder's own character lengths.

import type { Encoding } from './corpusFiles';

/** One replacement, in UTF-16 offsets of the decoded text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Bytes of one character of `encoding` starting at `bytes[at]`. */
function charLength(bytes: Uint8Array, at: number, encoding: Encoding): number {
  const b = bytes[at];
  if (encoding === 'utf-8') return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  // GB18030: one byte below 0x80 (and 0x80 itself, read as €), four when the second byte is a
  // digit, else two.
  if (b <= 0x80) return 1;
  const b2 = bytes[at + 1];
  return b2 >= 0x30 && b2 <= 0x39 ? 4 : 2;
}

/**
 * The byte offset of each UTF-16 offset in `offsets` (sorted ascending), for bytes that decode
 * to `text` (a UTF-8 BOM kept in the text as U+FEFF, as corpusFiles.decode keeps it).
 */
export function byteOffsets(bytes: Uint8Array, text: string, encoding: Encoding, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let unit = 0;
  let byte = 0;
  for (const want of offsets) {
    while (unit < want) {
      if (byte >= bytes.length) throw new Error('the text is longer than its bytes');
      const cp = text.codePointAt(unit)!;
      unit += cp > 0xffff ? 2 : 1;
      byte += charLength(bytes, byte, encoding);
    }
    if (unit !== want) throw new Error('an edit starts or ends inside a character');
    out.push(byte);
  }
  return out;
}

/** `text` with the edits applied (sorted, not overlapping): the same as the fix check's. */
export { applyRecordEdits as applyToText } from '../features/fixCheck';

/**
 * The bytes with the edits spliced in: each edit's new text encoded by `encode`, every other
 * byte copied. Edits must be sorted and must not overlap.
 */
export function spliceBytes(bytes: Uint8Array, text: string, encoding: Encoding, edits: readonly OffsetEdit[], encode: (s: string) => Uint8Array): Uint8Array {
  for (let k = 0; k < edits.length; k++) {
    const e = edits[k];
    if (e.start > e.end || (k > 0 && e.start < edits[k - 1].end)) throw new Error('the edits overlap');
  }
  const positions = byteOffsets(bytes, text, encoding, edits.flatMap((e) => [e.start, e.end]));
  const parts: Uint8Array[] = [];
  let at = 0;
  edits.forEach((e, k) => {
    parts.push(bytes.subarray(at, positions[2 * k]), encode(e.newText));
    at = positions[2 * k + 1];
  });
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}
