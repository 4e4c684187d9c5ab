// Parses one record (article) into fields, sections and problems. Parsing never fails: every
// defect becomes a Problem and the parser recovers so that the rest of the record keeps its
// structure (the rules are in ARCHITECTURE.md, "Error recovery").
//
// A corpus can be a hundred thousand records of one line each, so what a record costs beyond
// its characters matters as much as what a character costs: one parser object is reused from
// record to record (its state is reset, not rebuilt), and what only some records need (maps
// of open inline tags, the closing tags of a line, a set of field codes) is made on first use.

import { formatTag, isField, type TagDef, type TagTable } from '../tags/tagTable';
import type { Field, Problem, RecordIdentity, RecordNode, Section, Tag } from '../types';
import { checkValue, checkValueCharacters, detach, isSpace, type ValueLimits } from '../validation/values';
import { afterBreak, LineBreaks } from './lines';
import { ProblemBuilder, type ProblemList } from './problems';
import { OPEN, readTag, withFault } from './scanner';

export interface ParseContext extends ValueLimits {
  table: TagTable;
  requiredFields: readonly string[];
}

export interface RecordPosition {
  /** The record is the document's first: a BOM at its start is not a suspicious character. */
  first: boolean;
  /** Another record follows: a body left open was ended by the next record's header tag. */
  followed: boolean;
}

type Args = Readonly<Record<string, string>>;

interface OpenField {
  field: Field;
  /** Codes of unknown tags opened inside, so their closing tags are not reported twice. */
  unknownOpen: Set<string> | undefined;
  headings: Array<{ label: string; start: number; end: number; lineStart: number }> | undefined;
}

interface OpenInline {
  tag: Tag;
  owner: OpenField;
  /** Closed out of order (the tags crossed): left on the stack until it surfaces. */
  closed: boolean;
}
const SECTION_NUMERAL = /^[一二三四五六七八九十百〇零]{1,5}$/;

class ParsedRecord implements RecordNode {
  constructor(
    readonly length: number,
    readonly lineStarts: number[],
    readonly lineBreaks: number,
    readonly fields: Field[],
    readonly problemList: ProblemList,
    readonly contentEnd: number,
    readonly identity: RecordIdentity | undefined,
  ) {}

  get problems(): Problem[] {
    return this.problemList.toArray();
  }
}

// The arguments of the problems about a known field depend on the field alone: one object
// per field and kind of message, however many fields of a file are left open.
interface FieldArgs {
  plain: Args;
  line: Args;
  next: Args;
  last: Args;
}
const fieldArgsCache = new WeakMap<TagDef, FieldArgs>();
function argsOfDef(def: TagDef): FieldArgs {
  let a = fieldArgsCache.get(def);
  if (!a) {
    const field = def.code;
    const name = def.name;
    a = { plain: { field, name }, line: { field, name, where: 'line' }, next: { field, name, next: 'next' }, last: { field, name, next: '' } };
    fieldArgsCache.set(def, a);
  }
  return a;
}
const NO_ARGS: Args = Object.freeze({});

/** Above this many fields a record looks its field codes up in a set, not by a scan. */
const FEW_FIELDS = 16;

class RecordParser {
  private text = '';
  private ctx!: ParseContext;
  private readonly problems = new ProblemBuilder();
  private fields: Field[] = [];
  private readonly fieldStack: OpenField[] = [];
  // Open inline tags, innermost last, and the same entries by code, so that a closing tag
  // finds its opening in constant time however deep the nesting (no depth limit: a limit
  // would make 33 properly nested pairs look broken).
  private readonly inlineStack: OpenInline[] = [];
  private inlineByCode: Map<string, OpenInline[]> | undefined;
  /** The codes of the record's fields, once there are too many to scan. */
  private seen: Set<string> | undefined;
  private firstTag: Tag | undefined;
  private strayStart = -1;
  private strayEnd = -1;
  /** The line whose closing tags `lastClose` lists (see closesLaterOnLine). */
  private closeLine = -1;
  private lastClose: Map<string, number> | undefined;

