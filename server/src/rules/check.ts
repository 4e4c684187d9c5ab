// Runs the rules over a parse. A record's checks are memoised per record and check context:
// an edit re-checks the records it re-parsed, a settings change (or a new day) re-checks
// every record and re-parses none. A record's problems are then the parser's and the rules',
// in one list sorted by position.

import type { DiagnosticCode } from '../diagnostics/catalogue';
import { ProblemBuilder, type ProblemList } from '../parser/problems';
import { readShape } from '../parser/scanner';
import type { TagDef, ValueKind } from '../tags/tagTable';
import { isSpace, skipBlanks, trimBlanksEnd } from '../text/chars';
import { mayHaveSuspectCharacters } from '../text/suspectText';
import type { Field, Problem, RecordNode } from '../types';
import { RULES } from './registry';
import type { CheckContext, DocumentView, FieldRef, FieldValue, Finding, FindingSink, Rule, RuleFix } from './rule';

export type { CheckContext, DocumentView } from './rule';

const ALL_RULES: readonly Rule[] = RULES;
const RECORD_RULES = ALL_RULES.filter((r) => r.checkRecord);
const DOCUMENT_RULES = ALL_RULES.filter((r) => r.checkDocument);
const VALUE_KINDS: readonly ValueKind[] = ['integer', 'digits', 'date', 'classification', 'text'];
/** The value rules of each kind of value, so a field asks only the rules it concerns. */
const VALUE_RULES = new Map<ValueKind, Rule[]>(VALUE_KINDS.map((kind) => [kind, ALL_RULES.filter((r) => r.checkValue && (!r.values || r.values.includes(kind)))]));
const RULE_OF_CODE = new Map<string, Rule>(ALL_RULES.flatMap((r) => Object.keys(r.diagnostics).map((code) => [code, r] as const)));

interface Checked {
  ctx: CheckContext;
  first: boolean;
  list: ProblemList;
}

// One of each, reused from record to record: a check never keeps them.
const builder = new ProblemBuilder();
const sink = {
  found: 0,
  push(f: Finding) {
    this.found++;
    builder.add(f.code as DiagnosticCode, f.start, f.end, f.args);
  },
};
const value: FieldValue = { def: undefined as unknown as TagDef, text: '', fieldStart: 0, fieldEnd: 0, start: 0, end: 0, blank: false };
const refs: FieldRef[] = [];

/**
 * The problems of a record: the parser's and the rules', sorted by position. `text` is the
 * record's text; `first` says it is the document's first record.
 */
export function problemsOf(record: RecordNode, text: string, first: boolean, ctx: CheckContext): ProblemList {
  const hit = record.checked as Checked | undefined;
  if (hit && hit.ctx === ctx && hit.first === first) return hit.list;
  const list = check(record, text, first, ctx);
  record.checked = { ctx, first, list };
  return list;
}

function check(record: RecordNode, text: string, first: boolean, ctx: CheckContext): ProblemList {
  builder.reset();
  sink.found = 0;
  let top = 0;
  record.visitFields((code, def, openStart, valueStart, valueEnd, end, children, nested) => {
    if (!nested) {
      const ref = (refs[top++] ??= { code: '', def: undefined, valueStart: 0, valueEnd: 0 });
      ref.code = code;
      ref.def = def;
      ref.valueStart = valueStart;
      ref.valueEnd = valueEnd;
    }
    // A value holding nested fields is not checked as a whole: a header field opened inside it
    // was reported once already (nested-header-field), and a body holding a picture block's
    // fields holds the block's tags, so it is not empty.
    if (def && children === 0) checkFieldValue(def, text, valueStart, valueEnd, openStart, end, ctx, sink);
  });
  if (RECORD_RULES.length) {
    const fields = refs.slice(0, top);
    let values: { ranges: number[]; defs: TagDef[] } | undefined;
    const view = {
      text,
      fields,
      headStart: record.headStart,
      headEnd: record.headEnd,
      first,
      suspect: record.suspect && fields.length > 0 && mayHaveSuspectCharacters(text, fields[0].valueStart),
      values: () => (values ??= valuesOf(record.fields, text.length)),
    };
    for (const rule of RECORD_RULES) rule.checkRecord!(view, ctx, sink);
  }
  if (sink.found === 0) {
    builder.reset();
    return record.problemList;
  }
  record.problemList.copyTo(builder);
  return builder.finish();
}

