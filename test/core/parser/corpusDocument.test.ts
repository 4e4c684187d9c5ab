// Documents: record starts and incremental updates. Whatever edits are applied through
// `update`, the result must equal a fresh `parse` of the new text: records' problems,
// fields, starts and lines.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findRecordStarts, parseDocument, type CorpusDocument, type TextChange } from '../../../server/src/parser/corpusDocument';
import { lowerBound, upperBound } from '../../../server/src/text/search';
import type { ParseContext } from '../../../server/src/parser/recordParser';
import { createTagTable } from '../../../server/src/tags/tagTable';
import { assertSameAsFresh, FIXTURES, prng, readFixture, record, SAMPLE, service } from '../helpers';

const ctx: ParseContext = { table: createTagTable() };
const ls = service();

const MULTI = readFixture('multi-record.rmrb');

/**
 * A picture block as PLA Daily files of 2012 on write it inside 正文: the picture's page and
 * file, one field a line, between 〖TM/中图〗 and 〖-TM/中图〗.
 */
const block = (page: string, file: string) => `〖TM/中图〗\n〖BH/版号〗${page}〖-BH/版号〗\n〖WJ/文件〗${file}〖-WJ/文件〗\n〖-TM/中图〗`;
const ZQ = '〖ZQ/总期〗19866〖-ZQ/总期〗\n';

/** Real archive files (GB18030, CRLF), among them two of 2012 with picture blocks. */
const ARCHIVE = path.join(FIXTURES, 'archive');
const readArchive = (dir: string, file: string) => new TextDecoder('gb18030', { fatal: true }).decode(readFileSync(path.join(dir, file)));

/** Applies one change and checks the result against a fresh parse. */
function edit(doc: CorpusDocument, change: TextChange, what = ''): CorpusDocument {
  const next = ls.update(doc, [change]);
  const expectedText = doc.text.slice(0, change.start) + change.text + doc.text.slice(change.end);
  assert.equal(next.text, expectedText, `text after ${what}`);
  assertSameAsFresh(ls, next, what);
  return next;
}

/** Replaces the first occurrence of `find` (after `from`) by `by`. */
function replace(doc: CorpusDocument, find: string, by: string, from = 0): CorpusDocument {
  const start = doc.text.indexOf(find, from);
  assert.ok(start >= 0, `"${find}" not in text`);
  return edit(doc, { start, end: start + find.length, text: by }, `replacing ${JSON.stringify(find)} by ${JSON.stringify(by)}`);
}

