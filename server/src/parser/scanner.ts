// Reads one `〖…〗` tag, however broken. Real corpora lose `〗`, swap `/` for `；` or `;` and
// lower-case codes; the scanner still says which tag was meant, so the parser can keep the
// record's structure and report the one defect instead of a cascade.

import type { TagDef, TagTable } from '../tags/tagTable';
import type { Tag, TagFault } from '../types';
import { isAsciiLetter, isAsciiUpper, isSpace } from '../text/chars';

export const OPEN = '〖';

/**
 * The line [p, lineEnd) is one tag, `〖` at p to its `〗`, and blanks after it: what opens a
 * block inside 正文. The record splitter and the record parser both ask it, so they agree on
 * where a block begins.
 */
export function holdsOnlyTag(text: string, p: number, lineEnd: number): boolean {
  let q = p + 1;
  for (; q < lineEnd; q++) {
    const c = text.charCodeAt(q);
    if (c === 0x3017) break;
    if (c === 0x3016) return false;
  }
  if (q === lineEnd) return false;
  for (q++; q < lineEnd; q++) if (!isSpace(text.charCodeAt(q))) return false;
  return true;
}

/** The separator at char code `c` (`/`, or one seen in its place in real files) as one constant string. */
function separatorAt(c: number): string | undefined {
  switch (c) {
    case 0x2f:
      return '/';
    case 0xff1b:
      return '；';
    case 0x3b:
      return ';';
    case 0xff1a:
      return '：';
    case 0x3a:
      return ':';
    case 0xff0f:
      return '／';
    case 0xff0c:
      return '，';
    case 0x2c:
      return ',';
    case 0x3001:
      return '、';
    case 0x5c:
      return '\\';
    case 0x7c:
      return '|';
    default:
      return undefined;
  }
}
const MAX_CODE = 8;

const isCodeChar = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

// Faults as bits, in the order the scanner finds them (at most one of each group), so that a
// set of faults is one shared, frozen list: tags written alike then compare by identity.
const FAULT_ORDER: readonly TagFault[] = [
  'code-missing',
  'code-odd',
  'code-lowercase',
  'separator-missing',
  'separator-wrong',
  'bracket-missing',
  'name-missing',
  'dash-missing',
];
const FAULT_BIT = new Map<TagFault, number>(FAULT_ORDER.map((f, i) => [f, 1 << i]));
const FAULT_LISTS: Array<TagFault[] | undefined> = [];
const CODE_MISSING = 1;
const CODE_ODD = 2;
const CODE_LOWERCASE = 4;
const SEPARATOR_MISSING = 8;
const SEPARATOR_WRONG = 16;
const BRACKET_MISSING = 32;
const NAME_MISSING = 64;

function faultList(bits: number): TagFault[] {
  let list = FAULT_LISTS[bits];
  if (!list) {
    list = Object.freeze(FAULT_ORDER.filter((f) => bits & FAULT_BIT.get(f)!)) as TagFault[];
    FAULT_LISTS[bits] = list;
  }
  return list;
}

/** The tag's faults with one more (the shared list for that set). */
function withFault(faults: readonly TagFault[], fault: TagFault): TagFault[] {
  let bits = FAULT_BIT.get(fault)!;
  for (const f of faults) bits |= FAULT_BIT.get(f)!;
  return faultList(bits);
}

/**
 * Reads the tag whose `〖` is at `pos`, never past `lineEnd` (a tag never spans lines).
 * Always consumes at least the `〖`.
 */
export function readTag(text: string, pos: number, lineEnd: number, table: TagTable): Tag {
  const shape = readShape(text, pos, lineEnd, table);
  return shape.at(pos, pos + shape.length);
}

/**
 * The shape of the tag whose `〖` is at `pos` (it ends at `pos + shape.length`). The parser
 * reads every tag of a file this way, allocating nothing for a tag written as it should be.
 */
