// The features' strings: English in English, Chinese in Chinese, and nothing said in one
// language only (the compiler checks the keys; this checks what they say).

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { en } from '../../../server/src/messages/en';
import { zh } from '../../../server/src/messages/zh';
import { tagDescription, type IssueNeighbour, type PagePlace, type Strings } from '../../../server/src/messages/strings';
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
    ...hoverSaid(s),
  ];
}

/** The FL, ZQ, TH and BH hovers, each way they can speak. */
function hoverSaid(s: Strings): string[] {
  const n = (verdict: IssueNeighbour['verdict'], zq = '20332', date = '2013-09-07'): IssueNeighbour => ({ zq, date, verdict });
  // The page's name is the file's, in any language: a placeholder here.
  const place = (count: number, index: number, pageName = 'NAME'): PagePlace => ({ date: '2013-09-08', page: '02', pageName, item: '3', items: '1–5', count, index });
  return [
    s.hover.deeper('D633.2', 'D633'),
    s.hover.auxiliary('-53'),
    s.hover.issue('20333', '2013-09-08', n('agrees'), n('agrees', '20334', '2013-09-09')),
    s.hover.issue('20333', '2013-09-08', n('same-date-other-issue'), n('not-growing')),
    s.hover.issue('20333', '', undefined, n('unknown', '', '')),
    s.hover.issue('20333', '2013-09-08', n('unknown', '20332', ''), n('unknown', '', '2013-09-09')),
    ...[place(5, 1), place(5, 3), place(5, 5), place(1, 1, '')].flatMap((p) => [s.hover.item(p), s.hover.page(p)]),
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

  it('the hovers say what they are given, in both languages', () => {
    for (const s of [en, zh]) {
      const both = s.hover.issue('20333', '2013-09-08', { zq: '20332', date: '2013-09-07', verdict: 'agrees' }, { zq: '20334', date: '2013-09-09', verdict: 'agrees' });
      for (const part of ['20333', '2013-09-08', '20332', '2013-09-07', '20334', '2013-09-09']) assert.ok(both.includes(part), part);
      const item = s.hover.item({ date: '2013-09-08', page: '02', pageName: '要闻', item: '3', items: '1–5', count: 5, index: 3 });
      for (const part of ['2013-09-08', '02', '3', '1–5', '5']) assert.ok(item.includes(part), part);
      assert.match(s.hover.page({ date: '2013-09-08', page: '02', pageName: '要闻', item: '3', items: '1–5', count: 5, index: 3 }), /02[^]*要闻[^]*2013-09-08|2013-09-08[^]*02[^]*要闻/);
      assert.match(s.hover.deeper('D633.2', 'D633'), /D633\.2[^]*D633/);
    }
    // A main class's name is Chinese: English glosses it, Chinese has no need to.
    assert.equal(en.hover.mainClass('政治、法律', en.classificationClasses.D), '政治、法律 (Politics and law)');
    assert.equal(zh.hover.mainClass('政治、法律', zh.classificationClasses.D), '政治、法律');
  });

  // 页眉 is a page's running head: a field of the header of a record is 表头字段 (or 著录项).
  it('no Chinese text calls a header field 页眉: not the catalogues, the client’s bundle, package.json’s titles or the README', () => {
    const root = path.join(__dirname, '../../..');
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir)).flatMap((name) => {
        const rel = path.join(dir, name);
        return statSync(path.join(root, rel)).isDirectory() ? files(rel) : [rel];
      });
    const texts = [...files('server/src'), ...files('client/src'), ...files('l10n'), 'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', ...files('docs').filter((f) => f.endsWith('.md'))];
    assert.ok(texts.length > 50, String(texts.length));
    for (const file of texts) assert.ok(!readFileSync(path.join(root, file), 'utf8').includes('页眉'), file);
    for (const text of said(zh)) assert.ok(!text.includes('页眉'), text);
    assert.match(zh.placement.header, /表头字段|著录项/);
  });
});
