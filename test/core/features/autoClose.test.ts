// Auto-closing tags: `|` marks the cursor right after the `〗` just typed; the answer is
// applied as the editor applies it (the snippet inserted there, its `$0` the new cursor) and
// the resulting text compared, or null when nothing is inserted.

import * as assert from 'node:assert/strict';
import { applyEdits, cursor, service } from '../helpers';

const ls = service();
const HEAD = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n';

function typed(input: string, l = ls): string | null {
  const { text, position } = cursor(input);
  const snippet = l.getAutoClose(l.parse(text), position);
  if (snippet === null) return null;
  assert.ok(!/\$[1-9]|\$\{/.test(snippet), `only $0 in the snippet: ${snippet}`);
  return applyEdits(text, [{ range: { start: position, end: position }, newText: snippet.replace('$0', '|') }]);
}

describe('features/autoClose', () => {
  it('a header field gets its closing tag at once, the cursor between', () => {
    assert.equal(typed('〖RQ/日期〗|'), '〖RQ/日期〗|〖-RQ/日期〗');
    assert.equal(typed(`${HEAD}〖FT/副题〗|\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n`), `${HEAD}〖FT/副题〗|〖-FT/副题〗\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n`);
  });

  it('正文 gets its closing tag on a line of its own, the cursor on an indented line between', () => {
    assert.equal(typed(`${HEAD}〖ZW/正文〗|\n`), `${HEAD}〖ZW/正文〗\n    |\n〖-ZW/正文〗\n`);
  });

  it('a paired inline tag gets its closing tag at once, in 正文 and in a header value', () => {
    assert.equal(typed(`${HEAD}〖ZW/正文〗\n    甲〖JZ/加重〗|乙\n〖-ZW/正文〗\n`), `${HEAD}〖ZW/正文〗\n    甲〖JZ/加重〗|〖-JZ/加重〗乙\n〖-ZW/正文〗\n`);
    assert.equal(typed('〖BT/标题〗甲〖ZI/字符〗|〖-BT/标题〗'), '〖BT/标题〗甲〖ZI/字符〗|〖-ZI/字符〗〖-BT/标题〗');
  });

  it('a picture block’s opening, alone on its line, gets its closing tag on a line below', () => {
    assert.equal(typed(`${HEAD}〖ZW/正文〗\n    甲\n〖TM/中图〗|\n〖-ZW/正文〗\n`), `${HEAD}〖ZW/正文〗\n    甲\n〖TM/中图〗\n|\n〖-TM/中图〗\n〖-ZW/正文〗\n`);
  });

  it('nothing for a field or inline tag already closed', () => {
    assert.equal(typed(`${HEAD}〖ZW/正文〗|\n    甲\n〖-ZW/正文〗\n`), null);
    assert.equal(typed(`${HEAD}〖ZW/正文〗\n    甲〖JZ/加重〗|乙〖-JZ/加重〗\n〖-ZW/正文〗\n`), null);
    assert.equal(typed(`${HEAD}〖ZW/正文〗\n    甲\n〖TM/中图〗|\n〖BH/版号〗01〖-BH/版号〗\n〖-TM/中图〗\n〖-ZW/正文〗\n`), null);
  });

  it('but an inline tag opened again before the one closed is closed in its turn', () => {
    assert.equal(typed('〖BT/标题〗〖JZ/加重〗|甲〖JZ/加重〗乙〖-JZ/加重〗〖-BT/标题〗'), '〖BT/标题〗〖JZ/加重〗|〖-JZ/加重〗甲〖JZ/加重〗乙〖-JZ/加重〗〖-BT/标题〗');
  });

  it('nothing for a closing tag, a tag that stands alone, or a broken, misnamed or unknown one', () => {
    assert.equal(typed('〖RQ/日期〗20130908〖-RQ/日期〗|'), null);
    assert.equal(typed(`${HEAD}〖ZW/正文〗\n    甲〖HH/换行〗|乙\n〖-ZW/正文〗\n`), null);
    assert.equal(typed('〖〗|'), null, 'the pair VS Code closes by itself');
    assert.equal(typed('〖RQ；日期〗|'), null);
    assert.equal(typed('〖rq/日期〗|'), null);
    assert.equal(typed('〖RQ/总期〗|'), null);
    assert.equal(typed('〖QT/其他〗|'), null);
    assert.equal(typed('〖RQ/日期|'), null, 'no 〗 before the cursor');
  });

  it('nothing where the parse reads the tag as a closing tag that lost its `-`', () => {
    assert.equal(typed('〖RQ/日期〗20130908〖RQ/日期〗|\n'), null);
  });

  it('nothing for a header field or 正文 with words after the cursor: the closing tag belongs after them', () => {
    assert.equal(typed('〖RQ/日期〗|20130908\n'), null);
    assert.equal(typed(`${HEAD}〖ZW/正文〗|甲\n`), null);
  });

  it('counts in UTF-16 after a BOM, CRLF and a character outside the BMP', () => {
    assert.equal(typed('\uFEFF〖BT/标题〗𠀀\r\n〖FT/副题〗𠀀〖JZ/加重〗|\r\n'), '\uFEFF〖BT/标题〗𠀀\r\n〖FT/副题〗𠀀〖JZ/加重〗|〖-JZ/加重〗\r\n');
    assert.equal(typed('\uFEFF〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀〖-BT/标题〗\r\n〖ZW/正文〗|\r\n'), '\uFEFF〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀〖-BT/标题〗\r\n〖ZW/正文〗\n    |\n〖-ZW/正文〗\r\n');
  });

  it('a tag of the settings’ table, its name escaped for the snippet', () => {
    const extra = service({ extraTags: [{ code: 'XY', name: '价$格}', placement: 'inline', paired: true }] });
    const { text, position } = cursor('〖BT/标题〗〖XY/价$格}〗|〖-BT/标题〗');
    assert.equal(extra.getAutoClose(extra.parse(text), position), '$0〖-XY/价\\$格\\}〗');
  });
});
