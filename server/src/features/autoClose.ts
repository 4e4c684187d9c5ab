// Auto-closing tags, as the HTML extension closes `<div>`: once the `〗` of an opening tag is
// typed, the client asks what to insert after the cursor, and the answer is a snippet holding
// the closing tag. The client decides when to ask (a `〗` just typed) and drops the answer if
// the document changed meanwhile; this module only says what belongs there.

import type { CorpusDocument } from '../parser/corpusDocument';
import { lineEndAt } from '../parser/lines';
import { OPEN, holdsOnlyTag, readTag } from '../parser/scanner';
import { isSpace } from '../text/chars';
import type { Field, Position, Tag } from '../types';
import { offsetAt, recordAt } from './positions';
import { escapeSnippet } from './snippets';

/**
 * The snippet to insert at `position`, right after the `〗` of an opening tag whose field or
 * inline tag is not closed yet (`$0` is where the cursor goes); null when nothing should be.
 * A header field's closing tag comes at once, 正文's on a line of its own with an indented
 * line between, an inline tag's at once; a tag that stands alone, a broken or unknown tag,
 * a closing tag or a field already closed get nothing.
 */
export function getAutoClose(doc: CorpusDocument, position: Position): string | null {
  const offset = offsetAt(doc, position);
  if (offset === 0 || doc.records.length === 0) return null;
  const record = recordAt(doc, offset - 1);
  const text = doc.recordTexts[record];
  const rel = offset - doc.recordStarts[record];
  if (text[rel - 1] !== '〗') return null;
  const lineEnd = lineEndAt(text, rel - 1);
  const open = text.lastIndexOf(OPEN, rel - 1);
  if (open < 0 || text.slice(open, rel).search(/[\r\n]/) >= 0) return null;
  const tag = readTag(text, open, lineEnd, doc.context.table);
  const def = tag.def;
  if (tag.end !== rel || tag.closing || !tag.terminated || tag.faults.length > 0 || !def || !def.paired) return null;
  // A wrong name would be copied into the closing tag: the fix for the name is wanted instead.
  if (tag.name !== def.name) return null;
  const closing = `〖-${def.code}/${escapeSnippet(def.name)}〗`;
  const restBlank = blank(text, rel, lineEnd);
  const node = doc.records[record];

  if (def.placement !== 'inline') {
    // The field as the parse reads it: none when the parse took the tag for a closing tag
    // that lost its `-`, where the field before it ends.
    const field = fieldOpenedBy(node.fields, tag);
    if (!field || field.close) return null;
    // With words after the cursor the closing tag belongs after them, not here.
    if (!restBlank) return null;
    return def.placement === 'body' ? `\n    $0\n${closing}` : `$0${closing}`;
  }

  const around = innermostField(node.fields, rel);
  const to = around ? (around.close ? around.close.start : around.valueEnd) : lineEnd;
  if (closedAfter(node.inlineTags(rel, Math.max(rel, to)), def.code)) return null;
  // A picture block's opening stands alone on its line; its fields follow it one a line.
  if (def.block === 'opens' && restBlank && holdsOnlyTag(text, tag.start, lineEnd) && startsLine(text, tag.start)) return `\n$0\n${closing}`;
  return `$0${closing}`;
}

function fieldOpenedBy(fields: readonly Field[], tag: Tag): Field | undefined {
  for (const f of fields) {
    if (f.open.start === tag.start) return f;
    if (f.open.start < tag.start && tag.start < Math.max(f.end, f.open.end)) {
      const inner = fieldOpenedBy(f.children, tag);
      if (inner) return inner;
    }
  }
  return undefined;
}

function innermostField(fields: readonly Field[], rel: number): Field | undefined {
  for (const f of fields) {
    if (f.open.end <= rel && rel <= f.end) return innermostField(f.children, rel) ?? f;
  }
  return undefined;
}

/** Whether, among the tags after the cursor, a closing tag of `code` comes before any other of its opening tags is closed. */
function closedAfter(tags: readonly Tag[], code: string): boolean {
  let depth = 0;
  for (const t of tags) {
    if (t.code !== code) continue;
    if (!t.closing) depth++;
    else if (depth === 0) return true;
    else depth--;
  }
  return false;
}

function blank(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (!isSpace(text.charCodeAt(p))) return false;
  return true;
}

function startsLine(text: string, p: number): boolean {
  for (let q = p - 1; q >= 0; q--) {
    const c = text.charCodeAt(q);
    if (c === 0x0a || c === 0x0d) return true;
    if (!isSpace(c) && c !== 0xfeff) return false;
  }
  return true;
}
