// Character classes the core asks about, by char code, so that scanning a big file makes no
// strings. One home, so that "a space" or "a letter" means the same in every module.

/** An ASCII letter, either case: what a tag's code is made of. */
export const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

export const isAsciiUpper = (c: number) => c >= 0x41 && c <= 0x5a;

/** Blank in a value: ASCII blanks, CR and LF, the ideographic space, NBSP. */
export const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3000 || c === 0xa0;

/** What may stand before a record's first tag on its line: indentation, or the file's BOM. */
export const isIndent = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xfeff;

/** Zero-width and invisible controls, bidi overrides, a BOM inside text, U+FFFD. */
export const isInvisible = (c: number) =>
  (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0xfffd;

/** The first offset in [from, to) that is not blank (`to` if none). */
export function skipBlanks(text: string, from: number, to: number): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
}

/** The end of [from, to) without its trailing blanks. */
export function trimBlanksEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

/** Strings kept in problems are copied so that they never pin a whole document in memory. */
export function detach(s: string, max = 40): string {
  const cut = s.length > max ? s.slice(0, max - 1) + '…' : s;
  return (' ' + cut).slice(1);
}
