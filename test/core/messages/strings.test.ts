// The features' strings: English in English, Chinese in Chinese, and nothing said in one
// language only (the compiler checks the keys; this checks what they say).

import * as assert from 'node:assert/strict';
import { en } from '../../../server/src/messages/en';
import { zh } from '../../../server/src/messages/zh';
import { tagDescription, type Strings } from '../../../server/src/messages/strings';
import { BUILT_IN_TAGS, createTagTable } from '../../../server/src/tags/tagTable';

const HAN = /\p{Script=Han}/u;
const withoutTags = (s: string) => s.replace(/〖[^〖〗]*〗/g, '');

/** Every string a catalogue can say, with placeholder arguments. */
function said(s: Strings): string[] {
  return [
    s.untitled,
    s.outlineLimited('10', '150'),
    ...Object.values(s.tagDescriptions),
    s.tagFromSettings,
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
      assert.match(s.recordDetail.page('002'), /002/);
      assert.match(s.recordDetail.item('3'), /3/);
    }
  });

  it('an article’s page and item are cited as the paper prints them, in both languages', () => {
    for (const s of [en, zh]) {
      assert.equal([s.recordDetail.page('002'), s.recordDetail.item('3')].join(s.recordDetail.separator), '002版 · 3条');
    }
  });

  it('every built-in tag is described in both languages, and its table entry says the same', () => {
    for (const def of BUILT_IN_TAGS) {
      assert.equal(def.en, tagDescription('en', def.code), def.code);
      assert.equal(def.zh, tagDescription('zh', def.code), def.code);
    }
    assert.deepEqual(Object.keys(en.tagDescriptions).sort(), BUILT_IN_TAGS.map((d) => d.code).sort());
    assert.deepEqual(Object.keys(zh.tagDescriptions).sort(), BUILT_IN_TAGS.map((d) => d.code).sort());
  });

  it('a tag from the settings: a built-in code keeps its description, a code of its own has the settings’ one', () => {
    const table = createTagTable([
      { code: 'RQ', name: '出版日期', placement: 'header' },
      { code: 'DW', name: '单位', placement: 'header' },
    ]);
    assert.equal(table.get('RQ')!.en, en.tagDescriptions.RQ);
    assert.equal(table.get('DW')!.en, en.tagFromSettings);
    assert.equal(table.get('DW')!.zh, zh.tagFromSettings);
    assert.equal(tagDescription('zh', 'DW'), zh.tagFromSettings);
    assert.equal(tagDescription('en', 'constructor'), en.tagFromSettings, 'only own keys are descriptions');
  });
});
