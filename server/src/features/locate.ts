// What lies at an offset: the record, the innermost field, and the tag under the cursor or
// the one being typed there. The one module that re-reads the text: the parse says where
// fields are, but not what is half typed at the cursor.

import type { CorpusDocument } from '../parser/corpusDocument';
import { isLineBreak, lineEndAt } from '../parser/lines';
import { OPEN, readTag } from '../parser/scanner';
import { isAsciiLetter } from '../text/chars';
import type { Field, Tag } from '../types';
import { recordAt } from './positions';

export interface Located {
  record: number;
  /** Offset relative to the record. */
  rel: number;
  /** Innermost field containing the offset (its tags included). */
  field: Field | undefined;
  /** The tag under the offset, read afresh from the text. */
  tag: Tag | undefined;
}

export function locate(doc: CorpusDocument, offset: number): Located | undefined {
  if (doc.records.length === 0) return undefined;
  const record = recordAt(doc, offset);
  const rel = offset - doc.recordStarts[record];
  return { record, rel, field: fieldAt(doc, record, rel), tag: tagAt(doc.recordTexts[record], rel, doc) };
}

/** A tag being typed, the cursor after it: `〖`, `〖-`, then at most two letters of its code. */
export interface TypedTag {
  record: number;
  /** Where the tag begins (its `〖`), relative to the record. */
  start: number;
  /** Where its code begins, after the `〖` or `〖-`: what a completion replaces starts here. */
  codeStart: number;
  /** Where what a completion replaces ends: the cursor, or after a `〗` right behind it (the editor's). */
  end: number;
  closing: boolean;
  /** Innermost field containing the tag's `〖`. */
  field: Field | undefined;
  /**
   * For a closing tag: the code of the innermost paired inline tag opened on the line before
   * it and not closed there.
   */
  openInline: string | undefined;
}

/** The tag being typed at `offset`, if the text before the cursor is the start of one. */
export function tagBeingTyped(doc: CorpusDocument, offset: number): TypedTag | undefined {
  if (doc.records.length === 0) return undefined;
  const record = recordAt(doc, offset);
  const text = doc.recordTexts[record];
  const cursor = offset - doc.recordStarts[record];
  let codeStart = cursor;
  while (codeStart > 0 && cursor - codeStart < 2 && isAsciiLetter(text.charCodeAt(codeStart - 1))) codeStart--;
  const closing = text[codeStart - 1] === '-' && text[codeStart - 2] === OPEN;
  if (!closing && text[codeStart - 1] !== OPEN) return undefined;
  const start = closing ? codeStart - 2 : codeStart - 1;
  return {
    record,
    start,
    codeStart,
    end: text[cursor] === '〗' ? cursor + 1 : cursor,
    closing,
    field: fieldAt(doc, record, start),
    openInline: closing ? openInlineBefore(text, start, doc) : undefined,
  };
}

/** The innermost field of record `record` whose tags or value hold `rel`. */
function fieldAt(doc: CorpusDocument, record: number, rel: number): Field | undefined {
  let field: Field | undefined;
  let fields: readonly Field[] = doc.records[record].fields;
  for (;;) {
    const inner = fields.find((f) => f.open.start <= rel && rel <= Math.max(f.end, f.open.end));
    if (!inner) return field;
    field = inner;
    fields = inner.children;
  }
}

function tagAt(text: string, rel: number, doc: CorpusDocument): Tag | undefined {
  // A tag is short and never spans lines: look back a little for its `〖`.
  let lineStart = rel;
  while (lineStart > 0 && rel - lineStart < 24 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const open = text.lastIndexOf(OPEN, rel === text.length ? rel - 1 : rel);
  if (open < lineStart || open < 0) return undefined;
  const tag = readTag(text, open, lineEndAt(text, open), doc.context.table);
  // The position names the character after it: a tag covers [start, end).
  return rel < tag.start || rel >= tag.end ? undefined : tag;
}

/**
 * The code of the innermost paired inline tag opened and not closed on the line before `end`.
 * The parse keeps fields, not inline tags, and a tag being typed changes what the parse saw.
 */
function openInlineBefore(text: string, end: number, doc: CorpusDocument): string | undefined {
  let lineStart = end;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const stack: string[] = [];
  for (let p = text.indexOf(OPEN, lineStart); p !== -1 && p < end; p = text.indexOf(OPEN, p + 1)) {
    const tag = readTag(text, p, end, doc.context.table);
    if (!tag.def || tag.def.placement !== 'inline' || !tag.def.paired) continue;
    if (!tag.closing) stack.push(tag.code);
    else {
      const i = stack.lastIndexOf(tag.code);
      if (i >= 0) stack.splice(i, 1);
    }
  }
  return stack[stack.length - 1];
}