  parse(text: string, ctx: ParseContext, where: RecordPosition): RecordNode {
    this.text = text;
    this.ctx = ctx;
    const fieldStack = this.fieldStack;
    const lineStarts: number[] = [0];
    let contentEnd = 0;
    let next = -2; // cached position of the next `〖` (-1: none left)

    const breaks = new LineBreaks(text);
    let lineStart = 0;
    for (;;) {
      const lineEnd = breaks.breakAt(lineStart);

      // A section heading: a line of 正文 holding only a Chinese numeral.
      const top = fieldStack[fieldStack.length - 1];
      if (top && top.field.def?.placement === 'body' && lineStart >= top.field.valueStart) {
        let s = lineStart;
        let e = lineEnd;
        while (s < e && isSpace(text.charCodeAt(s))) s++;
        while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
        if (e > s && e - s <= 5 && SECTION_NUMERAL.test(text.slice(s, e))) {
          (top.headings ??= []).push({ label: text.slice(s, e), start: s, end: e, lineStart });
        }
      }

      let pos = lineStart;
      while (pos < lineEnd) {
        if (next !== -1 && next < pos) next = text.indexOf(OPEN, pos);
        const b = next !== -1 && next < lineEnd ? next : lineEnd;
        if (b > pos && fieldStack.length === 0) {
          let s = pos === 0 && where.first && text.charCodeAt(0) === 0xfeff ? 1 : pos;
          let e = b;
          while (s < e && isSpace(text.charCodeAt(s))) s++;
          while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
          if (e > s) this.stray(s, e);
        }
        if (b === lineEnd) break;
        const tag = readTag(text, b, lineEnd, ctx.table);
        this.onTag(tag, lineStart, lineEnd);
        pos = tag.end;
      }
      for (let p = lineEnd - 1; p >= lineStart; p--) {
        if (!isSpace(text.charCodeAt(p))) {
          contentEnd = p + 1;
          break;
        }
      }

      // Header fields hold one line: one still open ends here.
      while (fieldStack.length && isOneLine(fieldStack[fieldStack.length - 1].field)) {
        const f = fieldStack[fieldStack.length - 1].field;
        this.problems.add('unclosed-field', f.open.start, f.open.end, f.def ? argsOfDef(f.def).line : { ...this.fieldArgs(f), where: 'line' });
        this.endField(lineEnd, undefined);
      }
      if (lineEnd === text.length) break;
      lineStart = afterBreak(text, lineEnd);
      lineStarts.push(lineStart);
    }

    // The body runs to the record's end when never closed.
    while (fieldStack.length) {
      const f = fieldStack[fieldStack.length - 1].field;
      const args = f.def ? argsOfDef(f.def)[where.followed ? 'next' : 'last'] : { ...this.fieldArgs(f), next: where.followed ? 'next' : '' };
      this.problems.add('unclosed-field', f.open.start, f.open.end, args);
      this.endField(Math.max(contentEnd, f.valueStart), undefined);
    }
    this.flushStray();
    const fields = this.fields;
    checkCharactersOf(text, fields, this.problems, where.first ? 0 : -1);

    if (fields.length > 0 && this.firstTag) {
      for (const code of ctx.requiredFields) {
        if (!this.hasField(code)) {
          const def: TagDef | undefined = ctx.table.get(code);
          const firstTag = this.firstTag;
          this.problems.add('missing-field', firstTag.start, firstTag.end, def ? argsOfDef(def).plain : { field: code, name: '' });
        }
      }
    }

    return new ParsedRecord(text.length, lineStarts, lineStarts.length - 1, fields, this.problems.finish(), contentEnd, identify(text, fields));
  }

  /** Lets go of the record just parsed, so the parser pins nothing while it waits. */
  clear(): void {
    this.text = '';
    this.fields = [];
    this.fieldStack.length = 0;
    this.inlineStack.length = 0;
    this.inlineByCode = undefined;
    this.seen = undefined;
    this.firstTag = undefined;
    this.strayStart = this.strayEnd = -1;
    this.closeLine = -1;
    this.lastClose = undefined;
    this.problems.reset();
  }

  private hasField(code: string): boolean {
    if (this.seen) return this.seen.has(code);
    for (const f of this.fields) if (f.code === code) return true;
    return false;
  }

  private tagText(t: Tag): string {
    return detach(this.text.slice(t.start, t.end));
  }

  private fieldArgs(f: Field): Args {
    return f.def ? argsOfDef(f.def).plain : { field: f.code, name: f.open.name };
  }

  private flushStray(): void {
    if (this.strayStart >= 0) this.problems.add('stray-text', this.strayStart, this.strayEnd, NO_ARGS);
    this.strayStart = this.strayEnd = -1;
  }

  private stray(start: number, end: number): void {
    if (this.strayStart < 0) this.strayStart = start;
    this.strayEnd = end;
  }

