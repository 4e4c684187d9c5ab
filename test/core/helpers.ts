// Shared helpers for the core's unit tests. Tests describe expected diagnostics by marking
// the input: `⟦code:text⟧` says "a diagnostic `code` covers exactly `text`". Codes may be
// listed with commas (`⟦missing-field,malformed-tag:〖R1/日期〗⟧`), marks may nest, and an
// empty mark (`⟦empty-value:⟧`) stands for an empty range. The marks are removed before
// parsing; positions are computed by vscode-languageserver-textdocument, the reference
// implementation of LSP positions, so the core's own position code is never its own judge.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range as LspRange, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, type LanguageService, type Locale, type Settings } from '../../server/src/languageService';
import type { CorpusDocument } from '../../server/src/parser/corpusDocument';
import { checkFieldValue, type CheckContext } from '../../server/src/rules/check';
import type { Finding } from '../../server/src/rules/rule';
import { createTagTable } from '../../server/src/tags/tagTable';
import type { Position } from '../../server/src/types';

/** A fixed "today" so that date checks do not move with the calendar. */
export const TODAY = '20250101';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const SAMPLE_NAME = 'rmrb-20130908-002-3.txt';
export const SAMPLE = readFixture(SAMPLE_NAME);

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function service(settings: Partial<Settings> = {}, today: () => string = () => TODAY): LanguageService {
  return createLanguageService({ settings: { ...DEFAULT_SETTINGS, severity: {}, extraTags: [], ...settings }, today });
}

const shared = service();

export interface CheckOptions {
  settings?: Partial<Settings>;
  ls?: LanguageService;
  locale?: Locale;
}

/** `line:char-line:char` of a range. */
export function fmtRange(r: LspRange): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** `line:char-line:char code` of a diagnostic. */
export function fmtDiagnostic(d: Diagnostic): string {
  return `${fmtRange(d.range)} ${d.code}`;
}

function byPosition(a: string, b: string): number {
  const key = (s: string) => s.split(/[:\- ]/).slice(0, 4).map(Number);
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < 4; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The document's diagnostics as sorted `line:char-line:char code` strings. */
export function diagnose(text: string, options: CheckOptions = {}): string[] {
  const ls = options.ls ?? (options.settings ? service(options.settings) : shared);
  const doc = ls.parse(text);
  return ls.getDiagnostics(doc, options.locale ?? 'en').map(fmtDiagnostic).sort(byPosition);
}

export interface Marked {
  text: string;
  expected: string[];
}

/** Removes `⟦code:…⟧` marks, returning the text and the expected diagnostics. */
export function unmark(input: string): Marked {
  let text = '';
  const stack: Array<{ codes: string[]; start: number }> = [];
  const found: Array<{ codes: string[]; start: number; end: number }> = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '⟦') {
      const colon = input.indexOf(':', i);
      assert.ok(colon > i, `mark without a code at ${i}`);
      const codes = input.slice(i + 1, colon).split(',').map((s) => s.trim());
      for (const code of codes) assert.match(code, /^[a-z-]+$/, `bad code in mark: ${code}`);
      stack.push({ codes, start: text.length });
      i = colon;
    } else if (c === '⟧') {
      const open = stack.pop();
      assert.ok(open, `unbalanced ⟧ at ${i}`);
      found.push({ ...open, end: text.length });
    } else {
      text += c;
    }
  }
  assert.equal(stack.length, 0, 'unclosed ⟦ mark');
  const doc = TextDocument.create('file:///marked.rmrb', 'rmrb', 0, text);
  const expected: string[] = [];
  for (const f of found) {
    const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
    for (const code of f.codes) expected.push(`${fmtRange(range)} ${code}`);
  }
  return { text, expected: expected.sort(byPosition) };
}

/**
 * Parses the marked input and asserts that its diagnostics are exactly the marked ones.
 * Returns the text without the marks.
 */
export function check(input: string, options: CheckOptions = {}): string {
  const { text, expected } = unmark(input);
  assert.deepEqual(diagnose(text, options), expected, `diagnostics of ${JSON.stringify(text.length > 300 ? text.slice(0, 300) + '…' : text)}`);
  return text;
}

/** Asserts the diagnostics as `line:char-line:char code` strings, in any order. */
export function checkList(text: string, expected: string[], options: CheckOptions = {}): void {
  assert.deepEqual(diagnose(text, options), [...expected].sort(byPosition));
}

