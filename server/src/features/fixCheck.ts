// A fix is offered only when applying it is shown to be safe: it rewrites markup and nothing
// else (the article's words, what is left when every tag is removed, stay as they were, less
// the invisible characters a fix exists to remove), and it leaves the record with fewer
// problems and none of a kind it did not have. The fixes are written to hold this; the check
// makes it hold for input no one foresaw, at the cost of parsing the touched record again.

import { defaultSeverity } from '../diagnostics/catalogue';
import { findRecordStarts, type CorpusDocument } from '../parser/corpusDocument';
import type { ProblemList } from '../parser/problems';
import { afterBreak, LineBreaks } from '../parser/lines';
import { parseRecord } from '../parser/recordParser';
import { OPEN, readTag } from '../parser/scanner';
import type { Settings } from '../settings';
import type { TagTable } from '../tags/tagTable';
import type { Problem, RecordIdentity, RecordNode } from '../types';
import { checkAcrossRecords, problemsOf, type CheckContext } from '../rules/check';
import { isInvisible, isSpace } from '../text/chars';

/** A replacement of `[start, end)` of one record's text (offsets relative to the record). */
export interface RecordEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * The edit rewrites a catalogue value into its canonical form (a date written
   * `1993-07-13` as `19930713`): the value is the record's data, not the article's words,
   * and the edit's own text is left out of the comparison of words.
   */
  value?: boolean;
}


/**
 * The article's own characters: the text with every tag removed (tags read as the parser
 * reads them), without whitespace and invisible characters, which layout and fixes may move.
 */
export function articleText(text: string, table: TagTable): string {
  let out = '';
  const keep = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      // Blanks and invisible characters carry no word: layout and fixes may move or remove them.
      if (!isSpace(c) && !isInvisible(c)) out += text[k];
    }
  };
  const breaks = new LineBreaks(text);
  let lineStart = 0;
  for (;;) {
    const lineEnd = breaks.breakAt(lineStart);
    let pos = lineStart;
    while (pos < lineEnd) {
      const b = text.indexOf(OPEN, pos);
      if (b === -1 || b >= lineEnd) {
        keep(pos, lineEnd);
        break;
      }
      keep(pos, b);
      pos = readTag(text, b, lineEnd, table).end;
    }
    if (lineEnd >= text.length) break;
    lineStart = afterBreak(text, lineEnd);
  }
  return out;
}

export function applyRecordEdits(text: string, edits: readonly RecordEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

const levelOf = (settings: Settings, code: Problem['code']) => settings.severity[code] ?? defaultSeverity(code);

/** Counts of the problems that are shown (rules not turned off), by code. */
function countCodes(problems: readonly Problem[], settings: Settings, into = new Map<string, number>()): Map<string, number> {
  for (const p of problems) tally(p.code, settings, into);
  return into;
}

/** The same counts for a record's own problems, read without making them into objects. */
function countList(list: ProblemList, settings: Settings, into = new Map<string, number>()): Map<string, number> {
  for (let k = 0; k < list.length; k++) tally(list.code(k), settings, into);
  return into;
}

function tally(code: Problem['code'], settings: Settings, into: Map<string, number>): void {
  if (levelOf(settings, code) !== 'off') into.set(code, (into.get(code) ?? 0) + 1);
}

/** No code more often than before, and fewer problems in all. */
function better(before: Map<string, number>, after: Map<string, number>): boolean {
  let total = 0;
  let totalBefore = 0;
  for (const n of before.values()) totalBefore += n;
  for (const [code, n] of after) {
    if (n > (before.get(code) ?? 0)) return false;
    total += n;
  }
  return total < totalBefore;
}

export interface CheckedRecord {
  /** The records the edited text parses into (usually one). */
  records: RecordNode[];
}

/**
 * Parses record `i` with the edits applied, and says whether that is safe: same words,
 * fewer problems, no new kind. Undefined when it is not.
 */
export function checkRecordEdits(doc: CorpusDocument, i: number, edits: readonly RecordEdit[], settings: Settings, ctx: CheckContext): CheckedRecord | undefined {
  const text = doc.recordTexts[i];
  const edited = applyRecordEdits(text, edits);
  const table = doc.context.table;
  const words = (t: string, side: 'old' | 'new') =>
    edits.some((e) => e.value)
      ? articleText(applyRecordEdits(text, edits.map((e) => (e.value ? { ...e, newText: '' } : side === 'new' ? e : { ...e, newText: text.slice(e.start, e.end) }))), table)
      : articleText(t, table);
  if (words(edited, 'new') !== words(text, 'old')) return undefined;
  const starts = findRecordStarts(edited, 0, doc.context, () => false);
  const followed = i + 1 < doc.records.length;
  const texts = starts.map((s, k) => edited.slice(s, k + 1 < starts.length ? starts[k + 1] : edited.length));
  const records = texts.map((t, k) => parseRecord(t, doc.context, { first: i === 0 && k === 0, followed: k + 1 < starts.length || followed }));
  const before = countList(problemsOf(doc.records[i], text, i === 0, ctx), settings);
  const after = new Map<string, number>();
  records.forEach((r, k) => countList(problemsOf(r, texts[k], i === 0 && k === 0, ctx), settings, after));
  return better(before, after) ? { records } : undefined;
}

const sameIdentity = (a: RecordIdentity | undefined, b: RecordIdentity | undefined) =>
  a === b || (!!a && !!b && a.rq === b.rq && a.bh === b.bh && a.th === b.th && a.zq === b.zq);

/** Did the records that replace record `i` change what the checks across records see? */
export function identityChanged(doc: CorpusDocument, i: number, records: readonly RecordNode[]): boolean {
  return records.length !== 1 || !sameIdentity(doc.records[i].identity, records[0].identity);
}

/**
 * The checks across records (duplicate articles, issue numbers) after some records are
 * replaced: true when no kind of problem grows.
 */
export function acrossRecordsNoWorse(doc: CorpusDocument, replaced: ReadonlyMap<number, readonly RecordNode[]>, settings: Settings, ctx: CheckContext): boolean {
  const before = doc.records.map((r) => r.identity);
  const after: Array<RecordIdentity | undefined> = [];
  for (let i = 0; i < doc.records.length; i++) {
    const r = replaced.get(i);
    if (r) for (const x of r) after.push(x.identity);
    else after.push(doc.records[i].identity);
  }
  const count = (ids: ReadonlyArray<RecordIdentity | undefined>) => {
    const m = new Map<string, number>();
    for (const list of checkAcrossRecords({ identities: ids, lineOf: () => 0, fileOf: () => undefined }, ctx).values()) countCodes(list, settings, m);
    return m;
  };
  const b = count(before);
  for (const [code, n] of count(after)) if (n > (b.get(code) ?? 0)) return false;
  return true;
}
