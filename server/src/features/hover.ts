// Hover: what a tag means, and what a date or classification code stands for.

import type { Hover } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Position } from '../types';
import { strings, tagDescription } from '../messages/strings';
import { problemsOf, type CheckContext } from '../rules/check';
import { locate } from './locate';
import { offsetAt, rangeIn } from './positions';


export function getHover(doc: CorpusDocument, position: Position, locale: Locale, ctx: CheckContext): Hover | null {
  const offset = offsetAt(doc, position);
  const at = locate(doc, offset);
  if (!at) return null;
  const say = strings(locale);
  if (at.tag?.def) {
    const def = at.tag.def;
    const kind = {
      header: say.placement.header,
      body: say.placement.body,
      inline:
        def.block === 'opens' ? say.placement.block : def.block === 'field' ? say.placement.blockField : def.paired ? say.placement.pairedInline : say.placement.standaloneInline,
    }[def.placement];
    return {
      contents: { kind: 'markdown', value: `**〖${def.code}/${def.name}〗** — ${tagDescription(locale, def.code)}\n\n${kind}` },
      range: rangeIn(doc, at.record, at.tag.start, at.tag.end),
    };
  }
  const field = at.field;
  if (!field?.def || at.rel < field.valueStart || at.rel > field.valueEnd) return null;
  const value = doc.recordTexts[at.record].slice(field.valueStart, Math.min(field.valueEnd, field.valueStart + 64)).trim();
  if (field.def.value === 'date' && /^\d{8}$/.test(value) && isValidDate(doc, at.record, field.valueStart, field.valueEnd, ctx)) {
    const day = new Date(Date.UTC(+value.slice(0, 4), +value.slice(4, 6) - 1, +value.slice(6, 8))).getUTCDay();
    const text = say.date(+value.slice(0, 4), +value.slice(4, 6), +value.slice(6, 8), say.weekdays[day]);
    return { contents: { kind: 'markdown', value: text }, range: rangeIn(doc, at.record, field.valueStart, field.valueEnd) };
  }
  const className = field.def.value === 'classification' ? say.classificationClasses[value[0]] : undefined;
  if (className) {
    return {
      contents: { kind: 'markdown', value: `${value[0]} — ${className}` },
      range: rangeIn(doc, at.record, field.valueStart, field.valueEnd),
    };
  }
  return null;
}

/** The dates rule found nothing wrong with the date in [start, end) of record `i`. */
function isValidDate(doc: CorpusDocument, i: number, start: number, end: number, ctx: CheckContext): boolean {
  const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
  for (let k = 0; k < list.length; k++) {
    if (list.start(k) > end) break;
    if (list.code(k) === 'invalid-date' && list.start(k) >= start && list.end(k) <= end) return false;
  }
  return true;
}