/** `|` marks the cursor: returns the text without it and the cursor's position. */
export function cursor(input: string): { text: string; offset: number; position: Position } {
  const offset = input.indexOf('|');
  assert.ok(offset >= 0, 'no | cursor in input');
  assert.equal(input.indexOf('|', offset + 1), -1, 'more than one | in input');
  const text = input.slice(0, offset) + input.slice(offset + 1);
  const position = TextDocument.create('file:///c.rmrb', 'rmrb', 0, text).positionAt(offset);
  return { text, offset, position };
}

/** Applies LSP edits with the reference implementation. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///e.rmrb', 'rmrb', 0, text), [...edits]);
}

export function lspDoc(text: string): TextDocument {
  return TextDocument.create('file:///d.rmrb', 'rmrb', 0, text);
}

/** Builds a header line: `〖RQ/日期〗20130908〖-RQ/日期〗`. */
export function field(code: string, name: string, value: string): string {
  return `〖${code}/${name}〗${value}〖-${code}/${name}〗`;
}

/** A small, valid record; `parts` override or add fields by code. */
export function record(parts: { rq?: string; bt?: string; zw?: string; extra?: string } = {}, eol = '\n'): string {
  const lines = [
    field('RQ', '日期', parts.rq ?? '20130908'),
    field('BT', '标题', parts.bt ?? '标题'),
    ...(parts.extra !== undefined ? [parts.extra] : []),
    '〖ZW/正文〗',
    ...(parts.zw ?? '正文内容').split('\n'),
    '〖-ZW/正文〗',
  ];
  return lines.join(eol) + eol;
}

/** The parse as plain data: what an incremental update must reproduce exactly. */
export function snapshot(doc: CorpusDocument) {
  return { text: doc.text, recordStarts: [...doc.recordStarts], recordLines: [...doc.recordLines], records: doc.records };
}

/** Asserts that the incremental result equals a fresh parse of its text. */
export function assertSameAsFresh(ls: LanguageService, doc: CorpusDocument, context = ''): void {
  const fresh = ls.parse(doc.text);
  const got = snapshot(doc);
  const want = snapshot(fresh);
  assert.deepEqual(got.recordStarts, want.recordStarts, `record starts ${context}`);
  assert.deepEqual(got.recordLines, want.recordLines, `record lines ${context}`);
  assert.equal(got.records.length, want.records.length, `record count ${context}`);
  for (let i = 0; i < want.records.length; i++) {
    assert.deepEqual(got.records[i].problems, want.records[i].problems, `problems of record ${i} ${context}`);
    assert.deepEqual(got.records[i], want.records[i], `record ${i} ${context}`);
  }
  assert.deepEqual(ls.getDiagnostics(doc, 'en'), ls.getDiagnostics(fresh, 'en'), `diagnostics ${context}`);
}

/** A deterministic pseudo-random generator (mulberry32), so failures can be replayed. */
export function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Every range must lie in the document: a line that exists, a character within it. */
export function assertRangeInside(doc: TextDocument, range: LspRange, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0..${doc.lineCount - 1}`);
    const len = lineLength(doc, p.line);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= len, `${what}: character ${p.character} outside line ${p.line} of length ${len}`);
  }
  const s = range.start;
  const e = range.end;
  assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `${what}: range ends before it starts ${fmtRange(range)}`);
}

export function lineLength(doc: TextDocument, line: number): number {
  const r = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return r.replace(/(\r\n|\r|\n)$/, '').length;
}

const checks: CheckContext = { table: createTagTable(), requiredFields: [], earliestDate: '19460515', latestDate: TODAY };

/** The default settings' check context, for the rules run on their own. */
export const checkContext = (): CheckContext => checks;

/** Runs the value rules on `value` as the value of field `code`; `code start-end` strings relative to the value. */
export function checkOne(code: string, value: string): string[] {
  const out: Finding[] = [];
  const prefix = '〖X〗';
  const text = prefix + value + '〖-X〗';
  checkFieldValue(checks.table.get(code)!, text, prefix.length, prefix.length + value.length, 0, text.length, checks, out);
  return out.map((p) => `${p.code} ${p.start - prefix.length}-${p.end - prefix.length}`);
}
