// What lies at an offset: the record, the innermost field, and the tag under the cursor.

import type { CorpusDocument } from '../parser/corpusDocument';
import { isLineBreak, lineEndAt } from '../parser/lines';
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
  return { record, rel, field, tag: tagAt(doc.recordTexts[record], rel, doc) };
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
