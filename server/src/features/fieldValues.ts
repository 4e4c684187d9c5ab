// The values a corpus already uses for the fields whose values repeat from article to article
// (the page's name, the genre, the column): completion offers them, most used first, from the
// document and, through the workspace index, from the closed files.

import type { CorpusDocument } from '../parser/corpusDocument';
import { detach } from '../text/chars';
import type { RecordNode } from '../types';

/** The fields whose values completion offers from what the corpus already uses. */
export const REUSED_VALUE_CODES: readonly string[] = ['BM', 'TC', 'LM'];

/** By field code, each value used and how often (records of a file, or files of a workspace). */
export type ValueCounts = Map<string, Map<string, number>>;

/** A value longer than this is no name a page, genre or column has: it is not offered. */
const MAX_VALUE = 40;
/** Distinct values shared at most; past it a value is copied for each record that has it. */
const MAX_SHARED = 20_000;

const NONE: readonly string[] = Object.freeze([]);
/**
 * Each record's values, as entries of its code then value (`BM要闻`), copied off the text.
 * An edit re-parses only the records it touches, so a big file's values are walked once and a
 * keystroke counts the few entries of each record again: walking 60,000 records' fields costs
 * a few hundred milliseconds, counting their entries a few.
 */
const byRecord = new WeakMap<RecordNode, readonly string[]>();
/** One string for each distinct entry: a file has few page names, genres and columns. */
const shared = new Map<string, string>();

/** The entry, the one string every record and file holding it shares. */
export function sharedEntry(entry: string): string {
  const known = shared.get(entry);
  if (known !== undefined) return known;
  const copy = detach(entry, MAX_VALUE + 2);
  if (shared.size < MAX_SHARED) shared.set(copy, copy);
  return copy;
}

function recordEntries(doc: CorpusDocument, i: number): readonly string[] {
  const record = doc.records[i];
  const known = byRecord.get(record);
  if (known) return known;
  let entries: string[] | undefined;
  eachEntry(doc, i, (entry) => (entries ??= []).push(entry));
  const kept = entries ?? NONE;
  byRecord.set(record, kept);
  return kept;
}

/** Each BM, TC or LM entry of record `i` (its own fields, not a picture block's), shared. */
function eachEntry(doc: CorpusDocument, i: number, take: (entry: string) => void): void {
  const text = doc.recordTexts[i];
  doc.records[i].visitFields((code, _def, _open, valueStart, valueEnd, _end, _children, nested) => {
    if (nested || !REUSED_VALUE_CODES.includes(code) || valueEnd - valueStart > MAX_VALUE * 2) return;
    const value = text.slice(valueStart, valueEnd).trim();
    if (value.length === 0 || value.length > MAX_VALUE || value.includes('〖')) return;
    take(sharedEntry(code + value));
  });
}

/**
 * The distinct entries of records [from, to), added to `into`: what the workspace index keeps
 * of a closed file. One walk of the fields, without the counts and the memo per record an open
 * document's completion keeps (a closed file's records are dropped once it is read): on 20,000
 * files the counts' maps cost a fifth of the index's build.
 */
export function addDistinctEntries(doc: CorpusDocument, from: number, to: number, into: Set<string>): void {
  for (let i = from; i < to; i++) {
    const known = byRecord.get(doc.records[i]);
    if (known) for (const entry of known) into.add(entry);
    else eachEntry(doc, i, (entry) => into.add(entry));
  }
}

/**
 * The BM, TC and LM values of records [from, to), each record's own (not a picture block's),
 * counted into `into`.
 */
export function fieldValueCounts(doc: CorpusDocument, from = 0, to = doc.records.length, into: ValueCounts = new Map()): ValueCounts {
  const byEntry = new Map<string, number>();
  for (let i = from; i < to; i++) for (const entry of recordEntries(doc, i)) byEntry.set(entry, (byEntry.get(entry) ?? 0) + 1);
  for (const code of REUSED_VALUE_CODES) if (!into.has(code)) into.set(code, new Map());
  for (const [entry, count] of byEntry) {
    const { code, value } = splitFieldValue(entry);
    const byValue = into.get(code)!;
    byValue.set(value, (byValue.get(value) ?? 0) + count);
  }
  return into;
}

/**
 * A file's distinct values, as the workspace index keeps them for a closed file: one string
 * each, its field's code then the value (`BM要闻`), shared with every file that has it.
 */
export function distinctFieldValues(doc: CorpusDocument, entries = new Set<string>()): readonly string[] {
  if (entries.size === 0) addDistinctEntries(doc, 0, doc.records.length, entries);
  return entries.size > 0 ? [...entries] : NONE;
}

/** The code and value of an entry (`BM要闻`). */
export function splitFieldValue(entry: string): { code: string; value: string } {
  return { code: entry.slice(0, 2), value: entry.slice(2) };
}
