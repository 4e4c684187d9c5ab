// A document is a list of records. Records are found by a cheap scan of line starts, each is
// parsed on its own, and an edit re-parses only the records it touches: the records after it
// are reused as they are, only their start offsets and lines move.

import type { TagTable } from '../tags/tagTable';
import type { RecordNode } from '../types';
import { afterBreak, LineBreaks, LineTable } from './lines';
import { nextSuspectCharacter } from '../text/suspectText';
import { parseRecord, type ParseContext, type RecordPosition } from './recordParser';
import { isAsciiLetter, isIndent } from '../text/chars';
import { holdsOnlyTag } from './scanner';
import { lowerBound, upperBound } from '../text/search';

export interface CorpusDocument {
  /** The whole text. Joined from the records' texts on first use after an edit, then kept. */
  readonly text: string;
  /** The document's length in UTF-16 code units (known without joining the text). */
  readonly length: number;
  readonly records: readonly RecordNode[];
  /** Each record's own text: features read these, so an edit never copies the whole file. */
  readonly recordTexts: readonly string[];
  /** Offset of each record's first character. */
  readonly recordStarts: readonly number[];
  /** Line of each record's first line. */
  readonly recordLines: readonly number[];
  readonly context: ParseContext;
}

/** A replacement of `[start, end)` in the text as it is before this change. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export function makeDocument(
  text: string | undefined,
  recordTexts: string[],
  records: RecordNode[],
  recordStarts: number[],
  recordLines: number[],
  context: ParseContext,
): CorpusDocument {
  let joined = text;
  const last = recordStarts.length - 1;
  const length = last >= 0 ? recordStarts[last] + recordTexts[last].length : 0;
  return {
    get text() {
      return (joined ??= recordTexts.join(''));
    },
    length,
    records,
    recordTexts,
    recordStarts,
    recordLines,
    context,
  };
}

export function parseDocument(text: string, context: ParseContext): CorpusDocument {
  const table = new LineTable(text.length >> 5);
  const starts = findRecordStarts(text, 0, context, () => false, table);
  const texts = starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length));
  const where: RecordPosition = { first: false, followed: false, lines: linesOf(table, 0, starts.length) };
  const hints = new RecordHints(text);
  const records = texts.map((t, i) => {
    where.first = i === 0;
    where.followed = i + 1 < texts.length;
    hints.set(where, starts[i], starts[i] + t.length);
    linesOf(table, i, starts.length, where.lines);
    return parseRecord(t, context, where);
  });
  return makeDocument(text, texts, records, starts, lineTable(records, [], 0, 0), context);
}

/** Applies LSP-style changes in order, each against the text left by the previous one. */
export function updateDocument(doc: CorpusDocument, changes: readonly TextChange[]): CorpusDocument {
  let current = doc;
  for (const change of changes) current = applyChange(current, change);
  return current;
}

function applyChange(doc: CorpusDocument, change: TextChange): CorpusDocument {
  const oldStarts = doc.recordStarts;
  const count = oldStarts.length;
  if (count === 0) return parseDocument(change.text, doc.context);
  const start = Math.max(0, Math.min(change.start, doc.length));
  const end = Math.max(start, Math.min(change.end, doc.length));
  const delta = change.text.length - (end - start);

  // Re-scan from the record before the one the change begins in (whether a line starts a
  // record depends on the record before it), over a window of records that grows until the
  // new record starts line up with old ones again. Only the window's text is built.
  const hit = Math.max(0, upperBound(oldStarts, start) - 1);
  const from = Math.max(0, hit - 1);
  const base = oldStarts[from];
  let last = Math.min(count - 1, Math.max(hit, lowerBound(oldStarts, end))); // inclusive
  for (;;) {
    const reachesEnd = last === count - 1;
    const windowOld = doc.recordTexts.slice(from, last + 1).join('');
    const window = windowOld.slice(0, start - base) + change.text + windowOld.slice(end - base);
    const changedEnd = start - base + change.text.length;
    let resume = count;
    const table = new LineTable(window.length >> 5);
    const fresh = findRecordStarts(window, 0, doc.context, (w) => {
      if (w < changedEnd) return false;
      const p = base + w - delta;
      const j = lowerBound(oldStarts, p);
      // The old first record is parsed again when it is first no more (a BOM at its start
      // was the file's, and is now text).
      if (j > 0 && j < count && oldStarts[j] === p && p >= end) {
        resume = j;
        return true;
      }
      return false;
    }, table);
    if (resume === count && !reachesEnd) {
      last = Math.min(count - 1, last + (last - from) + 1);
      continue;
    }

    const windowEnd = resume < count ? oldStarts[resume] + delta - base : window.length;
    const texts = doc.recordTexts.slice(0, from);
    const records = doc.records.slice(0, from);
    const starts = oldStarts.slice(0, from);
    for (let i = 0; i < fresh.length; i++) {
      const t = window.slice(fresh[i], i + 1 < fresh.length ? fresh[i + 1] : windowEnd);
      texts.push(t);
      starts.push(base + fresh[i]);
      const lines = linesOf(table, i, fresh.length);
      records.push(parseRecord(t, doc.context, { first: from + i === 0, followed: i + 1 < fresh.length || resume < count, lines }));
    }
    for (let j = resume; j < count; j++) {
      texts.push(doc.recordTexts[j]);
      records.push(doc.records[j]);
      starts.push(oldStarts[j] + delta);
    }
    return makeDocument(undefined, texts, records, starts, lineTable(records, doc.recordLines, from, 0), doc.context);
  }
}

