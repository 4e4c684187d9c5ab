import * as assert from 'node:assert/strict';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { DEFAULT_SYMBOL_LIMIT, searchArticles, symbolEntriesOf, type SymbolEntry } from '../../../server/src/features/workspaceSymbols';
import { field, fmtRange, lspDoc, SAMPLE, service } from '../helpers';

const ls = service();

interface Parts {
  rq?: string;
  bh?: string;
  th?: string;
  yt?: string;
  bt?: string;
  ft?: string;
}

/** A record of the header fields given, then a body. */
function article(p: Parts, eol = '\n'): string {
  const lines: string[] = [];
  if (p.rq !== undefined) lines.push(field('RQ', '日期', p.rq));
  if (p.bh !== undefined) lines.push(field('BH', '版号', p.bh));
  if (p.th !== undefined) lines.push(field('TH', '条号', p.th));
  if (p.yt !== undefined) lines.push(field('YT', '引题', p.yt));
  if (p.bt !== undefined) lines.push(field('BT', '标题', p.bt));
  if (p.ft !== undefined) lines.push(field('FT', '副题', p.ft));
  lines.push('〖ZW/正文〗', '正文内容', '〖-ZW/正文〗');
  return lines.join(eol) + eol;
}

const entriesOf = (text: string, uri = 'file:///a.rmrb') => symbolEntriesOf(ls.parse(text), uri);
const names = (found: SymbolInformation[]) => found.map((s) => s.name);
const find = (entries: SymbolEntry[], query: string, limit?: number) => searchArticles(entries, query, 'en', limit);

// Two files: a's articles of 8 September out of page order, b's of the 9th and one of the 8th.
const A = [
  article({ rq: '20130908', bh: '02', th: '3', bt: '联合宣言' }),
  article({ rq: '20130908', bh: '01', th: '2', bt: '经济发展新闻' }),
  article({ rq: '20130908', bh: '001', th: '01', yt: '引题在此', bt: '新闻联播', ft: '副题说明' }),
].join('');
const B = [article({ rq: '20130909', bh: '4', th: '1', bt: 'Economy News' }), article({ rq: '20130908', bh: '2', th: '3', bt: '联合宣言（重复）' })].join('');
const ENTRIES = [...entriesOf(A, 'file:///a.rmrb'), ...entriesOf(B, 'file:///b.rmrb')];

