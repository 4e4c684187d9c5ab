// The articles of many files as the checks across records see them: gathered from a parse,
// written to and read from an index line, and checked together as the editor checks one document.

import * as assert from 'node:assert/strict';
import { articleFromJson, articlesOf, articleToJson } from '../../../server/src/features/articleIndex';
import { service } from '../helpers';

const art = (zq: string, rq: string, bh: string, th: string, title = '标题') =>
  `〖ZQ/总期〗${zq}〖-ZQ/总期〗\r\n〖RQ/日期〗${rq}〖-RQ/日期〗\r\n〖BH/版号〗${bh}〖-BH/版号〗\r\n〖TH/条号〗${th}〖-TH/条号〗\r\n〖BT/标题〗${title}〖-BT/标题〗\r\n〖ZW/正文〗\r\n正文\r\n〖-ZW/正文〗\r\n`;

describe('features/articleIndex', () => {
  it('a document’s articles: identity and places, in UTF-16 positions; records with no valid date are left out', () => {
    const ls = service();
    const text = '\ufeff' + art('100', '20130908', '01', '1', '𠀀𠀀') + art('101', '20130909', '1', '2') + art('102', '2013', '1', '3');
    const list = articlesOf(ls.parse(text), 'day.rmrb');
    assert.equal(list.length, 2);
    assert.deepEqual(list[0], {
      file: 'day.rmrb',
      rq: '20130908',
      bh: '01',
      th: '1',
      zq: '100',
      // After the BOM, as VS Code counts it.
      range: { start: { line: 0, character: 1 }, end: { line: 0, character: 8 } },
      zqRange: { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } },
    });
    assert.deepEqual(list[1].range.start, { line: 8, character: 0 });
  });

  it('an index line round-trips; lines that are not one are refused', () => {
    const ls = service();
    const [a] = articlesOf(ls.parse(art('100', '20130908', '01', '1')), 'txt/2013/201309/20130908/201309080101.TXT');
    assert.deepEqual(articleFromJson(articleToJson(a)), a);
    assert.equal(JSON.parse(articleToJson(a)).line, 1, 'lines are 1-based, as in every output');
    for (const bad of ['', 'not json', '[]', 'null', '{"file":"a"}', '{"file":"a","RQ":"2013","line":1}', '{"file":"a","RQ":"20130908","line":0}']) {
      assert.equal(articleFromJson(bad), undefined, bad);
    }
    // Only what identifies an article is required; a missing ZQ or range reads as none.
    const bare = articleFromJson('{"file":"a","RQ":"20130908","line":3}')!;
    assert.deepEqual([bare.zq, bare.bh, bare.range.start, bare.zqRange.start], ['', '', { line: 2, character: 0 }, { line: 2, character: 0 }]);
  });

  it('checked together, the articles of one document give the problems the editor gives it, at the same places', () => {
    const ls = service();
    const text = art('100', '20130908', '1', '1') + art('101', '20130908', '1', '1') + art('99', '20130909', '1', '1');
    const doc = ls.parse(text);
    const editor = ls
      .getDiagnostics(doc, 'en')
      .filter((d) => d.code === 'duplicate-article' || d.code === 'inconsistent-issue-number')
      .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
    const articles = articlesOf(doc, 'a.rmrb');
    const run = ls.checkArticles(articles).map((p) => `${p.code} ${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`);
    assert.ok(editor.length >= 2, editor.join('\n'));
    assert.deepEqual(run.sort(), editor.sort());
  });

  it('articles of two files: the problem names the other file and points at its article', () => {
    const ls = service();
    const a = articlesOf(ls.parse(art('100', '20130908', '1', '1')), 'a.rmrb');
    const b = articlesOf(ls.parse('\r\n\r\n' + art('100', '20130908', '1', '1')), 'b.rmrb');
    const [p] = ls.checkArticles([...a, ...b]);
    assert.equal(p.code, 'duplicate-article');
    assert.equal(p.article, 1);
    assert.deepEqual(p.range.start, { line: 2, character: 0 });
    assert.deepEqual(p.related, { article: 0, range: a[0].range });
    assert.equal(p.args.file, 'a.rmrb');
  });
});