export function readShape(text: string, pos: number, lineEnd: number, table: TagTable): TagShape {
  // A `〖` with nothing after it on the line, or another `〖` (a line of them is all this).
  if (pos + 1 === lineEnd || (text.charCodeAt(pos + 1) === 0x3016 && !startsAName(0x3016, table))) return LONE_OPEN;
  let faults = 0;
  let p = pos + 1;
  const closing = p < lineEnd && text.charCodeAt(p) === 0x2d; // '-'
  if (closing) p++;

  const codeStart = p;
  const plain = readWellFormed(text, codeStart, lineEnd, table, closing);
  if (plain !== undefined) return plain;
  while (p < lineEnd && p - codeStart < MAX_CODE && isCodeChar(text.charCodeAt(p))) p++;
  let def: TagDef | undefined;
  let rawCode: string;
  let code: string;
  const c1 = text.charCodeAt(codeStart);
  const c2 = text.charCodeAt(codeStart + 1);
  if (p - codeStart === 2 && isAsciiLetter(c1) && isAsciiLetter(c2)) {
    def = table.getByChars(c1, c2);
    const upper = isAsciiUpper(c1) && isAsciiUpper(c2);
    rawCode = def && upper ? def.code : text.slice(codeStart, p);
    code = def ? def.code : rawCode.toUpperCase();
    if (!upper) faults |= CODE_LOWERCASE;
  } else if (p === codeStart) {
    rawCode = code = '';
    faults |= CODE_MISSING;
  } else {
    rawCode = text.slice(codeStart, p);
    code = rawCode.toUpperCase();
    faults |= CODE_ODD;
  }

  let separator = '';
  const sep = p < lineEnd ? separatorAt(text.charCodeAt(p)) : undefined;
  if (sep !== undefined) {
    separator = sep;
    p++;
    if (separator !== '/') faults |= SEPARATOR_WRONG;
  } else if (rawCode.length > 0) {
    faults |= SEPARATOR_MISSING;
  }

  const nameStart = p;
  // The name runs to the `〗`, or to the next `〖` or the line's end when the `〗` was lost.
  let q = p;
  while (q < lineEnd) {
    const c = text.charCodeAt(q);
    if (c === 0x3017 || c === 0x3016) break;
    q++;
  }
  let name: string;
  let terminated: boolean;
  if (q < lineEnd && text.charCodeAt(q) === 0x3017) {
    name = def && isAt(text, nameStart, q, def.name) ? def.name : text.slice(nameStart, q);
    terminated = true;
  } else {
    // The `〗` was lost: the name is the one the code should carry, or another known name.
    // Anything else is the value: the reader cannot tell a name from the article's words,
    // so it takes none of them (a fix then inserts the name rather than replacing text).
    terminated = false;
    faults |= BRACKET_MISSING;
    name = nameStart === lineEnd ? '' : recoverName(text, nameStart, lineEnd, def?.name, table);
  }
  if (name.length === 0 && rawCode.length > 0) faults |= NAME_MISSING;
  if (!def && faults & (CODE_ODD | CODE_MISSING) && name.length > 0) {
    // 〖RQQ/日期〗 or 〖/日期〗: the name says which field was meant.
    const meant = table.codeOfName(name);
    if (meant) {
      def = table.get(meant);
      code = meant;
    }
  }

  const faultsList = faults === 0 ? NO_FAULTS : faultList(faults);
  const wellFormed = faults === 0 && def !== undefined && name === def.name;
  return wellFormed ? wellFormedShape(def!, closing) : shapeOf(closing, code, rawCode, name, separator, terminated, def, faultsList);
}

/**
 * A tag as written, without where it stands: tags written alike (every 〖RQ/日期〗, every
 * `〖JZ；` of a broken line) share one, so a tag in the parse is its offsets and its shape.
 */
export class TagShape {
  /** How many characters the tag takes. */
  readonly length: number;
  /** The code could not be read (odd or missing): asked of every tag, so answered once. */
  readonly codeUnread: boolean;
  readonly nameMissing: boolean;

