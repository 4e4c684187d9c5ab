// Parses one record (article) into fields, sections and problems. Parsing never fails: every
// defect becomes a Problem and the parser recovers so that the rest of the record keeps its
// structure (the rules are in ARCHITECTURE.md, "Error recovery").
//
// A corpus can be a hundred thousand records of one line each, so what a record costs beyond
// its characters matters as much as what a character costs: one parser object is reused from
// record to record (its state is reset, not rebuilt), and what only some records need (maps
// of open inline tags, the closing tags of a line, a set of field codes) is made on first use.

import { formatTag, isField, type TagDef, type TagTable } from '../tags/tagTable';
import type { Field, FieldVisitor, Problem, RecordIdentity, RecordNode, Section, Tag } from '../types';
import { detach, isAsciiLetter, isIndent, isSpace } from '../text/chars';
import { mayHaveSuspectCharacters } from '../text/suspectText';
import { afterBreak, LineBreaks } from './lines';
import { ProblemBuilder, type ProblemList } from './problems';
import { asClosingTag, holdsOnlyTag, LONE_OPEN, OPEN, readShape, shapeOfRef, shapeRef, WELL_FORMED_SLOTS, type TagShape } from './scanner';

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
}

type Args = Readonly<Record<string, string>>;

const SECTION_NUMERAL = /^[一二三四五六七八九十百〇零]{1,5}$/;

/**
 * A parsed record. Its fields are kept compact (see encodeFields) and made into Field and Tag
 * objects when first read: open → diagnostics never reads them, and a corpus of a hundred
 * thousand tiny records would otherwise hold and collect fifteen objects for each.
 */
class ParsedRecord implements RecordNode {
  // Private, so that two parses of one text compare equal whether or not one was read.
  #fields: Field[] | undefined;

  constructor(
    readonly length: number,
    readonly lineStarts: number[],
    readonly lineBreaks: number,
    private readonly fieldData: readonly number[],
    private readonly fieldShapes: readonly TagShape[],
    private readonly fieldSections: readonly Section[][],
    private readonly table: TagTable,
    readonly problemList: ProblemList,
    readonly contentEnd: number,
    readonly identity: RecordIdentity | undefined,
    readonly headStart: number,
    readonly headEnd: number,
    readonly suspect: boolean,
  ) {}

  visitFields(visit: FieldVisitor): void {
    walkFields(this.fieldData, this.fieldShapes, this.table, visit);
  }

