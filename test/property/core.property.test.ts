// Properties of the whole core on documents no one wrote by hand: random documents built
// from tag fragments, CJK, 𠀀, CR/LF, a BOM, bracket and separator fragments and decoded
// random bytes; and mutations of the real sample (slices deleted, inserted, duplicated).
//
//  - parsing and every feature never throw;
//  - every range lies inside the document (a line that exists, a character within it);
//  - an incremental update equals a fresh parse;
//  - the work grows linearly with the input on pathological shapes: the time for 8n is
//    compared with the time for n (medians of several runs, a generous bound), never a
//    wall-clock limit on its own.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodeActionKind, type DocumentSymbol, type Range, type SelectionRange } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES } from '../../server/src/languageService';
import type { CorpusDocument } from '../../server/src/parser/corpusDocument';
import { applyEdits, assertRangeInside, assertSameAsFresh, lspDoc, service } from '../core/helpers';
import { documents, mutatedSample, noLoneCr, piece, recordish, withBom } from './generators';

const ls = service();
const URI = 'file:///prop.rmrb';
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const params = (numRuns = RUNS) => ({ numRuns, seed: SEED });

// ---------------------------------------------------------------------------------------
// What every feature must survive

function positionsIn(text: string, picks: number[]): Array<{ line: number; character: number }> {
  const ref = lspDoc(text);
  return picks.map((k, i) => (i % 4 === 3 ? { line: k % (ref.lineCount + 2), character: (k >> 3) % 200 } : ref.positionAt(k % (text.length + 1))));
}

function exerciseAll(doc: CorpusDocument, picks: number[]): void {
  for (const locale of ['en', 'zh'] as const) {
    for (const d of ls.getDiagnostics(doc, locale)) {
      assert.ok((DIAGNOSTIC_CODES as string[]).includes(String(d.code)), String(d.code));
      assert.ok(d.message.length > 0);
    }
    ls.getDocumentSymbols(doc, locale);
  }
  for (const limit of [undefined, 0, 1, 2, 5]) ls.getFoldingRanges(doc, limit);
  ls.getFixAllEdits(doc);
  const positions = positionsIn(doc.text, picks);
  for (const p of positions) {
    ls.getHover(doc, p, 'en');
    ls.getHover(doc, p, 'zh');
    ls.getCompletions(doc, p, 'en');
    ls.getDocumentHighlights(doc, p);
    ls.getLinkedEditingRanges(doc, p);
    ls.getMatchingTag(doc, p);
    ls.getTagRename(doc, p);
    ls.getAutoClose(doc, p);
    ls.getCompletions(doc, p, 'zh');
    ls.offsetAt(doc, p);
  }
  ls.getSelectionRanges(doc, positions);
  for (let i = 0; i + 1 < positions.length; i += 2) {
    const [a, b] = [positions[i], positions[i + 1]];
    const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
    ls.getCodeActions(doc, URI, range, 'en');
    ls.getCodeActions(doc, URI, range, 'zh', [CodeActionKind.QuickFix]);
  }
  for (const k of picks) ls.positionAt(doc, k % (doc.length + 2));
}

function assertAllRangesInside(doc: CorpusDocument, picks: number[]): void {
  const ref = lspDoc(doc.text);
  const inside = (r: Range, what: string) => assertRangeInside(ref, r, what);
  for (const d of ls.getDiagnostics(doc, 'en')) inside(d.range, `diagnostic ${d.code}`);
  for (const f of ls.getFoldingRanges(doc)) {
    assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < ref.lineCount, `folding ${f.startLine}-${f.endLine} of ${ref.lineCount} lines`);
  }
  const walk = (list: DocumentSymbol[]) => {
    for (const s of list) {
      inside(s.range, `symbol ${s.name}`);
      inside(s.selectionRange, `symbol ${s.name} selection`);
      walk(s.children ?? []);
    }
  };
  walk(ls.getDocumentSymbols(doc, 'en'));
  for (const e of ls.getFixAllEdits(doc)) inside(e.range, 'fix-all edit');
  for (const p of positionsIn(doc.text, picks)) {
    const h = ls.getHover(doc, p, 'en');
    if (h?.range) inside(h.range, 'hover');
    for (const c of ls.getCompletions(doc, p, 'en')) {
      const edit = c.textEdit as { range: Range } | undefined;
      if (edit) inside(edit.range, `completion ${c.label}`);
    }
    for (const h of ls.getDocumentHighlights(doc, p)) inside(h.range, 'highlight');
    for (const r of ls.getLinkedEditingRanges(doc, p)?.ranges ?? []) inside(r, 'linked editing range');
    const partner = ls.getMatchingTag(doc, p);
    if (partner) inside(partner, 'matching tag');
    for (const r of ls.getTagRename(doc, p)?.ranges ?? []) inside(r, 'rename');
    // Expand Selection: every range inside the document, each parent holding its child.
    for (let s: SelectionRange | undefined = ls.getSelectionRanges(doc, [p])[0]; s; s = s.parent) {
      inside(s.range, 'selection range');
      if (s.parent) assert.ok(contains(s.parent.range, s.range), `selection range ${JSON.stringify(s.parent.range)} holds ${JSON.stringify(s.range)}`);
    }
    for (const a of ls.getCodeActions(doc, URI, { start: p, end: p }, 'en')) {
      for (const e of a.edit?.changes?.[URI] ?? []) inside(e.range, `code action ${a.title}`);
    }
    const o = ls.offsetAt(doc, p);
    assert.ok(o >= 0 && o <= doc.length);
    assert.deepEqual(ls.positionAt(doc, o), ref.positionAt(o), `positionAt(offsetAt(${p.line}:${p.character}))`);
  }
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

