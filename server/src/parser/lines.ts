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
