// The tag under the cursor and its partner: the opening and closing tags of one field. Document
// highlights, linked editing (change the code or name in one tag, the other follows) and the
// jump to the matching tag are built on it.

import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, Position, Range, Tag } from '../types';
import { locate } from './locate';
import { offsetAt, rangeIn } from './positions';

/** LSP's answer to textDocument/linkedEditingRange. */
export interface LinkedEditingRanges {
  ranges: Range[];
  wordPattern?: string;
}

interface Pair {
  record: number;
  open: Tag;
  close: Tag;
  /** The cursor's offset, relative to the record. */
  rel: number;
}

function pairAt(doc: CorpusDocument, position: Position): Pair | undefined {
  const at = locate(doc, offsetAt(doc, position));
  if (!at) return undefined;
  // The innermost field whose own opening or closing tag holds the cursor.
  const holds = (t: Tag | undefined) => t !== undefined && t.start <= at.rel && at.rel < t.end;
  const visit = (fields: readonly Field[]): Field | undefined => {
    for (const f of fields) {
      if (holds(f.open) || holds(f.close)) return f;
      if (f.open.start <= at.rel && at.rel <= f.end) return visit(f.children);
    }
    return undefined;
  };
  const field = visit(doc.records[at.record].fields);
  if (!field?.close) return undefined;
  return { record: at.record, open: field.open, close: field.close, rel: at.rel };
}

/**
 * F2 on a tag's code or name: the two places to rename (that part of the opening and the
 * closing tag), with what they hold now. Null off a tag's code or name, or when the two tags
 * spell it differently (a fix, not a rename, is wanted then).
 */
export function getTagRename(doc: CorpusDocument, position: Position): { ranges: Range[]; text: string; part: 'code' | 'name' } | null {
  const linked = getLinkedEditingRanges(doc, position);
  if (!linked) return null;
  const part = linked.wordPattern === CODE_PATTERN ? 'code' : 'name';
  const first = linked.ranges[0];
  const pair = pairAt(doc, position)!;
  const t = pair.open;
  const text = part === 'code' ? t.rawCode : t.name;
  return first ? { ranges: linked.ranges, text, part } : null;
}

/** Whether `text` may replace a tag's code (two letters) or name (no bracket, slash or space). */
export function validTagPart(part: 'code' | 'name', text: string): boolean {
  return part === 'code' ? /^[A-Za-z]{2}$/.test(text) : /^[^〖〗/／\s]{1,16}$/.test(text);
}

const CODE_PATTERN = '[A-Za-z]{0,2}';

/** The other tag of the field whose tag holds the cursor (Go to Matching Tag, Go to Definition). */
export function getMatchingTag(doc: CorpusDocument, position: Position): Range | null {
  const pair = pairAt(doc, position);
  if (!pair) return null;
  const other = pair.open.start <= pair.rel && pair.rel < pair.open.end ? pair.close : pair.open;
  return rangeIn(doc, pair.record, other.start, other.end);
}

export function getDocumentHighlights(doc: CorpusDocument, position: Position): DocumentHighlight[] {
  const pair = pairAt(doc, position);
  if (!pair) return [];
  return [pair.open, pair.close].map((t) => ({ range: rangeIn(doc, pair.record, t.start, t.end), kind: DocumentHighlightKind.Text }));
}

/**
 * Editing the code or the name of one tag of a field edits the other's too, so a correction
 * such as 〖RQ/总期〗 → 〖RQ/日期〗 is made once. Only when both tags spell them the same.
 */
export function getLinkedEditingRanges(doc: CorpusDocument, position: Position): LinkedEditingRanges | null {
  const pair = pairAt(doc, position);
  if (!pair) return null;
  const { open, close, rel, record } = pair;
  const codeStart = (t: Tag) => t.start + (t.closing ? 2 : 1);
  const inCode = (t: Tag) => rel >= codeStart(t) && rel <= codeStart(t) + t.rawCode.length;
  const inName = (t: Tag) => rel >= t.nameStart && rel <= t.nameEnd;
  if ((inCode(open) || inCode(close)) && open.rawCode === close.rawCode && open.rawCode.length > 0) {
    return {
      ranges: [open, close].map((t) => rangeIn(doc, record, codeStart(t), codeStart(t) + t.rawCode.length)),
      wordPattern: CODE_PATTERN,
    };
  }
  if ((inName(open) || inName(close)) && open.name === close.name) {
    return {
      ranges: [open, close].map((t) => rangeIn(doc, record, t.nameStart, t.nameEnd)),
      wordPattern: '[^〖〗/\\s]{0,16}',
    };
  }
  return null;
}
