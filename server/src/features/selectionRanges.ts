// Expand Selection (textDocument/selectionRange): from the cursor outwards through what a
// proofreader works on. In a header value: the value, the field, the record. In 正文: the
// sentence, the paragraph (its line), the section, the text of 正文, the field, the record.
// On a tag: its code or name, the tag, the field, the record. An inline tag's text and the
// inline tag with it come in between wherever they hold the cursor.
//
// Every range that holds the cursor is a candidate; they are taken from the smallest up, each
// kept only when it strictly holds the one kept before, so every parent contains its child as
// LSP requires, whatever ranges cross (a sentence running out of an inline tag, say).

import type { SelectionRange } from 'vscode-languageserver-types';
import type { CorpusDocument } from '../parser/corpusDocument';
import { isLineBreak, lineEndAt, lineStartAt } from '../parser/lines';
import { isIndent, isSpace } from '../text/chars';
import type { Field, Position, RecordNode, Tag } from '../types';
import { offsetAt, rangeIn, recordAt } from './positions';

type Span = readonly [start: number, end: number];

export function getSelectionRanges(doc: CorpusDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => selectionAt(doc, position));
}

function selectionAt(doc: CorpusDocument, position: Position): SelectionRange {
  const offset = offsetAt(doc, position);
  if (doc.records.length === 0) return { range: { start: position, end: position } };
  const record = recordAt(doc, offset);
  const rel = offset - doc.recordStarts[record];
  const chain = nested(candidates(doc.records[record], doc.recordTexts[record], rel), rel);
  if (chain.length === 0) return { range: rangeIn(doc, record, rel, rel) };
  let result: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) result = { range: rangeIn(doc, record, chain[i][0], chain[i][1]), parent: result };
  return result!;
}

/** The ranges of the record that may be selected around `rel`, in no order. */
function candidates(node: RecordNode, text: string, rel: number): Span[] {
  const spans: Span[] = [];
  const first = node.headStart >= 0 ? node.headStart : 0;
  spans.push([first, Math.max(first, node.contentEnd)]);

  const line = lineContent(text, rel);
  spans.push(line);
  const sentence = sentenceAt(text, line, rel);
  if (sentence) spans.push(sentence);

  let outermost: Field | undefined;
  const visit = (fields: readonly Field[]) => {
    for (const f of fields) {
      const end = Math.max(f.end, f.open.end);
      if (rel < f.open.start || rel > end) continue;
      outermost ??= f;
      spans.push([f.open.start, end]);
      tagParts(f.open, spans);
      if (f.close) tagParts(f.close, spans);
      spans.push(trimBreaks(text, f.valueStart, f.valueEnd));
      for (const s of f.sections) {
        spans.push([s.start, s.end]);
        spans.push([s.headingStart, s.headingEnd]);
      }
      visit(f.children);
    }
  };
  visit(node.fields);

  // The inline tags of the record's field the cursor is in (a picture block's among them, around
  // the block's own fields), paired by code as they nest.
  const from = outermost ? outermost.valueStart : line[0];
  const to = outermost ? outermost.valueEnd : line[1];
  const open: Tag[] = [];
  for (const t of node.inlineTags(from, to)) {
    tagParts(t, spans);
    if (!t.def?.paired) continue;
    if (!t.closing) {
      open.push(t);
      continue;
    }
    const i = open.map((o) => o.code).lastIndexOf(t.code);
    if (i < 0) continue;
    const o = open[i];
    open.splice(i);
    spans.push([o.start, t.end], trimBreaks(text, o.end, t.start));
  }
  return spans;
}

/** The candidates that hold `rel`, smallest first, each strictly holding the one before. */
function nested(spans: Span[], rel: number): Span[] {
  // Of two alike in size, the one holding the character after the cursor comes first, as the
  // cursor is read everywhere else (a tag covers [start, end)).
  const holding = spans.filter(([s, e]) => e > s && s <= rel && rel <= e);
  holding.sort((a, b) => a[1] - a[0] - (b[1] - b[0]) || Number(rel >= a[1]) - Number(rel >= b[1]));
  const chain: Span[] = [];
  for (const span of holding) {
    const last = chain[chain.length - 1];
    if (!last || (span[0] <= last[0] && last[1] <= span[1] && span[1] - span[0] > last[1] - last[0])) chain.push(span);
  }
  return chain;
}

/** A tag, and its code and name (what F2 renames). */
function tagParts(t: Tag, spans: Span[]): void {
  spans.push([t.start, t.end]);
  const codeStart = t.start + (t.closing ? 2 : 1);
  if (t.rawCode) spans.push([codeStart, codeStart + t.rawCode.length]);
  if (t.nameEnd > t.nameStart) spans.push([t.nameStart, t.nameEnd]);
}

/** The line holding `rel`, without its indentation, trailing blanks or break. */
function lineContent(text: string, rel: number): Span {
  let start = lineStartAt(text, rel);
  let end = lineEndAt(text, rel);
  while (start < end && isIndent(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** After a sentence's last mark, the quotes and brackets that close with it. */
const CLOSERS = '”’」』）》)"\'';
const ENDS = '。！？!?';

/** The sentence of the line `line` that holds `rel`: up to and with its 。！？ and the quotes closing after it. */
function sentenceAt(text: string, line: Span, rel: number): Span | undefined {
  let start = line[0];
  for (let p = line[0]; p < line[1]; p++) {
    if (!ENDS.includes(text[p])) continue;
    let end = p + 1;
    while (end < line[1] && (ENDS.includes(text[end]) || CLOSERS.includes(text[end]))) end++;
    if (rel < end || (rel === end && rel > start)) return start < end ? [start, end] : undefined;
    start = end;
    while (start < line[1] && isSpace(text.charCodeAt(start))) start++;
    p = end - 1;
  }
  return start < line[1] && rel >= start ? [start, line[1]] : undefined;
}

/** A value without the line breaks at its ends: 正文's text is the lines between its tags. */
function trimBreaks(text: string, start: number, end: number): Span {
  while (start < end && isLineBreak(text.charCodeAt(start))) start++;
  while (end > start && isLineBreak(text.charCodeAt(end - 1))) end--;
  return [start, end];
}
