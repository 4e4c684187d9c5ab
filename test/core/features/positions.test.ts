// Offsets and positions, judged against vscode-languageserver-textdocument (the reference
// implementation of LSP positions): UTF-16 characters, CRLF, a BOM, characters outside the
// BMP, and documents of several records, before and after edits.

import * as assert from 'node:assert/strict';
import { lspDoc, prng, readFixture, record, SAMPLE, service } from '../helpers';

const ls = service();
const MULTI = readFixture('multi-record.rmrb');

const TEXTS: Record<string, string> = {
  sample: SAMPLE,
  multi: MULTI,
  'multi CRLF': MULTI.replace(/\n/g, '\r\n'),
  'BOM and astral': '\ufeff〖BT/标题〗𠀀𠀀〖-BT/标题〗\n𠀀〖ZW/正文〗\n𠀀\n〖-ZW/正文〗\n' + record(),
  'no final line break': record() + '〖BT/标题〗x〖-BT/标题〗',
  'blank lines only': '\n\n\r\n\n',
  'one character': 'x',
  empty: '',
  'stray text before the first record': '前言\n\n' + record(),
};

/** Is `offset` between the CR and LF of a CRLF pair (no position of its own in LSP)? */
const insideCrlf = (text: string, offset: number) => offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n';

describe('features/positions', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    describe(name, () => {
      const doc = ls.parse(text);
      const ref = lspDoc(text);

      it('positionAt agrees with the reference at every offset', () => {
        for (let o = 0; o <= text.length; o++) {
          if (insideCrlf(text, o)) continue;
          assert.deepEqual(ls.positionAt(doc, o), ref.positionAt(o), `offset ${o}`);
        }
      });

      it('offsetAt agrees with the reference at every position, including past line ends', () => {
        for (let line = 0; line < ref.lineCount + 2; line++) {
          for (let character = 0; character < 12; character++) {
            const p = { line, character };
            assert.equal(ls.offsetAt(doc, p), ref.offsetAt(p), `position ${line}:${character}`);
          }
          const far = { line, character: 100000 };
          assert.equal(ls.offsetAt(doc, far), ref.offsetAt(far), `position ${line}:far`);
        }
      });

      it('offsetAt and positionAt are inverse', () => {
        for (let o = 0; o <= text.length; o++) {
          if (insideCrlf(text, o)) continue;
          assert.equal(ls.offsetAt(doc, ls.positionAt(doc, o)), o, `offset ${o}`);
        }
      });
    });
  }

  it('clamps offsets and positions out of range', () => {
    const doc = ls.parse(record());
    assert.deepEqual(ls.positionAt(doc, -5), { line: 0, character: 0 });
    assert.deepEqual(ls.positionAt(doc, 1e9), lspDoc(record()).positionAt(record().length));
    assert.equal(ls.offsetAt(doc, { line: 0, character: -4 }), 0);
    assert.equal(ls.offsetAt(doc, { line: 99, character: 0 }), record().length);
  });

  it('a position past the end of a CRLF line stops before the CR', () => {
    const text = 'ab\r\ncd\r\n';
    const doc = ls.parse(text);
    assert.equal(ls.offsetAt(doc, { line: 0, character: 99 }), 2);
    assert.equal(ls.offsetAt(doc, { line: 1, character: 2 }), 6);
  });

  it('after random edits, positions still agree with the reference', () => {
    const rnd = prng(4242);
    let doc = ls.parse(MULTI.replace(/\n/g, '\r\n'));
    const pieces = ['\r\n', '\n', '𠀀', '〖RQ/日期〗', '\ufeff', '甲', record()];
    for (let step = 0; step < 60; step++) {
      const s = rnd(doc.text.length + 1);
      const e = Math.min(doc.text.length, s + rnd(30));
      const piece = pieces[rnd(pieces.length)];
      // Lone CRs are tested on their own below.
      if (/\r(?!\n)/.test(doc.text.slice(0, s) + piece + doc.text.slice(e))) continue;
      doc = ls.update(doc, [{ start: s, end: e, text: piece }]);
      const text = doc.text;
      const ref = lspDoc(text);
      for (let k = 0; k < 40; k++) {
        const o = rnd(text.length + 1);
        if (!insideCrlf(text, o)) assert.deepEqual(ls.positionAt(doc, o), ref.positionAt(o), `step ${step} offset ${o}`);
        const p = { line: rnd(ref.lineCount + 1), character: rnd(60) };
        assert.equal(ls.offsetAt(doc, p), ref.offsetAt(p), `step ${step} position ${p.line}:${p.character}`);
      }
    }
  });

  describe('a lone CR is a line break in LSP and VS Code', () => {
    // Old Mac files end lines with a lone CR; the protocol counts \r, \n and \r\n as line ends.
    const text = '〖RQ/日期〗20130908〖-RQ/日期〗\r〖BT/标题〗标题〖-BT；标题〗\r〖ZW/正文〗\r正文\r〖-ZW/正文〗\r';

    it('positions agree with the reference', () => {
      const doc = ls.parse(text);
      const ref = lspDoc(text);
      for (let o = 0; o <= text.length; o++) assert.deepEqual(ls.positionAt(doc, o), ref.positionAt(o), `offset ${o}`);
    });

    it('the diagnostic lands on the tag, on line 1', () => {
      const doc = ls.parse(text);
      const d = ls.getDiagnostics(doc, 'en');
      assert.deepEqual(
        d.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.code}`),
        ['1:9-1:17 malformed-tag'],
      );
    });
  });
});
