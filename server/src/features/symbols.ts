// The outline: one symbol per record named by its title, with date, page and item as detail;
// its fields below it, and 正文's sections below 正文. Breadcrumbs follow the same tree.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, RecordNode } from '../types';
import { formatDate } from '../validation/values';
import { findField, valueText } from './fieldText';
import { rangeIn } from './positions';

const UNTITLED: Record<Locale, string> = { en: '(untitled)', zh: '（无标题）' };

// A record's symbol depends only on the record, its first line and the locale: typing inside
// one article leaves every other article's symbol as it was, so it is reused, not rebuilt.
const cache = new WeakMap<RecordNode, { line: number; locale: Locale; symbol: DocumentSymbol }>();

export function getDocumentSymbols(doc: CorpusDocument, locale: Locale): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (let i = 0; i < doc.records.length; i++) {
    const record = doc.records[i];
    if (record.fields.length === 0) continue;
    const cached = cache.get(record);
    if (cached && cached.line === doc.recordLines[i] && cached.locale === locale) {
      symbols.push(cached.symbol);
      continue;
    }
    const first = record.fields[0];
    const title = findField(record.fields, 'BT');
    const name = (title && valueText(doc, i, title, 80)) || UNTITLED[locale];
    const end = record.fields.reduce((m, f) => Math.max(m, extent(f)), record.contentEnd);
    const range = rangeIn(doc, i, first.open.start, end);
    const selection = title ? rangeIn(doc, i, title.open.start, title.end) : rangeIn(doc, i, first.open.start, first.open.end);
    const symbol: DocumentSymbol = {
      name,
      detail: recordDetail(doc, i),
      kind: SymbolKind.Module,
      range,
      selectionRange: selection,
      children: record.fields.map((f) => fieldSymbol(doc, i, f)),
    };
    cache.set(record, { line: doc.recordLines[i], locale, symbol });
    symbols.push(symbol);
  }
  return symbols;
}

/** `2013-09-08 · 第002版 · 第3条`: the parts that are present. */
export function recordDetail(doc: CorpusDocument, i: number): string {
  const fields = doc.records[i].fields;
  const get = (code: string) => {
    const f = findField(fields, code);
    return f ? valueText(doc, i, f, 20) : '';
  };
  const rq = get('RQ');
  const bh = get('BH');
  const th = get('TH');
  const parts: string[] = [];
  if (rq) parts.push(/^\d{8}$/.test(rq) ? formatDate(rq) : rq);
  if (bh) parts.push(`第${bh}版`);
  if (th) parts.push(`第${th}条`);
  return parts.join(' · ');
}

/** Where a field's symbol ends: its own end, or a nested field's if that reaches further. */
function extent(field: Field): number {
  return field.children.reduce((m, c) => Math.max(m, extent(c)), Math.max(field.end, field.open.end));
}

function fieldSymbol(doc: CorpusDocument, i: number, field: Field): DocumentSymbol {
  const children: DocumentSymbol[] = field.sections.map((s) => ({
    name: s.label,
    kind: SymbolKind.String,
    range: rangeIn(doc, i, s.start, s.end),
    selectionRange: rangeIn(doc, i, s.headingStart, s.headingEnd),
  }));
  for (const child of field.children) children.push(fieldSymbol(doc, i, child));
  const name = field.def ? `${field.code} ${field.def.name}` : `${field.code} ${field.open.name}`.trim();
  return {
    name: name || '〖',
    detail: valueText(doc, i, field, 40),
    kind: SymbolKind.Field,
    range: rangeIn(doc, i, field.open.start, extent(field)),
    selectionRange: rangeIn(doc, i, field.open.start, field.open.end),
    children,
  };
}
