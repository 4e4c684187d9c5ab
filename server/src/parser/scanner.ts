// Reads one `〖…〗` tag, however broken. Real corpora lose `〗`, swap `/` for `；` or `;` and
// lower-case codes; the scanner still says which tag was meant, so the parser can keep the
// record's structure and report the one defect instead of a cascade.

import type { TagDef, TagTable } from '../tags/tagTable';
import type { Tag, TagFault } from '../types';
import { afterBreak, LineBreaks } from './lines';

export const OPEN = '〖';
export const CLOSE = '〗';

/** Separators seen in place of `/` in real files, by char code: each is read as its one constant string. */
const SEPARATORS = new Map<number, string>(['/', '；', ';', '：', ':', '／', '，', ',', '、', '\\', '|'].map((s) => [s.charCodeAt(0), s]));
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
export function withFault(faults: readonly TagFault[], fault: TagFault): TagFault[] {
  let bits = FAULT_BIT.get(fault)!;
  for (const f of faults) bits |= FAULT_BIT.get(f)!;
  return faultList(bits);
}

/**
 * Reads the tag whose `〖` is at `pos`, never past `lineEnd` (a tag never spans lines).
 * Always consumes at least the `〖`.
 */
export function readTag(text: string, pos: number, lineEnd: number, table: TagTable): Tag {
  // Most tags are well formed: they are read without allocating beyond the Tag itself.
  let faults = 0;
  let p = pos + 1;
  const closing = p < lineEnd && text.charCodeAt(p) === 0x2d; // '-'
  if (closing) p++;

  const codeStart = p;
  while (p < lineEnd && p - codeStart < MAX_CODE && isCodeChar(text.charCodeAt(p))) p++;
  let def: TagDef | undefined;
  let rawCode: string;
  let code: string;
  const c1 = text.charCodeAt(codeStart);
  const c2 = text.charCodeAt(codeStart + 1);
  if (p - codeStart === 2 && isLetter(c1) && isLetter(c2)) {
    def = table.getByChars(c1, c2);
    const upper = isUpper(c1) && isUpper(c2);
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

  const separatorStart = p;
  let separator = '';
  const sep = p < lineEnd ? SEPARATORS.get(text.charCodeAt(p)) : undefined;
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
  let end: number;
  let terminated: boolean;
  if (q < lineEnd && text.charCodeAt(q) === 0x3017) {
    name = def && isAt(text, nameStart, q, def.name) ? def.name : text.slice(nameStart, q);
    end = q + 1;
    terminated = true;
  } else {
    // The `〗` was lost: the name is the one the code should carry, or another known name.
    // Anything else is the value: the reader cannot tell a name from the article's words,
    // so it takes none of them (a fix then inserts the name rather than replacing text).
    terminated = false;
    faults |= BRACKET_MISSING;
    name = nameStart === lineEnd ? '' : recoverName(text, nameStart, lineEnd, def?.name, table);
    end = nameStart + name.length;
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

  return {
    start: pos,
    end,
    closing,
    code,
    rawCode,
    name,
    nameStart,
    nameEnd: nameStart + name.length,
    separator,
    separatorStart,
    terminated,
    def,
    faults: faults === 0 ? NO_FAULTS : faultList(faults),
  };
}

/** Is `text[start, end)` exactly `s`? Compared by char codes: names are two or three characters. */
function isAt(text: string, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(start + k) !== s.charCodeAt(k)) return false;
  return true;
}

const NO_FAULTS: TagFault[] = faultList(0);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;

// The first characters of the known names, per table: most text after a lost `〗` starts
// with none of them, and is then no name without comparing it with each.
const firstChars = new WeakMap<readonly string[], Set<number>>();

function recoverName(text: string, start: number, lineEnd: number, expected: string | undefined, table: TagTable): string {
  if (expected && text.startsWith(expected, start) && start + expected.length <= lineEnd) return expected;
  const names = table.namesLongestFirst();
  let first = firstChars.get(names);
  if (!first) firstChars.set(names, (first = new Set(names.map((n) => n.charCodeAt(0)))));
  if (!first.has(text.charCodeAt(start))) return '';
  for (const name of names) {
    if (text.startsWith(name, start) && start + name.length <= lineEnd) return name;
  }
  return '';
}

export type Token =
  | { kind: 'tag'; tag: Tag }
  | { kind: 'text'; start: number; end: number }
  | { kind: 'newline'; start: number; end: number };

/** The tokens of a text, in order; a flat view of what the parser walks, for tools and tests. */
export function tokenize(text: string, table: TagTable): Token[] {
  const tokens: Token[] = [];
  const breaks = new LineBreaks(text);
  let lineStart = 0;
  let next = -2; // the next `〖` at or after pos, cached so lines without one cost nothing
  for (;;) {
    const contentEnd = breaks.breakAt(lineStart);
    let pos = lineStart;
    while (pos < contentEnd) {
      if (next !== -1 && next < pos) next = text.indexOf(OPEN, pos);
      const b = next;
      if (b === -1 || b >= contentEnd) {
        tokens.push({ kind: 'text', start: pos, end: contentEnd });
        break;
      }
      if (b > pos) tokens.push({ kind: 'text', start: pos, end: b });
      const tag = readTag(text, b, contentEnd, table);
      tokens.push({ kind: 'tag', tag });
      pos = tag.end;
    }
    if (contentEnd === text.length) break;
    lineStart = afterBreak(text, contentEnd);
    tokens.push({ kind: 'newline', start: contentEnd, end: lineStart });
  }
  return tokens;
}