/**
 * Runs the value rules on the value [valueStart, valueEnd) of a field of `def` spanning
 * [fieldStart, fieldEnd), offsets in `text`.
 */
export function checkFieldValue(def: TagDef, text: string, valueStart: number, valueEnd: number, fieldStart: number, fieldEnd: number, ctx: CheckContext, out: FindingSink): void {
  const rules = VALUE_RULES.get(def.value);
  if (!rules || rules.length === 0) return;
  let s = valueStart;
  let e = valueEnd;
  s = skipBlanks(text, s, e);
  e = trimBlanksEnd(text, s, e);
  value.def = def;
  value.text = text;
  value.fieldStart = fieldStart;
  value.fieldEnd = fieldEnd;
  value.start = s;
  value.end = e;
  value.blank = isBlank(text, s, e, ctx);
  for (const rule of rules) rule.checkValue!(value, ctx, out);
  value.text = '';
}

/**
 * No value at all: nothing but blanks and standalone tags (〖HH/换行〗, or a user's own). A
 * value that starts with a digit, a letter or an ideograph, as nearly every one does, is
 * known not to be blank from its first character.
 */
function isBlank(text: string, s: number, e: number, ctx: CheckContext): boolean {
  let p = s;
  while (p < e) {
    const c = text.charCodeAt(p);
    if (isSpace(c)) {
      p++;
      continue;
    }
    if (c !== 0x3016) return false;
    const shape = readShape(text, p, e, ctx.table);
    const def = shape.def;
    if (!def || def.placement !== 'inline' || def.paired || shape.closing || !shape.terminated || shape.codeUnread || shape.name !== def.name) return false;
    p += shape.length;
  }
  return true;
}

/**
 * Cuts the record into the values of its fields and, between nested fields, the value of
 * the field they are nested in: where suspect characters are looked for. Values of fields
 * the table does not know are left out: nothing in them is reported.
 */
function valuesOf(fields: readonly Field[], length: number): { ranges: number[]; defs: TagDef[] } {
  const ranges: number[] = [];
  const defs: TagDef[] = [];
  const emit = (s: number, e: number, def: TagDef | undefined) => {
    if (def && s < e) {
      ranges.push(s, e);
      defs.push(def);
    }
  };
  const cut = (list: readonly Field[], lo: number, hi: number, fill: TagDef | undefined | null) => {
    let at = lo;
    for (const f of list) {
      const s = Math.max(f.valueStart, at);
      const e = Math.min(f.valueEnd, hi);
      if (s >= e) continue;
      if (fill !== null) emit(at, s, fill);
      if (f.children.length) cut(f.children, s, e, f.def);
      else emit(s, e, f.def);
      at = e;
    }
    if (fill !== null) emit(at, hi, fill);
  };
  cut(fields, 0, length, null);
  return { ranges, defs };
}

/** Problems the checks across records find, per record index. */
export function checkAcrossRecords(view: DocumentView, ctx: CheckContext): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  for (const rule of DOCUMENT_RULES) {
    for (const [i, found] of rule.checkDocument!(view, ctx)) {
      const list = out.get(i);
      const problems = found as Problem[];
      if (list) list.push(...problems);
      else out.set(i, [...problems]);
    }
  }
  return out;
}

/** The quick fix a rule offers for one of its problems, if any. */
export function ruleFix(p: Problem, text: string, ctx: CheckContext): RuleFix | undefined {
  return RULE_OF_CODE.get(p.code)?.fix?.(p, text, ctx);
}

/** The codes of the rules that offer a fix. */
export function ruleFixCodes(): string[] {
  return ALL_RULES.filter((r) => r.fix).flatMap((r) => Object.keys(r.diagnostics));
}
