// The outline: one symbol per record named by its title, with date, page and item as detail;
// its fields below it, and 正文's sections below 正文. Breadcrumbs follow the same tree.
// A file of a hundred thousand records would make an outline no one reads and an answer of
// a hundred megabytes, so the outline is capped (`rmrb.outline.maxSymbols`), as other servers
// cap theirs: records first, then their fields while the cap allows, and a last item says so.
// The same outline can be written as it is made (`writeOutline`), for a host that sends it
// without making its objects (the server's stdio writer sends the JSON's bytes).

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, Position, RecordNode, Section } from '../types';
import { formatDate, isRealDay } from '../text/dates';
import { findField, valueText } from './fieldText';
import { strings } from '../messages/strings';
import { positionAt, rangeIn } from './positions';
import { upperBound } from '../text/search';

export const DEFAULT_MAX_SYMBOLS = 100_000;

function limitNotice(shown: number, total: number, locale: Locale): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return strings(locale).outlineLimited(n(shown), n(total));
}

/** How many symbols a field makes: itself, its sections and its nested fields. */
function countField(f: Field): number {
  let n = 1 + f.sections.length;
  for (const c of f.children) n += countField(c);
  return n;
}

// A record's symbol depends only on the record, its first line and the locale: typing inside
// one article leaves every other article's symbol as it was, so it is reused, not rebuilt.
const cache = new WeakMap<RecordNode, { line: number; locale: Locale; symbol: DocumentSymbol }>();

export function getDocumentSymbols(doc: CorpusDocument, locale: Locale, maxSymbols = DEFAULT_MAX_SYMBOLS): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const capped = planOutline(doc, maxSymbols, (i, whole) => symbols.push(whole ? recordSymbol(doc, i, locale) : articleOnly(doc, i, locale)));
  if (capped) {
    const end = positionAt(doc, doc.length);
    symbols.push({
      name: limitNotice(capped.shown, capped.total, locale),
      kind: SymbolKind.Event,
      range: { start: end, end },
      selectionRange: { start: end, end },
    });
  }
  return symbols;
}

/**
 * Which records the outline lists, in order: `list(i, whole)` for each, `whole` when its fields
 * come below it. Under the cap, every record with fields, whole; over it, every record that
 * fits, and the fields of the first ones while room is left; the answer is then what the
 * notice at the end says (how many items are shown of how many), else undefined.
 */
function planOutline(doc: CorpusDocument, maxSymbols: number, list: (i: number, whole: boolean) => void): { shown: number; total: number } | undefined {
  const max = Math.max(1, Math.floor(maxSymbols));
  let articles = 0;
  let total = 0;
  for (const record of doc.records) {
    if (record.fields.length === 0) continue;
    articles++;
    total++;
    for (const f of record.fields) total += countField(f);
  }
  if (total <= max) {
    for (let i = 0; i < doc.records.length; i++) if (doc.records[i].fields.length > 0) list(i, true);
    return undefined;
  }
  let room = max - Math.min(articles, max);
  let shown = 0;
  let listed = 0;
  for (let i = 0; i < doc.records.length && listed < max; i++) {
    if (doc.records[i].fields.length === 0) continue;
    const own = doc.records[i].fields.reduce((n, f) => n + countField(f), 0);
    listed++;
    if (own <= room) {
      room -= own;
      shown += 1 + own;
      list(i, true);
    } else {
      room = 0; // records stay in order: later fields would skip these
      shown += 1;
      list(i, false);
    }
  }
  return { shown, total };
}

function recordSymbol(doc: CorpusDocument, i: number, locale: Locale): DocumentSymbol {
  const record = doc.records[i];
  const cached = cache.get(record);
  if (cached && cached.line === doc.recordLines[i] && cached.locale === locale) return cached.symbol;
  const symbol = articleOnly(doc, i, locale);
  const at = positionsIn(doc, i);
  symbol.children = record.fields.map((f) => fieldSymbol(doc, i, f, at));
  cache.set(record, { line: doc.recordLines[i], locale, symbol });
  return symbol;
}

/** The article's name, detail and offsets (range, then selection), as its symbol shows them. */
function articleParts(doc: CorpusDocument, i: number, locale: Locale): { name: string; detail: string; offsets: [number, number, number, number] } {
  const record = doc.records[i];
  const first = record.fields[0];
  const title = findField(record.fields, 'BT');
  const name = (title && valueText(doc, i, title, 80)) || strings(locale).untitled;
  const end = record.fields.reduce((m, f) => Math.max(m, extent(f)), record.contentEnd);
  const detail = recordDetail(doc, i, locale);
  const offsets: [number, number, number, number] = title ? [first.open.start, end, title.open.start, title.end] : [first.open.start, end, first.open.start, first.open.end];
  return { name, detail, offsets };
}

