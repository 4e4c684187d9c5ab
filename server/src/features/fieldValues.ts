// The values a corpus already uses for the fields whose values repeat from article to article
// (the page's name, the genre, the column): completion offers them, most used first, from the
// document and, through the workspace index, from the closed files.

import type { CorpusDocument } from '../parser/corpusDocument';
import { detach } from '../text/chars';

/** The fields whose values completion offers from what the corpus already uses. */
export const REUSED_VALUE_CODES: readonly string[] = ['BM', 'TC', 'LM'];

/** By field code, each value used and how often (records of a file, or files of a workspace). */
export type ValueCounts = Map<string, Map<string, number>>;

/** A value longer than this is no name a page, genre or column has: it is not offered. */
const MAX_VALUE = 40;

/**
 * Each record's own BM, TC and LM values, counted. Walked without making field objects, so a
 * big file costs a pass over its numbers; values are slices of the text, for one answer only.
 */
export function fieldValueCounts(doc: CorpusDocument): ValueCounts {
  const counts: ValueCounts = new Map(REUSED_VALUE_CODES.map((code) => [code, new Map<string, number>()]));
  doc.records.forEach((record, i) => {
    const text = doc.recordTexts[i];
    record.visitFields((code, _def, _open, valueStart, valueEnd, _end, _children, nested) => {
      const byValue = nested ? undefined : counts.get(code);
      if (!byValue || valueEnd - valueStart > MAX_VALUE * 2) return;
      const value = text.slice(valueStart, valueEnd).trim();
      if (value.length === 0 || value.length > MAX_VALUE || value.includes('〖')) return;
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
    });
  });
  return counts;
}

/**
 * A file's distinct values, as the workspace index keeps them for a closed file: one string
 * each, its field's code then the value (`BM要闻`), copied off the text.
 */
export function distinctFieldValues(counts: ValueCounts): string[] {
  const out: string[] = [];
  for (const [code, byValue] of counts) for (const value of byValue.keys()) out.push(detach(code + value, MAX_VALUE + 2));
  return out;
}

/** The code and value of an entry of `distinctFieldValues`. */
export function splitFieldValue(entry: string): { code: string; value: string } {
  return { code: entry.slice(0, 2), value: entry.slice(2) };
}
