// The parse of a whole document, in slices: a host that must stay responsive (the language
// server, a browser worker) runs a few slices, answers other work, and comes back. It does
// what `parseDocument` does, in the same order — find record starts, parse each record — and
// its result is the same document. Record starts are found a slice ahead of the parsing:
// `findRecordStarts` started at a record start carries no state from before it, so the scan
// stops at a record start and resumes there.

import type { RecordNode } from '../types';
import { findRecordStarts, lineTable, linesOf, makeDocument, RecordHints, type CorpusDocument } from './corpusDocument';
import { afterBreak, lineEndAt, LineTable } from './lines';
import { parseRecord, type ParseContext, type RecordPosition } from './recordParser';

export interface SteppedParse {
  /**
   * Parses at least one more record, and more until about `maxChars` of text are parsed in
   * this step. Returns the document once the whole text is parsed (and from then on).
   */
  step(maxChars: number): CorpusDocument | undefined;
}

export function startParse(text: string, context: ParseContext): SteppedParse {
  const starts: number[] = [];
  const texts: string[] = [];
  const records: RecordNode[] = [];
  let scanFrom = 0; // a record start the scan has not passed yet
  let scanned = false; // the scan has reached the end of the text
  let result: CorpusDocument | undefined;
  const where: RecordPosition = { first: false, followed: false };
  const hints = new RecordHints(text);
  // Every line start of the text scanned so far (offsets in the text), and each start's line.
  const lines = new LineTable(1024);
  const table = new LineTable(1024); // one window's scan

  /**
   * Finds the record starts from `scanFrom` up to the first one at least `ahead` further on.
   * It scans a window of whole lines, not the rest of the text, so that no search in it runs
   * to the end of a big file; a window without such a start is scanned again, twice as long,
   * from the last start it found.
   */
  const scan = (ahead: number) => {
    const limit = scanFrom + Math.max(1, ahead);
    for (let size = 2 * Math.max(1, ahead); ; size *= 2) {
      const end = scanFrom + size >= text.length ? text.length : Math.min(text.length, afterBreak(text, lineEndAt(text, scanFrom + size)));
      let stoppedAt = -1;
      table.clear();
      const found = findRecordStarts(text.slice(scanFrom, end), 0, context, (p) => {
        if (scanFrom + p < limit) return false;
        stoppedAt = p;
        return true;
      }, table);
      if (stoppedAt !== -1 || end === text.length) {
        keep(found, found.length, table.count, table.tagCount);
        if (stoppedAt === -1) scanned = true;
        else scanFrom += stoppedAt;
        return;
      }
      // Every start found is one; the last is where the scan resumes.
      keep(found, found.length - 1, table.recordLines[found.length - 1], table.recordTags[found.length - 1]);
      scanFrom += found[found.length - 1];
    }
  };

  /** Keeps the first `records` starts the window's scan found, and its first `count` lines and `tagCount` tags. */
  const keep = (found: number[], records: number, count: number, tagCount: number) => {
    const first = lines.count;
    const firstTag = lines.tagCount;
    for (let k = 0; k < records; k++) {
      starts.push(scanFrom + found[k]);
      lines.recordLines.push(first + table.recordLines[k]);
      lines.recordTags.push(firstTag + table.recordTags[k]);
    }
    for (let k = 0; k < count; k++) lines.push(scanFrom + table.starts[k]);
    for (let k = 0; k < tagCount; k++) lines.pushTag(scanFrom + table.tags[k]);
  };

  return {
    step(maxChars) {
      let used = 0;
      while (!result) {
        const i = records.length;
        // Record i ends where record i + 1 starts: scan until that is known, or the text ends.
        while (!scanned && i + 1 >= starts.length) scan(maxChars);
        const followed = i + 1 < starts.length;
        const t = text.slice(starts[i], followed ? starts[i + 1] : text.length);
        where.first = i === 0;
        where.followed = followed;
        hints.set(where, starts[i], starts[i] + t.length);
        where.lines = linesOf(lines, i, starts.length, where.lines);
        records.push(parseRecord(t, context, where));
        texts.push(t);
        used += t.length;
        if (!followed) result = makeDocument(text, texts, records, starts, lineTable(records, [], 0, 0), context);
        else if (used >= maxChars) break;
      }
      return result;
    },
  };
}
