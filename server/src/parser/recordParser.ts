// Parses one record (article) into fields, sections and problems. Parsing never fails: every
// defect becomes a Problem and the parser recovers so that the rest of the record keeps its
// structure (the rules are in ARCHITECTURE.md, "Error recovery").
//
// A corpus can be a hundred thousand records of one line each, so what a record costs beyond
// its characters matters as much as what a character costs: one parser object is reused from
// record to record (its state is reset, not rebuilt), and what only some records need (maps
// of open inline tags, the closing tags of a line, a set of field codes) is made on first use.

import { formatTag, isField, type TagDef, type TagTable } from '../tags/tagTable';
import type { RecordNode, Section } from '../types';
import { detach, isAsciiLetter, isIndent, isSpace, skipBlanks, trimBlanksEnd } from '../text/chars';
import { mayHaveSuspectCharacters } from '../text/suspectText';
import { afterBreak, endBefore, LineBreaks } from './lines';
import { identify } from './identity';
import { InlineStack } from './inlineStack';
import { encodeFields, NO_INLINE_TAGS, NO_SECTION_LISTS, NO_SECTIONS, NO_SHAPES, ParsedRecord, type OpenField } from './parsedRecord';
import { ProblemBuilder } from './problems';
import { asClosingTag, holdsOnlyTag, LONE_OPEN, OPEN, readShape, shapeRef, type TagShape } from './scanner';

/** What a parse depends on: the tag table, and nothing else (no setting, no clock). */
export interface ParseContext {
  table: TagTable;
}

export interface RecordPosition {
  /** The record is the document's first: a BOM at its start is not a suspicious character. */
  first: boolean;
  /** Another record follows: a body left open was ended by the next record's header tag. */
  followed: boolean;
  /**
   * The record's text holds no character that can start suspect text (the document was
   * scanned for them once, which is cheaper than a scan per record of a hundred thousand).
   */
  clean?: boolean;
  /** The record's text holds no `\r` (the document has none): line breaks are `\n` only. */
  lf?: boolean;
  /**
   * The record's line starts, as the record splitter found them: `starts[from..to)` are every
   * line start in the record, as offsets from which `base` (the record's start) is subtracted.
   * Given, the parser does not scan the text for line breaks again.
   */
  lines?: { starts: Int32Array; from: number; to: number; base: number; tags: Int32Array; tagFrom: number; tagTo: number };
}

type Args = Readonly<Record<string, string>>;

const SECTION_NUMERAL = /^[一二三四五六七八九十百〇零]{1,5}$/;

// The arguments of the problems about a known field depend on the field alone: one object
// per field and kind of message, however many fields of a file are left open.
interface FieldArgs {
  plain: Args;
  line: Args;
  next: Args;
  last: Args;
}
const fieldArgsCache = new WeakMap<TagDef, FieldArgs>();
let lastDef: TagDef | undefined;
let lastArgs: FieldArgs | undefined;
function argsOfDef(def: TagDef): FieldArgs {
  if (def === lastDef) return lastArgs!;
  let a = fieldArgsCache.get(def);
  if (!a) {
    const field = def.code;
    const name = def.name;
    a = { plain: { field, name }, line: { field, name, where: 'line' }, next: { field, name, next: 'next' }, last: { field, name, next: '' } };
    fieldArgsCache.set(def, a);
  }
  lastDef = def;
  lastArgs = a;
  return a;
}
const NO_ARGS: Args = Object.freeze({});

/** Above this many fields a record looks its field codes up in a set, not by a scan. */
const FEW_FIELDS = 16;

const NO_OPEN_FIELDS: OpenField[] = Object.freeze([]) as unknown as OpenField[];

