import * as assert from 'node:assert/strict';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../server/src/languageService';
import { generateCorpus } from '../../../bench/corpus';
import { fmtRange, readFixture, record, SAMPLE, service } from '../helpers';

const ls = service();
const symbols = (text: string, locale: 'en' | 'zh' = 'en') => ls.getDocumentSymbols(ls.parse(text), locale);

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** What VS Code requires of a symbol tree: selection inside range, children inside parents. */
function assertWellFormed(list: DocumentSymbol[], parent?: DocumentSymbol) {
  for (const s of list) {
    assert.ok(s.name.trim().length > 0, 'a symbol has a name');
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection ${fmtRange(s.selectionRange)} inside range ${fmtRange(s.range)}`);
    if (parent) assert.ok(contains(parent.range, s.range), `${s.name} ${fmtRange(s.range)} inside ${parent.name} ${fmtRange(parent.range)}`);
    assertWellFormed(s.children ?? [], s);
  }
}

describe('features/symbols', () => {
  describe('the sample', () => {
    const [article, ...rest] = symbols(SAMPLE);

    it('one record, named by its title', () => {
      assert.equal(rest.length, 0);
      assert.equal(article.name, '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言');
      assert.equal(article.kind, SymbolKind.Module);
    });

    it('its detail: date, page and item', () => {
      assert.equal(article.detail, '2013-09-08 · 2版 · 3条');
    });

    it('its detail is short enough to read beside a title in the side bar: page and item unpadded, in both languages', () => {
      // Columns as a terminal or the side bar's font counts them: a Chinese character is two.
      const columns = (text: string) => [...text].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
      for (const locale of ['en', 'zh'] as const) {
        const detail = symbols(SAMPLE, locale)[0].detail!;
        assert.match(detail, /^2013-09-08/, 'the date first');
        assert.ok(columns(detail) <= 22, `“${detail}” is ${columns(detail)} columns`);
      }
    });

    it('it spans the record; its title is the selection', () => {
      assert.equal(fmtRange(article.range), '0:0-55:8');
      assert.equal(fmtRange(article.selectionRange), '4:0-4:51');
    });

    it('its children are the fields, in order, with their values as detail', () => {
      assert.deepEqual(
        article.children!.map((c) => c.name),
        ['ZQ 总期', 'RQ 日期', 'BH 版号', 'TH 条号', 'BT 标题', 'FL 分类', 'BM 版名', 'TC 体裁', 'ZW 正文'],
      );
      assert.deepEqual(
        article.children!.slice(0, 8).map((c) => c.detail),
        ['20330', '20130908', '002', '3', '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言', 'D822', '要闻', '公报、公告'],
      );
      for (const c of article.children!) assert.equal(c.kind, SymbolKind.Field);
      assert.equal(fmtRange(article.children![1].range), '1:0-1:23');
      assert.equal(fmtRange(article.children![1].selectionRange), '1:0-1:7');
    });

    it('an impossible date is shown as written, a real one as a date', () => {
      const ls = service();
      const detail = (rq: string) => ls.getDocumentSymbols(ls.parse(`〖RQ/日期〗${rq}〖-RQ/日期〗\n〖BT/标题〗题〖-BT/标题〗\n`), 'en')[0].detail;
      assert.equal(detail('19930230'), '19930230');
      assert.equal(detail('19930228'), '1993-02-28');
    });

    it('a section named by its first words, markup read as a space and no half of a character outside the BMP', () => {
      const ls = service();
      const names = (body: string) =>
        ls.getDocumentSymbols(ls.parse(`〖RQ/日期〗19930228〖-RQ/日期〗\n〖ZW/正文〗\n    一\n${body}\n〖-ZW/正文〗\n`), 'en')[0].children!.find((c) => c.name === 'ZW 正文')!.children!.map((c) => c.name);
      assert.deepEqual(names('    〖JZ/加重〗重点〖-JZ/加重〗在此'), ['一 重点 在此']);
      assert.deepEqual(names('    一二三四五六七八九十一二三𠀀𠀀'), ['一 一二三四五六七八九十一二三𠀀…']);
      assert.deepEqual(names('    一二三四五六七八九十一二三四𠀀𠀀'), ['一 一二三四五六七八九十一二三四…'], 'the cut falls inside 𠀀: it goes before it');
    });

    it('the body’s children are its sections 一…七, named by their numeral and first words, each selected on its numeral', () => {
      const zw = article.children![8];
      assert.deepEqual(
        zw.children!.map((c) => c.name),
        [
          '一 双方决定，遵循2002年12月…',
          '二 双方一致认为，中华人民共和国和…',
          '三 双方高度评价中哈利用和保护跨界…',
          '四 双方指出，人文合作对巩固两国人…',
          '五 双方将尽快制定《中华人民共和国…',
          '六 双方指出，恐怖主义、分裂主义、…',
          '七 双方认为，在当前世界正在发生深…',
        ],
      );
      assert.equal(fmtRange(zw.range), '8:0-55:8');
      assert.equal(fmtRange(zw.children![0].selectionRange), '12:4-12:5');
      assert.equal(zw.children![0].range.start.line, 12);
      assert.equal(zw.children![0].range.end.line, 16);
      assert.equal(zw.children![6].range.end.line, 54);
    });

    it('the body’s detail is the start of its text, shortened', () => {
      const zw = article.children![8];
      assert.ok(zw.detail!.startsWith('应哈萨克斯坦共和国总统'));
      assert.ok(zw.detail!.length <= 40);
    });

    it('is well formed for VS Code', () => assertWellFormed(symbols(SAMPLE)));

    it('the same tree with CRLF line ends', () => {
      assert.deepEqual(symbols(SAMPLE.replace(/\n/g, '\r\n')), symbols(SAMPLE));
    });
  });

  describe('other documents', () => {
    it('one symbol per record of the multi-record fixture', () => {
      const list = symbols(readFixture('multi-record.rmrb'));
      assert.deepEqual(
        list.map((s) => s.name),
        ['习近平同哈萨克斯坦总统会谈', '中哈联合宣言（摘要）', '科技创新的 𠀀 字', '创刊号'],
      );
      assert.deepEqual(
        list.map((s) => s.detail),
        ['2013-09-08 · 1版 · 1条', '2013-09-08 · 2版 · 2条', '2013-09-09 · 3版', '1946-05-15'],
      );
      assert.deepEqual(
        list[2].children!.find((c) => c.name === 'ZW 正文')!.children!.map((c) => c.name),
        ['一 第一节。', '十一 第十一节。'],
      );
      assertWellFormed(list);
    });

    it('a record without a title is untitled, in the user’s language', () => {
      const text = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n';
      assert.equal(symbols(text, 'en')[0].name, '(untitled)');
      assert.equal(symbols(text, 'zh')[0].name, '（无标题）');
      assert.equal(symbols(text, 'en')[0].detail, '2013-09-08');
    });

    it('a title with inline tags reads as text', () => {
      const text = record({ bt: '〖JZ/加重〗要闻〖-JZ/加重〗〖HH/换行〗简报' });
      assert.equal(symbols(text)[0].name, '要闻 简报');
    });

    it('a date that is not YYYYMMDD is shown as written', () => {
      assert.equal(symbols(record({ rq: '1993-07-13' }))[0].detail, '1993-07-13');
    });

    it('a header field nested in another is its child', () => {
      const text = '〖BT/标题〗标题〖ZZ/作者〗某某〖-ZZ/作者〗〖-BT/标题〗\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n';
      const bt = symbols(text)[0].children![0];
      assert.deepEqual(
        bt.children!.map((c) => c.name),
        ['ZZ 作者'],
      );
      assertWellFormed(symbols(text));
    });

    it('broken records are still well formed', () => {
      for (const text of [
        '〖RQ/日期〗2013\n〖ZW/正文〗\n一\n',
        '〖ZW/正文〗\n一\n二\n',
        '〖XX/某〗甲〖-XX/某〗\n',
        '〖BT/标题〗〖ZW/正文〗\n〖-BT/标题〗',
        `${record()}${record()}`.replace(/〖-ZW\/正文〗/, ''),
      ]) {
        assertWellFormed(symbols(text));
      }
    });

    it('a field left open on a line with trailing spaces stays inside its record', () => {
      assertWellFormed(symbols('〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题  '));
      assertWellFormed(symbols('〖ZQ/总期〗〖ZQ/总期〗 '));
    });

    it('no symbol for text without fields, or an empty document', () => {
      assert.deepEqual(symbols(''), []);
      assert.deepEqual(symbols('只有文字\n'), []);
    });

    it('after an edit, the symbols equal those of a fresh parse', () => {
      const text = readFixture('multi-record.rmrb');
      const doc = ls.parse(text);
      ls.getDocumentSymbols(doc, 'en');
      const at = text.indexOf('创刊号');
      const edited = ls.update(doc, [{ start: at, end: at, text: '\n\n' }]);
      assert.deepEqual(ls.getDocumentSymbols(edited, 'en'), ls.getDocumentSymbols(ls.parse(edited.text), 'en'));
      const first = ls.update(doc, [{ start: 0, end: 0, text: '\n' }]);
      assert.deepEqual(ls.getDocumentSymbols(first, 'zh'), ls.getDocumentSymbols(ls.parse(first.text), 'zh'));
      assert.deepEqual(ls.getDocumentSymbols(first, 'en'), ls.getDocumentSymbols(ls.parse(first.text), 'en'));
    });
  });

  describe('a capped outline (rmrb.outline.maxSymbols)', () => {
    const oneLine = (n: number) =>
      Array.from({ length: n }, (_, k) => `〖RQ/日期〗20130908〖-RQ/日期〗〖TH/条号〗${k + 1}〖-TH/条号〗〖BT/标题〗标题${k + 1}〖-BT/标题〗〖ZW/正文〗正文〖-ZW/正文〗\n`).join('');
    const capped = (text: string, max: number, locale: 'en' | 'zh' = 'en') => service({ outlineMaxSymbols: max }).getDocumentSymbols(ls.parse(text), locale);
    const count = (list: DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);

    it('under the cap: the whole outline, no notice', () => {
      const text = oneLine(10);
      assert.deepEqual(capped(text, 50), symbols(text));
    });

    it('records come before fields: every article is listed, fields while room is left', () => {
      const list = capped(oneLine(10), 25);
      const articles = list.slice(0, -1);
      assert.equal(articles.length, 10);
      assert.deepEqual(articles.map((s) => s.name), Array.from({ length: 10 }, (_, k) => `标题${k + 1}`));
      assert.ok(count(articles) <= 25, `${count(articles)} items`);
      assert.equal(articles[0].children?.length, 4);
      assert.equal(articles[9].children, undefined);
      assertWellFormed(list);
    });

    it('more records than the cap: the first ones, and a last item that says so, in both languages', () => {
      const list = capped(oneLine(30), 10);
      assert.equal(list.length, 11);
      assert.match(list[10].name, /Outline limited to 10 of 150 items \(setting rmrb\.outline\.maxSymbols\)/);
      assert.match(capped(oneLine(30), 10, 'zh')[10].name, /大纲只列出 150 项中的 10 项/);
      assertWellFormed(list);
    });

    it('the default keeps the outline of a 10 MB corpus file whole', function () {
      this.timeout(60000);
      const text = generateCorpus(10 * 1024 * 1024);
      const doc = ls.parse(text);
      const list = ls.getDocumentSymbols(doc, 'en');
      assert.equal(list.length, doc.records.length, 'one item per article, no notice');
      assert.ok(count(list) > 50000 && count(list) <= DEFAULT_SETTINGS.outlineMaxSymbols, `${count(list)} items`);
      assert.ok(list.every((s) => (s.children?.length ?? 0) > 0));
    });
  });
});
