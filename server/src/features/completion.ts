// Completion that knows the record. After `〖` in a header: the fields the record lacks, in
// the order records write them, the next one preselected; in a value or 正文: inline markup.
// After `〖-`: the closing tag of what is open, nothing else. In a value: the dates a record's
// RQ likely has, and the page names, genres and columns the corpus already uses. After the
// file's last article: a whole new record, numbered after it.

import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import { lineEndAt, lineStartAt } from '../parser/lines';
import type { TagDef } from '../tags/tagTable';
import { formatDate, isDigits, isRealDay } from '../text/dates';
import type { Field, Position, RecordNode } from '../types';
import { spokenDate, strings, tagDescription } from '../messages/strings';
import { fieldValueCounts, REUSED_VALUE_CODES, type ValueCounts } from './fieldValues';
import { tagBeingTyped, type TypedTag } from './locate';
import { offsetAt, rangeIn, recordAt } from './positions';
import { escapeSnippet } from './snippets';

export interface CompletionOptions {
  /** Today as YYYYMMDD: the core has no clock, its host says what day it is. */
  today: string;
  /** The document's BM, TC and LM values counted (the service keeps them per version). */
  fileValues?: () => ValueCounts;
  /** The workspace's values of a field, each with the number of files using it, once indexed. */
  workspaceValues?: (code: string) => ReadonlyMap<string, number> | undefined;
  /**
   * The client's command that opens the suggestions again (VS Code's
   * `editor.action.triggerSuggest`): run after a field is inserted, so that its values follow.
   */
  suggestAgain?: string;
}

/** The order records write their fields in; a record's fields are offered in it. */
export const USUAL_ORDER: readonly string[] = ['ZQ', 'RQ', 'BH', 'TH', 'YT', 'BT', 'FT', 'ZZ', 'FL', 'LM', 'BM', 'GJ', 'TC', 'ZW'];

/** Fields whose value is the same for every article of a page: a new record carries them over. */
const SAME_FOR_THE_PAGE = new Set(['ZQ', 'RQ', 'BH', 'BM']);
/** Often the same as the article before, not always: carried over as a placeholder to type over. */
const LIKELY_THE_SAME = new Set(['LM']);
/** The header field a picture block holds besides its own fields (〖BH/版号〗 of the picture). */
const BLOCK_HEADER_FIELDS = new Set(['BH']);
/** Values offered at most: a workspace may use thousands of columns. */
const MAX_VALUES = 200;

const rankOf = (code: string) => {
  const k = USUAL_ORDER.indexOf(code);
  return k < 0 ? USUAL_ORDER.length : k;
};

export function getCompletions(doc: CorpusDocument, position: Position, locale: Locale, options: CompletionOptions): CompletionItem[] {
  if (doc.records.length === 0) return [];
  const offset = offsetAt(doc, position);
  const typed = tagBeingTyped(doc, offset);
  if (typed) return typed.closing ? closingTag(doc, typed, locale) : openingTags(doc, typed, locale, options);
  const record = recordAt(doc, offset);
  const rel = offset - doc.recordStarts[record];
  return valueCompletions(doc, record, rel, locale, options) ?? newRecordOnBlankLine(doc, record, rel, locale) ?? [];
}

/**
 * The innermost field open at `pos`: its opening tag ends before it and its closing tag, if
 * any, starts at or after it (a `〖-` being typed may be what the parse read as that tag).
 */
function openFieldAt(fields: readonly Field[], pos: number): Field | undefined {
  let found: Field | undefined;
  for (let list = fields; ; ) {
    const f = list.find((f) => f.open.end <= pos && (f.close ? pos <= f.close.start : pos <= Math.max(f.end, f.valueEnd)));
    if (!f) return found;
    found = f;
    list = f.children;
  }
}

/** The picture block (〖TM/中图〗 alone on its line) open in 正文 at `pos`, if any. */
function openBlock(record: RecordNode, body: Field, pos: number): TagDef | undefined {
  const open: TagDef[] = [];
  for (const tag of record.inlineTags(body.open.end, pos)) {
    if (tag.def?.block !== 'opens') continue;
    if (!tag.closing) open.push(tag.def);
    else if (open.length > 0 && open[open.length - 1].code === tag.code) open.pop();
  }
  return open[open.length - 1];
}