class RecordParser {
  private text = '';
  private ctx!: ParseContext;
  private readonly problems = new ProblemBuilder();
  private lineStarts: number[] = [0];
  private fieldData: number[] = [];
  private readonly shapeIndex = new Map<TagShape, number>();
  private readonly fields: OpenField[] = [];
  private readonly fieldStack: OpenField[] = [];
  /** Fields of earlier records, filled in again for this one: a record's fields end with it. */
  private pool: OpenField[] = [];
  private pooled = 0;
  private readonly breaks = new LineBreaks('');
  private readonly shapes: TagShape[] = [];
  private readonly sections: Section[][] = [];
  // Open inline tags, innermost last, and their places on that stack by code, so that a
  // closing tag finds its opening in constant time however deep the nesting (no depth limit:
  // a limit would make 33 properly nested pairs look broken). Kept as arrays of their parts:
  // a body can hold a million tags left open.
  private inline = new InlineStack();
  /** Numbers the record's fields, so an open inline tag says which field holds it. */
  private serial = 0;
  /** The codes of the record's fields, once there are too many to scan. */
  private seen: Set<string> | undefined;
  /** The record's first tag, where record-wide problems are shown (-1: none yet). */
  private firstStart = -1;
  private firstEnd = -1;
  private strayStart = -1;
  private strayEnd = -1;
  /**
   * The open block inside the body (〖TM/中图〗, a picture), as its place on the inline stack
   * (-1: none). While it is open, a header field opened in the body is one of the block's
   * fields, not a header field left inside 正文. It ends at its closing tag, or where the record
   * splitter ends it: at the first line that does not open with a tag (see blockGoesOn).
   */
  private blockAt = -1;
  /** The line whose closing tags `lastClose` lists (see closesLaterOnLine). */
  private closeLine = -1;
  private lastClose: Map<string, number> | undefined;

  /** The tag being placed, as read (a lost `-` restored), and whether it opened or closed a field. */
  private placed: TagShape | undefined;
  private structural = false;
  /** The record's inline tags as pairs: where each starts and its shape's number (see shapeRef). */
  private inlineTags: number[] = [];
  /** Lines read so far; `lineStarts[0..lines)` are their starts. */
  private lines = 1;
  /** The end of the last line holding anything but whitespace. */
  private contentEnd = 0;
  /** Where the next `〖` stands, found ahead (-1: none left; -2: not looked for yet). */
  private next = -2;
  private where!: RecordPosition;
  /** The splitter's table of where each `〖` stands, when given: `tags[tag..tagTo)` less `tagBase` are the rest of the record's. */
  private tags: Int32Array | undefined;
  private tag = 0;
  private tagTo = 0;
  private tagBase = 0;

  /**
   * The phases: each line is read in turn (readLine), then what is still open ends with the
   * record (endRecord), and the record is kept in its compact form (build).
   */
  parse(text: string, ctx: ParseContext, where: RecordPosition): RecordNode {
    this.text = text;
    this.ctx = ctx;
    this.where = where;
    this.lines = 1;
    this.contentEnd = 0;
    this.next = -2;
    const given = where.lines;
    if (given && given.to > given.from) {
      this.tags = given.tags;
      this.tag = given.tagFrom;
      this.tagTo = given.tagTo;
      this.tagBase = given.base;
    } else this.tags = undefined;
    if (given && given.to > given.from) this.readGivenLines(given.starts, given.from + 1, given.to, given.base);
    else this.readLines();
    this.endRecord();
    return this.build();
  }

  /** Every line, found by a scan for line breaks. */
  private readLines(): void {
    const text = this.text;
    const breaks = this.breaks;
    breaks.reset(text, this.where.lf);
    let lineStart = 0;
    for (;;) {
      const lineEnd = breaks.breakAt(lineStart);
      this.readLine(lineStart, lineEnd);
      if (lineEnd === text.length) break;
      lineStart = afterBreak(text, lineEnd);
      this.lineStarts[this.lines++] = lineStart;
    }
  }

  /**
   * Every line, from the splitter's table: the lines after the first start at `starts[k] - base`
   * for k in [from, to); the last runs to the text's end, or to a break there, after which an
   * empty line begins (as readLines finds them).
   */
  private readGivenLines(starts: Int32Array, from: number, to: number, base: number): void {
    const text = this.text;
    const lineStarts = this.lineStarts;
    let lineStart = 0;
    for (let k = from; k < to; k++) {
      const next = starts[k] - base;
      this.readLine(lineStart, endBefore(text, next));
      lineStart = next;
      lineStarts[this.lines++] = lineStart;
    }
    const length = text.length;
    const c = length > lineStart ? text.charCodeAt(length - 1) : 0;
    if (c !== 0x0a && c !== 0x0d) {
      this.readLine(lineStart, length);
      return;
    }
    this.readLine(lineStart, c === 0x0a && length - 2 >= lineStart && text.charCodeAt(length - 2) === 0x0d ? length - 2 : length - 1);
    lineStarts[this.lines++] = length;
    this.readLine(length, length);
  }

