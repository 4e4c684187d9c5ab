import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { cursor, field, fmtRange, record, SAMPLE, service } from '../helpers';

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

    it('a classification: its classes down to the deepest the table knows', () => {
      assert.equal(value(hover('〖FL/分类〗D8|22〖-FL/分类〗')), 'D — 政治、法律 (Politics and law) › D8 — 外交、国际关系 › D82 — 中国外交 › D822 — 对外关系');
      assert.equal(value(hover('〖FL/分类〗D6|3〖-FL/分类〗', 'zh')), 'D — 政治、法律 › D6 — 中国政治 › D63 — 国家行政管理');
      assert.equal(value(hover('〖FL/分类〗TP|3〖-FL/分类〗', 'zh')), 'T — 工业技术 › TP — 自动化技术、计算机技术 › TP3 — 计算技术、计算机技术');
    });

    it('a code more specific than the table: where the table stops', () => {
      assert.equal(
        value(hover('〖FL/分类〗D633|.2〖-FL/分类〗')),
        'D — 政治、法律 (Politics and law) › D6 — 中国政治 › D63 — 国家行政管理 › D633 — 民族工作 · D633.2 is more specific than this table, which stops at D633',
      );
      assert.equal(
        value(hover('〖FL/分类〗F12|5.5〖-FL/分类〗', 'zh')),
        'F — 经济 › F1 — 世界各国经济概况、经济史、经济地理 › F12 — 中国经济 › F125 — 对外经济关系 · F125.5 比本表更细（本表只列到 F125）',
      );
      // PLA Daily's own second letters under E are no classes of the 中图法.
      assert.equal(value(hover('〖FL/分类〗EI2|79.21〖-FL/分类〗')), 'E — 军事 (Military science) · EI279.21 is more specific than this table, which stops at E');
      assert.equal(value(hover('〖FL/分类〗E|j94〖-FL/分类〗', 'zh')), 'E — 军事 · Ej94 比本表更细（本表只列到 E）');
    });

    it('a class spanning a range, an auxiliary number', () => {
      assert.match(value(hover('〖FL/分类〗D7|71.2〖-FL/分类〗'))!, /^D — 政治、法律 \(Politics and law\) › D73\/77 — 各国政治 · D771.2 is more specific/);
      assert.match(value(hover('〖FL/分类〗F75|2.61-53〖-FL/分类〗'))!, /› F752 — 中国对外贸易 · F752.61-53 is more specific than this table, which stops at F752 · auxiliary number -53$/);
      assert.match(value(hover('〖FL/分类〗K928.9=|6〖-FL/分类〗', 'zh'))!, /› K92 — 中国地理 · K928.9=6 比本表更细（本表只列到 K92） · 复分号 =6$/);
    });

    it('several codes: one line each; a code with no class is left out', () => {
      for (const sep of [';', '；', ' ', '、']) {
        const v = value(hover(`〖FL/分类〗D822${sep}F1|25.5〖-FL/分类〗`))!;
        const lines = v.split('\n\n');
        assert.equal(lines.length, 2, sep);
        assert.match(lines[0], /^D — .* › D822 — 对外关系$/);
        assert.match(lines[1], /^F — .* › F125 — 对外经济关系 · F125.5 is more specific/);
      }
      assert.equal(value(hover('〖FL/分类〗L123;D|6〖-FL/分类〗')), 'D — 政治、法律 (Politics and law) › D6 — 中国政治');
      assert.equal(hover('〖FL/分类〗L1|23〖-FL/分类〗'), null);
      assert.equal(hover('〖FL/分类〗 | 〖-FL/分类〗'), null);
    });

    it('the sample’s classification and date', () => {
      const doc = ls.parse(SAMPLE);
      assert.match(value(ls.getHover(doc, { line: 5, character: 8 }, 'en'))!, /› D822 — 对外关系$/);
      assert.equal(value(ls.getHover(doc, { line: 1, character: 10 }, 'en')), '2013-09-08, Sunday');
    });

    it('no hover on plain text', () => {
      assert.equal(hover('〖BT/标题〗标|题〖-BT/标题〗'), null);
      assert.equal(hover('〖ZW/正文〗\n正|文\n〖-ZW/正文〗'), null);
      assert.equal(hover('只有|文字'), null);
    });
  });

  describe('on ZQ: what the records around say', () => {
    const rec = (zq: string, rq: string, th = '1') =>
      [field('ZQ', '总期', zq), field('RQ', '日期', rq), field('BH', '版号', '01'), field('TH', '条号', th), field('BT', '标题', '题'), '〖ZW/正文〗', '正文', '〖-ZW/正文〗', ''].join('\n');
    /** Hover on the ZQ of record `k` (from 0) of the records given. */
    const onZq = (records: string[], k: number, locale: 'en' | 'zh' = 'en') => {
      const doc = ls.parse(records.join(''));
      const line = records.slice(0, k).join('').split('\n').length - 1;
      return ls.getHover(doc, { line, character: 8 }, locale);
    };

    it('the previous and next record’s issue and date, and that they agree', () => {
      const records = [rec('20332', '20130907'), rec('20333', '20130908'), rec('20334', '20130909')];
      const h = onZq(records, 1);
      assert.equal(
        value(h),
        'Issue 20333 of 2013-09-08.\n\nPrevious record: 20332 of 2013-09-07; next: 20334 of 2013-09-09.\n\nBoth agree with it: one date has one issue number, and it grows with the date.',
      );
      assert.equal(fmtRange(h!.range!), '8:7-8:12');
      assert.equal(
        value(onZq(records, 1, 'zh')),
        '2013-09-08 第 20333 期。\n\n上一条记录：2013-09-07 第 20332 期；下一条：2013-09-09 第 20334 期。\n\n前后两条记录都与之一致：同一日期只有一个总期号，且总期号随日期递增。',
      );
    });

    it('a neighbour that disagrees: the same date with another issue, or an issue that does not grow with the date', () => {
      const same = value(onZq([rec('20330', '20130908'), rec('20331', '20130908', '2'), rec('20332', '20130909')], 1))!;
      assert.match(same, /The previous record disagrees: the same date with another issue number\.\n\nThe next record agrees with it\.$/);
      const back = value(onZq([rec('20330', '20130907'), rec('20331', '20130908'), rec('20331', '20130909')], 1, 'zh'))!;
      assert.match(back, /上一条记录与之一致。\n\n下一条记录与之矛盾：总期没有随日期递增。$/);
      // Out of date order is no fault: an earlier date with a smaller issue still agrees.
      assert.match(value(onZq([rec('20334', '20130910'), rec('20331', '20130907')], 0))!, /next: 20331 of 2013-09-07\.\n\nThe next record agrees with it\.$/);
    });

    it('the first and last record of the file, a neighbour without ZQ', () => {
      const noZq = [field('RQ', '日期', '20130909'), field('BT', '标题', '题'), '〖ZW/正文〗', '正文', '〖-ZW/正文〗', ''].join('\n');
      const v = value(onZq([rec('20333', '20130908'), noZq], 0))!;
      assert.equal(v, 'Issue 20333 of 2013-09-08.\n\nPrevious record: none, this is the file’s first; next: no ZQ, of 2013-09-09.');
      assert.equal(value(onZq([rec('20333', '20130908')], 0, 'zh')), '2013-09-08 第 20333 期。\n\n上一条记录：无（本条是文件的第一条）；下一条：无（本条是文件的最后一条）。');
    });
  });

  describe('on TH and BH: the record’s place on its page', () => {
    const rec = (bh: string, th: string, bm = '') =>
      [field('RQ', '日期', '20130908'), field('BH', '版号', bh), field('TH', '条号', th), field('BT', '标题', '题'), ...(bm ? [field('BM', '版名', bm)] : []), '〖ZW/正文〗', '正文', '〖-ZW/正文〗', ''].join('\n');
    const page = [rec('02', '1', '要闻'), rec('02', '2'), rec('03', '1'), rec('02', '3'), rec('02', '5')];
    const at = (k: number, line: number, locale: 'en' | 'zh' = 'en') => {
      const doc = ls.parse(page.join(''));
      return ls.getHover(doc, { line: page.slice(0, k).join('').split('\n').length - 1 + line, character: 7 }, locale);
    };

    it('TH: the item among the records of its page in this file', () => {
      const h = at(1, 2);
      assert.equal(value(h), 'Item 2 of page 02 of 2013-09-08.\n\nThis file has 4 records of the page (items 1–3, 5); this is the 2nd of them.');
      assert.equal(value(at(0, 2)), 'Item 1 of page 02 of 2013-09-08.\n\nThis file has 4 records of the page (items 1–3, 5); this is the first of them.');
      assert.equal(value(at(4, 2, 'zh')), '2013-09-08 第02版 第5条。\n\n本文件有该版 4 条记录（第 1–3, 5 条），这是其中最后一条。');
      assert.equal(value(at(2, 2)), 'Item 1 of page 03 of 2013-09-08.\n\nIt is the only record of the page in this file.');
      // The same item twice (a duplicate-article elsewhere) is one item of the page.
      const twice = ls.parse([rec('02', '1'), rec('02', '01'), rec('02', '2')].join(''));
      assert.match(value(ls.getHover(twice, { line: 2, character: 7 }, 'en'))!, /3 records of the page \(items 1, 2\)/);
    });

    it('BH: the page, its name from any of its records, and its items in this file', () => {
      assert.equal(value(at(3, 1)), 'Page 02 (要闻) of 2013-09-08.\n\nThis file has 4 records of the page: items 1–3, 5.');
      assert.equal(value(at(3, 1, 'zh')), '2013-09-08 第02版（要闻）。\n\n本文件有该版 4 条记录：第 1–3, 5 条。');
      assert.equal(value(at(2, 1)), 'Page 03 of 2013-09-08.\n\nIt is the page’s only record in this file (item 1).');
    });

    it('the sample: one record of its page; a picture block’s BH says nothing of the record', () => {
      const doc = ls.parse(SAMPLE);
      assert.equal(value(ls.getHover(doc, { line: 3, character: 7 }, 'en')), 'Item 3 of page 002 of 2013-09-08.\n\nIt is the only record of the page in this file.');
      assert.match(value(ls.getHover(doc, { line: 2, character: 8 }, 'zh'))!, /^2013-09-08 第002版（要闻）。/);
      // The record is of page 01 too: only where the BH stands tells the two apart.
      const block = record({ extra: field('BH', '版号', '01') }).replace('正文内容', '〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗');
      assert.match(value(ls.getHover(ls.parse(block), { line: 2, character: 8 }, 'en'))!, /^Page 01 of 2013-09-08/);
      assert.equal(ls.getHover(ls.parse(block), { line: 5, character: 8 }, 'en'), null);
    });

    it('after characters outside the BMP, with CRLF and a BOM', () => {
      const text = `\ufeff${rec('02', '1', '𠀀版')}${rec('02', '2')}`.replace(/\n/g, '\r\n');
      const doc = ls.parse(text);
      const h = ls.getHover(doc, { line: 9, character: 8 }, 'en');
      assert.equal(value(h), 'Page 02 (𠀀版) of 2013-09-08.\n\nThis file has 2 records of the page: items 1, 2.');
      assert.equal(fmtRange(h!.range!), '9:7-9:9');
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
