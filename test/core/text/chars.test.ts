import * as assert from 'node:assert/strict';
import { detach, isSpace, skipBlanks, trimBlanksEnd } from '../../../server/src/text/chars';

describe('text/chars', () => {
  describe('small helpers', () => {
    it('detach copies and cuts long strings', () => {
      assert.equal(detach('abc'), 'abc');
      const long = 'x'.repeat(100);
      const cut = detach(long);
      assert.equal(cut.length, 40);
      assert.ok(cut.endsWith('…'));
      assert.equal(detach(long, 10).length, 10);
    });
    it('isSpace: ASCII blanks, CR/LF, ideographic space, NBSP', () => {
      for (const c of [' ', '\t', '\r', '\n', '\u3000', '\u00a0']) assert.equal(isSpace(c.charCodeAt(0)), true, JSON.stringify(c));
      for (const c of ['a', '一', '\ufeff', '\u200b']) assert.equal(isSpace(c.charCodeAt(0)), false, JSON.stringify(c));
    });
  });
  it('skipBlanks and trimBlanksEnd bound a value without its blanks, within the range given', () => {
    const text = 'x 　中 文\t\ny';
    assert.equal(skipBlanks(text, 1, 8), 3);
    assert.equal(trimBlanksEnd(text, 1, 8), 6);
    assert.equal(skipBlanks(text, 1, 3), 3);
    assert.equal(trimBlanksEnd(text, 6, 8), 6);
  });
});
