// Quick fixes, keyed on the diagnostic code, and a "fix all" that applies the safe ones to
// the whole file as one edit (so one undo takes it back). Every fix is checked before it is
// offered (fixCheck.ts): it keeps the article's words and leaves fewer problems.

import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import { strings, type Strings } from '../messages/strings';
import type { Settings } from '../settings';
import { formatTag, type TagTable } from '../tags/tagTable';
import type { Field, Problem, Range, RecordNode } from '../types';
import { problemsOf, ruleFix, ruleFixCodes, type CheckContext } from '../rules/check';
import type { RuleFix } from '../rules/rule';
import { toDiagnostic } from './diagnostics';
import { acrossRecordsNoWorse, checkRecordEdits, identityChanged, type RecordEdit } from './fixCheck';
import { offsetAt, rangeIn, recordAt } from './positions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rmrb`;

/**
 * A fix: one replacement, and perhaps more after it in the same record (a wrong name in both
 * tags of a field is renamed in both), applied together as one edit.
 */
type Fix = RuleFix & { more?: readonly RecordEdit[] };

/**
 * May a fix put the right name in place of the written one? Only when the written name is
 * plainly a name (a known one, or a short word) and not a name run into the article's text
 * (`〖BT/标题中华〗`, where the `〗` after 标题 may have been lost): its words are not ours to drop.
 */
function isReplaceableName(written: string, table: TagTable): boolean {
  if (written.length === 0 || table.codeOfName(written)) return true;
  if (written.length > 4) return false;
  return !table.namesLongestFirst().some((n) => written.length > n.length && written.startsWith(n));
}

function fixFor(doc: CorpusDocument, i: number, p: Problem, ctx: CheckContext): Fix | undefined {
  const text = doc.recordTexts[i];
  const slice = text.slice(p.start, p.end);
  const table = doc.context.table;
  switch (p.code) {
    case 'malformed-tag': {
      const tag = p.tag;
      if (!tag) return undefined;
      const name = tag.def?.name ?? tag.name;
      if (!/^[A-Z]{2}$/.test(tag.code) || !name) return undefined;
      if (tag.terminated && !isReplaceableName(tag.name, table)) return undefined;
      const fixed = formatTag(tag.code, name, tag.closing);
      return { title: (say) => say.fix.rewriteAs(fixed), start: p.start, end: p.end, newText: fixed, safe: true };
    }
    case 'wrong-field-name': {
      const right = table.get(p.args.field)?.name;
      if (!right || !isReplaceableName(slice, table)) return undefined;
      const fix: Fix = { title: (say) => say.fix.useName(right), start: p.start, end: p.end, newText: right, safe: true };
      // The same wrong name in the closing tag: renamed too, in the same edit.
      const closeName = p.args.closeName ? Number(p.args.closeName) : -1;
      if (closeName >= p.end && text.startsWith(slice, closeName)) return { ...fix, more: [{ start: closeName, end: closeName + slice.length, newText: right }] };
      return fix;
    }
    case 'mismatched-closing-tag': {
      const expected = expectedClosingTag(doc, i, p.start);
      if (!expected) return undefined;
      return { title: (say) => say.fix.replaceWith(expected), start: p.start, end: p.end, newText: expected, safe: false };
    }
    case 'unmatched-closing-tag':
      return { title: (say) => say.fix.remove(p.args.tag), start: p.start, end: p.end, newText: '', safe: false };
    case 'unclosed-field': {
      const field = findOpenField(doc, i, p.start);
      if (!field?.def) return undefined;
      const close = formatTag(field.def.code, field.def.name, true);
      const title = (say: Strings) => say.fix.closeWith(close);
      if (field.def.placement === 'body') {
        return { title, start: field.valueEnd, end: field.valueEnd, newText: `\n${close}`, safe: false };
      }
      return { title, start: field.valueEnd, end: field.valueEnd, newText: close, safe: false };
    }
    default:
      // The rules' own fixes.
      return ruleFix(p, text, ctx);
  }
}

/**
 * The closing tag that belongs where a mismatched one stands: that of the field it closes,
 * or, for inline markup, its own code's with its right name.
 */
