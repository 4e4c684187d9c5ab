// What lies at an offset: the record, the innermost field, and the tag under the cursor.

import type { CorpusDocument } from '../parser/corpusDocument';
import { OPEN, readTag } from '../parser/scanner';
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
  const base = doc.recordStarts[record];
  const rel = offset - base;
  let field: Field | undefined;
  let fields: readonly Field[] = doc.records[record].fields;
  for (;;) {
    const inner = fields.find((f) => f.open.start <= rel && rel <= Math.max(f.end, f.open.end));
    if (!inner) break;
    field = inner;
    fields = inner.children;
  }
  return { record, rel, field, tag: tagAt(doc, base, rel) };
}

function tagAt(doc: CorpusDocument, base: number, rel: number): Tag | undefined {
  const text = doc.text;
  const abs = base + rel;
  // A tag is short and never spans lines: look back a little for its `〖`.
  let lineStart = abs;
  while (lineStart > 0 && abs - lineStart < 24 && text.charCodeAt(lineStart - 1) !== 0x0a) lineStart--;
  const open = text.lastIndexOf(OPEN, abs === text.length ? abs - 1 : abs);
  if (open < lineStart) return undefined;
  let lineEnd = text.indexOf('\n', open);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > open && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
  const { table } = doc.context;
  const tag = readTag(text, open, lineEnd, table);
  if (abs < tag.start || abs > tag.end) return undefined;
  // Offsets of the tag relative to the record, like every other node.
  const shift = (n: number) => n - base;
  return { ...tag, start: shift(tag.start), end: shift(tag.end), nameStart: shift(tag.nameStart), nameEnd: shift(tag.nameEnd), separatorStart: shift(tag.separatorStart) };
}
