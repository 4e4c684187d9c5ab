// Line/character positions, computed from the records' own line tables so that an edit
// never forces a pass over the whole text to find lines again.

import type { CorpusDocument } from '../parser/corpusDocument';
import { upperBound } from '../text/search';
import type { Position, Range } from '../types';

export function recordAt(doc: CorpusDocument, offset: number): number {
  return Math.max(0, upperBound(doc.recordStarts, offset) - 1);
}

/** Position of an offset relative to record `i`. */
export function positionIn(doc: CorpusDocument, i: number, rel: number): Position {
  const record = doc.records[i];
  const k = Math.max(0, upperBound(record.lineStarts, rel) - 1);
  return { line: doc.recordLines[i] + k, character: rel - record.lineStarts[k] };
}

export function rangeIn(doc: CorpusDocument, i: number, start: number, end: number): Range {
  return { start: positionIn(doc, i, start), end: positionIn(doc, i, end) };
}

export function positionAt(doc: CorpusDocument, offset: number): Position {
  if (doc.records.length === 0) return { line: 0, character: 0 };
  const o = Math.max(0, Math.min(offset, doc.length));
  const i = recordAt(doc, o);
  return positionIn(doc, i, o - doc.recordStarts[i]);
}

/** Offset of a position; characters past the line's end clamp to it, as LSP asks. */
export function offsetAt(doc: CorpusDocument, position: Position): number {
  if (doc.records.length === 0) return 0;
  const line = Math.max(0, position.line);
  const i = Math.max(0, upperBound(doc.recordLines, line) - 1);
  const record = doc.records[i];
  const k = line - doc.recordLines[i];
  if (k >= record.lineStarts.length) return doc.length;
  const lineStart = record.lineStarts[k];
  const text = doc.recordTexts[i];
  let lineEnd = k + 1 < record.lineStarts.length ? record.lineStarts[k + 1] : record.length;
  // Stop before the line's break, one or two characters (`\r\n`).
  if (lineEnd > lineStart && k + 1 < record.lineStarts.length) {
    lineEnd--;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd) === 0x0a && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
  }
  return doc.recordStarts[i] + Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

/** The line of a relative offset inside record `i`. */
export function lineIn(doc: CorpusDocument, i: number, rel: number): number {
  const record = doc.records[i];
  return doc.recordLines[i] + Math.max(0, upperBound(record.lineStarts, rel) - 1);
}