function expectedClosingTag(doc: CorpusDocument, i: number, at: number): string | undefined {
  const record = doc.records[i];
  const stack = [...record.fields];
  while (stack.length) {
    const f = stack.pop()!;
    if (f.close?.start === at) return formatTag(f.code, f.def?.name ?? f.open.name, true);
    stack.push(...f.children);
  }
  const tag = record.inlineTags(at, at + 1)[0];
  return tag?.def ? formatTag(tag.def.code, tag.def.name, true) : undefined;
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

export interface CodeActionOptions {
  /**
   * Offer "fix all" without its edit when no kind was asked for (a light bulb asks on every
   * cursor move): the client resolves it (`codeAction/resolve`) only if the user picks it.
   */
  lazyFixAll?: boolean;
  /**
   * The client's command that adds a tag to `rmrb.tags.extra` (VS Code's client registers
   * one); when given, an unknown tag offers "Add 〖XX/名称〗 to the tag table".
   */
  addTagCommand?: string;
  /**
   * The client resolves code actions' edits (`codeAction/resolve`): a quick fix in a huge
   * record is then offered at once and checked only when the user picks it.
   */
  resolveEdits?: boolean;
}

/** What a quick fix offered without its edit carries, to be resolved: the problem it fixes. */
export interface QuickFixData {
  uri: string;
  quickFix: { start: number; end: number; code: string };
}

/** Records longer than this (a normal article is a few thousand) check their quick fixes on resolve. */
const CHECK_ON_RESOLVE_CHARS = 64 * 1024;

/** What the add-tag command is given: the tag as written, and where it stands. */
export interface AddTagArguments {
  uri: string;
  code: string;
  name: string;
  placement: 'header' | 'inline';
}

/** What a lazily offered "fix all" carries, to be resolved. */
export interface FixAllData {
  uri: string;
  fixAll: true;
}

/** Characters parsed again to check the quick fixes of one request. */
const QUICK_FIX_BUDGET = 2_000_000;

/** A fix's replacements, in order. */
const editsOf = (fix: Fix): RecordEdit[] => [{ start: fix.start, end: fix.end, newText: fix.newText, value: fix.value }, ...(fix.more ?? [])];

/** A fix's replacements as the client's edits. */
const textEdits = (doc: CorpusDocument, i: number, fix: Fix): TextEdit[] => editsOf(fix).map((e) => ({ range: rangeIn(doc, i, e.start, e.end), newText: e.newText }));

/** The quick fix for one problem, if there is one and it passes the check. */
function checkedFix(doc: CorpusDocument, i: number, p: Problem, settings: Settings, ctx: CheckContext): Fix | undefined {
  const fix = fixFor(doc, i, p, ctx);
  if (!fix) return undefined;
  const checked = checkRecordEdits(doc, i, editsOf(fix), settings, ctx);
  if (!checked) return undefined;
  if (identityChanged(doc, i, checked.records) && !acrossRecordsNoWorse(doc, new Map([[i, checked.records]]), settings, ctx)) return undefined;
  return fix;
}

export function getCodeActions(
  doc: CorpusDocument,
  uri: string,
  range: Range,
  settings: Settings,
  ctx: CheckContext,
  locale: Locale,
  only?: readonly string[],
  options: CodeActionOptions = {},
  fixAll: () => TextEdit[] = () => fixAllEdits(doc, settings, ctx),
): CodeAction[] {
  const actions: CodeAction[] = [];
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k === CodeActionKind.QuickFix);
  const wantsFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k));
  if (wantsQuickFix) {
    const from = offsetAt(doc, range.start);
    const to = offsetAt(doc, range.end);
    // Each fix is checked by parsing its record again: a range over many problems of a huge
    // record gets the fixes the budget allows, so the light bulb answers at once.
    let budget = QUICK_FIX_BUDGET;
    for (let i = 0; i < doc.records.length; i++) {
      const base = doc.recordStarts[i];
      if (base > to) break;
      const recEnd = base + doc.records[i].length;
      if (recEnd < from) continue;
      const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
      for (let k = 0; k < list.length; k++) {
        if (base + list.end(k) < from || base + list.start(k) > to) continue;
        if (budget <= 0) break;
        const p = list.get(k);
        if (p.code === 'unknown-tag' && options.addTagCommand) {
          const adopt = adoptTag(doc, i, p, uri, options.addTagCommand, settings, locale);
          if (adopt) actions.push(adopt);
          continue;
        }
        const diagnostic = toDiagnostic(doc, i, p, settings, locale);
        const unchecked = diagnostic && fixFor(doc, i, p, ctx);
        if (!unchecked) continue;
        if (options.resolveEdits && doc.records[i].length > CHECK_ON_RESOLVE_CHARS) {
          // Parsing a huge record again takes long: the check waits until the fix is picked.
          const data: QuickFixData = { uri, quickFix: { start: base + p.start, end: base + p.end, code: p.code } };
          actions.push({ title: unchecked.title(strings(locale)), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: unchecked.safe, data });
          continue;
        }
        budget -= doc.records[i].length;
        const fix = checkedFix(doc, i, p, settings, ctx);
        if (!fix) continue;
        actions.push({
          title: fix.title(strings(locale)),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: { changes: { [uri]: textEdits(doc, i, fix) } },
        });
      }
    }
  }
  if (wantsFixAll) {
    if (!only && options.lazyFixAll) {
      // Offered when some safe fix may apply; the check runs when it is resolved.
      if (hasSafeFix(doc, settings, ctx)) {
        const data: FixAllData = { uri, fixAll: true };
        actions.push({ title: fixAllTitle(locale), kind: FIX_ALL_KIND, data });
      }
    } else {
      const edits = fixAll();
      if (edits.length) actions.push({ title: fixAllTitle(locale, edits.length), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
    }
  }
  return actions;
}

/**
 * "Add 〖DW/单位〗 to the tag table" for an unknown tag of another database: a field when it
 * stood as one (closed on its line outside any field), else an inline tag. The command edits
 * the settings, not the file, so it carries no edit to check.
 */
function adoptTag(doc: CorpusDocument, i: number, p: Problem, uri: string, command: string, settings: Settings, locale: Locale): CodeAction | undefined {
  const tag = p.tag;
  const diagnostic = toDiagnostic(doc, i, p, settings, locale);
  // Only a tag plainly written (two letters, a separator, a short name, its 〗) names a tag to adopt.
  if (!tag || !diagnostic || !/^[A-Za-z]{2}$/.test(tag.rawCode) || !tag.separator || !tag.terminated || !/^[^〖〗/]{1,8}$/.test(tag.name)) return undefined;
  const code = tag.code;
  const name = tag.name;
  const isField = doc.records[i].fields.some((f) => !f.def && f.code === code);
  const args: AddTagArguments = { uri, code, name, placement: isField ? 'header' : 'inline' };
  const title = strings(locale).fix.addTag(formatTag(code, name));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command, arguments: [args] } };
}