describe('features/workspaceSymbols', () => {
  describe('symbolEntriesOf', () => {
    it('one entry per article, in order, with RQ, BH, TH and the titles', () => {
      const [e] = entriesOf(SAMPLE);
      assert.equal(entriesOf(SAMPLE).length, 1);
      assert.deepEqual([e.rq, e.bh, e.th, e.yt, e.ft], ['20130908', '002', '3', '', '']);
      assert.equal(e.bt, '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言');
      assert.equal(e.uri, 'file:///a.rmrb');
    });

    it("the range is the title's value: where a jump should land", () => {
      const [e] = entriesOf(SAMPLE);
      assert.equal(lspDoc(SAMPLE).getText(e.range), e.bt);
      assert.equal(e.range.start.line, 4);
    });

    it('without BT, the range is the kicker’s, else the subtitle’s, else the first tag', () => {
      const text = article({ rq: '20130908', yt: '引题' }) + article({ rq: '20130909', ft: '副题' }) + article({ rq: '20130910', bh: '1' });
      const doc = lspDoc(text);
      const at = (e: SymbolEntry) => doc.getText(e.range);
      assert.deepEqual(entriesOf(text).map(at), ['引题', '副题', '〖RQ/日期〗']);
    });

    it('an article without RQ or BT is kept when it has a kicker or subtitle; one with nothing to find it by is not', () => {
      const text = article({ yt: '只有引题' }) + field('BM', '版名', '要闻') + '\n〖ZW/正文〗\n只有正文\n〖-ZW/正文〗\n' + article({ ft: '只有副题' });
      assert.deepEqual(
        entriesOf(text).map((e) => e.yt || e.ft),
        ['只有引题', '只有副题'],
      );
    });

    it('titles without their inline tags; 〖HH/换行〗 as a space', () => {
      const [e] = entriesOf(article({ rq: '20130908', bt: '我国〖JZ/加重〗经济〖-JZ/加重〗发展〖HH/换行〗迈上新台阶' }));
      assert.equal(e.bt, '我国 经济 发展 迈上新台阶');
    });

    it('positions in UTF-16 code units, with CRLF, a BOM and a character outside the BMP', () => {
      const text = '\uFEFF' + article({ rq: '20130908', bh: '2', th: '3' }, '\r\n') + article({ rq: '20130908', bh: '2', th: '4', bt: '𠀋字标题' }, '\r\n');
      const doc = lspDoc(text);
      const [first, second] = entriesOf(text);
      assert.equal(doc.getText(first.range), '〖RQ/日期〗');
      assert.equal(doc.getText(second.range), '𠀋字标题');
      assert.equal(fmtRange(second.range), '9:7-9:12');
      assert.equal(names(find([first, second], '字标')).join(), '𠀋字标题');
    });

    it('a lone title that folding leaves as it is serves as its own key', () => {
      const e = entriesOf(SAMPLE)[0];
      assert.equal(e.key, e.bt);
      assert.equal(entriesOf(A)[2].key, '新闻联播\n引题在此\n副题说明');
    });
  });

  describe('searchArticles', () => {
    it('a date in any form, or eight digits: that day’s articles, by page and item', () => {
      const expected = ['新闻联播', '经济发展新闻', '联合宣言', '联合宣言（重复）'];
      for (const q of ['20130908', '2013-09-08', '2013.9.8', '2013年9月8日', '2013/09/08', ' 2013年09月08日 ']) assert.deepEqual(names(find(ENTRIES, q)), expected, q);
    });

    it('full-width digits read as ASCII', () => {
      assert.deepEqual(names(find(ENTRIES, '２０１３０９０９')), ['Economy News']);
    });

    it('RQ BH TH: that article, every copy of it, numbers compared as numbers', () => {
      for (const q of ['20130908 2 3', '20130908/02/03', '20130908 002 3', '2013-09-08 2 3', '2013/9/8/2/3']) assert.deepEqual(names(find(ENTRIES, q)), ['联合宣言', '联合宣言（重复）'], q);
      assert.deepEqual(names(find(ENTRIES, '20130908 1 1')), ['新闻联播']);
      assert.deepEqual(names(find(ENTRIES, '20130908 2 9')), []);
    });

    it('RQ BH: that page’s articles', () => {
      assert.deepEqual(names(find(ENTRIES, '20130908 1')), ['新闻联播', '经济发展新闻']);
      assert.deepEqual(names(find(ENTRIES, '20130908/002')), ['联合宣言', '联合宣言（重复）']);
    });

    it('a part of a title: those it starts first, then the others, in file order', () => {
      assert.deepEqual(names(find(ENTRIES, '新闻')), ['新闻联播', '经济发展新闻']);
      assert.deepEqual(names(find(ENTRIES, '宣言')), ['联合宣言', '联合宣言（重复）']);
    });

    it('matches the kicker and the subtitle; the name is still the title', () => {
      assert.deepEqual(names(find(ENTRIES, '引题')), ['新闻联播']);
      assert.deepEqual(names(find(ENTRIES, '副题说明')), ['新闻联播']);
    });

    it('case-insensitive, blanks ignored: a title split by markup is found by its words run together', () => {
      assert.deepEqual(names(find(ENTRIES, 'economy')), ['Economy News']);
      assert.deepEqual(names(find(ENTRIES, 'ECONOMY  NEWS')), ['Economy News']);
      const marked = entriesOf(article({ rq: '20130908', bt: '我国〖JZ/加重〗经济〖-JZ/加重〗发展' }));
      assert.deepEqual(names(find(marked, '我国经济')), ['我国 经济 发展']);
      assert.deepEqual(names(find(marked, '国 经')), ['我国 经济 发展']);
    });

    it('an article without BT is named by its kicker, else its subtitle, else the placeholder', () => {
      const entries = entriesOf(article({ rq: '20130908', yt: '引题' }) + article({ rq: '20130908', ft: '副题' }) + article({ rq: '20130908', bh: '9' }));
      assert.deepEqual(names(searchArticles(entries, '', 'en')), ['引题', '副题', '(untitled)']);
      assert.deepEqual(names(searchArticles(entries, '', 'zh')), ['引题', '副题', '（无标题）']);
    });

    it('each result: the outline’s kind and detail, and the location of its entry', () => {
      const [s] = find(ENTRIES, '20130908 2 3');
      assert.equal(s.kind, SymbolKind.Module);
      assert.equal(s.containerName, '2013-09-08 · 2版 · 3条');
      assert.equal(s.location.uri, 'file:///a.rmrb');
      assert.deepEqual(s.location.range, ENTRIES[0].range);
      const [outline] = ls.getDocumentSymbols(ls.parse(SAMPLE), 'en');
      assert.equal(searchArticles(entriesOf(SAMPLE), '', 'en')[0].containerName, outline.detail);
    });

    it('the detail in Chinese is the same citation as in English; no detail without RQ, BH and TH', () => {
      for (const locale of ['en', 'zh'] as const) assert.equal(searchArticles(ENTRIES, '20130909', locale)[0].containerName, '2013-09-09 · 4版 · 1条');
      const [s] = find(entriesOf(article({ yt: '只有引题' })), '只有');
      assert.equal(s.containerName, undefined);
    });

    it('an empty query: the first articles, in order, up to the limit', () => {
      assert.deepEqual(names(find(ENTRIES, '')), ['联合宣言', '经济发展新闻', '新闻联播', 'Economy News', '联合宣言（重复）']);
      assert.deepEqual(names(find(ENTRIES, '  ', 2)), ['联合宣言', '经济发展新闻']);
    });

    it('capped: at most `limit` results, 1000 by default', () => {
      assert.equal(DEFAULT_SYMBOL_LIMIT, 1000);
      const many = entriesOf(Array.from({ length: 1200 }, (_, k) => article({ rq: '20130908', bh: '1', th: String(k + 1), bt: `标题${k + 1}` })).join(''));
      assert.equal(many.length, 1200);
      assert.equal(find(many, '').length, 1000);
      assert.equal(find(many, '20130908').length, 1000);
      assert.equal(find(many, '标题').length, 1000);
      assert.deepEqual(names(find(many, '20130908', 3)), ['标题1', '标题2', '标题3']);
      // Titles it starts come first even when they stand after the limit's worth of others.
      const late = [...many, ...entriesOf(article({ rq: '20130908', bt: '题目' }))];
      assert.equal(find(late, '题', 5)[0].name, '题目');
      assert.deepEqual(find(many, '标题', 0), []);
    });

    it('garbage: no throw, and no results or title matches only', () => {
      for (const q of ['〖', '〗〖-', '.*', '[', '\\', '\0', '2013-13-45', '20139999 1 1', '///', '1 2 3', 'x'.repeat(100_000), '1 '.repeat(50_000), '\uD800']) {
        assert.deepEqual(find(ENTRIES, q), [], JSON.stringify(q.slice(0, 20)));
      }
      assert.deepEqual(find([], '20130908'), []);
      // A half-width bracket is the full-width one once folded: a title match, not garbage.
      assert.deepEqual(names(find(ENTRIES, '(')), ['联合宣言（重复）']);
      assert.deepEqual(names(find(ENTRIES, '联合 宣言（重复')), ['联合宣言（重复）']);
    });
  });
});
