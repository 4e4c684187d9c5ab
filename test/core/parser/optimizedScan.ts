// Run by steppedParse.test.ts in a child process of its own, as
// `node --allow-natives-syntax --import tsx optimizedScan.ts`: the record splitter compiled by
// the optimizing compiler (TurboFan) once it has parsed tag-rich text, as in a language server
// that has opened a file or two, then stepped parses of texts whose tags are far apart or
// absent, each compared with parseDocument. The compilation is forced (V8's natives), so that
// what the texts meet does not depend on when a compiler thread finishes. Prints, as JSON, each
// text's length, steps and records; exits non-zero when a document differs.

import * as assert from 'node:assert/strict';
import { findRecordStarts, parseDocument } from '../../../server/src/parser/corpusDocument';
import type { ParseContext } from '../../../server/src/parser/recordParser';
import { startParse } from '../../../server/src/parser/steppedParse';
import { createTagTable } from '../../../server/src/tags/tagTable';

const native = (call: string) => new Function('f', `return %${call}(f)`) as (f: unknown) => number;
const prepareForOptimization = native('PrepareFunctionForOptimization');
const optimizeOnNextCall = native('OptimizeFunctionOnNextCall');
const optimizationStatus = native('GetOptimizationStatus');
const OPTIMIZED = 1 << 4; // V8's OptimizationStatus::kOptimized

const ctx: ParseContext = { table: createTagTable() };

function stepped(text: string, maxChars: number) {
  const parse = startParse(text, ctx);
  for (let steps = 1; ; steps++) {
    const doc = parse.step(maxChars);
    if (doc) return { doc, steps };
  }
}

const article = (k: number) =>
  `〖RQ/日期〗2013090${k % 9}〖-RQ/日期〗\n〖BT/标题〗标题${k}〖-BT/标题〗\n〖ZW/正文〗\n正文〖JZ/加重〗正文〖-JZ/加重〗\n〖TM/中图〗\n〖BH/版号〗04〖-BH/版号〗\n〖-TM/中图〗\n〖-ZW/正文〗\n`;
const rich = Array.from({ length: 400 }, (_, k) => article(k)).join('');

prepareForOptimization(findRecordStarts);
for (const maxChars of [1, 200, 5000]) stepped(rich, maxChars);
parseDocument(rich, ctx);
optimizeOnNextCall(findRecordStarts);
stepped(rich, 5000);

// Many short lines of two-byte text (a `〖` is never found in one-byte text).
const lines = (n: number) => '正文正文正文正文\n'.repeat(n);
const texts: Record<string, string> = {
  // What a binary file decodes to: no tag at all.
  'no tags': lines(400_000),
  // An article whose tags are far apart: long stretches of text, one tag alone between them.
  'tags far apart': '〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n' + lines(200_000) + '〖JZ/加重〗正文\n' + lines(200_000) + '正文〖-JZ/加重〗\n〖-ZW/正文〗\n' + article(1),
};

const out: Record<string, { length: number; steps: number; records: number; optimized: boolean }> = {};
for (const [name, text] of Object.entries(texts)) {
  const want = parseDocument(text, ctx);
  // Compiled again for each text: a text may have sent the last compilation back to the interpreter.
  optimizeOnNextCall(findRecordStarts);
  const { doc, steps } = stepped(text, 65536);
  const optimized = (optimizationStatus(findRecordStarts) & OPTIMIZED) !== 0;
  assert.deepEqual(doc.recordStarts, want.recordStarts, name);
  assert.deepEqual(doc.recordLines, want.recordLines, name);
  assert.deepEqual(doc.records, want.records, name);
  out[name] = { length: text.length, steps, records: doc.records.length, optimized };
}
console.log(JSON.stringify(out));