  get fields(): Field[] {
    return (this.#fields ??= decodeFields(this.fieldData, this.fieldShapes, this.fieldSections, this.table));
  }

  get problems(): Problem[] {
    return this.problemList.toArray();
  }
}

/**
 * The fields as numbers, in order, each followed by its nested fields. Most fields are closed
 * by their own closing tag, right after the value, and hold no nested field and no section:
 * such a field is three numbers, where its opening tag starts, its shape's number times two
 * plus one, and where its closing tag starts. Any other is six: where the opening tag starts
 * and its shape's number times two, where the closing tag starts (-1: none) and its shape's
 * number, where the value ends, and the number of nested fields times two plus one when it
 * has sections (kept as they are, in order). Every other offset follows from a tag's start
 * and shape.
 */
function encodeFields(fields: readonly OpenField[], data: number[], at: number, shapes: TagShape[], sections: Section[][], index: Map<TagShape, number>): number {
  for (const f of fields) {
    const open = shapeRef(f.open, shapes, index);
    const close = f.close ? shapeRef(f.close, shapes, index) : -1;
    data[at] = f.openStart;
    if (close === open + 1 && open < WELL_FORMED_SLOTS && f.valueEnd === f.closeStart && f.children.length === 0 && f.sections.length === 0) {
      data[at + 1] = open * 2 + 1;
      data[at + 2] = f.closeStart;
      at += 3;
      continue;
    }
    data[at + 1] = open * 2;
    data[at + 2] = f.close ? f.closeStart : -1;
    data[at + 3] = f.close ? close : 0;
    data[at + 4] = f.valueEnd;
    data[at + 5] = f.children.length * 2 + (f.sections.length ? 1 : 0);
    at += 6;
    if (f.sections.length) sections.push(f.sections);
    if (f.children.length) at = encodeFields(f.children, data, at, shapes, sections, index);
  }
  return at;
}

function decodeFields(data: readonly number[], shapes: readonly TagShape[], sections: readonly Section[][], table: TagTable): Field[] {
  let k = 0;
  let section = 0;
  const read = (): Field => {
    const ref = data[k + 1];
    const openShape = shapeOfRef(Math.floor(ref / 2), shapes, table);
    const open = openShape.at(data[k], data[k] + openShape.length);
    let close: Tag | undefined;
    let valueEnd: number;
    let extra = 0;
    if (ref & 1) {
      // A well-formed field closed by its closing twin, the shape after its own.
      const closeShape = shapeOfRef(Math.floor(ref / 2) + 1, shapes, table);
      close = closeShape.at(data[k + 2], data[k + 2] + closeShape.length);
      valueEnd = close.start;
      k += 3;
    } else {
      if (data[k + 2] >= 0) {
        const closeShape = shapeOfRef(data[k + 3], shapes, table);
        close = closeShape.at(data[k + 2], data[k + 2] + closeShape.length);
      }
      valueEnd = data[k + 4];
      extra = data[k + 5];
      k += 6;
    }
    const field: Field = {
      code: openShape.code,
      def: openShape.def,
      open,
      close,
      valueStart: open.end,
      valueEnd,
      end: close ? close.end : valueEnd,
      children: NO_FIELDS,
      sections: extra & 1 ? sections[section++] : NO_SECTIONS,
    };
    const children = Math.floor(extra / 2);
    if (children > 0) {
      field.children = [];
      for (let c = 0; c < children; c++) field.children.push(read());
    }
    return field;
  };
  const fields: Field[] = [];
  while (k < data.length) fields.push(read());
  return fields;
}

/** Calls `visit` for each field in order, nested ones after their field, making no object. */
function walkFields(data: readonly number[], shapes: readonly TagShape[], table: TagTable, visit: FieldVisitor): void {
  let k = 0;
  // Fields still to visit at each depth: nested fields follow their field in the data.
  let left = 0;
  while (k < data.length) {
    const ref = data[k + 1];
    const openShape = shapeOfRef(Math.floor(ref / 2), shapes, table);
    const openStart = data[k];
    const valueStart = openStart + openShape.length;
    let valueEnd: number;
    let end: number;
    let children = 0;
    if (ref & 1) {
      const closeShape = shapeOfRef(Math.floor(ref / 2) + 1, shapes, table);
      valueEnd = data[k + 2];
      end = valueEnd + closeShape.length;
      k += 3;
    } else {
      valueEnd = data[k + 4];
      end = data[k + 2] >= 0 ? data[k + 2] + shapeOfRef(data[k + 3], shapes, table).length : valueEnd;
      children = Math.floor(data[k + 5] / 2);
      k += 6;
    }
    const nested = left > 0;
    if (nested) left--;
    visit(openShape.code, openShape.def, openStart, valueStart, valueEnd, end, children, nested);
    if (children) left = children;
  }
}

// Most fields have no nested fields and no sections: they share these (never written to).
const NO_FIELDS = Object.freeze([]) as unknown as Field[];
const NO_SECTIONS = Object.freeze([]) as unknown as Section[];
const NO_SHAPES: readonly TagShape[] = Object.freeze([]);
const NO_SECTION_LISTS: readonly Section[][] = Object.freeze([]);

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

/**
 * A field while its record is parsed. Tags are kept as where they start and their shapes (a
 * tag ends at `start + shape.length`): the parser makes no object for a tag.
 */
interface OpenField {
  /** The field's number in its record, from 1. */
  serial: number;
  code: string;
  def: TagDef | undefined;
  openStart: number;
  open: TagShape;
  closeStart: number;
  close: TagShape | undefined;
  valueStart: number;
  valueEnd: number;
  /** Where the field ends: after its closing tag, or at the end of its value when unclosed. */
  end: number;
  children: OpenField[];
  sections: Section[];
  /** Codes of unknown tags opened inside, so their closing tags are not reported twice. */
  unknownOpen: Set<string> | undefined;
  headings: Array<{ label: string; start: number; end: number; lineStart: number }> | undefined;
}

/**
 * Open inline tags, innermost last, as arrays of their parts: a body can hold a million tags
 * left open. `owners` holds the serial of the field each stands in; `closed` marks one closed
 * out of order (the tags crossed), left on the stack until it surfaces. The innermost open tag
 * of each code is found in `tops`, and the one before it in `prev`, so a closing tag finds
 * its opening in constant time however deep the nesting.
 */
class InlineStack {
  size = 0;
  starts = new Int32Array(64);
  owners = new Int32Array(64);
  prev = new Int32Array(64);
  shapeIds = new Int32Array(64);
  closed = new Uint8Array(64);
  private shapes: TagShape[] = [];
  private lastShape: TagShape | undefined;
  private lastShapeId = -1;
  private tops = new Map<string, number>();

  push(start: number, shape: TagShape, owner: number): void {
    const k = this.size;
    if (k === this.starts.length) this.grow(k * 4);
    const code = shape.code;
    this.starts[k] = start;
    this.owners[k] = owner;
    this.prev[k] = this.tops.get(code) ?? -1;
    this.tops.set(code, k);
    this.closed[k] = 0;
    if (shape !== this.lastShape) {
      this.lastShape = shape;
      // Tags written alike share an entry; past a few shapes a new one is simply added.
      const known = this.shapes.length < 64 ? this.shapes.indexOf(shape) : -1;
      this.lastShapeId = known >= 0 ? known : this.shapes.push(shape) - 1;
    }
    this.shapeIds[k] = this.lastShapeId;
    this.size = k + 1;
  }

