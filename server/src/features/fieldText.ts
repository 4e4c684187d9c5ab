// Reading a field's value as a person would: its markup dropped, whitespace collapsed. The
// markup is what the parse says it is: the value's inline tags (known, unknown or broken) and
// the tags of fields nested in it.

import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, Tag } from '../types';

const PLAIN = /^[^〖\s]*$/;

export function valueText(doc: CorpusDocument, recordIndex: number, field: Field, max = 60): string {
  // Only look at a prefix: a body can be long, and a summary needs its first words.
  const end = Math.min(field.valueEnd, field.valueStart + max * 4);
  const text = doc.recordTexts[recordIndex];
  const raw = text.slice(field.valueStart, end);
  // Most values (dates, numbers, titles) hold no tag and no space: nothing to clean.
  const clean = PLAIN.test(raw) ? raw : withoutMarkup(text, field, end, doc.records[recordIndex].inlineTags(field.valueStart, end)).replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

/** The value up to `end` with each tag in it read as a space. */
function withoutMarkup(text: string, field: Field, end: number, inline: readonly Tag[]): string {
  const tags: Array<{ start: number; end: number }> = [...inline];
  for (const child of field.children) {
    tags.push(child.open);
    if (child.close) tags.push(child.close);
  }
  tags.sort((a, b) => a.start - b.start);
  let out = '';
  let at = field.valueStart;
  for (const t of tags) {
    if (t.start >= end) break;
    if (t.start < at) continue;
    out += text.slice(at, t.start) + ' ';
    at = Math.min(t.end, end);
  }
  return out + text.slice(at, end);
}

export function findField(fields: readonly Field[], code: string): Field | undefined {
  return fields.find((f) => f.code === code);
}
