// Quick fixes, keyed on the diagnostic code, and a "fix all" that applies the safe ones to
// the whole file as one edit (so one undo takes it back).

import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import { readTag } from '../parser/scanner';
import type { Settings } from '../settings';
import { formatTag } from '../tags/tagTable';
import type { Field, Problem, Range, RecordNode } from '../types';
import { normalizeDate } from '../validation/values';
import { toDiagnostic } from './diagnostics';
import { offsetAt, rangeIn } from './positions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rmrb`;

interface Fix {
  title: { en: string; zh: string };
  start: number;
  end: number;
  newText: string;
  /** Safe to apply without looking: used by "fix all". */
  safe: boolean;
}

function fixFor(doc: CorpusDocument, i: number, p: Problem): Fix | undefined {
  const text = doc.recordTexts[i];
  const slice = text.slice(p.start, p.end);
  switch (p.code) {
    case 'malformed-tag': {
      // The problem's range is the tag: reading within it gives the same tag, in time bounded by its length.
      const tag = readTag(text, p.start, p.end, doc.context.table);
      const name = tag.def?.name ?? tag.name;
      if (!/^[A-Z]{2}$/.test(tag.code) || !name) return undefined;
      const fixed = formatTag(tag.code, name, tag.closing);
      return { title: { en: `Rewrite as ${fixed}`, zh: `改为 ${fixed}` }, start: p.start, end: p.end, newText: fixed, safe: true };
    }
    case 'wrong-field-name':
      return { title: { en: `Use the name ${p.args.name}`, zh: `改用名称“${p.args.name}”` }, start: p.start, end: p.end, newText: p.args.name, safe: true };
    case 'invalid-date': {
      const date = normalizeDate(slice);
      if (!date) return undefined;
      return { title: { en: `Rewrite the date as ${date}`, zh: `将日期改为 ${date}` }, start: p.start, end: p.end, newText: date, safe: true };
    }
    case 'suspicious-character':
      if (slice.includes('\uFFFD')) return undefined; // what it replaced is lost; a person must decide
      return { title: { en: `Remove ${p.args.character}`, zh: `删除 ${p.args.character}` }, start: p.start, end: p.end, newText: '', safe: true };
    case 'mismatched-closing-tag':
      return { title: { en: `Replace with ${p.args.expected}`, zh: `替换为 ${p.args.expected}` }, start: p.start, end: p.end, newText: p.args.expected, safe: false };
    case 'unmatched-closing-tag':
      return { title: { en: `Remove ${p.args.tag}`, zh: `删除 ${p.args.tag}` }, start: p.start, end: p.end, newText: '', safe: false };
    case 'unclosed-field': {
      const field = findOpenField(doc, i, p.start);
      if (!field?.def) return undefined;
      const close = formatTag(field.def.code, field.def.name, true);
      const title = { en: `Close with ${close}`, zh: `用 ${close} 闭合` };
      if (field.def.placement === 'body') {
        return { title, start: field.valueEnd, end: field.valueEnd, newText: `\n${close}`, safe: false };
      }
      return { title, start: field.valueEnd, end: field.valueEnd, newText: close, safe: false };
    }
    default:
      return undefined;
  }
}

// Unclosed fields of a record by the offset of their opening tag, built once per record so a
// file full of them is not searched again for each one.
const unclosedIndex = new WeakMap<RecordNode, Map<number, Field>>();

function findOpenField(doc: CorpusDocument, i: number, start: number): Field | undefined {
  const record = doc.records[i];
  let index = unclosedIndex.get(record);
  if (!index) {
    index = new Map();
    const stack = [...record.fields];
    while (stack.length) {
      const f = stack.pop()!;
      if (!f.close) index.set(f.open.start, f);
      stack.push(...f.children);
    }
    unclosedIndex.set(record, index);
  }
  return index.get(start);
}

export function getCodeActions(
  doc: CorpusDocument,
  uri: string,
  range: Range,
  settings: Settings,
  locale: Locale,
  only?: readonly string[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k === CodeActionKind.QuickFix);
  const wantsFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k));
  if (wantsQuickFix) {
    const from = offsetAt(doc, range.start);
    const to = offsetAt(doc, range.end);
    for (let i = 0; i < doc.records.length; i++) {
      const base = doc.recordStarts[i];
      if (base > to) break;
      const recEnd = base + doc.records[i].length;
      if (recEnd < from) continue;
      for (const p of doc.records[i].problems) {
        if (base + p.end < from || base + p.start > to) continue;
        const fix = fixFor(doc, i, p);
        const diagnostic = toDiagnostic(doc, i, p, settings, locale);
        if (!fix || !diagnostic) continue;
        actions.push({
          title: fix.title[locale],
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: { changes: { [uri]: [{ range: rangeIn(doc, i, fix.start, fix.end), newText: fix.newText }] } },
        });
      }
    }
  }
  if (wantsFixAll) {
    const edits = fixAllEdits(doc, settings);
    if (edits.length) {
      actions.push({
        title: locale === 'zh' ? `修复全部可自动修复的问题（${edits.length} 处）` : `Fix all auto-fixable problems (${edits.length})`,
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: edits } },
      });
    }
  }
  return actions;
}

/** Every safe fix in the document, without overlaps, as one list of edits. */
export function fixAllEdits(doc: CorpusDocument, settings: Settings): TextEdit[] {
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (let i = 0; i < doc.records.length; i++) {
    const base = doc.recordStarts[i];
    for (const p of doc.records[i].problems) {
      if (settings.severity[p.code] === 'off') continue;
      const fix = fixFor(doc, i, p);
      if (!fix?.safe || base + fix.start < lastEnd) continue;
      edits.push({ range: rangeIn(doc, i, fix.start, fix.end), newText: fix.newText });
      lastEnd = base + fix.end;
    }
  }
  return edits;
}

