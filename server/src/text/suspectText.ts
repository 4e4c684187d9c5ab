// Suspect text: the characters a broken decode or a copy-paste leaves behind. Invisible
// ones (zero-width and invisible controls, bidi overrides, a BOM inside text, U+FFFD), and
// mojibake: GB2312/GBK (or UTF-8) bytes read as Latin-1 or Windows-1252 come out as runs of
// Latin-1 letters (`ÖÐ»ª`, `ä¸­å›½`). Chinese text itself uses few of these (· × ° é), so a
// run of three with two accented letters is a reliable sign. The rules that report them are
// rules/characters.ts and rules/mojibake.ts; this is the one scan both use.

import type { TagDef } from '../tags/tagTable';
import { isInvisible } from './chars';

/**
 * What starts suspect text: an invisible character, or an accented Latin-1 letter. Both are
 * rare in Chinese text, so one class scan finds them fast; the run around a hit is then
 * measured by hand (the wider Latin-1 class includes “” and —, which Chinese text is full of).
 */
const SUSPECT_START = /[\u00C0-\u00FF\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\uFFFD]/g;
const isAccented = (c: number) => c >= 0xc0 && c <= 0xff;
const WINDOWS_1252 = new Set([0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122]);
const isLatinJunk = (c: number) => (c >= 0x80 && c <= 0xff) || (c >= 0x152 && c <= 0x2122 && WINDOWS_1252.has(c));

/** Where the runs of suspect text go: invisible characters, and mojibake. */
export interface SuspectReport {
  invisible?(start: number, end: number, c: number, def: TagDef): void;
  mojibake?(start: number, end: number, def: TagDef): void;
}

/**
 * Scans a text once for suspicious characters and mojibake, and reports the runs that start
 * inside a field's value. `fieldAt` finds the field of an offset; `skipAt` is the offset of a
 * BOM that belongs to the file, not to a value.
 */
export function scanSuspectText(text: string, fieldAt: (offset: number) => TagDef | undefined, report: SuspectReport, skipAt = -1): void {
  new CharacterScan(text, report, skipAt).range(0, text.length, undefined, fieldAt);
}

/**
 * The same scan of values given as [start, end) pairs in `ranges` (in order, not
 * overlapping), `defs[k]` the field of pair k: only the values are scanned.
 */
export function scanSuspectValues(text: string, ranges: readonly number[], defs: readonly TagDef[], report: SuspectReport, skipAt = -1): void {
  const scan = new CharacterScan(text, report, skipAt);
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
    private readonly report: SuspectReport,
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
        this.report.invisible?.(at, end, c, d);
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
    if (d) this.report.mojibake?.(start, end, d);
    return end;
  }
}
