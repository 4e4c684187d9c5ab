// Completion after `〖` (a tag: fields outside a field, inline tags inside one) and after
// `〖-` (the closing tag of what is open at the cursor).

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { TagDef } from '../tags/tagTable';
import type { Position } from '../types';
import { tagDescription } from '../messages/strings';
import { tagBeingTyped } from './locate';
import { offsetAt, rangeIn } from './positions';

export function getCompletions(doc: CorpusDocument, position: Position, locale: Locale): CompletionItem[] {
  const typed = tagBeingTyped(doc, offsetAt(doc, position));
  if (!typed) return [];
  const { closing, field } = typed;
  // The code typed so far is replaced, and an auto-inserted `〗` after the cursor with it.
  const range = rangeIn(doc, typed.record, typed.codeStart, typed.end);
  // Inside a field: before its closing tag (a `〖` the parse read as that tag is not inside).
  const inside = field !== undefined && (field.close === undefined || typed.start < field.close.start);

  // What the closing tag should close: the innermost inline tag left open on this line before
  // the cursor, or else the field the cursor is in.
  const innermost = closing ? (typed.openInline ?? field?.code) : undefined;

  return doc.context.table.all().flatMap((def): CompletionItem[] => {
    if (closing && !def.paired) return [];
    const inline = def.placement === 'inline';
    const openHere = closing && innermost === def.code;
    // A block's tags stand only in the body, on lines of their own: never the likeliest.
    const rank = closing ? (openHere ? 0 : 2) : def.block ? 1 : inline === inside ? 0 : 1;
    const label = `〖${closing ? '-' : ''}${def.code}/${def.name}〗`;
    return [
      {
        label,
        // A picture block and its fields are structure, as fields are; inline markup is not.
        kind: inline && !def.block ? CompletionItemKind.Keyword : CompletionItemKind.Field,
        detail: tagDescription(locale, def.code),
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
  // A block's opening stands alone on its line, its fields one a line after it.
  if (def.block === 'opens') return `${open}\n$0\n${close}`;
  return `${open}$0${close}`;
}
