// A tag being typed is held back for a moment: what is hidden, and what is not.

import * as assert from 'node:assert/strict';
import { hideTagBeingTyped, placeAfter, restOfLine } from '../../../server/src/features/typingGrace';
import { diagnose, service } from '../helpers';

const ls = service();
const at = (line: number, character: number) => ({ line, character });
const codes = (text: string, cursor: { line: number; character: number }) => {
  const doc = ls.parse(text);
  return hideTagBeingTyped(ls.getDiagnostics(doc, 'en'), cursor, (p) => restOfLine(doc, p)).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
};

describe('features/typingGrace', () => {
  const RECORD = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n';

  it('hides the malformed tag the cursor is typing in: 〖〗 as the bracket pair closes itself, 〖B〗, 〖BM/〗', () => {
    for (const typed of ['〖〗', '〖B〗', '〖BM〗', '〖BM/〗']) {
      const text = `${RECORD}${typed}`;
      assert.ok(diagnose(text).some((d) => d.endsWith('malformed-tag')), `${typed} is malformed`);
      // The cursor stands before the 〗 VS Code closed the pair with.
      assert.deepEqual(codes(text, at(2, typed.length - 1)).filter((c) => c.endsWith('malformed-tag')), [], typed);
    }
    assert.deepEqual(codes(`${RECORD}〖`, at(2, 1)).filter((c) => c.endsWith('malformed-tag')), []);
  });

  it('keeps a malformed tag the cursor is not in, and every other problem', () => {
    const text = `${RECORD}〖BM；版名〗要闻〖-BM/版名〗\n`;
    const all = diagnose(text);
    assert.ok(all.some((d) => d.startsWith('2:0-2:7 malformed-tag')), all.join(', '));
    assert.deepEqual(codes(text, at(1, 3)).filter((c) => c.endsWith('malformed-tag')), ['2:0 malformed-tag'], 'the cursor on another line');
    assert.deepEqual(codes(text, at(2, 9)).filter((c) => c.endsWith('malformed-tag')), ['2:0 malformed-tag'], 'the cursor past the tag');
    assert.deepEqual(codes(text, at(2, 0)).filter((c) => c.endsWith('malformed-tag')), ['2:0 malformed-tag'], 'the cursor before the tag');
    assert.deepEqual(codes(text, at(2, 4)).filter((c) => c.endsWith('malformed-tag')), ['2:0 malformed-tag'], 'in the tag, with words after it: a mistake, not a tag being typed');
  });

  it('finds where an edit leaves the cursor, over line breaks too', () => {
    assert.deepEqual(placeAfter(at(3, 4), '〖'), at(3, 5));
    assert.deepEqual(placeAfter(at(3, 4), '𠀀'), at(3, 6), 'UTF-16 units');
    assert.deepEqual(placeAfter(at(3, 4), 'ab\r\ncd'), at(4, 2));
    assert.deepEqual(placeAfter(at(3, 4), ''), at(3, 4));
  });
  it('reads the rest of a line from its own record, in any record, with CRLF, a BOM and 𠀀', () => {
    const text = `\uFEFF${RECORD}〖RQ/日期〗20130909〖-RQ/日期〗\n〖BT/标题〗𠀀字〖-BT/标题〗\n`.replace(/\n/g, '\r\n');
    const edited = ls.update(ls.parse(text), [{ start: 1, end: 1, text: '' }]); // a document whose text is its records' join
    for (const doc of [ls.parse(text), edited]) {
      assert.equal(restOfLine(doc, at(3, 7)), '𠀀字〖-BT/标题〗');
      assert.equal(restOfLine(doc, at(3, 9)), '字〖-BT/标题〗');
      assert.equal(restOfLine(doc, at(2, 25)), '');
      assert.equal(restOfLine(doc, at(0, 0)), `${text.slice(0, text.indexOf('\r'))}`);
    }
  });
});