const picks = fc.array(fc.nat(), { minLength: 4, maxLength: 16 });

// ---------------------------------------------------------------------------------------

describe('core properties', function () {
  this.timeout(300000);

  it('parsing and every feature never throw', () => {
    fc.assert(
      fc.property(documents, picks, (text, ps) => {
        exerciseAll(ls.parse(text), ps);
      }),
      params(),
    );
  });

  it('every range lies inside the document', () => {
    fc.assert(
      fc.property(documents.map(noLoneCr), picks, (text, ps) => {
        assertAllRangesInside(ls.parse(text), ps);
      }),
      params(),
    );
  });

  it('the outline is a well-formed tree: selection inside range, children inside their parent', () => {
    const walk = (list: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of list) {
        assert.ok(contains(s.range, s.selectionRange), `symbol ${s.name}: selection inside its range`);
        if (parent) assert.ok(contains(parent.range, s.range), `symbol ${s.name} ${JSON.stringify(s.range)} inside ${parent.name} ${JSON.stringify(parent.range)}`);
        walk(s.children ?? [], s);
      }
    };
    fc.assert(
      fc.property(documents, (text) => {
        walk(ls.getDocumentSymbols(ls.parse(text), 'en'));
      }),
      params(),
    );
  });

  it('fix-all edits are in order, never overlap, and their result parses', () => {
    fc.assert(
      fc.property(documents.map(noLoneCr), (text) => {
        const doc = ls.parse(text);
        const edits = ls.getFixAllEdits(doc);
        for (let i = 1; i < edits.length; i++) assert.ok(before(edits[i - 1].range.end, edits[i].range.start), 'edits in order, apart');
        const fixed = applyEdits(text, edits);
        exerciseAll(ls.parse(fixed), [0, 1, 2, 3]);
      }),
      params(),
    );
  });

  describe('incremental update equals a fresh parse', () => {
    const change = fc.record({ at: fc.nat(), len: fc.oneof(fc.nat({ max: 8 }), fc.nat({ max: 300 })), text: fc.array(piece, { maxLength: 4 }).map((xs) => xs.join('')) });

    it('for random edits of random documents and of the sample', () => {
      fc.assert(
        fc.property(documents, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (text, batches) => {
          let doc = ls.parse(text);
          for (const batch of batches) {
            let len = doc.length;
            const changes = batch.map((c) => {
              const start = len ? c.at % (len + 1) : 0;
              const end = Math.min(len, start + c.len);
              len += c.text.length - (end - start);
              return { start, end, text: c.text };
            });
            let expected = doc.text;
            for (const c of changes) expected = expected.slice(0, c.start) + c.text + expected.slice(c.end);
            doc = ls.update(doc, changes);
            assert.equal(doc.text, expected);
            assert.equal(doc.length, expected.length);
            assertSameAsFresh(ls, doc);
          }
        }),
        params(),
      );
    });

    it('for edits at 0:0 and at record starts, with BOMs, CR and CRLF', () => {
      const text = fc.oneof(withBom(recordish), withBom(recordish.map((t) => t.replace(/\n/g, '\r\n'))), withBom(recordish.map((t) => t.replace(/\n/g, '\r'))), mutatedSample);
      const insert = fc.oneof(
        fc.constantFrom('〖ZQ/总期〗20330〖-ZQ/总期〗\n', '\ufeff', '\ufeff〖ZQ', '\r', '\n', '\r\n', '〖RQ/日期〗20130908〖-RQ/日期〗\r\n', '〖ZW/正文〗\n', '〖-ZW/正文〗\n', ''),
        fc.array(piece, { maxLength: 3 }).map((xs) => xs.join('')),
      );
      const where = fc.record({ kind: fc.constantFrom('origin', 'record', 'anywhere'), pick: fc.nat(), len: fc.oneof(fc.constant(0), fc.nat({ max: 6 })), text: insert });
      fc.assert(
        fc.property(text, fc.array(where, { minLength: 1, maxLength: 5 }), (t, changes) => {
          let doc = ls.parse(t);
          for (const c of changes) {
            const starts = doc.recordStarts;
            const start = c.kind === 'origin' ? 0 : c.kind === 'record' && starts.length ? starts[c.pick % starts.length] : doc.length ? c.pick % (doc.length + 1) : 0;
            const end = Math.min(doc.length, start + c.len);
            const expected = doc.text.slice(0, start) + c.text + doc.text.slice(end);
            doc = ls.update(doc, [{ start, end, text: c.text }]);
            assert.equal(doc.text, expected);
            assertSameAsFresh(ls, doc);
          }
        }),
        params(),
      );
    });

    it('features of an updated document equal those of a fresh parse', () => {
      fc.assert(
        fc.property(documents.map(noLoneCr), fc.array(change, { minLength: 1, maxLength: 4 }), (text, edits) => {
          let doc = ls.parse(text);
          // Ask for everything first, so whatever is cached per record is filled.
          ls.getDocumentSymbols(doc, 'en');
          ls.getFoldingRanges(doc);
          for (const c of edits) {
            const start = doc.length ? c.at % (doc.length + 1) : 0;
            doc = ls.update(doc, [{ start, end: Math.min(doc.length, start + c.len), text: c.text }]);
            const fresh = ls.parse(doc.text);
            for (const locale of ['en', 'zh'] as const) {
              assert.deepEqual(ls.getDocumentSymbols(doc, locale), ls.getDocumentSymbols(fresh, locale), `symbols ${locale}`);
              assert.deepEqual(ls.getDiagnostics(doc, locale), ls.getDiagnostics(fresh, locale), `diagnostics ${locale}`);
            }
            assert.deepEqual(ls.getFoldingRanges(doc, 3), ls.getFoldingRanges(fresh, 3));
            assert.deepEqual(ls.getFixAllEdits(doc), ls.getFixAllEdits(fresh));
          }
        }),
        params(100),
      );
    });
  });

  describe('pathological shapes never throw', () => {
    const shapes: Record<string, string> = {
      'headers nested 30000 deep in the body': '〖ZW/正文〗\n' + '〖BT/标题〗'.repeat(30000) + '〖-BT/标题〗\n〖-ZW/正文〗\n',
      'headers nested 30000 deep, with a zero-width space inside': '〖ZW/正文〗\n' + '〖BT/标题〗'.repeat(30000) + '\u200b〖-BT/标题〗\n〖-ZW/正文〗\n',
      'inline tags nested 30000 deep': '〖ZW/正文〗\n' + '〖JZ/加重〗'.repeat(30000) + '\n〖-ZW/正文〗\n',
      '100000 sections': '〖ZW/正文〗\n' + '一\n甲\n'.repeat(100000) + '〖-ZW/正文〗\n',
      'a 100000-character line of 〖': '〖'.repeat(100000),
      'a title of 200000 characters': `〖BT/标题〗${'标'.repeat(200000)}〖-BT/标题〗\n`,
    };
    for (const [name, text] of Object.entries(shapes)) {
      it(name, () => {
        exerciseAll(ls.parse(text), [0, 5, 17, 3, 40000, 123456, 7, 11]);
      });
    }
  });

  describe('linear time on pathological shapes (time for 8n against n)', () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    /** The time `f` took, or the time it says it spent on the part that matters. */
    const time = (f: () => number | void) => {
      const t0 = performance.now();
      const own = f();
      return typeof own === 'number' ? own : performance.now() - t0;
    };

    /**
     * Asserts that `work` on `make(8n)` takes less than RATIO times as long as on `make(n)`:
     * linear work gives about 8, quadratic about 64. Medians of five runs for n and of three
     * for 8n (run with --expose-gc to collect garbage before measuring); the 8n runs stop
     * as soon as the median is decided, so a slow case fails without running on and on.
     */
    function assertLinear(make: (n: number) => string, n: number, work: (text: string) => number | void, RATIO = 40) {
      const small = make(n);
      const big = make(8 * n);
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      work(small); // warm up
      const ts = Math.max(5, median([1, 2, 3, 4, 5].map(() => time(() => work(small)))));
      const bound = RATIO * ts;
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) {
        runs.push(time(() => work(big)));
        const under = runs.filter((t) => t < bound).length;
        const over = runs.length - under;
        if (under >= 2 || over >= 2) break;
        if (runs[0] > 2 * bound) break; // far over: no load spike explains that
      }
      const tb = median(runs);
      if (process.env.LINEAR_VERBOSE) console.log(`      n ${ts.toFixed(0)} ms, 8n ${tb.toFixed(0)} ms: ${(tb / ts).toFixed(1)}×`);
      assert.ok(tb < bound, `8n took ${tb.toFixed(0)} ms, n took ${ts.toFixed(0)} ms: ${(tb / ts).toFixed(1)}× (bound ${RATIO}×) — runs ${runs.map((t) => t.toFixed(0)).join(', ')}`);
    }

    /** What runs on every keystroke: parse, diagnostics, folding, outline. */
    const onType = (text: string) => {
      const doc = ls.parse(text);
      ls.getDiagnostics(doc, 'en');
      ls.getFoldingRanges(doc, 5000);
      ls.getDocumentSymbols(doc, 'en');
    };
    /** Requests on a parsed document: fix all, quick fixes on a line, hover and completion. Times the requests only. */
    const requests = (text: string) => {
      const doc = ls.parse(text);
      ls.getDiagnostics(doc, 'en');
      const t0 = performance.now();
      ls.getFixAllEdits(doc);
      const mid = ls.positionAt(doc, Math.floor(doc.length / 2));
      ls.getCodeActions(doc, URI, { start: { line: mid.line, character: 0 }, end: { line: mid.line + 1, character: 0 } }, 'en');
      ls.getHover(doc, mid, 'en');
      ls.getCompletions(doc, mid, 'en');
      ls.getSelectionRanges(doc, [mid]);
      ls.getAutoClose(doc, mid);
      ls.getMatchingTag(doc, mid);
      return performance.now() - t0;
    };

    const M = 1 << 20; // 8n is a 1 MB line (in UTF-16 units)
    const N = M / 8;
    const big: Record<string, (n: number) => string> = {
      'a line of 〖': (n) => '〖'.repeat(n),
      'a line of 〖JZ；': (n) => '〖JZ；'.repeat(n / 4),
      'a line of 〖BT/标题〗': (n) => '〖BT/标题〗'.repeat(n / 7),
      'a line of 〖-BT/标题〗': (n) => '〖-BT/标题〗'.repeat(n / 8),
      'one giant record': (n) => '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n' + '一\n正文〖JZ/加重〗重〖-JZ/加重〗〖HH/换行〗\n'.repeat(n / 30) + '〖-ZW/正文〗\n',
      'tiny records (100k at 8n)': (n) => '〖BT/标题〗t〖-BT/标题〗\n〖ZW/正文〗\nx\n〖-ZW/正文〗\n'.repeat(Math.floor((n / M) * 100000)),
      'tiny broken records': (n) => '〖BT/标题〗t\n〖ZW/正文〗\n'.repeat(n / 20),
      'crossing inline tags': (n) => '〖ZW/正文〗\n' + '〖JZ/加重〗〖ZI/字符〗'.repeat(n / 28) + '〖-JZ/加重〗'.repeat(n / 16) + '\n〖-ZW/正文〗\n',
      'unknown tags in the body': (n) => '〖ZW/正文〗\n' + '〖QQ/某〗〖-XX/某〗'.repeat(n / 13) + '\n〖-ZW/正文〗\n',
      'a body of mojibake': (n) => '〖ZW/正文〗\n' + 'ÖÐ»ª中'.repeat(n / 5) + '\n〖-ZW/正文〗\n',
      'blank lines': (n) => '\n'.repeat(n),
    };
    for (const [name, make] of Object.entries(big)) {
      it(`typing: ${name}`, () => assertLinear(make, N, onType));
    }

    // Requests on smaller shapes: many problems, each with a quick fix.
    const S = 8192;
    // Suspect characters (zero-width spaces) after many fields on one line: finding the field
    // of each must not cost a walk over all the fields.
    it('typing: many fields, then zero-width spaces on the same line', () =>
      assertLinear((n) => '〖BT/标题〗'.repeat(n / 14) + '甲\u200b'.repeat(n / 4), 6 * S, onType));

    const small: Record<string, (n: number) => string> = {
      'a line of 〖BT/标题〗 (unclosed fields)': (n) => '〖BT/标题〗'.repeat(n / 7),
      'a line of 〖JZ；': (n) => '〖JZ；'.repeat(n / 4),
      'a line of 〖BT/标题〗 with zero-width spaces': (n) => '〖BT/标题〗\u200b'.repeat(n / 8),
      'a line of 〖BT/标题〗 with mojibake': (n) => '〖BT/标题〗ÖÐ»'.repeat(n / 10),
      'unmatched closing tags': (n) => '〖ZW/正文〗\n' + '〖-JZ/加重〗'.repeat(n / 8) + '\n〖-ZW/正文〗\n',
    };
    for (const [name, make] of Object.entries(small)) {
      // (Suspect characters while typing are measured by the test above, at a size that shows.)
      if (!/zero-width|mojibake/.test(name)) it(`typing: ${name}`, () => assertLinear(make, 4 * S, onType));
      it(`requests: ${name}`, () => assertLinear(make, (3 * S) / 2, requests));
    }
  });
});