function closingTag(doc: CorpusDocument, typed: TypedTag, locale: Locale): CompletionItem[] {
  const record = doc.records[typed.record];
  const field = openFieldAt(record.fields, typed.start);
  const table = doc.context.table;
  // The innermost inline tag left open on the line, else a picture block, else the field.
  const inline = typed.openInline !== undefined ? table.get(typed.openInline) : undefined;
  const block = !inline && field?.def?.placement === 'body' ? openBlock(record, field, typed.start) : undefined;
  const def = inline ?? block ?? field?.def;
  const code = def?.code ?? field?.code;
  // An unknown field (an unknown tag closed on its line) is closed with the name it was opened with.
  const name = def?.name ?? field?.open.name;
  if (!code || !name) return [];
  const tag = `〖-${code}/${name}〗`;
  return [
    {
      label: tag,
      kind: def && def.placement === 'inline' && !def.block ? CompletionItemKind.Keyword : CompletionItemKind.Field,
      detail: tagDescription(locale, code),
      documentation: strings(locale).completion.closes(`〖${code}/${name}〗`),
      filterText: `${code}/${name}`,
      sortText: '0',
      preselect: true,
      textEdit: { range: rangeIn(doc, typed.record, typed.codeStart, typed.end), newText: `${code}/${name}〗` },
    },
  ];
}

function openingTags(doc: CorpusDocument, typed: TypedTag, locale: Locale, options: CompletionOptions): CompletionItem[] {
  const record = doc.records[typed.record];
  const table = doc.context.table;
  const range = rangeIn(doc, typed.record, typed.codeStart, typed.end);
  const field = openFieldAt(record.fields, typed.start);
  if (field) {
    // Inside a value: inline markup; in 正文 also a picture block, and in one its fields first.
    const inBody = field.def?.placement === 'body';
    const block = inBody ? openBlock(record, field, typed.start) : undefined;
    return table.all().flatMap((def): CompletionItem[] => {
      const blockField = def.block === 'field' || (def.placement === 'header' && BLOCK_HEADER_FIELDS.has(def.code));
      let rank: number;
      if (block && blockField) rank = 0;
      else if (def.placement !== 'inline' || def.block === 'field') return [];
      else if (def.block === 'opens') {
        if (!inBody || block) return [];
        rank = 1;
      } else rank = block ? 1 : 0;
      return [tagItem(def, range, locale, `${rank}${def.code}`)];
    });
  }

  // Outside any field: the record's header, or, after its 正文, the start of a new record.
  const own = record.fields.filter((f) => f.open.start !== typed.start);
  const body = own.find((f) => f.def?.placement === 'body');
  const afterBody = body !== undefined && body.close !== undefined && typed.start >= body.end;
  const fresh = own.length === 0 && typed.record > 0;
  const fields = table.all().filter((def) => def.placement !== 'inline');
  const say = strings(locale).completion;

  if (afterBody || fresh) {
    const template = afterBody ? typed.record : typed.record - 1;
    const last = typed.record === doc.records.length - 1;
    // Typed at a line's start, the snippet goes on from the `〖`; after text, it replaces the
    // `〖` and starts on a line of its own.
    const next = !last
      ? undefined
      : atLineStart(doc, typed)
        ? newRecord(doc, template, locale, { range, typed: '', write: (s) => s.slice(1) })
        : newRecord(doc, template, locale, { range: rangeIn(doc, typed.record, typed.start, typed.end), typed: '〖', write: (s, eol) => eol + s });
    // A new record starts as the one before did (its first field), else as the usual order does.
    const templateFirst = doc.records[template].fields[0]?.code;
    const sorted = fields.sort(byUsualOrder);
    const first = sorted.find((d) => d.code === templateFirst) ?? sorted[0];
    const items = sorted.map((def, k) =>
      fieldItem(def, range, locale, `1${String(k).padStart(3, '0')}`, !next && def === first, say.newRecordField(formatTag(def)), valuesFollow(doc, def, options) ? options.suggestAgain : undefined),
    );
    return next ? [next, ...items] : items;
  }

  const have = new Set(own.map((f) => f.code));
  const missing = fields.filter((def) => !have.has(def.code)).sort(byUsualOrder);
  // The next expected field: the first missing one after the last field before the cursor.
  let lastBefore = -1;
  for (const f of own) if (f.open.start < typed.start && rankOf(f.code) < USUAL_ORDER.length) lastBefore = Math.max(lastBefore, rankOf(f.code));
  const next = missing.find((def) => rankOf(def.code) > lastBefore) ?? missing[0];
  return missing.map((def, k) =>
    fieldItem(
      def,
      range,
      locale,
      `1${String(k).padStart(3, '0')}`,
      def === next,
      def === next ? `${say.missingField(formatTag(def))} ${say.nextField}` : say.missingField(formatTag(def)),
      valuesFollow(doc, def, options) ? options.suggestAgain : undefined,
    ),
  );
}