  private openField(tag: Tag, parent: OpenField | undefined): void {
    const field: Field = {
      code: tag.code,
      def: tag.def,
      open: tag,
      close: undefined,
      valueStart: tag.end,
      valueEnd: tag.end,
      end: tag.end,
      children: [],
      sections: [],
    };
    if (parent) {
      parent.field.children.push(field);
    } else {
      this.flushStray();
      if (this.hasField(tag.code)) this.problems.add('duplicate-field', tag.start, tag.end, this.fieldArgs(field));
      const fields = this.fields;
      fields.push(field);
      if (this.seen) this.seen.add(tag.code);
      else if (fields.length > FEW_FIELDS) this.seen = new Set(fields.map((f) => f.code));
    }
    this.fieldStack.push({ field, unknownOpen: undefined, headings: undefined });
  }

  /** Ends the innermost open field at `valueEnd`, with its closing tag if it has one. */
  private endField(valueEnd: number, close: Tag | undefined): void {
    const open = this.fieldStack.pop()!;
    const f = open.field;
    f.close = close;
    f.valueEnd = Math.max(f.valueStart, valueEnd);
    f.end = close ? close.end : f.valueEnd;
    // Inline tags still open inside a field that closes properly were never closed.
    const inlineStack = this.inlineStack;
    while (inlineStack.length && inlineStack[inlineStack.length - 1].owner === open) {
      const entry = inlineStack.pop()!;
      if (entry.closed) continue;
      this.inlineByCode!.get(entry.tag.code)!.pop();
      const { tag } = entry;
      if (close) this.problems.add('unclosed-field', tag.start, tag.end, tag.def ? argsOfDef(tag.def).plain : { field: tag.code, name: tag.name });
    }
    if (open.headings) f.sections = this.toSections(open.headings, f.valueEnd);
    // A value holding a nested field was reported once already (nested-header-field).
    if (f.def && f.children.length === 0) checkValue(f.def, this.text, f.valueStart, f.valueEnd, this.ctx, this.problems, f.open.start, f.end);
  }

  private toSections(headings: NonNullable<OpenField['headings']>, valueEnd: number): Section[] {
    const text = this.text;
    return headings.map((h, i) => {
      let end = i + 1 < headings.length ? headings[i + 1].lineStart : valueEnd;
      while (end > h.start && isSpace(text.charCodeAt(end - 1))) end--;
      return { label: h.label, headingStart: h.start, headingEnd: h.end, start: h.start, end: Math.max(end, h.end) };
    });
  }

  /**
   * Does a closing tag for `code` follow on this line? Tells a nested field from an unclosed
   * one. The line's closing tags are listed once, so a line of many tags stays linear.
   */
  private closesLaterOnLine(code: string, from: number, lineStart: number, lineEnd: number): boolean {
    const text = this.text;
    const lastClose = (this.lastClose ??= new Map());
    if (this.closeLine !== lineStart) {
      this.closeLine = lineStart;
      lastClose.clear();
      for (let p = text.indexOf(OPEN, lineStart); p !== -1 && p < lineEnd; p = text.indexOf(OPEN, p + 1)) {
        if (text.charCodeAt(p + 1) === 0x2d) lastClose.set(text.slice(p + 2, p + 4).toUpperCase(), p);
      }
    }
    return (lastClose.get(code) ?? -1) >= from;
  }

  /** A wrong name on a closing tag is the opening's wrong name again, or a mismatch. */
  private checkClosingName(tag: Tag, def: TagDef | undefined, open: Tag): void {
    const right = def?.name ?? open.name;
    if (!tag.name || tag.name === right || tag.faults.includes('name-missing')) return;
    // Another field's name, or the opening's own wrong name again: the name is wrong.
    if (def && (tag.name === open.name || this.ctx.table.codeOfName(tag.name))) this.wrongName(tag, def);
    else this.problems.add('mismatched-closing-tag', tag.start, tag.end, { tag: this.tagText(tag), expected: formatTag(tag.code, right, true) });
  }

  private wrongName(tag: Tag, def: TagDef): void {
    const other = this.ctx.table.codeOfName(tag.name);
    this.problems.add('wrong-field-name', tag.nameStart, tag.nameEnd, {
      field: def.code,
      name: def.name,
      written: detach(tag.name),
      other: other && other !== def.code ? other : '',
    });
  }