  /** One line: a block it ends, a section heading, its tags and stray text, the one-line fields it ends. */
  private readLine(lineStart: number, lineEnd: number): void {
    if (this.blockAt >= 0 && !this.blockGoesOn(lineStart, lineEnd)) this.endOpenBlock();
    this.noteSectionHeading(lineStart, lineEnd);
    this.readTags(lineStart, lineEnd);
    const text = this.text;
    for (let p = lineEnd - 1; p >= lineStart; p--) {
      if (!isSpace(text.charCodeAt(p))) {
        this.contentEnd = p + 1;
        break;
      }
    }
    // Header fields hold one line: one still open ends here.
    const fieldStack = this.fieldStack;
    while (fieldStack.length && isOneLine(fieldStack[fieldStack.length - 1])) {
      const f = fieldStack[fieldStack.length - 1];
      this.problems.add('unclosed-field', f.openStart, f.valueStart, f.def ? argsOfDef(f.def).line : { ...this.fieldArgs(f), where: 'line' });
      this.endField(lineEnd, -1, undefined);
    }
  }

  /** A section heading: a line of 正文 holding only a Chinese numeral. */
  private noteSectionHeading(lineStart: number, lineEnd: number): void {
    const fieldStack = this.fieldStack;
    const top = fieldStack.length ? fieldStack[fieldStack.length - 1] : undefined;
    if (!top || top.def?.placement !== 'body' || lineStart < top.valueStart) return;
    const text = this.text;
    let s = lineStart;
    let e = lineEnd;
    s = skipBlanks(text, s, e);
    e = trimBlanksEnd(text, s, e);
    if (e > s && e - s <= 5 && SECTION_NUMERAL.test(text.slice(s, e))) {
      (top.headings ??= []).push({ label: text.slice(s, e), start: s, end: e, lineStart });
    }
  }

  /** The line's tags in order, and the text outside every field between them. */
  private readTags(lineStart: number, lineEnd: number): void {
    const text = this.text;
    const table = this.ctx.table;
    const fieldStack = this.fieldStack;
    let next = this.next;
    let pos = lineStart;
    while (pos < lineEnd) {
      // Tags often follow one another: look before searching.
      if (next !== -1 && next < pos) next = this.tags ? this.tagAtOrAfter(pos) : text.charCodeAt(pos) === 0x3016 ? pos : text.indexOf(OPEN, pos);
      const b = next !== -1 && next < lineEnd ? next : lineEnd;
      if (b > pos && fieldStack.length === 0) {
        let s = pos === 0 && this.where.first && text.charCodeAt(0) === 0xfeff ? 1 : pos;
        let e = b;
        s = skipBlanks(text, s, e);
        e = trimBlanksEnd(text, s, e);
        if (e > s) this.stray(s, e);
      }
      if (b === lineEnd) break;
      const shape = readShape(text, b, lineEnd, table);
      this.onTag(b, shape, lineStart, lineEnd);
      pos = b + shape.length;
      if (shape === LONE_OPEN) {
        // A run of lone `〖`: each is one malformed tag and changes nothing else, so the run
        // is reported at once. The last `〖` of the run is lone only at the line's end.
        let j = pos;
        while (j < lineEnd && text.charCodeAt(j) === 0x3016) j++;
        const lone = j === lineEnd ? j - pos : j - pos - 1;
        if (lone > 0) {
          this.problems.addRun('malformed-tag', pos, lone, LONE_OPEN);
          pos += lone;
        }
      }
    }
    this.next = next;
  }

  /** The first `〖` at or after `pos`, from the splitter's table; -1 if none. */
  private tagAtOrAfter(pos: number): number {
    const tags = this.tags!;
    const to = this.tagTo;
    const at = pos + this.tagBase;
    let k = this.tag;
    while (k < to && tags[k] < at) k++;
    this.tag = k;
    return k < to ? tags[k] - this.tagBase : -1;
  }

  /** What is still open ends with the record. */
  private endRecord(): void {
    // A block still open ends with its record, as the splitter's scan does.
    if (this.blockAt >= 0) this.endOpenBlock();
    // The body runs to the record's end when never closed.
    const fieldStack = this.fieldStack;
    const followed = this.where.followed;
    while (fieldStack.length) {
      const f = fieldStack[fieldStack.length - 1];
      const args = f.def ? argsOfDef(f.def)[followed ? 'next' : 'last'] : { ...this.fieldArgs(f), next: followed ? 'next' : '' };
      this.problems.add('unclosed-field', f.openStart, f.valueStart, args);
      this.endField(Math.max(this.contentEnd, f.valueStart), -1, undefined);
    }
    this.flushStray();
  }