type RecordLines = NonNullable<RecordPosition['lines']>;

/**
 * The lines of the `i`th of `count` records whose starts a scan into `table` found (the scan
 * began at a record start), for parseRecord; written into `into` when given.
 */
export function linesOf(table: LineTable, i: number, count: number, into?: RecordLines): RecordLines {
  const from = table.recordLines[i];
  const to = i + 1 < count ? table.recordLines[i + 1] : table.count;
  const base = from < to ? table.starts[from] : 0;
  const tagFrom = table.recordTags[i];
  const tagTo = i + 1 < count ? table.recordTags[i + 1] : table.tagCount;
  if (!into) return { starts: table.starts, from, to, base, tags: table.tags, tagFrom, tagTo };
  into.starts = table.starts;
  into.from = from;
  into.to = to;
  into.base = base;
  into.tags = table.tags;
  into.tagFrom = tagFrom;
  into.tagTo = tagTo;
  return into;
}

export function lineTable(records: readonly RecordNode[], previous: readonly number[], from: number, firstLine: number): number[] {
  const lines = previous.slice(0, from);
  let line = from > 0 ? previous[from - 1] + records[from - 1].lineBreaks : firstLine;
  for (let i = from; i < records.length; i++) {
    lines.push(line);
    line += records[i].lineBreaks;
  }
  return lines;
}


/**
 * Finds where records start, from `from` (itself a record start) onwards. A line that opens
 * with a header field's tag starts a new record once the current one has opened its body,
 * or when it repeats the field the current record began with. Inside the body, a line that
 * holds nothing but a tag that is no field's (`〖TM/中图〗`, a picture in PLA Daily files of
 * 2012 on) opens a block: the lines after it that open with a tag (`〖BH/版号〗04〖-BH/版号〗`,
 * `〖WJ/文件〗…`) are the block's and stay in the record unless they repeat its first field;
 * the first line that does not open with a tag (`〖-TM/中图〗`, text) ends the block.
 * `stop(p)` ends the scan at a record start `p` (the incremental update stops where the old
 * records line up again). `lines`, when given, receives every line start in the range scanned
 * (up to the text's end, or to the start where the scan stopped, that one excluded), and the
 * index of each record start's line among them.
 */
