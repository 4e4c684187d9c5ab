// The duplicate-articles rule, a check across records: two records with the same date, page
// and item (RQ, BH, TH) are one article entered twice. Through the service, since it needs
// the whole document.

import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { formatMessage } from '../../../server/src/diagnostics/catalogue';
import { checkAcrossRecords } from '../../../server/src/rules/check';
import { checkContext, checkList, record, service } from '../helpers';

/** A record with an issue number, a date, a page and an item. */
const art = (zq: string, rq: string, bh: string, th: string) =>
  `〖ZQ/总期〗${zq}〖-ZQ/总期〗\n〖RQ/日期〗${rq}〖-RQ/日期〗\n〖BH/版号〗${bh}〖-BH/版号〗\n〖TH/条号〗${th}〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;
const LINES = 8;

/** The duplicate-article diagnostics of the text, in the locale. */
const duplicates = (text: string, locale: 'en' | 'zh' = 'en') => {
  const ls = service();
  return ls.getDiagnostics(ls.parse(text), locale).filter((d) => d.code === 'duplicate-article');
};

describe('rules/duplicateArticles', () => {
  it('the same date, page and item twice (duplicate-article), on the second record', () => {
    checkList(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1'), [`${LINES}:0-${LINES}:7 duplicate-article`]);
    const ls = service();
    const d = ls.getDiagnostics(ls.parse(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1')), 'en')[0];
    assert.match(d.message, /line 1\b/);
  });

  it('another page, item or date is another article', () => {
    checkList(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '2') + art('100', '20130908', '2', '1') + art('101', '20130909', '1', '1'), []);
  });

  it('pages and items are compared as numbers: BH 01 is BH 1, TH 02 is TH 2, blanks around them do not count', () => {
    checkList(art('100', '20130908', '01', '1') + art('100', '20130908', '1', '1'), [`${LINES}:0-${LINES}:7 duplicate-article`]);
    checkList(art('100', '20130908', '1', '1') + art('100', '20130908', '001', '01'), [`${LINES}:0-${LINES}:7 duplicate-article`]);
    checkList(art('100', '20130908', '3', '2') + art('100', '20130908', ' 03 ', '02'), [`${LINES}:0-${LINES}:7 duplicate-article`]);
    checkList(art('100', '20130908', '01', '1') + art('100', '20130908', '10', '1'), []);
  });

  it('pages that are no numbers are not one page: A1 is not B1', () => {
    checkList(art('100', '20130908', 'A1', '1') + art('100', '20130908', 'B1', '1'), ['2:7-2:9 invalid-number', `${LINES + 2}:7-${LINES + 2}:9 invalid-number`]);
  });

  it('the message cites the line of the other record, the first entered, not the one before', () => {
    // Page 2 item 1 on line 9, repeated on line 17; page 1 item 1 on line 1, repeated on line 25.
    const text = art('100', '20130908', '1', '1') + art('100', '20130908', '2', '1') + art('100', '20130908', '2', '1') + art('100', '20130908', '1', '1');
    checkList(text, [`${2 * LINES}:0-${2 * LINES}:7 duplicate-article`, `${3 * LINES}:0-${3 * LINES}:7 duplicate-article`]);
    const ds = duplicates(text);
    assert.match(ds[0].message, /\(line 9\)/);
    assert.match(ds[1].message, /\(line 1\)/);
    // Lines before the first record count: it is cited where its first tag stands.
    assert.match(duplicates('\n\n' + art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1'))[0].message, /\(line 3\)/);
  });

  it('three times: the second and the third are each reported once, citing the first', () => {
    const text = art('100', '20130908', '1', '1').repeat(3);
    checkList(text, [`${LINES}:0-${LINES}:7 duplicate-article`, `${2 * LINES}:0-${2 * LINES}:7 duplicate-article`]);
    for (const d of duplicates(text)) assert.match(d.message, /\(line 1\)/);
  });

  it('a warning that names the article in English and in Chinese', () => {
    const text = art('100', '20130908', '02', '3') + art('100', '20130908', '2', '3');
    const [en] = duplicates(text, 'en');
    const [zh] = duplicates(text, 'zh');
    assert.equal(en.severity, DiagnosticSeverity.Warning);
    assert.equal(en.message, 'Another record (line 1) has the same date, page and item: 2013-09-08 · 第2版 · 第3条.');
    assert.equal(zh.message, '另一条记录（第 1 行）的日期、版号和条号相同：2013-09-08 · 第2版 · 第3条。');
  });

  it('the record’s first tag is where it is shown, whichever field comes first', () => {
    const first = (bh: string) => `〖BH/版号〗${bh}〖-BH/版号〗\n〖RQ/日期〗20130908〖-RQ/日期〗\n〖TH/条号〗1〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;
    checkList(first('1') + first('1'), ['7:0-7:7 duplicate-article']);
  });

  it('records with no page, no item or no valid date are not compared', () => {
    checkList(record() + record(), []);
    const noItem = art('100', '20130908', '1', '1').replace('〖TH/条号〗1〖-TH/条号〗\n', '');
    checkList(noItem + noItem, []);
    const noPage = art('100', '20130908', '1', '1').replace('〖BH/版号〗1〖-BH/版号〗\n', '');
    checkList(noPage + noPage, []);
    checkList(art('100', '2013098', '1', '1') + art('100', '2013098', '1', '1'), ['1:7-1:14 invalid-date', `${LINES + 1}:7-${LINES + 1}:14 invalid-date`]);
  });

  it('a picture block’s page is the picture’s, not the record’s', () => {
    const withBlock = (page: string) =>
      `〖RQ/日期〗20120601〖-RQ/日期〗\n〖TH/条号〗1〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n〖TM/中图〗\n〖BH/版号〗${page}〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n〖-ZW/正文〗\n`;
    checkList(withBlock('01') + withBlock('01'), []);
  });

  it('in the editor, the first record is the related information, at its first tag', () => {
    const ls = service();
    const uri = 'file:///corpus/day.rmrb';
    const [d] = ls.getDiagnostics(ls.parse(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1')), 'zh', { uri }).filter((x) => x.code === 'duplicate-article');
    assert.deepEqual(d.relatedInformation, [{ location: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } }, message: '同一篇文章，首次录入于此。' }]);
    // Without a URI there is nothing to point at: no related information, the message still cites the line.
    assert.equal(duplicates(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1'))[0].relatedInformation, undefined);
  });

  it('records of two files: the message names the other file, in both languages', () => {
    const ls = service();
    const a = ls.parse(art('100', '20130908', '1', '1')).records[0].identity;
    const b = ls.parse(art('100', '20130908', '1', '1')).records[0].identity;
    const files = ['a/20130908.rmrb', 'b/20130908.rmrb'];
    const found = checkAcrossRecords({ identities: [a, b], lineOf: () => 1, fileOf: (i) => files[i] }, checkContext());
    const [p] = found.get(1)!;
    assert.equal(p.code, 'duplicate-article');
    assert.deepEqual(p.related, { record: 0, start: a!.start, end: a!.end });
    assert.equal(formatMessage(p.code, p.args, 'en'), 'Another record (a/20130908.rmrb, line 1) has the same date, page and item: 2013-09-08 · 第1版 · 第1条.');
    assert.equal(formatMessage(p.code, p.args, 'zh'), '另一条记录（a/20130908.rmrb 第 1 行）的日期、版号和条号相同：2013-09-08 · 第1版 · 第1条。');
  });
});