/**
 * The edit of a quick fix offered without one, once checked; undefined when the problem is
 * gone (the document changed) or the fix does not pass the check.
 */
export function resolveQuickFix(doc: CorpusDocument, uri: string, data: QuickFixData, settings: Settings, ctx: CheckContext): WorkspaceEdit | undefined {
  const { start, end, code } = data.quickFix;
  const i = recordAt(doc, start);
  const base = doc.recordStarts[i];
  const record = doc.records[i];
  if (!record) return undefined;
  const list = problemsOf(record, doc.recordTexts[i], i === 0, ctx);
  for (let k = 0; k < list.length; k++) {
    if (base + list.start(k) !== start || base + list.end(k) !== end) continue;
    const p = list.get(k);
    if (p.code !== code) continue;
    const fix = checkedFix(doc, i, p, settings, ctx);
    return fix ? { changes: { [uri]: textEdits(doc, i, fix) } } : undefined;
  }
  return undefined;
}

export function fixAllTitle(locale: Locale, count?: number): string {
  return strings(locale).fix.all(count);
}

/** The edit of "fix all", for `codeAction/resolve`. */
export function fixAllEdit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

function hasSafeFix(doc: CorpusDocument, settings: Settings, ctx: CheckContext): boolean {
  for (let i = 0; i < doc.records.length; i++) {
    const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
    for (let k = 0; k < list.length; k++) {
      const code = list.code(k);
      if (SAFE_CODES.has(code) && settings.severity[code] !== 'off' && fixFor(doc, i, list.get(k), ctx)?.safe) return true;
    }
  }
  return false;
}

