// Line breaks as LSP and VS Code count them: `\n`, `\r\n` and a lone `\r`. The next `\n` and
// `\r` are cached, so walking a text line by line stays linear even when one kind never occurs.

export class LineBreaks {
  private nl = -2;
  private cr = -2;

  constructor(private text: string) {}

  /**
   * Starts over on another text (a parser keeps one for every record it reads); `noCr` when
   * the text is known to hold no `\r`, so that it is not searched for one.
   */
  reset(text: string, noCr = false): void {
    this.text = text;
    this.nl = -2;
    this.cr = noCr ? -1 : -2;
  }

  /** The offset of the first line break at or after `pos` (the text's length if none). */
  breakAt(pos: number): number {
    const text = this.text;
    if (this.nl !== -1 && this.nl < pos) this.nl = text.indexOf('\n', pos);
    if (this.cr !== -1 && this.cr < pos) this.cr = text.indexOf('\r', pos);
    const nl = this.nl === -1 ? text.length : this.nl;
    const cr = this.cr === -1 ? text.length : this.cr;
    return nl < cr ? nl : cr;
  }
}

/** Where the next line starts after a break at `at` (`\r\n` counts as one break). */
export function afterBreak(text: string, at: number): number {
  return text.charCodeAt(at) === 0x0d && text.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1;
}

/** The end of the line that starts at or contains `pos`, before its break. */
export function lineEndAt(text: string, pos: number): number {
  for (let p = pos; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) return p;
  }
  return text.length;
}

export const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;

/** The start of the line that contains `pos`, after the break before it. */
export function lineStartAt(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && !isLineBreak(text.charCodeAt(p - 1))) p--;
  return p;
}

/**
 * Line starts as a scan finds them, in a growable typed array (no object per line): the record
 * splitter fills one, and each record's parse reads its lines from it instead of scanning again.
 */
export class LineTable {
  starts: Int32Array;
  count = 0;
  /** For each record start the splitter found, in order, the index of its line in `starts`. */
  readonly recordLines: number[] = [];

  constructor(capacity = 1024) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.tags = new Int32Array(Math.max(16, capacity));
  }

  /** Where every `〖` the scan passed stands, in order; `recordTags` as `recordLines`, for them. */
  tags: Int32Array;
  tagCount = 0;
  readonly recordTags: number[] = [];

  push(start: number): void {
    if (this.count === this.starts.length) this.starts = grow(this.starts);
    this.starts[this.count++] = start;
  }

  pushTag(at: number): void {
    if (this.tagCount === this.tags.length) this.tags = grow(this.tags);
    this.tags[this.tagCount++] = at;
  }

  /** Empties the table for another scan, keeping its arrays. */
  clear(): void {
    this.count = this.tagCount = 0;
    this.recordLines.length = this.recordTags.length = 0;
  }
}

function grow(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** The end of a line, before its break, given where the next line starts (`\r\n` is one break). */
export function endBefore(text: string, nextStart: number): number {
  return text.charCodeAt(nextStart - 1) === 0x0a && text.charCodeAt(nextStart - 2) === 0x0d ? nextStart - 2 : nextStart - 1;
}
