// Checks of field values: dates, numbers, classification codes, empty values, and the
// characters a broken decode leaves behind. Each check pushes Problems with offsets
// relative to the record, so they travel with it.

import type { DiagnosticCode } from '../diagnostics/catalogue';
import type { ProblemSink } from '../parser/problems';
import type { TagDef } from '../tags/tagTable';
import { isInvisible, isSpace } from '../text/chars';

export interface ValueLimits {
  earliestDate: string;
  latestDate: string;
}

/** Strings kept in problems are copied so that they never pin a whole document in memory. */
export function detach(s: string, max = 40): string {
  const cut = s.length > max ? s.slice(0, max - 1) + '…' : s;
  return (' ' + cut).slice(1);
}

const fieldArgs = (def: TagDef) => ({ field: def.code, name: def.name });

/** Fields whose empty value is worth a warning; others (引题, 副题…) are often empty on purpose. */
const MUST_HAVE_VALUE = new Set(['BT', 'ZW']);

/** `fieldStart`/`fieldEnd` span the whole field, tags included: where an empty value is shown. */
export function checkValue(
  def: TagDef,
  text: string,
  start: number,
  end: number,
  limits: ValueLimits,
  out: ProblemSink,
  fieldStart = start,
  fieldEnd = end,
): void {
  // Trim to the value proper, so ranges land on what the user wrote.
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  // Free text (a body can be long) is only read when it might be empty.
  if (def.value === 'text' && s < e && text.charCodeAt(s) !== 0x3016) return;
  const mustHaveValue = MUST_HAVE_VALUE.has(def.code) || def.value === 'date' || def.value === 'integer' || def.value === 'digits';
  if (def.value === 'text' && s < e && !mustHaveValue) return;
  const value = text.slice(s, e);

  if (value.length === 0 || (mayBeBlank(value.charCodeAt(0)) && isOnlyStandaloneTags(value))) {
    // An empty value has no range of its own: show the whole field.
    if (mustHaveValue) report(out, def, 'empty-value', fieldStart, fieldEnd, {});
    return;
  }
  switch (def.value) {
    case 'date': {
      const problem = dateProblem(value, limits);
      if (problem) report(out, def, problem.code, s, e, problem.args);
      break;
    }
    case 'integer':
    case 'digits':
      if (!isDigits(value)) report(out, def, 'invalid-number', s, e, { value: detach(value), kind: def.value });
      else if (isZeros(value)) report(out, def, 'zero-number', s, e, { value });
      break;
    case 'classification':
      if (!isClassification(value)) report(out, def, 'invalid-classification', s, e, { value: detach(value) });
      break;
    case 'text':
      break;
  }
}

function report(out: ProblemSink, def: TagDef, code: DiagnosticCode, start: number, end: number, args: Record<string, string>): void {
  out.push({ code, start, end, args: { ...fieldArgs(def), ...args } });
}

/** `[0-9]+`, without a regular expression: every number field of every record is read. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isZeros(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== 0x30) return false;
  return s.length > 0;
}

/**
 * Could a value starting with `c` be only blanks and 〖HH/换行〗 (as isOnlyStandaloneTags
 * asks)? Not when it starts with a digit, a Latin letter or a CJK ideograph, as nearly
 * every value does: those are neither `\s` nor `〖`.
 */
const mayBeBlank = (c: number) => !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff));