  /** The record in its compact form: fields as numbers, tags as shared shapes. */
  private build(): RecordNode {
    const text = this.text;
    const where = this.where;
    const fields = this.fields;
    const data = this.fieldData;
    const shapes = this.shapes;
    const sections = this.sections;
    const size = encodeFields(fields, data, 0, shapes, sections, this.shapeIndex);
    if (this.shapeIndex.size) this.shapeIndex.clear();
    const inlineTags = this.inlineTags.length ? this.inlineTags.splice(0) : NO_INLINE_TAGS;
    return new ParsedRecord(
      text.length,
      this.lineStarts.slice(0, this.lines),
      this.lines - 1,
      data.slice(0, size),
      shapes.length ? shapes.splice(0) : NO_SHAPES,
      sections.length ? sections.splice(0) : NO_SECTION_LISTS,
      this.ctx.table,
      this.problems.finish(),
      this.contentEnd,
      identify(text, fields),
      this.firstStart,
      this.firstEnd,
      where.clean === undefined ? mayHaveSuspectCharacters(text, 0) : !where.clean,
      inlineTags,
    );
  }

  /** Lets go of the record just parsed, so the parser pins nothing while it waits. */
  clear(): void {
    this.text = '';
    this.tags = undefined;
    this.breaks.reset('');
    if (this.fields.length) this.fields.length = 0;
    if (this.pooled > 256) this.pool = [];
    this.pooled = 0;
    if (this.fieldStack.length) this.fieldStack.length = 0;
    this.inline.clear();
    if (this.inlineTags.length) this.inlineTags = [];
    this.placed = undefined;
    this.serial = 0;
    // A record of many lines or fields does not leave big buffers behind.
    if (this.lineStarts.length > 4096) this.lineStarts = [0];
    if (this.fieldData.length > 4096) this.fieldData = [];
    this.seen = undefined;
    this.firstStart = this.firstEnd = -1;
    this.strayStart = this.strayEnd = -1;
    this.blockAt = -1;
    this.closeLine = -1;
    this.lastClose = undefined;
    this.problems.reset();
  }

  private hasField(code: string): boolean {
    if (this.seen) return this.seen.has(code);
    for (const f of this.fields) if (f.code === code) return true;
    return false;
  }

  private tagText(start: number, shape: TagShape): string {
    return detach(this.text.slice(start, start + shape.length));
  }