  constructor(
    readonly closing: boolean,
    readonly code: string,
    readonly rawCode: string,
    readonly name: string,
    readonly separator: string,
    readonly terminated: boolean,
    readonly def: TagDef | undefined,
    readonly faults: readonly TagFault[],
    /** For a well-formed tag, its place in the table of such shapes (see wellFormedSlot); else -1. */
    readonly slot = -1,
  ) {
    const dash = closing && !faults.includes('dash-missing') ? 1 : 0;
    this.length = 1 + dash + rawCode.length + separator.length + name.length + (terminated ? 1 : 0);
    this.codeUnread = faults.includes('code-odd') || faults.includes('code-missing');
    this.nameMissing = faults.includes('name-missing');
  }

  /** The tag's text: its parts are what the scanner read, so they spell it out again. */
  text(): string {
    const dash = this.closing && !this.faults.includes('dash-missing') ? '-' : '';
    return `〖${dash}${this.rawCode}${this.separator}${this.name}${this.terminated ? '〗' : ''}`;
  }

  /**
   * The tag, standing at [start, end), as the features read it: a plain object with every
   * property, made only when a feature asks for tags (the parser works with shapes).
   */
  at(start: number, end: number): Tag {
    const nameEnd = end - (this.terminated ? 1 : 0);
    const nameStart = nameEnd - this.name.length;
    return {
      start,
      end,
      closing: this.closing,
      code: this.code,
      rawCode: this.rawCode,
      name: this.name,
      nameStart,
      nameEnd,
      separator: this.separator,
      separatorStart: nameStart - this.separator.length,
      terminated: this.terminated,
      def: this.def,
      faults: this.faults as TagFault[],
    };
  }
}

// Well-formed tags have one shape per code and direction, found by the code's letters.
export const WELL_FORMED_SLOTS = 2048;
const wellFormedShapes: Array<TagShape | undefined> = new Array(WELL_FORMED_SLOTS).fill(undefined);
const wellFormedSlot = (def: TagDef, closing: boolean) => (((def.code.charCodeAt(0) & 0x1f) << 5) | (def.code.charCodeAt(1) & 0x1f)) * 2 + (closing ? 1 : 0);
function wellFormedShape(def: TagDef, closing: boolean, slot = wellFormedSlot(def, closing)): TagShape {
  let shape = wellFormedShapes[slot];
  if (shape === undefined || shape.def !== def) wellFormedShapes[slot] = shape = new TagShape(closing, def.code, def.code, def.name, '/', true, def, NO_FAULTS, slot);
  return shape;
}

/**
 * A number for a tag's shape, kept in a record's compact fields: a well-formed tag's is its
 * slot (below WELL_FORMED_SLOTS), another's is WELL_FORMED_SLOTS + its index in `local`,
 * where it is added the first time (`index` finds it again).
 */
export function shapeRef(shape: TagShape, local: TagShape[], index: Map<TagShape, number>): number {
  if (shape.slot >= 0) return shape.slot;
  let k = index.get(shape);
  if (k === undefined) {
    k = local.push(shape) - 1;
    index.set(shape, k);
  }
  return WELL_FORMED_SLOTS + k;
}

/** The shape a number from shapeRef stands for; a well-formed one is looked up in `table`. */
export function shapeOfRef(ref: number, local: readonly TagShape[], table: TagTable): TagShape {
  if (ref >= WELL_FORMED_SLOTS) return local[ref - WELL_FORMED_SLOTS];
  const def = table.getByChars(0x40 | ((ref >> 6) & 0x1f), 0x40 | ((ref >> 1) & 0x1f))!;
  // The number is the shape's slot: every field of a record is read through here.
  const shape = wellFormedShapes[ref];
  return shape !== undefined && shape.def === def ? shape : wellFormedShape(def, (ref & 1) === 1, ref);
}

// Other shapes are found in a small direct-mapped cache: a broken line repeats a few of them;
// a miss only costs a new shape.
const SHAPE_SLOTS = 64;
const shapeCache: Array<TagShape | undefined> = new Array(SHAPE_SLOTS).fill(undefined);

