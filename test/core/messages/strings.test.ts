// The features' strings: English in English, Chinese in Chinese, and nothing said in one
// language only (the compiler checks the keys; this checks what they say).

import * as assert from 'node:assert/strict';
import { en } from '../../../server/src/messages/en';
import { zh } from '../../../server/src/messages/zh';
import type { Strings } from '../../../server/src/messages/strings';

const HAN = /\p{Script=Han}/u;
const withoutTags = (s: string) => s.replace(/〖[^〖〗]*〗/g, '');

/** Every string a catalogue can say, with placeholder arguments. */
function said(s: Strings): string[] {
  return [
    s.untitled,
    s.outlineLimited('10', '150'),
    ...Object.values(s.placement),
    ...s.weekdays,
    s.date(2013, 9, 8, s.weekdays[0]),
    s.fix.rewriteAs('〖RQ/日期〗'),
    s.fix.useName('日期'),
    s.fix.rewriteDate('20130908'),
    s.fix.remove('U+200B'),
    s.fix.replaceWith('〖-RQ/日期〗'),
    s.fix.closeWith('〖-RQ/日期〗'),
    s.fix.addTag('〖DW/单位〗'),
    s.fix.all(),
    s.fix.all(3),
  ];
}

describe('messages/strings', () => {
  it('English strings are English: no Chinese outside the tags they quote', () => {
    for (const text of said(en)) assert.ok(text.length > 0 && !HAN.test(withoutTags(text).replace(/日期/g, '')), text);
  });

  it('Chinese strings are Chinese', () => {
    for (const text of said(zh)) assert.ok(HAN.test(withoutTags(text)) || /^U\+/.test(text), text);
  });

  it('both say as much: the same number of weekdays, arguments shown in both', () => {
    assert.equal(en.weekdays.length, 7);
    assert.equal(zh.weekdays.length, 7);
    for (const s of [en, zh]) {
      assert.match(s.outlineLimited('10', '150'), /10.*150|150.*10/);
      assert.match(s.fix.all(3), /3/);
      assert.match(s.date(2013, 9, 8, 'W'), /2013.*9.*8/);
    }
  });
});