  private fieldArgs(f: OpenField): Args {
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

  private openField(start: number, shape: TagShape, parent: OpenField | undefined): void {
    this.structural = true;
    const code = shape.code;
    const end = start + shape.length;
    let field: OpenField;
    if (this.pooled < this.pool.length) {
      field = this.pool[this.pooled++];
      field.serial = ++this.serial;
      field.code = code;
      field.def = shape.def;
      field.openStart = start;
      field.open = shape;
      field.closeStart = -1;
      field.close = undefined;
      field.valueStart = end;
      field.valueEnd = end;
      field.end = end;
      field.children = NO_OPEN_FIELDS;
      field.sections = NO_SECTIONS;
      field.unknownOpen = undefined;
      field.headings = undefined;
    } else {
      field = {
        serial: ++this.serial,
        code,
        def: shape.def,
        openStart: start,
        open: shape,
        closeStart: -1,
        close: undefined,
        valueStart: end,
        valueEnd: end,
        end,
        children: NO_OPEN_FIELDS,
        sections: NO_SECTIONS,
        unknownOpen: undefined,
        headings: undefined,
      };
      this.pool.push(field);
      this.pooled++;
    }
    if (parent) {
      if (parent.children === NO_OPEN_FIELDS) parent.children = [field];
      else parent.children.push(field);
    } else {
      this.flushStray();
      if (this.hasField(code)) this.problems.add('duplicate-field', start, end, this.fieldArgs(field));
      const fields = this.fields;
      fields.push(field);
      if (this.seen) this.seen.add(code);
      else if (fields.length > FEW_FIELDS) this.seen = new Set(fields.map((f) => f.code));
    }
    this.fieldStack.push(field);
  }

  /** Ends the innermost open field at `valueEnd`, with its closing tag if it has one. */
  private endField(valueEnd: number, closeStart: number, close: TagShape | undefined): void {
    if (close) this.structural = true;
    const f = this.fieldStack.pop()!;
    f.closeStart = closeStart;
    f.close = close;
    f.valueEnd = Math.max(f.valueStart, valueEnd);
    f.end = close ? closeStart + close.length : f.valueEnd;
    // Inline tags still open inside a field that closes properly were never closed. They are
    // reported in the order they stand (the stack gives them innermost first).
    const inline = this.inline;
    const owners = inline.owners;
    const n = inline.size;
    if (n && owners[n - 1] === f.serial) {
      let m = n;
      while (m && owners[m - 1] === f.serial) m--;
      // The field's entries are the top of the stack, [m, n).
      if (close) {
        for (let k = m; k < n; k++) {
          if (inline.closed[k]) continue;
          const start = inline.starts[k];
          const s = inline.shape(k);
          this.problems.add('unclosed-field', start, start + s.length, s.def ? argsOfDef(s.def).plain : { field: s.code, name: s.name });
        }
      }
      inline.truncate(m);
      // A block ends with the body it stands in (its opening was reported above if need be).
      if (this.blockAt >= m) this.blockAt = -1;
    }
    if (f.headings) f.sections = this.toSections(f.headings, f.valueEnd);
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

  /**
   * A wrong name on a closing tag is the opening's wrong name again, or a mismatch. The
   * opening's own wrong name again is one defect: the opening's problem says so (and where the
   * closing's name stands, for the fix that renames both), and the closing tag is not reported.
   */
  private checkClosingName(start: number, s: TagShape, def: TagDef | undefined, open: TagShape, openStart: number): void {
    const right = def?.name ?? open.name;
    if (!s.name || s.name === right || s.nameMissing) return;
    if (def && s.name === open.name && !open.nameMissing && this.bothWrong(openStart, open, start, s, def)) return;
    // Another field's name, or the opening's own wrong name again: the name is wrong.
    if (def && (s.name === open.name || this.ctx.table.codeOfName(s.name))) this.wrongName(start, s, def);
    else this.problems.add('mismatched-closing-tag', start, start + s.length, { tag: this.tagText(start, s), expected: formatTag(s.code, right, true) });
  }

  private wrongName(start: number, s: TagShape, def: TagDef): void {
    const nameStart = nameStartOf(start, s);
    this.problems.add('wrong-field-name', nameStart, nameStart + s.name.length, this.wrongNameArgs(s, def));
  }

  private wrongNameArgs(s: TagShape, def: TagDef): Record<string, string> {
    const other = this.ctx.table.codeOfName(s.name);
    return {
      field: def.code,
      name: def.name,
      written: detach(s.name),
      other: other && other !== def.code ? other : '',
    };
  }

  /**
   * The closing tag at `start` repeats the wrong name of its opening tag at `openStart`: the
   * opening's problem becomes the one for both tags, its `closeName` the offset of the closing
   * tag's name. False when the opening's problem is not there to amend.
   */
  private bothWrong(openStart: number, open: TagShape, start: number, s: TagShape, def: TagDef): boolean {
    const args = { ...this.wrongNameArgs(open, def), closeName: String(nameStartOf(start, s)) };
    return this.problems.amend('wrong-field-name', nameStartOf(openStart, open), args);
  }

  /**
   * Does the tag at `start`, a block's opening tag, open a block? As findRecordStarts reads it:
   * it stands alone on its line (after the indentation), on a line after the one that opened
   * the body, and the body is the only field open (fields nest one level at most).
   */
  private opensBlock(top: OpenField, start: number, lineStart: number, lineEnd: number): boolean {
    if (top.def?.placement !== 'body' || this.fieldStack.length !== 1 || lineStart < top.valueStart) return false;
    const text = this.text;
    for (let p = lineStart; p < start; p++) if (!isIndent(text.charCodeAt(p))) return false;
    return holdsOnlyTag(text, start, lineEnd);
  }

  /** The open block stands in `top`: a header field opened now is one of the block's. */
  private isBlockOf(top: OpenField): boolean {
    return this.blockAt >= 0 && this.inline.owners[this.blockAt] === top.serial;
  }

  /**
   * Does the line keep the open block going? As findRecordStarts reads it, so that a block the
   * splitter kept in the record is the block the parser reads: the line opens, after its
   * indentation, with a tag of two letters that is a header field's (〖BH/版号〗), unknown, or
   * a paired inline tag (〖WJ/文件〗). A line that opens with the block's own closing tag goes
   * on too: that tag closes the block properly. Any other line (text, a blank line,
   * 〖-ZW/正文〗) ends it.
   */
  private blockGoesOn(lineStart: number, lineEnd: number): boolean {
    const text = this.text;
    let p = lineStart;
    while (p < lineEnd && isIndent(text.charCodeAt(p))) p++;
    if (p === lineEnd || text.charCodeAt(p) !== 0x3016) return false;
    const table = this.ctx.table;
    let c1 = text.charCodeAt(p + 1);
    const closing = c1 === 0x2d;
    if (closing) c1 = text.charCodeAt(p + 2);
    const c2 = text.charCodeAt(closing ? p + 3 : p + 2);
    if (!isAsciiLetter(c1) || !isAsciiLetter(c2)) return false;
    const def = table.getByChars(c1, c2);
    if (closing) return def !== undefined && def === this.inline.shape(this.blockAt).def;
    return def === undefined || def.placement === 'header' || (def.placement === 'inline' && def.paired);
  }

  /**
   * The open block ends unclosed: its opening tag is reported, once, and so is any inline tag
   * still open inside it; they are closed here, so the body's closing tag does not report them
   * again.
   */
  private endOpenBlock(): void {
    const inline = this.inline;
    const from = this.blockAt;
    for (let k = from; k < inline.size; k++) {
      if (inline.closed[k]) continue;
      const start = inline.starts[k];
      const s = inline.shape(k);
      this.problems.add('unclosed-field', start, start + s.length, s.def ? argsOfDef(s.def).plain : { field: s.code, name: s.name });
    }
    inline.truncate(from);
    this.blockAt = -1;
  }

  /**
   * One tag. A tag that is neither a field's opening nor its closing tag, standing in a
   * field's value, is kept as that value's inline tag (markup, or an unknown or broken tag).
   */
  private onTag(start: number, read: TagShape, lineStart: number, lineEnd: number): void {
    const inField = this.fieldStack.length > 0;
    this.structural = false;
    this.placeTag(start, read, lineStart, lineEnd);
    if (inField && !this.structural) this.inlineTags.push(start, shapeRef(this.placed!, this.shapes, this.shapeIndex));
  }

  /** Where a tag stands in the structure: it opens or closes a field, is inline markup, or is a problem. */
  private placeTag(start: number, read: TagShape, lineStart: number, lineEnd: number): void {
    const end = start + read.length;
    if (this.firstStart < 0) {
      this.firstStart = start;
      this.firstEnd = end;
    }
    const def = read.def;
    const fieldStack = this.fieldStack;
    const top = fieldStack.length ? fieldStack[fieldStack.length - 1] : undefined;
    // 〖RQ/日期〗20130908〖RQ/日期〗: an opening tag of the open field, where its closing tag
    // belongs, is that closing tag with its `-` lost.
    const s =
      !read.closing && def && top && top.code === def.code && isField(def) && !(isOneLine(top) && this.closesLaterOnLine(def.code, end, lineStart, lineEnd))
        ? asClosingTag(read)
        : read;
    this.placed = s;
    const faults = s.faults;
    if (faults.length) this.problems.addTag('malformed-tag', start, s);

    // A tag whose code cannot be read (and whose name names no field) was reported as
    // malformed; it takes no part in the structure.
    if (!def && s.codeUnread) {
      if (!top) this.flushStray();
      return;
    }
    if (s.closing) {
      this.onClosingTag(start, s, def, top, lineStart, lineEnd);
      return;
    }

    if (!def) {
      this.problems.addTag('unknown-tag', start, s);
      if (!top && this.closesLaterOnLine(s.code, end, lineStart, lineEnd)) {
        // An unknown field of some other database (〖DW/单位〗…〖-DW/单位〗): keep its value out of stray text.
        this.openField(start, s, undefined);
      } else if (top) {
        (top.unknownOpen ??= new Set()).add(s.code);
      } else {
        this.flushStray();
      }
      return;
    }

    if (s.name && s.name !== def.name && !s.nameMissing) this.wrongName(start, s, def);

    if (!isField(def)) {
      if (!top) this.stray(start, end);
      else if (def.paired) {
        if (def.block === 'opens' && this.blockAt < 0 && this.opensBlock(top, start, lineStart, lineEnd)) this.blockAt = this.inline.size;
        this.inline.push(start, s, top.serial);
      }
      return;
    }
    if (!top) {
      this.openField(start, s, undefined);
    } else if (isOneLine(top) && !this.closesLaterOnLine(top.code, end, lineStart, lineEnd)) {
      // The field before it was simply left open: it ends here, and this one starts.
      this.problems.add('unclosed-field', top.openStart, top.valueStart, top.def ? argsOfDef(top.def).line : { ...this.fieldArgs(top), where: 'line' });
      this.endField(start, -1, undefined);
      this.openField(start, s, fieldStack.length ? fieldStack[fieldStack.length - 1] : undefined);
    } else if (this.isBlockOf(top)) {
      // 〖BH/版号〗01〖-BH/版号〗 in a picture block: the picture's page, a field of the block. It
      // is kept as a field nested in the body, so the outline shows it and its value is
      // checked, but it is not the record's: no duplicate of the record's own 〖BH/版号〗, no
      // part of its identity, of its required fields, or of the checks across records.
      this.openField(start, s, top);
    } else {
      this.problems.add('nested-header-field', start, end, {
        field: def.code,
        name: def.name,
        outer: formatTag(top.code, nameOf(top)),
      });
      // Fields nest one level at most: deeper ones are reported and left out of the tree.
      if (fieldStack.length === 1) this.openField(start, s, top);
    }
  }

  private onClosingTag(start: number, s: TagShape, def: TagDef | undefined, top: OpenField | undefined, lineStart: number, lineEnd: number): void {
    const end = start + s.length;
    if (def && !isField(def)) {
      // The innermost open tag of this code; one owned by an outer field is out of reach.
      const inline = this.inline;
      const entry = inline.innermost(def.code);
      if (!def.paired || entry < 0 || inline.owners[entry] !== top?.serial) {
        this.problems.addTag('unmatched-closing-tag', start, s);
        return;
      }
      this.checkClosingName(start, s, def, inline.shape(entry), inline.starts[entry]);
      inline.closeInnermost(entry);
      // The block's own closing tag ends it, even out of order (reported as crossing below).
      if (entry === this.blockAt) this.blockAt = -1;
      // The entry itself is open, so the stack stays above it.
      let n = inline.size;
      while (n && inline.closed[n - 1]) n--;
      if (n - 1 === entry) {
        inline.size = n - 1;
      } else {
        inline.size = n;
        const inner = n - 1;
        this.problems.add('crossing-tags', start, end, { tag: this.tagText(start, s), inner: this.tagText(inline.starts[inner], inline.shape(inner)) });
        inline.closed[entry] = 1;
      }
      return;
    }

    const fieldStack = this.fieldStack;
    const code = s.code;
    let i = fieldStack.length - 1;
    while (i >= 0 && fieldStack[i].code !== code) i--;
    if (i >= 0) {
      while (fieldStack.length - 1 > i) {
        const inner = fieldStack[fieldStack.length - 1];
        this.problems.add('unclosed-field', inner.openStart, inner.valueStart, this.fieldArgs(inner));
        this.endField(start, -1, undefined);
      }
      this.checkClosingName(start, s, def, fieldStack[i].open, fieldStack[i].openStart);
      this.endField(start, start, s);
      return;
    }
    if (!def && top?.unknownOpen?.has(code)) return;
    // Its code is not open. It closes the open field when it carries that field's name
    // (〖BT/标题〗…〖-TB/标题〗), or when the open field is a one-line field whose own closing
    // tag does not follow on the line.
    if (top && (s.name === nameOf(top) || (isOneLine(top) && !this.closesLaterOnLine(top.code, end, lineStart, lineEnd)))) {
      this.problems.add('mismatched-closing-tag', start, end, { tag: this.tagText(start, s), expected: formatTag(top.code, nameOf(top), true) });
      this.endField(start, start, s);
      return;
    }
    if (!top) this.flushStray();
    this.problems.addTag(def ? 'unmatched-closing-tag' : 'unknown-tag', start, s);
  }
}

/** Where the name of the tag at `start` begins: it ends before the tag's 〗, if any. */
function nameStartOf(start: number, s: TagShape): number {
  return start + s.length - (s.terminated ? 1 : 0) - s.name.length;
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
const nameOf = (f: OpenField) => f.def?.name ?? f.open.name;

/** Header fields, and fields the tag table does not know, hold one line. */
const isOneLine = (f: OpenField) => f.def === undefined || f.def.placement === 'header';