export function findRecordStarts(text: string, from: number, context: ParseContext, stop: (p: number) => boolean, lines?: LineTable): number[] {
  const starts = [from];
  if (lines) lines.recordLines.push(lines.count);
  const table = context.table;
  let sawBody = false;
  let firstCode = '';
  // The line before was the opening of an in-body block, or one of its tag lines.
  let inBlock = false;
  // Every `〖` in the range, found first, by a loop of its own: the walk over the lines then
  // moves through them by index and searches the text for none. A search in the walk is not
  // safe from the compiler: V8's optimizing compiler takes `indexOf` for a pure operation, and
  // one that read the same values in the walk (for the tag after the last one passed) and
  // after it (for the tags left) was made one, placed at the head of the walk's loop and run
  // for every line. Each line then cost a search from the next tag to the one after it, or,
  // with no tag ahead, from the text's start to its first tag: through the whole window, for
  // each line of a window without tags, so the stepped parse of a binary file never ended.
  const tags = lines ?? new LineTable(16);
  const firstTag = tags.tagCount;
  for (let p = text.indexOf('〖', from); p !== -1; p = text.indexOf('〖', p + 1)) tags.pushTag(p);
  const tagEnd = tags.tagCount;
  const tagAt = tags.tags;
  if (lines) lines.recordTags.push(firstTag);
  // The first tag at or after the line's start, and its index in `tagAt` (-1: none is left).
  let k = firstTag;
  let next = k < tagEnd ? tagAt[k] : -1;
  // The next tag of a body field, found a step ahead (-2: not looked for yet).
  const bodyTag = bodyTagPattern(table);
  let nextBody = -2;
  const breaks = new LineBreaks(text);
  let lineStart = from;
  while (lineStart < text.length) {
    lines?.push(lineStart);
    const nl = breaks.breakAt(lineStart);
    // Whether this line keeps an in-body block open: any line that does not ends it.
    let blockLine = false;
    while (next !== -1 && next < lineStart) next = ++k < tagEnd ? tagAt[k] : -1;
    if (next !== -1 && next < nl) {
      let p = lineStart;
      while (p < nl && isIndent(text.charCodeAt(p))) p++;
      if (p === next) {
        const c1 = text.charCodeAt(p + 1);
        const c2 = text.charCodeAt(p + 2);
        if (isAsciiLetter(c1) && isAsciiLetter(c2)) {
          const def = table.getByChars(c1, c2);
          if (def?.placement === 'header') {
            const code = def.code;
            if (lineStart > from && (code === firstCode || (sawBody && !inBlock))) {
              if (stop(lineStart)) {
                // This line, and its tags, are the next record's.
                if (lines) {
                  lines.count--;
                  lines.tagCount = k;
                }
                return starts;
              }
              if (lines) {
                lines.recordLines.push(lines.count - 1);
                lines.recordTags.push(k);
              }
              starts.push(lineStart);
              sawBody = false;
              firstCode = '';
              inBlock = false;
            }
            // A block's fields are the picture's, not the record's: none is its first.
            if (inBlock) blockLine = true;
            else if (!firstCode) firstCode = code;
          } else if (def?.placement !== 'body' && def?.paired !== false) {
            // A tag line of an open block, or a block's opening: alone on its line, a tag
            // that is unknown or pairs up (not 〖ZW/正文〗, not a lone 〖HH/换行〗).
            blockLine = inBlock || (sawBody && holdsOnlyTag(text, p, nl));
          }
        }
      }
      // Does this line open a body field?
      if (!sawBody) {
        if (nextBody !== -1 && nextBody < lineStart) {
          // test, not exec: no match object per line. A match is `〖` and two letters.
          bodyTag.lastIndex = lineStart;
          nextBody = bodyTag.test(text) ? bodyTag.lastIndex - 3 : -1;
        }
        if (nextBody !== -1 && nextBody < nl) sawBody = true;
      }
    }
    inBlock = blockLine;
    lineStart = afterBreak(text, nl);
  }
  return starts;
}

// `〖` and the code of a body field, in either case: one scan of the text finds every line
// that opens a body, instead of a look at each tag of each line.
const bodyPatterns = new WeakMap<TagTable, RegExp>();
function bodyTagPattern(table: TagTable): RegExp {
  let re = bodyPatterns.get(table);
  if (!re) {
    const either = (c: string) => `[${c.toUpperCase()}${c.toLowerCase()}]`;
    const codes = table.all().filter((d) => d.placement === 'body').map((d) => either(d.code[0]) + either(d.code[1]));
    re = new RegExp(codes.length ? `〖(?:${codes.join('|')})` : '(?!)', 'g');
    bodyPatterns.set(table, re);
  }
  return re;
}

/**
 * Tells, record after record in order, whether a record's text holds a character that may
 * start suspect text: one search per window of the document, not one per record (a hundred
 * thousand tiny records), and never a search of the whole rest of a big file at once (the
 * stepped parse stays in slices). (Whether a record holds a `\r` need not be told: the
 * records it hints are given their lines by the splitter.)
 */
export class RecordHints {
  private readonly suspect: Ahead;

  constructor(text: string) {
    this.suspect = new Ahead(text, (t, from, to) => nextSuspectCharacter(t, from, to));
  }

  /** The hints for the record [start, end). */
  set(where: RecordPosition, start: number, end: number): void {
    where.clean = this.suspect.noneIn(start, end);
  }
}

const WINDOW = 1 << 16;

/** The next place something stands, searched a window ahead, for ranges asked in order. */
class Ahead {
  /** The first place at or after where the last range began, or -1: none before `scanned`. */
  private at = -1;
  private scanned = 0;

  constructor(
    private readonly text: string,
    private readonly find: (text: string, from: number, to: number) => number,
  ) {}

  noneIn(start: number, end: number): boolean {
    // A place passed: what follows it was not searched yet.
    if (this.at !== -1 && this.at < start) {
      this.at = -1;
      this.scanned = start;
    } else if (this.scanned < start) {
      this.scanned = start;
    }
    while (this.at === -1 && this.scanned < end) {
      const to = Math.min(this.text.length, Math.max(end, this.scanned + WINDOW));
      this.at = this.find(this.text, this.scanned, to);
      this.scanned = to;
    }
    return this.at === -1 || this.at >= end;
  }
}