/** The codes whose fixes may be safe: two of structure, and those of the rules that have a fix. */
const SAFE_CODES = new Set<string>(['malformed-tag', 'wrong-field-name', ...ruleFixCodes()]);

/** Above this many characters times fixes, a record whose fixes fail together is left as it is. */
const ONE_BY_ONE_BUDGET = 4_000_000;

/** The replacements of fixes that do not overlap, in the order they stand (as applying them needs). */
function inOrder(fixes: ReadonlyArray<readonly RecordEdit[]>): RecordEdit[] {
  const edits = fixes.flat();
  for (let k = 1; k < edits.length; k++) {
    if (edits[k].start < edits[k - 1].end || (edits[k].start === edits[k - 1].start && edits[k].end < edits[k - 1].end)) {
      return edits.sort((a, b) => a.start - b.start || a.end - b.end);
    }
  }
  return edits;
}

/**
 * Every safe fix in the document, without overlaps, as one list of edits. Each record's fixes
 * are checked together; when that fails, one at a time, keeping those that pass.
 */
export function fixAllEdits(doc: CorpusDocument, settings: Settings, ctx: CheckContext): TextEdit[] {
  const perRecord = new Map<number, RecordEdit[][]>();
  const replaced = new Map<number, RecordNode[]>();
  for (let i = 0; i < doc.records.length; i++) {
    // Each candidate fix as its replacements (a fix may make more than one).
    const candidates: RecordEdit[][] = [];
    let lastEnd = -1;
    // The replacements fixes make further on (a closing tag's name), with the candidate of each.
    const ahead: Array<{ edit: RecordEdit; owner: RecordEdit[] }> = [];
    const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
    for (let k = 0; k < list.length; k++) {
      const code = list.code(k);
      if (!SAFE_CODES.has(code) || settings.severity[code] === 'off') continue;
      const fix = fixFor(doc, i, list.get(k), ctx);
      if (!fix?.safe) continue;
      const inLine = fix.start >= lastEnd;
      // A fix whose first replacement is taken (a malformed tag rewritten whole, its name with
      // it) still makes its others (the closing tag's name).
      const edits = inLine ? editsOf(fix) : [...(fix.more ?? [])];
      if (edits.length === 0) continue;
      // A replacement made further on gives way to a fix of that same place (the closing tag
      // rewritten whole, its name with it), if its own fix keeps another.
      const hits = ahead.filter((a) => edits.some((e) => e.start < a.edit.end && a.edit.start < e.end));
      if (hits.some((a) => a.owner.length < 2)) continue;
      for (const a of hits) {
        a.owner.splice(a.owner.indexOf(a.edit), 1);
        ahead.splice(ahead.indexOf(a), 1);
      }
      candidates.push(edits);
      if (inLine) lastEnd = fix.end;
      for (const e of inLine ? edits.slice(1) : edits) ahead.push({ edit: e, owner: edits });
    }
    if (candidates.length === 0) continue;
    let accepted = candidates;
    let checked = checkRecordEdits(doc, i, inOrder(candidates), settings, ctx);
    if (!checked) {
      accepted = [];
      if (candidates.length > 1 && doc.records[i].length * candidates.length <= ONE_BY_ONE_BUDGET) {
        for (const fix of candidates) {
          const next = checkRecordEdits(doc, i, inOrder([...accepted, fix]), settings, ctx);
          if (next) {
            accepted.push(fix);
            checked = next;
          }
        }
      }
    }
    if (!checked || accepted.length === 0) continue;
    perRecord.set(i, accepted);
    if (identityChanged(doc, i, checked.records)) replaced.set(i, checked.records);
  }
  // Fixes that change what identifies an article (a date rewritten) must not make a
  // duplicate or a disagreeing issue number: such records keep their text.
  if (replaced.size && !acrossRecordsNoWorse(doc, replaced, settings, ctx)) {
    for (const i of replaced.keys()) perRecord.delete(i);
  }
  const edits: TextEdit[] = [];
  for (const [i, fixes] of [...perRecord].sort((a, b) => a[0] - b[0])) {
    for (const e of inOrder(fixes)) edits.push({ range: rangeIn(doc, i, e.start, e.end), newText: e.newText });
  }
  return edits;
}