/** What is wrong with a date value, if anything. */
function dateProblem(value: string, limits: ValueLimits): { code: DiagnosticCode; args: Record<string, string> } | undefined {
  if (value.length !== 8 || !isDigits(value)) return { code: 'invalid-date', args: { value: detach(value), reason: 'format' } };
  if (!isRealDay(value)) return { code: 'invalid-date', args: { value, reason: 'day' } };
  if (value < limits.earliestDate) return { code: 'date-out-of-range', args: { value, reason: 'early', limit: formatDate(limits.earliestDate) } };
  if (value > limits.latestDate) return { code: 'date-out-of-range', args: { value, reason: 'late', limit: formatDate(limits.latestDate) } };
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDay(yyyymmdd: string): boolean {
  let y: number;
  let m: number;
  let d: number;
  if (yyyymmdd.length === 8 && isDigits(yyyymmdd)) {
    // Every RQ of a file comes here: its digits are read without slicing.
    const at = (k: number) => yyyymmdd.charCodeAt(k) - 0x30;
    y = at(0) * 1000 + at(1) * 100 + at(2) * 10 + at(3);
    m = at(4) * 10 + at(5);
    d = at(6) * 10 + at(7);
  } else {
    y = Number(yyyymmdd.slice(0, 4));
    m = Number(yyyymmdd.slice(4, 6));
    d = Number(yyyymmdd.slice(6, 8));
  }
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  return d <= days;
}

/** `20130908` → `2013-09-08`. */
export function formatDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export function todayYYYYMMDD(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getFullYear(), 4)}${p(now.getMonth() + 1)}${p(now.getDate())}`;
}

/**
 * Reads dates written another way (`1993-07-13`, `1993.7.13`, `1993年7月13日`) as YYYYMMDD,
 * for the quick fix; undefined when the text is not such a date.
 */
export function normalizeDate(value: string): string | undefined {
  const m = /^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$/.exec(value);
  if (!m) return undefined;
  const out = `${m[1]}${m[2].padStart(2, '0')}${m[3].padStart(2, '0')}`;
  return isRealDay(out) ? out : undefined;
}

// 中图法 main classes: A–K, N–V, X, Z (there are no L, M, W, Y). A code is the class letter,
// a second letter for T's subclasses and the like, digits with optional `.digits`, and the
// auxiliary-table suffixes `-53`, `=6`, `(2)`. Several codes may stand in one field.
// PLA Daily (解放军报) files subdivide E (军事) with a second letter of their own: `EI279.21`,
// `EK224.1`, `EQ85`, `EZ`; older ones write that letter lowercase, always followed by
// digits (`Ej94`, `Ei276`), so a lowercase second letter is accepted only there. Plain
// `D8152` is a class letter and digits. Still rejected: a lowercase class letter (`d822`),
// a lowercase letter with no digits after it (`Ej`), three letters, letters after digits.
const CLASSIFICATION = /^[A-KN-VXZ](?:[A-Z]|[a-z](?=\d))?(?:\d+(?:\.\d+)*)?(?:-\d+(?:\.\d+)*|=\d+(?:\.\d+)*|\(\d+(?:\.\d+)*\))*$/;

export function isClassification(value: string): boolean {
  return value.split(/[;；,，、\s]+/).every((part) => part.length === 0 || CLASSIFICATION.test(part));
}

function isOnlyStandaloneTags(value: string): boolean {
  return /^(?:\s|〖HH[/／;；]换行〗)*$/.test(value);
}

/** Re-exported: the values' checks and the parser trim by the same idea of a space. */
export { isSpace } from '../text/chars';

// Suspicious characters: zero-width and invisible controls, bidi overrides, the BOM inside
// text, and U+FFFD. Mojibake: GB2312/GBK (or UTF-8) bytes read as Latin-1 or Windows-1252
// come out as runs of Latin-1 letters (`ÖÐ»ª`, `ä¸­å›½`). Chinese text itself uses few of
// these (· × ° é), so a run of three with two accented letters is a reliable sign.

const CHARACTER_NAMES: Record<number, [string, string]> = {
  0x200b: ['ZERO WIDTH SPACE', '零宽空格'],
  0x200c: ['ZERO WIDTH NON-JOINER', '零宽不连字'],
  0x200d: ['ZERO WIDTH JOINER', '零宽连字'],
  0x200e: ['LEFT-TO-RIGHT MARK', '左至右标记'],
  0x200f: ['RIGHT-TO-LEFT MARK', '右至左标记'],
  0x2060: ['WORD JOINER', '连词符'],
  0xfeff: ['ZERO WIDTH NO-BREAK SPACE (BOM)', '零宽不换行空格（BOM）'],
  0xfffd: ['REPLACEMENT CHARACTER', '替换字符'],
};

function describeCharacter(c: number): Record<string, string> {
  const names = CHARACTER_NAMES[c];
  return { character: 'U+' + c.toString(16).toUpperCase().padStart(4, '0'), characterEn: names?.[0] ?? '', characterZh: names?.[1] ?? '' };
}

// A value full of one invisible character gives as many problems with the same arguments:
// they are made once per field and character.
const suspiciousArgs = new WeakMap<TagDef, Map<number, Readonly<Record<string, string>>>>();
function suspiciousArgsOf(def: TagDef, c: number): Readonly<Record<string, string>> {
  let byChar = suspiciousArgs.get(def);
  if (!byChar) suspiciousArgs.set(def, (byChar = new Map()));
  let args = byChar.get(c);
  if (!args) byChar.set(c, (args = { ...fieldArgs(def), ...describeCharacter(c) }));
  return args;
}

/**
 * What starts suspect text: an invisible character, or an accented Latin-1 letter. Both are
 * rare in Chinese text, so one class scan finds them fast; the run around a hit is then
 * measured by hand (the wider Latin-1 class includes “” and —, which Chinese text is full of).
 */
const SUSPECT_START = /[\u00C0-\u00FF\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\uFFFD]/g;
const isAccented = (c: number) => c >= 0xc0 && c <= 0xff;
const WINDOWS_1252 = new Set([0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122]);
const isLatinJunk = (c: number) => (c >= 0x80 && c <= 0xff) || (c >= 0x152 && c <= 0x2122 && WINDOWS_1252.has(c));

/**
 * Scans a record's text once for suspicious characters and mojibake, and reports those that
 * fall inside a field's value. `fieldAt` finds the field of an offset; `skipAt` is the offset
 * of a BOM that belongs to the file, not to a value.
 */
export function checkCharacters(text: string, fieldAt: (offset: number) => TagDef | undefined, out: ProblemSink, skipAt = -1): void {
  new CharacterScan(text, out, skipAt).range(0, text.length, undefined, fieldAt);
}

/**
 * The same report for values given as [start, end) pairs in `ranges` (in order, not
 * overlapping), `defs[k]` the field of pair k: only the values are scanned.
 */
export function checkValueCharacters(text: string, ranges: readonly number[], defs: readonly TagDef[], out: ProblemSink, skipAt = -1): void {
  const scan = new CharacterScan(text, out, skipAt);
  for (let k = 0; k < defs.length; k++) scan.range(ranges[2 * k], ranges[2 * k + 1], defs[k], undefined);
}

/**
 * checkValueCharacters for values where no suspect character starts a run: then nothing can
 * be reported (a run is reported only where it starts, and it starts at such a character).
 * Most records are so, and are then checked by one class scan and nothing else.
 */
export function mayHaveSuspectCharacters(text: string, from: number): boolean {
  SUSPECT_START.lastIndex = from;
  return SUSPECT_START.test(text);
}

/** Where the first character in [from, to) that may start suspect text stands; -1 if none. */
export function nextSuspectCharacter(text: string, from: number, to: number): number {
  SUSPECT_START.lastIndex = 0;
  return SUSPECT_START.test(text.slice(from, to)) ? from + SUSPECT_START.lastIndex - 1 : -1;
}

/**
 * Suspect text comes in runs: a run of invisible characters, or a run of Latin-1 junk with
 * accented letters in it (mojibake when it holds three characters and two letters). A run is
 * reported when it starts inside a value, for that value's field; a run measures to its end
 * wherever that is. Ranges are scanned in order and `done` carries where the last run ended,
 * so that a run is measured once even where it crosses from one range into the next.
 */
class CharacterScan {
  /** Characters before this are measured. */
  private done = 0;
  /** The next run start the class scan found at or after some earlier position; -1: none left. */
  private hit = -2;

  constructor(
    private readonly text: string,
    private readonly out: ProblemSink,
    private readonly skipAt: number,
  ) {}

  range(from: number, to: number, def: TagDef | undefined, fieldAt: ((offset: number) => TagDef | undefined) | undefined): void {
    const text = this.text;
    const length = text.length;
    let p = this.done > from ? this.done : from;
    if (p === from && from > 0) {
      // A run that began before the range (outside every value) is not the range's to report.
      const before = text.charCodeAt(from - 1);
      const first = text.charCodeAt(from);
      if (isLatinJunk(before) && isLatinJunk(first)) while (p < length && isLatinJunk(text.charCodeAt(p))) p++;
      else if (isInvisible(before) && isInvisible(first)) while (p < length && isInvisible(text.charCodeAt(p))) p++;
    }
    while (p < to) {
      let at = this.hit;
      if (at !== -1 && at < p) {
        SUSPECT_START.lastIndex = p;
        const m = SUSPECT_START.exec(text);
        at = this.hit = m ? m.index : -1;
      }
      if (at === -1 || at >= to) break;
      const c = text.charCodeAt(at);
      let end = at + 1;
      if (isInvisible(c)) {
        while (end < length && isInvisible(text.charCodeAt(end))) end++;
        p = end;
        const d = fieldAt ? fieldAt(at) : def;
        if (!d || (at === this.skipAt && end === at + 1)) continue;
        this.out.push({ code: 'suspicious-character', start: at, end, args: suspiciousArgsOf(d, c) });
        continue;
      }
      // The run's characters before the hit are junk but no letters; none lies before `p`.
      let start = at;
      while (start > p && isLatinJunk(text.charCodeAt(start - 1))) start--;
      p = this.mojibake(start, def, fieldAt);
    }
    if (p > this.done) this.done = p;
    // A run that starts in the range may hold its first accented letter only after the range's end.
    if (this.done < to && to < length && isLatinJunk(text.charCodeAt(to - 1)) && isLatinJunk(text.charCodeAt(to))) {
      let start = to - 1;
      while (start > this.done && isLatinJunk(text.charCodeAt(start - 1))) start--;
      this.done = this.mojibake(start, def, fieldAt);
    }
  }

  /** Measures the junk run at `start`, reports it if it is mojibake; returns its end. */
  private mojibake(start: number, def: TagDef | undefined, fieldAt: ((offset: number) => TagDef | undefined) | undefined): number {
    const text = this.text;
    let letters = 0;
    let end = start;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (!isLatinJunk(c)) break;
      if (isAccented(c)) letters++;
    }
    if (end - start < 3 || letters < 2) return end;
    const d = fieldAt ? fieldAt(start) : def;
    if (d) this.out.push({ code: 'mojibake', start, end, args: { ...fieldArgs(d), value: detach(text.slice(start, end)) } });
    return end;
  }
}