/** The article's own symbol, without its fields. */
function articleOnly(doc: CorpusDocument, i: number, locale: Locale): DocumentSymbol {
  const { name, detail, offsets } = articleParts(doc, i, locale);
  const range = rangeIn(doc, i, offsets[0], offsets[1]);
  const selectionRange = rangeIn(doc, i, offsets[2], offsets[3]);
  return detail ? { name, detail, kind: SymbolKind.Module, range, selectionRange } : { name, kind: SymbolKind.Module, range, selectionRange };
}

// ——— the same outline, written as it is made ———

/**
 * Where `writeOutline` puts the outline: each symbol is opened, its children (if any) are
 * opened and closed before it closes. Positions come as numbers (`at`: the range's start line
 * and character, its end's, then the selection range's), so that a writer that keeps no objects
 * (lsp/encodedJson.ts writes the JSON's bytes) makes none.
 */
export interface OutlineWriter {
  /** A symbol, a child of the one open if there is one; `detail` '' for none. */
  open(name: string, detail: string, kind: SymbolKind, at: readonly number[]): void;
  close(): void;
  /**
   * Record `record` (first line `line`) is next: true if the writer wrote its symbol again from
   * what it kept when it last wrote it, for that record, line and locale.
   */
  reuse(record: RecordNode, line: number, locale: Locale): boolean;
  /** The record's symbol was just written, whole: the writer may keep it for `reuse`. */
  written(record: RecordNode, line: number, locale: Locale): void;
}

/** The outline getDocumentSymbols gives, written to `out` instead of made into objects. */
export function writeOutline(doc: CorpusDocument, locale: Locale, maxSymbols: number, out: OutlineWriter): void {
  const capped = planOutline(doc, maxSymbols, (i, whole) => {
    const record = doc.records[i];
    const line = doc.recordLines[i];
    if (whole && out.reuse(record, line, locale)) return;
    openArticle(doc, i, locale, out);
    if (whole) for (const f of record.fields) writeField(doc, i, f, out);
    out.close();
    if (whole) out.written(record, line, locale);
  });
  if (capped) {
    const end = positionAt(doc, doc.length);
    for (let k = 0; k < 8; k += 2) {
      at[k] = end.line;
      at[k + 1] = end.character;
    }
    out.open(limitNotice(capped.shown, capped.total, locale), '', SymbolKind.Event, at);
    out.close();
  }
}

/** The positions handed to the writer, filled afresh for each symbol. */
const at: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

/** The position of `rel` in record `i`, as positionIn gives it, into at[k] and at[k + 1]. */
function setPosition(doc: CorpusDocument, i: number, k: number, rel: number): void {
  const lines = doc.records[i].lineStarts;
  const n = Math.max(0, upperBound(lines, rel) - 1);
  at[k] = doc.recordLines[i] + n;
  at[k + 1] = rel - lines[n];
}

function openArticle(doc: CorpusDocument, i: number, locale: Locale, out: OutlineWriter): void {
  const { name, detail, offsets } = articleParts(doc, i, locale);
  for (let k = 0; k < 4; k++) setPosition(doc, i, 2 * k, offsets[k]);
  out.open(name, detail, SymbolKind.Module, at);
}

/** A field's symbol as fieldSymbol makes it: its sections, then its nested fields, below it. */
function writeField(doc: CorpusDocument, i: number, field: Field, out: OutlineWriter): void {
  setPosition(doc, i, 0, field.open.start);
  setPosition(doc, i, 2, extent(field));
  at[4] = at[0];
  at[5] = at[1];
  setPosition(doc, i, 6, field.open.end);
  out.open(fieldName(field), fieldDetail(doc, i, field), SymbolKind.Field, at);
  for (const s of field.sections) {
    setPosition(doc, i, 0, s.start);
    setPosition(doc, i, 2, s.end);
    setPosition(doc, i, 4, s.headingStart);
    setPosition(doc, i, 6, s.headingEnd);
    out.open(sectionName(doc, i, s), '', SymbolKind.String, at);
    out.close();
  }
  for (const child of field.children) writeField(doc, i, child, out);
  out.close();
}

/** How much of a section's first words its name shows. */
const SECTION_WORDS = 16;

/**
 * A section as the outline names it: its numeral and its first words, `一 双方决定，遵循2002…`,
 * so that the outline tells the sections apart. Markup reads as a space.
 */
export function sectionName(doc: CorpusDocument, i: number, s: Section): string {
  const text = doc.recordTexts[i];
  const words = text
    .slice(s.headingEnd, Math.min(s.end, s.headingEnd + SECTION_WORDS * 4))
    .replace(/〖[^〖〗\n]*〗?/g, ' ')
    .replace(/^[\s、．.，,:：]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!words) return s.label;
  if (words.length <= SECTION_WORDS) return `${s.label} ${words}`;
  // Never half of a character outside the BMP.
  const cut = /[\uD800-\uDBFF]/.test(words[SECTION_WORDS - 2]) ? SECTION_WORDS - 2 : SECTION_WORDS - 1;
  return `${s.label} ${words.slice(0, cut)}…`;
}