describe('corpusDocument', () => {
  describe('record starts', () => {
    it('one record for the sample', () => {
      const doc = parseDocument(SAMPLE, ctx);
      assert.deepEqual(doc.recordStarts, [0]);
      assert.deepEqual(doc.recordLines, [0]);
    });

    it('a record starts at a header line after a body', () => {
      const text = record() + record() + record();
      const doc = parseDocument(text, ctx);
      const len = record().length;
      assert.deepEqual(doc.recordStarts, [0, len, 2 * len]);
      assert.deepEqual(doc.recordLines, [0, 5, 10]);
    });

    it('a record starts where the first field repeats, even with no body between', () => {
      const a = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n';
      const doc = parseDocument(a + a, ctx);
      assert.deepEqual(doc.recordStarts, [0, a.length]);
    });

    it('a header line after an unclosed body starts the next record', () => {
      const a = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n〖ZW/正文〗\n正文\n';
      const doc = parseDocument(a + record(), ctx);
      assert.deepEqual(doc.recordStarts, [0, a.length]);
    });

    it('an indented header line starts a record too (spaces, tabs, ideographic space)', () => {
      for (const indent of ['  ', '\t', '　']) {
        const doc = parseDocument(record() + indent + record(), ctx);
        assert.equal(doc.records.length, 2, JSON.stringify(indent));
      }
    });

    it('a header tag in the middle of a body line does not start a record', () => {
      const doc = parseDocument(record({ zw: '正文〖RQ/日期〗20130908〖-RQ/日期〗' }), ctx);
      assert.equal(doc.records.length, 1);
    });

    it('a picture block in a body stays in its record: 〖TM/中图〗, its 〖BH/版号〗 and 〖WJ/文件〗 lines, 〖-TM/中图〗', () => {
      const one = block('01', '201206010101.T01');
      const two = block('01', '201206010101.T02');
      for (const zw of [`${one}\n    正文内容`, `${one}\n${two}\n    正文内容`, one, `    正文内容\n${one}\n    图片说明`]) {
        for (const text of [record({ zw }), ZQ + record({ zw }), (ZQ + record({ zw })).replace(/\n/g, '\r\n')]) {
          assert.deepEqual(findRecordStarts(text, 0, ctx, () => false), [0], JSON.stringify(text));
          const [only] = parseDocument(text, ctx).records;
          const body = only.fields.find((f) => f.code === 'ZW');
          assert.ok(body?.close, `the body is closed by its own tag: ${JSON.stringify(text)}`);
          const codes = only.problems.map((p) => p.code);
          for (const wrong of ['unclosed-field', 'missing-field', 'unmatched-closing-tag', 'stray-text'] as const) {
            assert.ok(!codes.includes(wrong), `${wrong} in ${JSON.stringify(text)}`);
          }
        }
      }
    });

    it('after a picture block, a new record still starts: after the body, or where the first field repeats', () => {
      const zw = `${block('04', 'x.T01')}\n    正文内容`;
      const a = record({ zw });
      assert.deepEqual(parseDocument(a + record(), ctx).recordStarts, [0, a.length]);
      assert.deepEqual(parseDocument(ZQ + a + ZQ + a, ctx).recordStarts, [0, ZQ.length + a.length]);
      // The body never closed: the next record begins with the field this one began with.
      const open = a.replace('〖-ZW/正文〗\n', '');
      assert.deepEqual(parseDocument(open + record(), ctx).recordStarts, [0, open.length]);
      // Neither the body nor the block closed.
      const cut = a.slice(0, a.indexOf('〖WJ/文件〗'));
      assert.deepEqual(parseDocument(cut + record(), ctx).recordStarts, [0, cut.length]);
      assert.deepEqual(parseDocument(ZQ + cut + ZQ + a, ctx).recordStarts, [0, ZQ.length + cut.length]);
    });

    it('a block ends at the first line that does not open with a tag: a header line after it starts a record', () => {
      // The record began with ZQ, the next begins with RQ: only the body rule can split them.
      const head = ZQ + '〖RQ/日期〗20120601〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n〖ZW/正文〗\n';
      for (const body of [`${block('04', 'x.T01')}\n    正文\n`, '〖TM/中图〗\n〖BH/版号〗04〖-BH/版号〗\n    正文\n', `${block('04', 'x.T01')}\n`]) {
        const a = head + body;
        assert.deepEqual(parseDocument(a + record(), ctx).recordStarts, [0, a.length], JSON.stringify(body));
      }
    });

    it('only a tag alone on its line opens a block: not 〖HH/换行〗, not 〖ZW/正文〗, not a tag with text after it', () => {
      const head = ZQ + '〖RQ/日期〗20120601〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n〖ZW/正文〗\n';
      for (const line of ['〖HH/换行〗', '〖ZW/正文〗', '〖XX/某〗文字', '〖JZ/加重〗文字〖-JZ/加重〗', '〖TM/中图', '〖TM/中图〗〖WJ/文件〗']) {
        const a = `${head}    正文\n${line}\n`;
        assert.deepEqual(parseDocument(a + record(), ctx).recordStarts, [0, a.length], line);
      }
      // Before the body, a tag alone on its line opens no block: the header goes on as before.
      const early = ZQ + '〖TM/中图〗\n〖RQ/日期〗20120601〖-RQ/日期〗\n' + ZQ;
      assert.deepEqual(parseDocument(early, ctx).recordStarts, [0, early.length - ZQ.length]);
    });

    it('the 2012 archive files with picture blocks are one record each, their body closed by its own tag', () => {
      const files = ['201206010101.TXT', '201206010415.TXT'];
      const texts = files.map((f) => readArchive(ARCHIVE, f));
      texts.forEach((text, i) => {
        assert.ok(text.includes('\r\n〖TM/中图〗\r\n〖BH/版号〗'), `${files[i]} holds a picture block`);
        const doc = ls.parse(text);
        assert.equal(doc.records.length, 1, files[i]);
        assert.ok(doc.records[0].fields.find((f) => f.code === 'ZW')?.close, `${files[i]}: the body is closed`);
        const wrong = ls.getDiagnostics(doc, 'en').filter((d) => ['unclosed-field', 'missing-field', 'unmatched-closing-tag', 'stray-text'].includes(String(d.code)));
        assert.deepEqual(wrong, [], files[i]);
      });
      // With a clean file of the same day (no block), merged into one corpus file.
      const merged = [...texts, readArchive(ARCHIVE, '201206010313.TXT')].join('');
      assert.equal(parseDocument(merged, ctx).records.length, 3);
    });

    it('the multi-record fixture: records at every header block', () => {
      const doc = ls.parse(MULTI);
      assert.equal(doc.records.length, 4);
      for (let i = 0; i < doc.records.length; i++) {
        assert.match(MULTI.slice(doc.recordStarts[i]), /^〖(ZQ|RQ)\//);
        const line = MULTI.slice(0, doc.recordStarts[i]).split('\n').length - 1;
        assert.equal(doc.recordLines[i], line);
      }
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    });

    it('findRecordStarts scans from an offset and stops where asked', () => {
      const text = record() + record() + record();
      const len = record().length;
      assert.deepEqual(findRecordStarts(text, len, ctx, () => false), [len, 2 * len]);
      assert.deepEqual(
        findRecordStarts(text, 0, ctx, (p) => p === 2 * len),
        [0, len],
      );
    });

    it('records cover the whole text, each starting where the previous ends', () => {
      for (const text of [MULTI, SAMPLE + SAMPLE, '', '\n', 'x', record().repeat(5).replace(/\n/g, '\r\n')]) {
        const doc = ls.parse(text);
        let at = 0;
        for (let i = 0; i < doc.records.length; i++) {
          assert.equal(doc.recordStarts[i], at);
          at += doc.records[i].length;
        }
        assert.equal(at, text.length);
      }
    });

    it('upperBound and lowerBound', () => {
      const a = [0, 5, 5, 9];
      assert.equal(upperBound(a, -1), 0);
      assert.equal(upperBound(a, 5), 3);
      assert.equal(upperBound(a, 9), 4);
      assert.equal(lowerBound(a, 5), 1);
      assert.equal(lowerBound(a, 6), 3);
      assert.equal(lowerBound(a, 10), 4);
      assert.equal(upperBound([], 3), 0);
    });
  });

  describe('incremental update equals a fresh parse', () => {
    it('inserting a record before a first record that begins with a BOM: the BOM is text now', () => {
      const doc = ls.parse('\uFEFF〖ZQ');
      const next = edit(doc, { start: 0, end: 0, text: '〖ZQ/总期〗20330〖-ZQ/总期〗\n' }, 'a record inserted at 0:0');
      assert.ok(ls.getDiagnostics(next, 'en').some((d) => d.code === 'stray-text' && d.range.start.line === 1));
    });

    it('typing into a title', () => {
      let doc = ls.parse(MULTI);
      const at = doc.text.indexOf('〖-BT/标题〗');
      for (const ch of '新的标题') doc = edit(doc, { start: at, end: at, text: ch });
      void doc;
    });

    it('deleting a ZW closing tag (the body runs into the next record) and typing it back', () => {
      let doc = ls.parse(MULTI);
      doc = replace(doc, '〖-ZW/正文〗', '');
      const diags = ls.getDiagnostics(doc, 'en');
      assert.equal(diags.filter((d) => d.code === 'unclosed-field').length, 1);
      const at = doc.text.indexOf('〖ZQ/总期〗', 10) - 1;
      doc = edit(doc, { start: at, end: at, text: '\n〖-ZW/正文〗' });
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    });

    it('joining two records by deleting the line break and header between them', () => {
      let doc = ls.parse(MULTI);
      const secondStart = doc.recordStarts[1];
      doc = edit(doc, { start: secondStart - 1, end: secondStart + 5, text: '' });
      doc = edit(doc, { start: doc.recordStarts[1] - 20, end: doc.recordStarts[1] + 30, text: '' });
      void doc;
    });

    it('splitting a record by inserting a header in the middle of a body', () => {
      let doc = ls.parse(MULTI);
      const at = doc.text.indexOf('\n', doc.text.indexOf('〖ZW/正文〗') + 12) + 1;
      const count = doc.records.length;
      doc = edit(doc, { start: at, end: at, text: '〖-ZW/正文〗\n' + record().replace(/〖-ZW\/正文〗\n$/, '') });
      assert.equal(doc.records.length, count + 1);
    });

    it('inserting a whole new record between two, at the start, and at the end', () => {
      let doc = ls.parse(MULTI);
      const n = doc.records.length;
      doc = edit(doc, { start: doc.recordStarts[2], end: doc.recordStarts[2], text: record({ bt: '插入' }) });
      doc = edit(doc, { start: 0, end: 0, text: record({ bt: '开头' }) });
      doc = edit(doc, { start: doc.text.length, end: doc.text.length, text: record({ bt: '结尾' }) });
      assert.equal(doc.records.length, n + 3);
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    });

    it('deleting a whole record, and everything', () => {
      let doc = ls.parse(MULTI);
      doc = edit(doc, { start: doc.recordStarts[1], end: doc.recordStarts[2], text: '' });
      doc = edit(doc, { start: 0, end: doc.text.length, text: '' });
      assert.equal(doc.text, '');
      doc = edit(doc, { start: 0, end: 0, text: SAMPLE });
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    });

    it('several changes in one update, each against the text the previous left', () => {
      const doc = ls.parse(MULTI);
      const changes: TextChange[] = [
        { start: 0, end: 0, text: '\ufeff' },
        { start: 10, end: 12, text: '〖' },
        { start: 50, end: 50, text: '\r\n〖-ZW/正文〗\r\n' },
        { start: 5, end: 200, text: '' },
      ];
      const next = ls.update(doc, changes);
      let text = MULTI;
      for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
      assert.equal(next.text, text);
      assertSameAsFresh(ls, next, 'batched changes');
    });

    it('changes out of range are clamped, not thrown', () => {
      const doc = ls.parse(record());
      const next = ls.update(doc, [{ start: 1e9, end: 1e9 + 5, text: 'x' }]);
      assert.equal(next.text, record() + 'x');
      assertSameAsFresh(ls, next);
      const back = ls.update(doc, [{ start: -5, end: 3, text: '' }]);
      assert.equal(back.text, record().slice(3));
      assertSameAsFresh(ls, back);
    });

    it('editing CRLF text, including splitting a CRLF pair', () => {
      let doc = ls.parse(MULTI.replace(/\n/g, '\r\n'));
      const cr = doc.text.indexOf('\r\n', 100);
      doc = edit(doc, { start: cr + 1, end: cr + 1, text: '〖BT/标题〗' });
      doc = edit(doc, { start: cr, end: cr + 1, text: '' });
      doc = edit(doc, { start: doc.recordStarts[1] - 2, end: doc.recordStarts[1], text: '' });
      void doc;
    });

    it('editing a picture block: its opening line deleted and typed back, its closing line too', () => {
      const text = ZQ + record({ zw: `${block('01', 'x.T01')}\n${block('01', 'x.T02')}\n    正文内容` }) + ZQ + record();
      let doc = ls.parse(text);
      assert.equal(doc.records.length, 2);
      doc = replace(doc, '〖TM/中图〗\n', '');
      doc = replace(doc, '〖WJ/文件〗', '〖TM/中图〗\n〖WJ/文件〗');
      doc = replace(doc, '〖BH/版号〗01', '〖TM/中图〗\n〖BH/版号〗01', doc.text.indexOf('〖ZW/正文〗'));
      doc = replace(doc, '\n〖TM/中图〗\n〖WJ/文件〗', '\n〖WJ/文件〗');
      assert.equal(doc.text, text);
      assert.equal(doc.records.length, 2);
      doc = replace(doc, '〖-TM/中图〗\n', '');
      doc = replace(doc, '〖-TM/中图〗\n', '');
      doc = replace(doc, '    正文内容', '〖-TM/中图〗\n    正文内容');
      assert.equal(doc.records.length, 2);
    });

    it('the records after an edit are reused, not parsed again', () => {
      const doc = ls.parse(MULTI);
      const next = ls.update(doc, [{ start: 2, end: 2, text: '1' }]);
      assert.equal(next.records[next.records.length - 1], doc.records[doc.records.length - 1]);
    });

    // Random edits: deterministic, so a failure names its seed and step.
    const FRAGMENTS = [
      '〖', '〗', '-', '/', '；', ';', '\n', '\r\n', '\r', ' ', '　', '\ufeff', '𠀀', '一\n', '正文', '2013',
      '〖ZW/正文〗', '〖-ZW/正文〗', '〖RQ/日期〗', '〖-RQ/日期〗', '〖BT/标题〗', '〖-BT/标题〗', '〖JZ/加重〗', '〖-JZ/加重〗',
      '〖ZQ/总期〗1〖-ZQ/总期〗\n', '〖BT/标题〗甲〖-BT/标题〗\n', '\n〖-ZW/正文〗\n', '〖HH/换行〗', '〖XX/某〗', '〖rq；日期',
    ];
    const bases = {
      multi: MULTI,
      'multi CRLF': MULTI.replace(/\n/g, '\r\n'),
      sample: SAMPLE.slice(0, 1500) + '\n〖-ZW/正文〗\n' + SAMPLE.slice(0, 800),
      tiny: record().repeat(6),
      'picture blocks': (ZQ + record({ zw: `${block('01', 'x.T01')}\n${block('01', 'x.T02')}\n    正文内容` })).repeat(4),
      empty: '',
    };
    for (const [name, base] of Object.entries(bases)) {
      it(`many random edits of ${name}`, () => {
        for (let seed = 1; seed <= 40; seed++) {
          const rnd = prng(seed * 7919 + base.length);
          let doc = ls.parse(base);
          for (let step = 0; step < 15; step++) {
            const len = doc.text.length;
            const start = rnd(len + 1);
            const kind = rnd(4);
            let end = start;
            let text = '';
            if (kind !== 0) for (let k = 1 + rnd(3); k > 0; k--) text += FRAGMENTS[rnd(FRAGMENTS.length)];
            if (kind !== 1) end = Math.min(len, start + (rnd(4) === 0 ? rnd(400) : rnd(12)));
            if (kind === 3 && len > 0) {
              // duplicate a slice somewhere else
              const s = rnd(len);
              text = doc.text.slice(s, Math.min(len, s + rnd(200)));
              end = start;
            }
            doc = edit(doc, { start, end, text }, `(seed ${seed}, step ${step})`);
          }
        }
      });
    }
  });
});
