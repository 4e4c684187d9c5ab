// Completion after `〖` (a tag: fields outside a field, inline tags inside one) and after
// `〖-` (the closing tag of what is open at the cursor).

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { TagDef } from '../tags/tagTable';
import type { Position } from '../types';
import { isLineBreak } from '../parser/lines';
import { readTag } from '../parser/scanner';
import { locate } from './locate';
import { offsetAt, rangeIn, recordAt } from './positions';

export function getCompletions(doc: CorpusDocument, position: Position, locale: Locale): CompletionItem[] {
  const absolute = offsetAt(doc, position);
  const record = recordAt(doc, absolute);
  const base = doc.recordStarts[record];
  const text = doc.recordTexts[record];
  const offset = absolute - base;
  // What was typed since the `〖`: an optional `-` and up to two code letters.
  let p = offset;
  while (p > 0 && offset - p < 2 && /[A-Za-z]/.test(text[p - 1])) p--;
  const closing = text[p - 1] === '-' && text[p - 2] === '〖';
  if (!closing && text[p - 1] !== '〖') return [];
  // An auto-inserted `〗` right after the cursor is replaced, not doubled.
  const end = text[offset] === '〗' ? offset + 1 : offset;
  const range = rangeIn(doc, record, p, end);
  const at = locate(doc, base + (closing ? p - 2 : p - 1));
  const inside = at?.field !== undefined && at.field.close?.start !== p - 1 && (at.field.close === undefined || at.rel <= at.field.close.start);
  const zh = locale === 'zh';

  // What the closing tag should close: the innermost inline tag left open on this line before
  // the cursor, or else the field the cursor is in.
  const innermost = closing ? (openInlineBefore(text, p - 2, doc) ?? at?.field?.code) : undefined;

  return doc.context.table.all().flatMap((def): CompletionItem[] => {
    if (closing && !def.paired) return [];
    const inline = def.placement === 'inline';
    const openHere = closing && innermost === def.code;
    const rank = closing ? (openHere ? 0 : 2) : inline === inside ? 0 : 1;
    const label = `〖${closing ? '-' : ''}${def.code}/${def.name}〗`;
    return [
      {
        label,
        kind: inline ? CompletionItemKind.Keyword : CompletionItemKind.Field,
        detail: zh ? def.zh : def.en,
        filterText: `${def.code}/${def.name}`,
        sortText: `${rank}${def.code}`,
        preselect: openHere || undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: closing ? `${def.code}/${def.name}〗` : snippet(def) },
      },
    ];
  });
}

/** The code of the innermost paired inline tag opened and not closed on the line before `end`. */
function openInlineBefore(text: string, end: number, doc: CorpusDocument): string | undefined {
  let lineStart = end;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const stack: string[] = [];
  for (let p = text.indexOf('〖', lineStart); p !== -1 && p < end; p = text.indexOf('〖', p + 1)) {
    const tag = readTag(text, p, end, doc.context.table);
    if (!tag.def || tag.def.placement !== 'inline' || !tag.def.paired) continue;
    if (!tag.closing) stack.push(tag.code);
    else {
      const i = stack.lastIndexOf(tag.code);
      if (i >= 0) stack.splice(i, 1);
    }
  }
  return stack[stack.length - 1];
}

function snippet(def: TagDef): string {
  const open = `${def.code}/${def.name}〗`;
  const close = `〖-${def.code}/${def.name}〗`;
  if (!def.paired) return open;
  if (def.placement === 'body') return `${open}\n    $0\n${close}`;
  return `${open}$0${close}`;
}