/** How much of RQ, BH or TH the detail shows, as valueText cuts it. */
const ID_DETAIL = 20;
/** What valueText shows unchanged: no tag, no space. */
const PLAIN = /^[^〖\s]*$/;

/** `2013-09-08 · 2版 · 3条`: the parts that are present. */
export function recordDetail(doc: CorpusDocument, i: number, locale: Locale): string {
  return idDetail(recordId(doc, i, 'RQ'), recordId(doc, i, 'BH'), recordId(doc, i, 'TH'), locale);
}

/** A record's RQ, BH or TH as its detail shows it; '' when it has none. */
export function recordId(doc: CorpusDocument, i: number, code: 'RQ' | 'BH' | 'TH'): string {
  const record = doc.records[i];
  // The identity holds RQ (eight digits), BH and TH trimmed, as the parser read them; a plain,
  // short value is what valueText would show. Anything else is read from the fields as before.
  const id = record.identity;
  if (id && shownAsIs(id.bh) && shownAsIs(id.th)) return code === 'RQ' ? id.rq : code === 'BH' ? id.bh : id.th;
  const f = findField(record.fields, code);
  return f ? valueText(doc, i, f, ID_DETAIL) : '';
}

/** The detail of an article of this RQ, BH and TH (as recordId gives them), without its document. */
export function idDetail(rq: string, bh: string, th: string, locale: Locale): string {
  // An impossible date (19930230) is shown as written: as 1993-02-30 it would look like a day.
  return detailOf(/^\d{8}$/.test(rq) && isRealDay(rq) ? formatDate(rq) : rq, bh, th, locale);
}

const shownAsIs = (value: string) => value.length <= ID_DETAIL && PLAIN.test(value);

function detailOf(date: string, page: string, item: string, locale: Locale): string {
  const say = strings(locale).recordDetail;
  const parts: string[] = [];
  if (date) parts.push(date);
  if (page) parts.push(say.page(unpadded(page)));
  if (item) parts.push(say.item(unpadded(item)));
  return parts.join(say.separator);
}

/**
 * A page or item number without the zeros that pad it (002 → 2): the outline's detail follows a
 * title in a narrow side bar, where each character counts; the BH and TH fields below show the
 * value as written. A value that is not a plain number is shown as it is.
 */
const unpadded = (n: string) => (/^0+[1-9]\d*$/.test(n) ? n.replace(/^0+/, '') : n);

/** Where a field's symbol ends: its own end, or a nested field's if that reaches further. */
function extent(field: Field): number {
  return field.children.reduce((m, c) => Math.max(m, extent(c)), Math.max(field.end, field.open.end));
}

/** How much of a value the detail shows: a header value whole (a title runs to 40), a body its first words. */
const VALUE_DETAIL = 40;
const BODY_DETAIL = 16;

/**
 * Positions of offsets in record `i`, as positionIn gives them, with the record's line table
 * looked up once: a record's symbols ask for a dozen positions each.
 */
function positionsIn(doc: CorpusDocument, i: number): (rel: number) => Position {
  const starts = doc.records[i].lineStarts;
  const first = doc.recordLines[i];
  return (rel) => {
    const k = Math.max(0, upperBound(starts, rel) - 1);
    return { line: first + k, character: rel - starts[k] };
  };
}

/** A field's name in the outline, made once per tag: `BT 标题`. */
const names = new WeakMap<object, string>();
function fieldName(field: Field): string {
  if (!field.def) return `${field.code} ${field.open.name}`.trim() || '〖';
  let name = names.get(field.def);
  if (name === undefined) names.set(field.def, (name = `${field.code} ${field.def.name}`));
  return name;
}

/** A field's detail: a header value whole (to 40), a body its first words. */
function fieldDetail(doc: CorpusDocument, i: number, field: Field): string {
  return valueText(doc, i, field, field.def?.placement === 'body' ? BODY_DETAIL : VALUE_DETAIL);
}

function fieldSymbol(doc: CorpusDocument, i: number, field: Field, at: (rel: number) => Position): DocumentSymbol {
  const name = fieldName(field);
  const detail = fieldDetail(doc, i, field);
  const range = { start: at(field.open.start), end: at(extent(field)) };
  const selectionRange = { start: at(field.open.start), end: at(field.open.end) };
  // The answer stays lean: no empty detail, no empty list of children (most fields have none).
  const symbol: DocumentSymbol = detail ? { name, detail, kind: SymbolKind.Field, range, selectionRange } : { name, kind: SymbolKind.Field, range, selectionRange };
  if (field.sections.length === 0 && field.children.length === 0) return symbol;
  const children: DocumentSymbol[] = field.sections.map((s) => ({
    name: sectionName(doc, i, s),
    kind: SymbolKind.String,
    range: { start: at(s.start), end: at(s.end) },
    selectionRange: { start: at(s.headingStart), end: at(s.headingEnd) },
  }));
  for (const child of field.children) children.push(fieldSymbol(doc, i, child, at));
  symbol.children = children;
  return symbol;
}
