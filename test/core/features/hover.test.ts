import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { cursor, fmtRange, record, SAMPLE, service } from '../helpers';

const ls = service();

/** Hover at the `|` of the input. */
function hover(input: string, locale: 'en' | 'zh' = 'en'): Hover | null {
  const { text, position } = cursor(input);
  return ls.getHover(ls.parse(text), position, locale);
}
const value = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value;

describe('features/hover', () => {
  describe('on a tag', () => {
    it('explains the field, in English', () => {
      const h = hover('〖R|Q/日期〗20130908〖-RQ/日期〗\n');
      assert.equal((h!.contents as MarkupContent).kind, 'markdown');
      assert.match(value(h)!, /〖RQ\/日期〗/);
      assert.match(value(h)!, /Publication date/);
      assert.match(value(h)!, /header field/);
      assert.equal(fmtRange(h!.range!), '0:0-0:7');
    });

    it('in Chinese', () => {
      const v = value(hover('〖R|Q/日期〗20130908〖-RQ/日期〗\n', 'zh'))!;
      assert.match(v, /出版日期/);
      assert.match(v, /表头字段/);
    });

    it('anywhere on the tag, its brackets included', () => {
      for (const input of ['|〖BT/标题〗甲〖-BT/标题〗', '〖|BT/标题〗甲〖-BT/标题〗', '〖BT/标|题〗甲〖-BT/标题〗', '〖BT/标题|〗甲〖-BT/标题〗']) {
        assert.match(value(hover(input))!, /Headline/, input);
      }
    });

    it('on a closing tag', () => {
      const h = hover('〖BT/标题〗甲〖-B|T/标题〗');
      assert.match(value(h)!, /Headline/);
      assert.equal(fmtRange(h!.range!), '0:8-0:16');
    });

    it('the body and inline tags', () => {
      assert.match(value(hover(`${record()}`.replace('〖ZW/正文〗', '〖Z|W/正文〗')))!, /body field/);
      assert.match(value(hover('〖ZW/正文〗\n甲〖J|Z/加重〗乙〖-JZ/加重〗\n〖-ZW/正文〗'))!, /inline tag \(paired\)/);
      assert.match(value(hover('〖ZW/正文〗\n甲〖H|H/换行〗乙\n〖-ZW/正文〗'))!, /stands alone/);
    });

    it('a picture block and its file (PLA Daily, 2012 on)', () => {
      const zw = (line: string) => `〖ZW/正文〗\n〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n${line}\n〖-TM/中图〗\n〖-ZW/正文〗`;
      assert.match(value(hover(zw('〖WJ/文件〗x.T01〖-WJ/文件〗').replace('〖TM', '〖T|M')))!, /^\*\*〖TM\/中图〗\*\* — A picture in the body[^]*block in the body/);
      assert.match(value(hover(zw('〖W|J/文件〗x.T01〖-WJ/文件〗')))!, /file name of a picture[^]*field of a block/);
      assert.match(value(hover(zw('〖W|J/文件〗x.T01〖-WJ/文件〗'), 'zh'))!, /图片的文件名[^]*块的字段/);
    });

    it('a malformed tag is still explained as the tag it was meant to be', () => {
      assert.match(value(hover('〖R|Q；日期〗20130908〖-RQ/日期〗'))!, /Publication date/);
      assert.match(value(hover('〖r|q/日期〗20130908〖-RQ/日期〗'))!, /Publication date/);
    });

    it('after characters outside the BMP and with CRLF', () => {
      const h = hover('〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀𠀀〖-B|T/标题〗\r\n');
      assert.equal(fmtRange(h!.range!), '1:11-1:19');
    });
  });

  describe('on a value', () => {
    it('a date: its weekday', () => {
      const h = hover('〖RQ/日期〗2013|0908〖-RQ/日期〗\n');
      assert.equal(value(h), '2013-09-08, Sunday');
      assert.equal(fmtRange(h!.range!), '0:7-0:15');
      assert.equal(value(hover('〖RQ/日期〗2013|0908〖-RQ/日期〗\n', 'zh')), '2013年9月8日，星期日');
    });

    it('other dates', () => {
      assert.equal(value(hover('〖RQ/日期〗1|9460515〖-RQ/日期〗')), '1946-05-15, Wednesday');
      assert.equal(value(hover('〖RQ/日期〗2000022|9〖-RQ/日期〗')), '2000-02-29, Tuesday');
    });

    it('no hover on a date that is no real day', () => {
      assert.equal(hover('〖RQ/日期〗1993|0230〖-RQ/日期〗'), null);
      assert.equal(hover('〖RQ/日期〗1993-0|7-13〖-RQ/日期〗'), null);
    });

    it('a classification: its main class', () => {
      assert.equal(value(hover('〖FL/分类〗D8|22〖-FL/分类〗')), 'D — Politics and law');
      assert.equal(value(hover('〖FL/分类〗TP|3〖-FL/分类〗', 'zh')), 'T — 工业技术');
      assert.equal(value(hover('〖FL/分类〗F12|5.5〖-FL/分类〗')), 'F — Economics');
    });

    it('the sample’s classification and date', () => {
      const doc = ls.parse(SAMPLE);
      assert.equal(value(ls.getHover(doc, { line: 5, character: 8 }, 'en')), 'D — Politics and law');
      assert.equal(value(ls.getHover(doc, { line: 1, character: 10 }, 'en')), '2013-09-08, Sunday');
    });

    it('no hover on plain text', () => {
      assert.equal(hover('〖BT/标题〗标|题〖-BT/标题〗'), null);
      assert.equal(hover('〖ZW/正文〗\n正|文\n〖-ZW/正文〗'), null);
      assert.equal(hover('只有|文字'), null);
    });
  });

  describe('anywhere', () => {
    it('no hover in an empty document, past its end, or on a negative position', () => {
      const empty = ls.parse('');
      assert.equal(ls.getHover(empty, { line: 0, character: 0 }, 'en'), null);
      const doc = ls.parse(SAMPLE);
      assert.doesNotThrow(() => ls.getHover(doc, { line: 999, character: 0 }, 'en'));
      assert.doesNotThrow(() => ls.getHover(doc, { line: -1, character: -1 }, 'en'));
      assert.doesNotThrow(() => ls.getHover(doc, { line: 0, character: 9999 }, 'en'));
    });
  });
});