  private onTag(read: Tag, lineStart: number, lineEnd: number): void {
    this.firstTag ??= read;
    const def = read.def;
    const fieldStack = this.fieldStack;
    const top = fieldStack[fieldStack.length - 1];
    // 〖RQ/日期〗20130908〖RQ/日期〗: an opening tag of the open field, where its closing tag
    // belongs, is that closing tag with its `-` lost.
    const tag =
      !read.closing && def && top && top.field.code === def.code && isField(def) && !(isOneLine(top.field) && this.closesLaterOnLine(def.code, read.end, lineStart, lineEnd))
        ? { ...read, closing: true, faults: withFault(read.faults, 'dash-missing') }
        : read;
    if (tag.faults.length) this.problems.addTag('malformed-tag', tag);

    // A tag whose code cannot be read (and whose name names no field) was reported as
    // malformed; it takes no part in the structure.
    if (!def && (tag.faults.includes('code-odd') || tag.faults.includes('code-missing'))) {
      if (!top) this.flushStray();
      return;
    }
    if (tag.closing) {
      this.onClosingTag(tag, def, top, lineStart, lineEnd);
      return;
    }

    if (!def) {
      this.problems.addTag('unknown-tag', tag);
      if (!top && this.closesLaterOnLine(tag.code, tag.end, lineStart, lineEnd)) {
        // An unknown field of some other database (〖DW/单位〗…〖-DW/单位〗): keep its value out of stray text.
        this.openField(tag, undefined);
      } else if (top) {
        (top.unknownOpen ??= new Set()).add(tag.code);
      } else {
        this.flushStray();
      }
      return;
    }

    if (tag.name && tag.name !== def.name && !tag.faults.includes('name-missing')) this.wrongName(tag, def);

    if (!isField(def)) {
      if (!top) this.stray(tag.start, tag.end);
      else if (def.paired) {
        const entry: OpenInline = { tag, owner: top, closed: false };
        this.inlineStack.push(entry);
        const byCode = (this.inlineByCode ??= new Map());
        let list = byCode.get(def.code);
        if (!list) byCode.set(def.code, (list = []));
        list.push(entry);
      }
      return;
    }
    if (!top) {
      this.openField(tag, undefined);
    } else if (isOneLine(top.field) && !this.closesLaterOnLine(top.field.code, tag.end, lineStart, lineEnd)) {
      // The field before it was simply left open: it ends here, and this one starts.
      const f = top.field;
      this.problems.add('unclosed-field', f.open.start, f.open.end, f.def ? argsOfDef(f.def).line : { ...this.fieldArgs(f), where: 'line' });
      this.endField(tag.start, undefined);
      this.openField(tag, fieldStack[fieldStack.length - 1]);
    } else {
      this.problems.add('nested-header-field', tag.start, tag.end, {
        field: def.code,
        name: def.name,
        outer: formatTag(top.field.code, nameOf(top.field)),
      });
      // Fields nest one level at most: deeper ones are reported and left out of the tree.
      if (fieldStack.length === 1) this.openField(tag, top);
    }
  }

  private onClosingTag(tag: Tag, def: TagDef | undefined, top: OpenField | undefined, lineStart: number, lineEnd: number): void {
    const inlineStack = this.inlineStack;
    if (def && !isField(def)) {
      // The innermost open tag of this code; one owned by an outer field is out of reach.
      const list = this.inlineByCode?.get(def.code);
      const entry = list?.[list.length - 1];
      if (!def.paired || !entry || entry.owner !== top) {
        this.problems.addTag('unmatched-closing-tag', tag);
        return;
      }
      this.checkClosingName(tag, def, entry.tag);
      list!.pop();
      while (inlineStack.length && inlineStack[inlineStack.length - 1].closed) inlineStack.pop();
      if (inlineStack[inlineStack.length - 1] === entry) {
        inlineStack.pop();
      } else {
        const inner = inlineStack[inlineStack.length - 1].tag;
        this.problems.add('crossing-tags', tag.start, tag.end, { tag: this.tagText(tag), inner: this.tagText(inner) });
        entry.closed = true;
      }
      return;
    }

    const fieldStack = this.fieldStack;
    let i = fieldStack.length - 1;
    while (i >= 0 && fieldStack[i].field.code !== tag.code) i--;
    if (i >= 0) {
      while (fieldStack.length - 1 > i) {
        const inner = fieldStack[fieldStack.length - 1].field;
        this.problems.add('unclosed-field', inner.open.start, inner.open.end, this.fieldArgs(inner));
        this.endField(tag.start, undefined);
      }
      this.checkClosingName(tag, def, fieldStack[i].field.open);
      this.endField(tag.start, tag);
      return;
    }
    if (!def && top?.unknownOpen?.has(tag.code)) return;
    // Its code is not open. It closes the open field when it carries that field's name
    // (〖BT/标题〗…〖-TB/标题〗), or when the open field is a one-line field whose own closing
    // tag does not follow on the line.
    if (top && (tag.name === nameOf(top.field) || (isOneLine(top.field) && !this.closesLaterOnLine(top.field.code, tag.end, lineStart, lineEnd)))) {
      this.problems.add('mismatched-closing-tag', tag.start, tag.end, { tag: this.tagText(tag), expected: formatTag(top.field.code, nameOf(top.field), true) });
      this.endField(tag.start, tag);
      return;
    }
    if (!top) this.flushStray();
    this.problems.addTag(def ? 'unmatched-closing-tag' : 'unknown-tag', tag);
  }
}

