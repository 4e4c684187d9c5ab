// The tokens of a text as the scanner reads them (tags, text, line breaks): a flat view for
// the scanner's tests, which the parser itself does not need.

import { afterBreak, LineBreaks } from '../../../server/src/parser/lines';
import { OPEN, readTag } from '../../../server/src/parser/scanner';
import type { TagTable } from '../../../server/src/tags/tagTable';
import type { Tag } from '../../../server/src/types';

export type Token =
  | { kind: 'tag'; tag: Tag }
  | { kind: 'text'; start: number; end: number }
  | { kind: 'newline'; start: number; end: number };

/** The tokens of a text, in order; a flat view of what the parser walks, for tools and tests. */
export function tokenize(text: string, table: TagTable): Token[] {
  const tokens: Token[] = [];
  const breaks = new LineBreaks(text);
  let lineStart = 0;
  let next = -2; // the next `〖` at or after pos, cached so lines without one cost nothing
  for (;;) {
    const contentEnd = breaks.breakAt(lineStart);
    let pos = lineStart;
    while (pos < contentEnd) {
      if (next !== -1 && next < pos) next = text.indexOf(OPEN, pos);
      const b = next;
      if (b === -1 || b >= contentEnd) {
        tokens.push({ kind: 'text', start: pos, end: contentEnd });
        break;
      }
      if (b > pos) tokens.push({ kind: 'text', start: pos, end: b });
      const tag = readTag(text, b, contentEnd, table);
      tokens.push({ kind: 'tag', tag });
      pos = tag.end;
    }
    if (contentEnd === text.length) break;
    lineStart = afterBreak(text, contentEnd);
    tokens.push({ kind: 'newline', start: contentEnd, end: lineStart });
  }
  return tokens;
}