  shape(k: number): TagShape {
    return this.shapes[this.shapeIds[k]];
  }

  /** The innermost open tag of `code`, or -1. */
  innermost(code: string): number {
    return this.tops.get(code) ?? -1;
  }

  /** The innermost open tag of its code, `k`, is closed: the one before it becomes the innermost. */
  closeInnermost(k: number): void {
    this.tops.set(this.shape(k).code, this.prev[k]);
  }

  /** Keeps the first `n` entries: every code's innermost open tag is then below `n`. */
  truncate(n: number): void {
    for (const [code, top] of this.tops) {
      let t = top;
      while (t >= n) t = this.prev[t];
      if (t !== top) this.tops.set(code, t);
    }
    this.size = n;
  }

  private grow(n: number): void {
    const grown = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grown(this.starts);
    this.owners = grown(this.owners);
    this.prev = grown(this.prev);
    this.shapeIds = grown(this.shapeIds);
    const closed = new Uint8Array(n);
    closed.set(this.closed);
    this.closed = closed;
  }

  clear(): void {
    this.size = 0;
    this.shapes = [];
    this.lastShape = undefined;
    this.lastShapeId = -1;
    if (this.tops.size) this.tops = new Map();
    if (this.starts.length > 4096) {
      this.starts = new Int32Array(64);
      this.owners = new Int32Array(64);
      this.prev = new Int32Array(64);
      this.shapeIds = new Int32Array(64);
      this.closed = new Uint8Array(64);
    }
  }
}

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