// Records are parsed one after another, never inside one another; the spare parser is taken
// while in use, so a parse started from within a parse would simply make its own.
let spare: RecordParser | undefined;

export function parseRecord(text: string, ctx: ParseContext, where: RecordPosition): RecordNode {
  const parser = spare ?? new RecordParser();
  spare = undefined;
  try {
    return parser.parse(text, ctx, where);
  } finally {
    parser.clear();
    spare = parser;
  }
}

/** The name a closing tag should carry: the table's, or the opening tag's for unknown codes. */
const nameOf = (f: Field) => f.def?.name ?? f.open.name;

/**
 * Suspicious characters and mojibake are reported inside field values only, so only the
 * values are scanned: text outside every field (a file of binary junk) costs nothing here.
 * Each value is given with the field it belongs to, the innermost one where fields nest.
 */
function checkCharactersOf(text: string, fields: readonly Field[], out: ProblemBuilder, skipAt: number): void {
  if (fields.length === 0) return;
  const ranges: number[] = [];
  const defs: TagDef[] = [];
  valueRanges(fields, 0, text.length, null, ranges, defs);
  if (defs.length) checkValueCharacters(text, ranges, defs, out, skipAt);
}

/**
 * Cuts [lo, hi) into the values of `fields` (sorted, not overlapping) and, between them, the
 * value of the field they are nested in (`fill`; null at the top, where nothing is a value).
 * Values of fields the table does not know are left out: nothing in them is reported.
 */
function valueRanges(fields: readonly Field[], lo: number, hi: number, fill: TagDef | undefined | null, ranges: number[], defs: TagDef[]): void {
  const emit = (s: number, e: number, def: TagDef | undefined) => {
    if (def && s < e) {
      ranges.push(s, e);
      defs.push(def);
    }
  };
  let at = lo;
  for (const f of fields) {
    const s = Math.max(f.valueStart, at);
    const e = Math.min(f.valueEnd, hi);
    if (s >= e) continue;
    if (fill !== null) emit(at, s, fill);
    if (f.children.length) valueRanges(f.children, s, e, f.def, ranges, defs);
    else emit(s, e, f.def);
    at = e;
  }
  if (fill !== null) emit(at, hi, fill);
}

/** The values that identify a record, copied so the record never pins the document's text. */
function identify(text: string, fields: readonly Field[]): RecordIdentity | undefined {
  let rqField: Field | undefined;
  let zqField: Field | undefined;
  let bhField: Field | undefined;
  let thField: Field | undefined;
  for (const f of fields) {
    if (f.code === 'RQ') rqField ??= f;
    else if (f.code === 'ZQ') zqField ??= f;
    else if (f.code === 'BH') bhField ??= f;
    else if (f.code === 'TH') thField ??= f;
  }
  if (!rqField) return undefined;
  const value = (f: Field) => detach(text.slice(f.valueStart, f.valueEnd).trim(), 24);
  const rq = value(rqField);
  if (rq.length !== 8 || !isDigits(rq)) return undefined;
  const zq = zqField ? value(zqField) : '';
  const zqOk = zq.length > 0 && isDigits(zq);
  const at = zqOk ? zqField! : rqField;
  return {
    rq,
    bh: bhField ? value(bhField) : '',
    th: thField ? value(thField) : '',
    zq: zqOk ? zq : '',
    zqStart: at.valueStart,
    zqEnd: at.valueEnd,
    start: fields[0].open.start,
    end: fields[0].open.end,
  };
}

/** Only ASCII digits (what `\d` matches without the `u` flag). */
function isDigits(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Header fields, and fields the tag table does not know, hold one line. */
const isOneLine = (f: Field) => f.def === undefined || f.def.placement === 'header';
