// Reading a field's value as a person would: inline tags dropped, whitespace collapsed.

import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field } from '../types';

const PLAIN = /^[^〖\s]*$/;

export function valueText(doc: CorpusDocument, recordIndex: number, field: Field, max = 60): string {
  // Only look at a prefix: a body can be long, and a summary needs its first words.
  const end = Math.min(field.valueEnd, field.valueStart + max * 4);
  const raw = doc.recordTexts[recordIndex].slice(field.valueStart, end);
  // Most values (dates, numbers, titles) hold no tag and no space: nothing to clean.
  const clean = PLAIN.test(raw) ? raw : raw.replace(/〖[^〖〗\n]{0,20}〗/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

export function findField(fields: readonly Field[], code: string): Field | undefined {
  return fields.find((f) => f.code === code);
}
