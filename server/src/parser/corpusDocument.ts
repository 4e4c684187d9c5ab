// A document is a list of records. Records are found by a cheap scan of line starts, each is
// parsed on its own, and an edit re-parses only the records it touches: the records after it
// are reused as they are, only their start offsets and lines move.

import type { RecordNode } from '../types';
import { parseRecord, type ParseContext } from './recordParser';

export interface CorpusDocument {
  readonly text: string;
  readonly records: readonly RecordNode[];
  /** Offset of each record's first character. */
  readonly recordStarts: readonly number[];
  /** Line of each record's first line. */
  readonly recordLines: readonly number[];
  readonly context: ParseContext;
}

/** A replacement of `[start, end)` in the text as it is before this change. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export function parseDocument(text: string, context: ParseContext): CorpusDocument {
  const starts = findRecordStarts(text, 0, context, () => false);
  const records = starts.map((_, i) => parseAt(text, starts, i, context));
  return { text, records, recordStarts: starts, recordLines: lineTable(records, [], 0, 0), context };
}

/** Applies LSP-style changes in order, each against the text left by the previous one. */
export function updateDocument(doc: CorpusDocument, changes: readonly TextChange[]): CorpusDocument {
  let current = doc;
  for (const change of changes) current = applyChange(current, change);
  return current;
}

function applyChange(doc: CorpusDocument, change: TextChange): CorpusDocument {
  const old = doc.text;
  const start = Math.max(0, Math.min(change.start, old.length));
  const end = Math.max(start, Math.min(change.end, old.length));
  const text = old.slice(0, start) + change.text + old.slice(end);
  const delta = change.text.length - (end - start);
  const oldStarts = doc.recordStarts;
  if (oldStarts.length === 0) return parseDocument(text, doc.context);

  // Re-scan from the record before the one the change begins in: whether a line starts a
  // record depends on the record before it.
  const hit = Math.max(0, upperBound(oldStarts, start) - 1);
  const from = Math.max(0, hit - 1);
  const scanFrom = oldStarts[from];
  const changedEnd = start + change.text.length;

  let resume = oldStarts.length; // first old record reused after the change
  const fresh = findRecordStarts(text, scanFrom, doc.context, (p) => {
    if (p < changedEnd) return false;
    const j = lowerBound(oldStarts, p - delta);
    if (j < oldStarts.length && oldStarts[j] === p - delta && oldStarts[j] >= end) {
      resume = j;
      return true;
    }
    return false;
  });

  const starts = oldStarts.slice(0, from).concat(fresh);
  const records = doc.records.slice(0, from);
  for (let i = from; i < starts.length; i++) {
    const followed = i + 1 < starts.length || resume < oldStarts.length;
    const endAt = i + 1 < starts.length ? starts[i + 1] : resume < oldStarts.length ? oldStarts[resume] + delta : text.length;
    records.push(parseRecord(text.slice(starts[i], endAt), doc.context, { first: i === 0, followed }));
  }
  for (let j = resume; j < oldStarts.length; j++) {
    starts.push(oldStarts[j] + delta);
    records.push(doc.records[j]);
  }
  return { text, records, recordStarts: starts, recordLines: lineTable(records, doc.recordLines, from, 0), context: doc.context };
}

function parseAt(text: string, starts: readonly number[], i: number, context: ParseContext): RecordNode {
  const end = i + 1 < starts.length ? starts[i + 1] : text.length;
  return parseRecord(text.slice(starts[i], end), context, { first: i === 0, followed: i + 1 < starts.length });
}

function lineTable(records: readonly RecordNode[], previous: readonly number[], from: number, firstLine: number): number[] {
  const lines = previous.slice(0, from);
  let line = from > 0 ? previous[from - 1] + records[from - 1].lineBreaks : firstLine;
  for (let i = from; i < records.length; i++) {
    lines.push(line);
    line += records[i].lineBreaks;
  }
  return lines;
}

const isIndent = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xfeff;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Finds where records start, from `from` (itself a record start) onwards. A line that opens
 * with a header field's tag starts a new record once the current one has opened its body,
 * or when it repeats the field the current record began with. `stop(p)` ends the scan at a
 * record start `p` (the incremental update stops where the old records line up again).
 */
export function findRecordStarts(text: string, from: number, context: ParseContext, stop: (p: number) => boolean): number[] {
  const starts = [from];
  const table = context.table;
  let sawBody = false;
  let firstCode = '';
  let next = text.indexOf('〖', from);
  let lineStart = from;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    if (next !== -1 && next < lineStart) next = text.indexOf('〖', lineStart);
    if (next !== -1 && next < nl) {
      let p = lineStart;
      while (p < nl && isIndent(text.charCodeAt(p))) p++;
      if (p === next) {
        const c1 = text.charCodeAt(p + 1);
        const c2 = text.charCodeAt(p + 2);
        if (isLetter(c1) && isLetter(c2)) {
          const def = table.getByChars(c1, c2);
          if (def?.placement === 'header') {
            const code = def.code;
            if (lineStart > from && (sawBody || code === firstCode)) {
              if (stop(lineStart)) return starts;
              starts.push(lineStart);
              sawBody = false;
              firstCode = '';
            }
            if (!firstCode) firstCode = code;
          }
        }
      }
      // Does this line open a body field?
      let b = next;
      while (b !== -1 && b < nl) {
        const c1 = text.charCodeAt(b + 1);
        const c2 = text.charCodeAt(b + 2);
        if (isLetter(c1) && isLetter(c2) && table.getByChars(c1, c2)?.placement === 'body') sawBody = true;
        b = text.indexOf('〖', b + 1);
      }
      next = b;
    }
    lineStart = nl + 1;
  }
  return starts;
}

/** First index whose value is > x. */
export function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is >= x. */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
