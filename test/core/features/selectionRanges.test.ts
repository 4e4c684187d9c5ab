// Expand Selection: `|` marks the cursor; each test lists the text of every range from the
// innermost out, as Shift+Alt+→ would select them one after the other.

import * as assert from 'node:assert/strict';
import type { SelectionRange } from 'vscode-languageserver-types';
import { cursor, lspDoc, service } from '../helpers';

const ls = service();
const HEAD = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n';

/** The texts the ranges select, innermost first; asserts each parent holds its child. */
function expand(input: string): string[] {
  const { text, position } = cursor(input);
  const [range] = ls.getSelectionRanges(ls.parse(text), [position]);
  // Positions are read back by the reference implementation, not the core's own code.
  const doc = lspDoc(text);
  const out: string[] = [];
  let child: SelectionRange | undefined;
  for (let r: SelectionRange | undefined = range; r; r = r.parent) {
    const [start, end] = [doc.offsetAt(r.range.start), doc.offsetAt(r.range.end)];
    assert.ok(start <= doc.offsetAt(position) && doc.offsetAt(position) <= end, 'each range holds the cursor');
    if (child) {
      const [cs, ce] = [doc.offsetAt(child.range.start), doc.offsetAt(child.range.end)];
      assert.ok(start <= cs && ce <= end && end - start > ce - cs, `${JSON.stringify(text.slice(start, end))} strictly holds ${JSON.stringify(text.slice(cs, ce))}`);
    }
    out.push(text.slice(start, end));
    child = r;
  }
  return out;
}

describe('features/selectionRanges', () => {
  it('in a header value: the value, the field, the record', () => {
    assert.deepEqual(expand(`〖RQ/日期〗2013|0908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n`), ['20130908', '〖RQ/日期〗20130908〖-RQ/日期〗', HEAD.trimEnd()]);
  });

  it('on a tag: its code or name, the tag, the field, the record', () => {
    assert.deepEqual(expand(`〖R|Q/日期〗20130908〖-RQ/日期〗\n`), ['RQ', '〖RQ/日期〗', '〖RQ/日期〗20130908〖-RQ/日期〗']);
    assert.deepEqual(expand(`〖RQ/日期〗20130908〖-RQ/日|期〗\n`), ['日期', '〖-RQ/日期〗', '〖RQ/日期〗20130908〖-RQ/日期〗']);
  });

  it('in 正文: the sentence, the paragraph, the section, the text of 正文, the field, the record', () => {
    const body = '〖ZW/正文〗\n    一\n    甲乙。丙丁！“戊。”己\n    二\n    庚\n〖-ZW/正文〗';
    assert.deepEqual(expand(`${HEAD}${body.replace('丙丁', '丙|丁')}\n`), [
      '丙丁！',
      '甲乙。丙丁！“戊。”己',
      '一\n    甲乙。丙丁！“戊。”己',
      '    一\n    甲乙。丙丁！“戊。”己\n    二\n    庚',
      body,
      HEAD + body,
    ]);
    assert.equal(expand(`${HEAD}${body.replace('戊。', '戊|。')}\n`)[0], '“戊。”', 'a quote closing with the sentence is part of it');
  });

  it('in an inline tag: its text, the inline tag, then the sentence around it', () => {
    const body = '〖ZW/正文〗\n    甲〖JZ/加重〗乙丙〖-JZ/加重〗丁。戊。\n〖-ZW/正文〗';
    assert.deepEqual(expand(`${HEAD}${body.replace('乙丙', '乙|丙')}\n`).slice(0, 4), [
      '乙丙',
      '〖JZ/加重〗乙丙〖-JZ/加重〗',
      '甲〖JZ/加重〗乙丙〖-JZ/加重〗丁。',
      '甲〖JZ/加重〗乙丙〖-JZ/加重〗丁。戊。',
    ]);
  });

  it('a range crossing another is left out, so each parent still holds its child', () => {
    // The inline tag runs out of the first sentence: the sentence is not a step.
    const chain = expand(`${HEAD}〖ZW/正文〗\n    甲〖JZ/加重〗乙|。丙〖-JZ/加重〗丁。\n〖-ZW/正文〗\n`);
    assert.deepEqual(chain.slice(0, 3), ['乙。丙', '〖JZ/加重〗乙。丙〖-JZ/加重〗', '甲〖JZ/加重〗乙。丙〖-JZ/加重〗丁。']);
  });

  it('a picture block’s field inside 正文, and the block', () => {
    const block = '〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n〖-TM/中图〗';
    const chain = expand(`${HEAD}〖ZW/正文〗\n    甲\n${block.replace('01', '0|1')}\n〖-ZW/正文〗\n`);
    assert.deepEqual(chain.slice(0, 3), ['01', '〖BH/版号〗01〖-BH/版号〗', block]);
  });

  it('counts in UTF-16 after a BOM, CRLF and a character outside the BMP', () => {
    assert.deepEqual(expand('\uFEFF〖BT/标题〗𠀀字〖-BT/标题〗\r\n〖ZW/正文〗\r\n    𠀀。字|。\r\n〖-ZW/正文〗\r\n').slice(0, 4), [
      '字。',
      '𠀀。字。',
      '    𠀀。字。',
      '〖ZW/正文〗\r\n    𠀀。字。\r\n〖-ZW/正文〗',
    ]);
    assert.deepEqual(expand('\uFEFF〖BT/标题〗𠀀|字〖-BT/标题〗\r\n'), ['𠀀字', '〖BT/标题〗𠀀字〖-BT/标题〗']);
  });

  it('one answer per position, and an empty range where there is nothing to select', () => {
    const { text } = cursor(`${HEAD}|`);
    const doc = ls.parse(text + '\n\n');
    const answers = ls.getSelectionRanges(doc, [
      { line: 0, character: 9 },
      { line: 3, character: 0 },
    ]);
    assert.equal(answers.length, 2);
    assert.deepEqual(answers[1], { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } } });
    assert.ok(answers[0].parent);
    assert.deepEqual(ls.getSelectionRanges(ls.parse(''), [{ line: 0, character: 0 }]), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });
});
