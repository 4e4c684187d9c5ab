// Exporting records as data: one object per record (for `rmrb export`), with each field's value
// read from the parse tree (inline tags dropped, 〖HH/换行〗 read as a line break), 正文 as its
// paragraphs and sections, and the count of the record's problems by severity. And the CSV
// quoting of RFC 4180. Pure: the command line (node/exportCommand.ts) reads and writes files.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, Tag } from '../types';
import { lineIn, offsetAt, recordAt } from './positions';

export interface ProblemCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export interface ExportedSection {
  title: string;
  /** Index in `body` of the section's first paragraph. */
  start: number;
  /** Index in `body` just after its last paragraph. */
  end: number;
}

export interface ExportedRecord {
  file: string;
  /** 1-based line of the record's first tag. */
  line: number;
  /** Each field's value by code (the first field of a code when it appears twice). */
  fields: Record<string, string>;
  /** The paragraphs of 正文 (ZW): its lines, trimmed, empty ones and section headings left out. */
  body: string[];
  sections: ExportedSection[];
  problems: ProblemCounts;
}

export const DEFAULT_CSV_FIELDS = ['RQ', 'BH', 'TH', 'BT', 'ZW'];

const SEVERITY: Record<number, keyof ProblemCounts> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** The records of a document that hold fields, as export objects, in order. */
export function exportRecords(doc: CorpusDocument, diagnostics: readonly Diagnostic[], file: string): ExportedRecord[] {
  const counts = doc.records.map((): ProblemCounts => ({ error: 0, warning: 0, information: 0, hint: 0 }));
  for (const d of diagnostics) {
    if (doc.records.length === 0) break;
    const i = recordAt(doc, offsetAt(doc, d.range.start));
    counts[i][SEVERITY[d.severity ?? 1] ?? 'error']++;
  }
  const out: ExportedRecord[] = [];
  for (let i = 0; i < doc.records.length; i++) {
    const record = doc.records[i];
    if (record.fields.length === 0) continue;
    const fields: Record<string, string> = {};
    let body: string[] = [];
    let sections: ExportedSection[] = [];
    for (const f of record.fields) {
      if (f.code in fields) continue;
      if (f.code === 'ZW' || f.def?.placement === 'body') {
        const read = readBody(doc, i, f);
        fields[f.code] = read.text;
        if (f.code === 'ZW') ({ body, sections } = read);
      } else {
        fields[f.code] = cleanLines(valueWithoutMarkup(doc, i, f, f.valueStart, f.valueEnd, false));
      }
    }
    out.push({ file, line: lineIn(doc, i, record.fields[0].open.start) + 1, fields, body, sections, problems: counts[i] });
  }
  return out;
}

/** A body field: its text (lines trimmed, empty ones dropped), its paragraphs and sections. */
function readBody(doc: CorpusDocument, i: number, field: Field): { text: string; body: string[]; sections: ExportedSection[] } {
  const record = doc.records[i];
  const lines: string[] = [];
  const body: string[] = [];
  const sections: ExportedSection[] = [];
  const pending = field.sections.map((s) => ({ s, out: undefined as ExportedSection | undefined }));
  let next = 0;
  let inBlock = false;
  const closeSections = (at: number) => {
    for (const p of pending) if (p.out && p.out.end < 0 && p.s.end <= at) p.out.end = body.length;
  };
  for (let k = 0; k < record.lineStarts.length; k++) {
    const lineStart = record.lineStarts[k];
    let lineEnd = k + 1 < record.lineStarts.length ? record.lineStarts[k + 1] : record.length;
    if (lineEnd <= field.valueStart || lineStart >= field.valueEnd) continue;
    const from = Math.max(lineStart, field.valueStart);
    lineEnd = Math.min(lineEnd, field.valueEnd);
    closeSections(from);
    // A picture's block (〖TM/中图〗 … 〖-TM/中图〗, see tagTable.ts) holds the picture's fields, not text.
    const blockTag = record.inlineTags(from, lineEnd).filter((t) => t.def?.block === 'opens').at(-1);
    if (blockTag || inBlock) {
      inBlock = blockTag ? !blockTag.closing : inBlock;
      continue;
    }
    const clean = cleanLines(valueWithoutMarkup(doc, i, field, from, lineEnd, true));
    if (!clean) continue;
    lines.push(clean);
    const heading = next < pending.length && pending[next].s.headingStart >= from && pending[next].s.headingEnd <= lineEnd ? pending[next++] : undefined;
    if (heading) {
      heading.out = { title: heading.s.label, start: body.length, end: -1 };
      sections.push(heading.out);
    } else {
      body.push(clean);
    }
  }
  for (const s of sections) if (s.end < 0) s.end = body.length;
  return { text: lines.join('\n'), body, sections };
}

/** Lines trimmed, the empty ones dropped, joined by `\n`. */
function cleanLines(s: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l)
    .join('\n');
}

/**
 * The value's text in [from, to) with every tag in it dropped (〖HH/换行〗 read as `\n`), and
 * the fields nested in it: in a body their text goes too (a picture's fields), elsewhere only
 * their tags.
 */
function valueWithoutMarkup(doc: CorpusDocument, i: number, field: Field, from: number, to: number, dropNested: boolean): string {
  const text = doc.recordTexts[i];
  const cuts: Array<{ start: number; end: number; with: string }> = doc.records[i]
    .inlineTags(from, to)
    .map((t: Tag) => ({ start: t.start, end: t.end, with: t.def?.code === 'HH' && !t.closing && !t.def.paired ? '\n' : '' }));
  const nested = (fs: readonly Field[]) => {
    for (const c of fs) {
      if (dropNested) cuts.push({ start: c.open.start, end: c.end, with: '' });
      else {
        cuts.push({ start: c.open.start, end: c.open.end, with: '' });
        if (c.close) cuts.push({ start: c.close.start, end: c.close.end, with: '' });
        nested(c.children);
      }
    }
  };
  nested(field.children);
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let at = from;
  for (const c of cuts) {
    if (c.end <= at || c.start >= to) continue;
    if (c.start > at) out += text.slice(at, c.start);
    out += c.with;
    at = Math.min(Math.max(at, c.end), to);
  }
  return out + text.slice(at, to);
}

/** One CSV field as RFC 4180 writes it: quoted when it holds `"`, `,`, CR or LF, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV row, ended by CRLF as RFC 4180 asks. */
export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function csvHeader(codes: readonly string[]): string {
  return csvRow(['file', 'line', ...codes]);
}

export function csvRecord(r: ExportedRecord, codes: readonly string[]): string {
  return csvRow([r.file, String(r.line), ...codes.map((c) => r.fields[c] ?? '')]);
}
