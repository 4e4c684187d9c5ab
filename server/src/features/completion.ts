// Completion after `〖` (a tag: fields outside a field, inline tags inside one) and after
// `〖-` (the closing tag of what is open at the cursor).

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { TagDef } from '../tags/tagTable';
import type { Position } from '../types';
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

  return doc.context.table.all().flatMap((def): CompletionItem[] => {
    if (closing && !def.paired) return [];
    const inline = def.placement === 'inline';
    const openHere = closing && at?.field?.code === def.code;
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

function snippet(def: TagDef): string {
  const open = `${def.code}/${def.name}〗`;
  const close = `〖-${def.code}/${def.name}〗`;
  if (!def.paired) return open;
  if (def.placement === 'body') return `${open}\n    $0\n${close}`;
  return `${open}$0${close}`;
}