function byUsualOrder(a: TagDef, b: TagDef): number {
  return rankOf(a.code) - rankOf(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

const formatTag = (def: TagDef) => `〖${def.code}/${def.name}〗`;

function atLineStart(doc: CorpusDocument, typed: TypedTag): boolean {
  const c = doc.recordTexts[typed.record].charCodeAt(typed.start - 1);
  return typed.start === 0 || c === 0x0a || c === 0x0d;
}

/** Whether values are offered once the field is inserted: then the suggestions open again. */
function valuesFollow(doc: CorpusDocument, def: TagDef, options: CompletionOptions): boolean {
  if (!options.suggestAgain) return false;
  if (def.code === 'RQ') return true;
  if (!REUSED_VALUE_CODES.includes(def.code)) return false;
  const inFile = (options.fileValues?.() ?? fieldValueCounts(doc)).get(def.code);
  return (inFile !== undefined && inFile.size > 0) || (options.workspaceValues?.(def.code)?.size ?? 0) > 0;
}

function tagItem(def: TagDef, range: Range, locale: Locale, sortText: string): CompletionItem {
  return {
    label: formatTag(def),
    // A picture block and its fields are structure, as fields are; inline markup is not.
    kind: def.placement === 'inline' && !def.block ? CompletionItemKind.Keyword : CompletionItemKind.Field,
    detail: tagDescription(locale, def.code),
    filterText: `${def.code}/${def.name}`,
    sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: snippet(def) },
  };
}

function fieldItem(def: TagDef, range: Range, locale: Locale, sortText: string, preselect: boolean, documentation: string, suggestAgain: string | undefined): CompletionItem {
  return {
    ...tagItem(def, range, locale, sortText),
    documentation,
    preselect: preselect || undefined,
    command: suggestAgain ? { title: strings(locale).completion.suggestValues, command: suggestAgain } : undefined,
  };
}

function snippet(def: TagDef): string {
  const name = escapeSnippet(def.name);
  const open = `${def.code}/${name}〗`;
  const close = `〖-${def.code}/${name}〗`;
  if (!def.paired) return open;
  if (def.placement === 'body') return `${open}\n    $0\n${close}`;
  // A block's opening stands alone on its line, its fields one a line after it.
  if (def.block === 'opens') return `${open}\n$0\n${close}`;
  return `${open}$0${close}`;
}

// ---- Values ----

/** The value of a record's RQ, BM, TC or LM at the cursor: what it likely is. Undefined when the cursor is in no such value. */
function valueCompletions(doc: CorpusDocument, i: number, rel: number, locale: Locale, options: CompletionOptions): CompletionItem[] | undefined {
  const record = doc.records[i];
  const field = record.fields.find((f) => f.def?.placement === 'header' && f.valueStart <= rel && rel <= f.valueEnd);
  if (!field || (field.code !== 'RQ' && !REUSED_VALUE_CODES.includes(field.code))) return undefined;
  const text = doc.recordTexts[i];
  const written = text.slice(field.valueStart, field.valueEnd);
  // A value holding markup is not replaced whole.
  if (written.includes('〖')) return [];
  const range = rangeIn(doc, i, field.valueStart, field.valueEnd);
  const say = strings(locale).completion;
  const offers: Array<{ value: string; detail: string; documentation?: string }> = [];

  if (field.code === 'RQ') {
    let before: string | undefined;
    for (let j = i - 1; j >= 0 && before === undefined; j--) before = doc.records[j].identity?.rq;
    const day = (d: string) => (isDigits(d) && d.length === 8 && isRealDay(d) ? spokenDate(locale, d) : undefined);
    if (before !== undefined) offers.push({ value: before, detail: say.recordBefore(formatDate(before)), documentation: day(before) });
    if (before === options.today) offers[0].detail = `${offers[0].detail}${say.separator}${say.today(formatDate(options.today))}`;
    else offers.push({ value: options.today, detail: say.today(formatDate(options.today)), documentation: day(options.today) });
  } else {
    const inFile = new Map((options.fileValues?.() ?? fieldValueCounts(doc)).get(field.code));
    // The value being written is no use of it.
    const own = written.trim();
    const n = inFile.get(own);
    if (n !== undefined) n > 1 ? inFile.set(own, n - 1) : inFile.delete(own);
    const inWorkspace = options.workspaceValues?.(field.code);
    const mostUsed = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    for (const [value, count] of [...inFile].sort(mostUsed)) {
      offers.push({ value, detail: say.used(count, inWorkspace?.get(value)) });
    }
    if (inWorkspace) {
      const others = [...inWorkspace].filter(([value]) => !inFile.has(value)).sort(mostUsed);
      for (const [value, files] of others.slice(0, Math.max(0, MAX_VALUES - offers.length))) offers.push({ value, detail: say.used(undefined, files) });
    }
  }

  return offers.slice(0, MAX_VALUES).map((offer, k) => ({
    label: offer.value,
    kind: CompletionItemKind.Value,
    detail: offer.detail,
    documentation: offer.documentation,
    filterText: offer.value,
    sortText: String(k).padStart(4, '0'),
    preselect: k === 0 || undefined,
    textEdit: { range, newText: offer.value },
  }));
}

// ---- A new record ----

/** Ctrl+Space on a blank line after the file's last 正文: a whole new record. */
function newRecordOnBlankLine(doc: CorpusDocument, i: number, rel: number, locale: Locale): CompletionItem[] | undefined {
  if (i !== doc.records.length - 1) return undefined;
  const record = doc.records[i];
  const body = record.fields.find((f) => f.def?.placement === 'body');
  if (!body?.close || rel < body.end) return undefined;
  const text = doc.recordTexts[i];
  const lineStart = lineStartAt(text, rel);
  const lineEnd = lineEndAt(text, rel);
  if (lineStart < body.end || text.slice(lineStart, lineEnd).trim() !== '') return undefined;
  return [newRecord(doc, i, locale, { range: rangeIn(doc, i, lineStart, lineEnd), write: (s) => s })];
}

/** Where a new record goes. */
interface NewRecordEdit {
  range: Range;
  /** What lies between the range's start and the cursor, which the editor filters by; none on a blank line. */
  typed?: string;
  /** The text that replaces the range, from the record's snippet and the file's line break. */
  write(snippet: string, eol: string): string;
}

/**
 * The record after `template`, as a snippet: its header fields in the usual order, the values
 * that are the page's carried over, TH one more, the title first to type, the body last.
 */
function newRecord(doc: CorpusDocument, template: number, locale: Locale, edit: NewRecordEdit): CompletionItem {
  const record = doc.records[template];
  const text = doc.recordTexts[template];
  const table = doc.context.table;
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
  const valueOf = (f: Field) => text.slice(f.valueStart, f.valueEnd).trim();
  const fields = new Map<string, Field>();
  for (const f of record.fields) if (f.def?.placement === 'header' && !fields.has(f.code)) fields.set(f.code, f);
  const codes = [...fields.keys()];
  if (!fields.has('BT')) codes.push('BT');
  codes.sort((a, b) => rankOf(a) - rankOf(b));

  const th = fields.get('TH') && nextNumber(valueOf(fields.get('TH')!));
  const carried: TagDef[] = [];
  const lines: string[] = [];
  const preview: string[] = [];
  let stop = 1;
  for (const code of codes) {
    const def = table.get(code);
    const name = def?.name ?? fields.get(code)!.open.name;
    const written = escapeSnippet(name);
    const field = fields.get(code);
    let value = '';
    let shown = '';
    if (code === 'BT') value = '${1}';
    else if (code === 'TH' && th) value = shown = th;
    else if (field && SAME_FOR_THE_PAGE.has(code) && valueOf(field)) {
      value = escapeSnippet((shown = valueOf(field)));
      if (def) carried.push(def);
    } else if (field && LIKELY_THE_SAME.has(code) && valueOf(field)) value = `\${${++stop}:${escapeSnippet((shown = valueOf(field)))}}`;
    else value = `\${${++stop}}`;
    lines.push(`〖${code}/${written}〗${value}〖-${code}/${written}〗`);
    preview.push(`〖${code}/${name}〗${shown}〖-${code}/${name}〗`);
  }
  const bodyDef = table.all().find((d) => d.placement === 'body');
  if (bodyDef) {
    const [open, close] = [`〖${bodyDef.code}/${bodyDef.name}〗`, `〖-${bodyDef.code}/${bodyDef.name}〗`];
    const body = escapeSnippet(bodyDef.name);
    lines.push(`〖${bodyDef.code}/${body}〗`, '    $0', `〖-${bodyDef.code}/${body}〗`);
    preview.push(open, '    ', close);
  }
  const snippetText = lines.join(eol);
  const say = strings(locale).completion;
  return {
    label: say.newRecord(th || undefined),
    kind: CompletionItemKind.Snippet,
    detail: say.newRecordDetail(carried.map((d) => ({ code: d.code, name: d.name })), th || undefined),
    documentation: { kind: 'markdown', value: '```\n' + preview.join('\n') + '\n```' },
    filterText: edit.typed === undefined ? say.newRecord(th || undefined) : `${edit.typed}${codes[0]}/${table.get(codes[0])?.name ?? ''}`,
    sortText: '0',
    preselect: true,
    insertTextFormat: InsertTextFormat.Snippet,
    // The body's lines are indented as written, not as the line the snippet starts on.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: edit.range, newText: edit.write(snippetText, eol) },
  };
}

/** `3` → `4`, `09` → `10`, the width kept; empty when the value is no number. */
function nextNumber(value: string): string {
  if (!isDigits(value) || value.length > 15) return '';
  return String(Number(value) + 1).padStart(value.length, '0');
}