function shapeOf(
  closing: boolean,
  code: string,
  rawCode: string,
  name: string,
  separator: string,
  terminated: boolean,
  def: TagDef | undefined,
  faults: readonly TagFault[],
): TagShape {
  const h =
    (rawCode.length * 7 + name.length * 3 + (rawCode.charCodeAt(0) | 0) + (separator.charCodeAt(0) | 0) + (closing ? 1 : 0) + (terminated ? 2 : 0) + faults.length * 5) &
    (SHAPE_SLOTS - 1);
  const s = shapeCache[h];
  if (
    s !== undefined &&
    s.def === def &&
    s.closing === closing &&
    s.terminated === terminated &&
    s.faults === faults &&
    s.code === code &&
    s.rawCode === rawCode &&
    s.name === name &&
    s.separator === separator
  )
    return s;
  // A long name is a slice of the document's text: copied, so the cache never pins a document.
  const kept = name.length > 12 ? (' ' + name).slice(1) : name;
  return (shapeCache[h] = new TagShape(closing, code, rawCode, kept, separator, terminated, def, faults));
}

/**
 * A `〖` followed by another or by the line's end: no code, no name, no `〗`. A `〖` before
 * another is this whenever no known name starts with `〖`.
 */
export const LONE_OPEN = new TagShape(false, '', '', '', '', false, undefined, faultList(CODE_MISSING | BRACKET_MISSING));

/** The tag read as a closing tag whose `-` was lost. */
export function asClosingTag(s: TagShape): TagShape {
  return shapeOf(true, s.code, s.rawCode, s.name, s.separator, s.terminated, s.def, withFault(s.faults, 'dash-missing'));
}

/**
 * A tag written as it should be (`〖RQ/日期〗`): two capitals of a known code, `/`, the code's
 * name, `〗`. It is read straight through, as the general reading would read it; anything
 * else is left to that.
 */
function readWellFormed(text: string, codeStart: number, lineEnd: number, table: TagTable, closing: boolean): TagShape | undefined {
  const c1 = text.charCodeAt(codeStart);
  const c2 = text.charCodeAt(codeStart + 1);
  if (!isAsciiUpper(c1) || !isAsciiUpper(c2) || codeStart + 2 >= lineEnd || text.charCodeAt(codeStart + 2) !== 0x2f) return undefined;
  const def = table.getByChars(c1, c2);
  if (def === undefined) return undefined;
  const name = def.name;
  const nameStart = codeStart + 3;
  const close = nameStart + name.length;
  if (close >= lineEnd || text.charCodeAt(close) !== 0x3017) return undefined;
  for (let k = 0; k < name.length; k++) {
    const c = text.charCodeAt(nameStart + k);
    // A name holding a bracket would end the general reading there.
    if (c !== name.charCodeAt(k) || c === 0x3017 || c === 0x3016) return undefined;
  }
  return wellFormedShape(def, closing, (((c1 & 0x1f) << 5) | (c2 & 0x1f)) * 2 + (closing ? 1 : 0));
}

/** Is `text[start, end)` exactly `s`? Compared by char codes: names are two or three characters. */
function isAt(text: string, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(start + k) !== s.charCodeAt(k)) return false;
  return true;
}

const NO_FAULTS: TagFault[] = faultList(0);

// The first characters of the known names, per table: most text after a lost `〗` starts
// with none of them, and is then no name without comparing it with each.
const firstChars = new WeakMap<readonly string[], Uint8Array>();
let lastNames: readonly string[] | undefined;
let lastFirst: Uint8Array | undefined;

function startsAName(c: number, table: TagTable): boolean {
  const names = table.namesLongestFirst();
  let first = names === lastNames ? lastFirst : firstChars.get(names);
  if (!first) {
    first = new Uint8Array(0x10000);
    for (const n of names) first[n.charCodeAt(0)] = 1;
    firstChars.set(names, first);
  }
  lastNames = names;
  lastFirst = first;
  return first[c] === 1;
}

function recoverName(text: string, start: number, lineEnd: number, expected: string | undefined, table: TagTable): string {
  if (expected && text.startsWith(expected, start) && start + expected.length <= lineEnd) return expected;
  if (!startsAName(text.charCodeAt(start), table)) return '';
  const names = table.namesLongestFirst();
  for (const name of names) {
    if (text.startsWith(name, start) && start + name.length <= lineEnd) return name;
  }
  return '';
}