  parse(text: string, ctx: ParseContext, where: RecordPosition): RecordNode {
    this.text = text;
    this.ctx = ctx;
    const table = ctx.table;
    const fieldStack = this.fieldStack;
    // Built in a kept array and copied out at its exact size: most records have few lines.
    const lineStarts = this.lineStarts;
    let lines = 1;
    let contentEnd = 0;
    let next = -2; // cached position of the next `〖` (-1: none left)

    const breaks = this.breaks;
    breaks.reset(text, where.lf);
    let lineStart = 0;
    for (;;) {
      const lineEnd = breaks.breakAt(lineStart);
      if (this.blockAt >= 0 && !this.blockGoesOn(lineStart, lineEnd)) this.endOpenBlock();

      // A section heading: a line of 正文 holding only a Chinese numeral.
      const top = fieldStack.length ? fieldStack[fieldStack.length - 1] : undefined;
      if (top && top.def?.placement === 'body' && lineStart >= top.valueStart) {
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
        // Tags often follow one another: look before searching.
        if (next !== -1 && next < pos) next = text.charCodeAt(pos) === 0x3016 ? pos : text.indexOf(OPEN, pos);
        const b = next !== -1 && next < lineEnd ? next : lineEnd;
        if (b > pos && fieldStack.length === 0) {
          let s = pos === 0 && where.first && text.charCodeAt(0) === 0xfeff ? 1 : pos;
          let e = b;
          while (s < e && isSpace(text.charCodeAt(s))) s++;
          while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
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
      for (let p = lineEnd - 1; p >= lineStart; p--) {
        if (!isSpace(text.charCodeAt(p))) {
          contentEnd = p + 1;
          break;
        }
      }

      // Header fields hold one line: one still open ends here.
      while (fieldStack.length && isOneLine(fieldStack[fieldStack.length - 1])) {
        const f = fieldStack[fieldStack.length - 1];
        this.problems.add('unclosed-field', f.openStart, f.valueStart, f.def ? argsOfDef(f.def).line : { ...this.fieldArgs(f), where: 'line' });
        this.endField(lineEnd, -1, undefined);
      }
      if (lineEnd === text.length) break;
      lineStart = afterBreak(text, lineEnd);
      lineStarts[lines++] = lineStart;
    }

    // A block still open ends with its record, as the splitter's scan does.
    if (this.blockAt >= 0) this.endOpenBlock();
    // The body runs to the record's end when never closed.
    while (fieldStack.length) {
      const f = fieldStack[fieldStack.length - 1];
      const args = f.def ? argsOfDef(f.def)[where.followed ? 'next' : 'last'] : { ...this.fieldArgs(f), next: where.followed ? 'next' : '' };
      this.problems.add('unclosed-field', f.openStart, f.valueStart, args);
      this.endField(Math.max(contentEnd, f.valueStart), -1, undefined);
    }
    this.flushStray();
    const fields = this.fields;

    const data = this.fieldData;
    const shapes = this.shapes;
    const sections = this.sections;
    const size = encodeFields(fields, data, 0, shapes, sections, this.shapeIndex);
    if (this.shapeIndex.size) this.shapeIndex.clear();
    return new ParsedRecord(
      text.length,
      lineStarts.slice(0, lines),
      lines - 1,
      data.slice(0, size),
      shapes.length ? shapes.splice(0) : NO_SHAPES,
      sections.length ? sections.splice(0) : NO_SECTION_LISTS,
      table,
      this.problems.finish(),
      contentEnd,
      identify(text, fields),
      this.firstStart,
      this.firstEnd,
      where.clean === undefined ? mayHaveSuspectCharacters(text, 0) : !where.clean,
    );
  }

  /** Lets go of the record just parsed, so the parser pins nothing while it waits. */
  clear(): void {
    this.text = '';
    this.breaks.reset('');
    if (this.fields.length) this.fields.length = 0;
    if (this.pooled > 256) this.pool = [];
    this.pooled = 0;
    if (this.fieldStack.length) this.fieldStack.length = 0;
    this.inline.clear();
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

  /** A wrong name on a closing tag is the opening's wrong name again, or a mismatch. */
  private checkClosingName(start: number, s: TagShape, def: TagDef | undefined, open: TagShape): void {
    const right = def?.name ?? open.name;
    if (!s.name || s.name === right || s.nameMissing) return;
    // Another field's name, or the opening's own wrong name again: the name is wrong.
    if (def && (s.name === open.name || this.ctx.table.codeOfName(s.name))) this.wrongName(start, s, def);
    else this.problems.add('mismatched-closing-tag', start, start + s.length, { tag: this.tagText(start, s), expected: formatTag(s.code, right, true) });
  }

  private wrongName(start: number, s: TagShape, def: TagDef): void {
    const other = this.ctx.table.codeOfName(s.name);
    const nameEnd = start + s.length - (s.terminated ? 1 : 0);
    this.problems.add('wrong-field-name', nameEnd - s.name.length, nameEnd, {
      field: def.code,
      name: def.name,
      written: detach(s.name),
      other: other && other !== def.code ? other : '',
    });
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

  private onTag(start: number, read: TagShape, lineStart: number, lineEnd: number): void {
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
      this.checkClosingName(start, s, def, inline.shape(entry));
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
      this.checkClosingName(start, s, def, fieldStack[i].open);
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

/** The values that identify a record, copied so the record never pins the document's text. */
function identify(text: string, fields: readonly OpenField[]): RecordIdentity | undefined {
  let rqField: OpenField | undefined;
  let zqField: OpenField | undefined;
  let bhField: OpenField | undefined;
  let thField: OpenField | undefined;
  for (const f of fields) {
    if (f.code === 'RQ') rqField ??= f;
    else if (f.code === 'ZQ') zqField ??= f;
    else if (f.code === 'BH') bhField ??= f;
    else if (f.code === 'TH') thField ??= f;
  }
  if (!rqField) return undefined;
  const rq = trimmedValue(text, rqField);
  if (rq.length !== 8 || !isDigits(rq)) return undefined;
  const zq = zqField ? trimmedValue(text, zqField) : '';
  const zqOk = zq.length > 0 && isDigits(zq);
  const at = zqOk ? zqField! : rqField;
  return {
    rq,
    bh: bhField ? trimmedValue(text, bhField) : '',
    th: thField ? trimmedValue(text, thField) : '',
    zq: zqOk ? zq : '',
    zqStart: at.valueStart,
    zqEnd: at.valueEnd,
    start: fields[0].openStart,
    end: fields[0].valueStart,
  };
}

/**
 * A field's value as `String.prototype.trim` leaves it, detached. Consecutive records mostly
 * share their date and page: a value equal to the last one of its field is that string again.
 */
function trimmedValue(text: string, f: OpenField): string {
  let s = f.valueStart;
  let e = f.valueEnd;
  while (s < e && isTrimmed(text.charCodeAt(s))) s++;
  while (e > s && isTrimmed(text.charCodeAt(e - 1))) e--;
  const slot = f.code === 'RQ' ? 0 : f.code === 'BH' ? 1 : f.code === 'TH' ? 2 : 3;
  const last = lastValues[slot];
  if (last.length === e - s && e - s <= 24 && isAt(text, s, last)) return last;
  return (lastValues[slot] = detach(text.slice(s, e), 24));
}
const lastValues = ['', '', '', ''];

function isAt(text: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** What `trim` removes: ECMAScript's white space and line terminators. */
const isTrimmed = (c: number) =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** Only ASCII digits (what `\d` matches without the `u` flag). */
function isDigits(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Header fields, and fields the tag table does not know, hold one line. */
const isOneLine = (f: OpenField) => f.def === undefined || f.def.placement === 'header';
