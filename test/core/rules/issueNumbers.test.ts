// The issue-numbers rule, a check across records: within one newspaper one date has one
// issue number (ZQ), and it grows with the date. Through the service, since it needs the
// whole document.

import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkList, record, service } from '../helpers';

/** A record with an issue number, a date, a page and an item. */
const art = (zq: string, rq: string, bh: string, th: string) =>
  `〖ZQ/总期〗${zq}〖-ZQ/总期〗\n〖RQ/日期〗${rq}〖-RQ/日期〗\n〖BH/版号〗${bh}〖-BH/版号〗\n〖TH/条号〗${th}〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;
const LINES = 8;

/** The inconsistent-issue-number diagnostics of the text, in the locale. */
const issues = (text: string, locale: 'en' | 'zh' = 'en') => {
  const ls = service();
  return ls.getDiagnostics(ls.parse(text), locale).filter((d) => d.code === 'inconsistent-issue-number');
};

describe('rules/issueNumbers', () => {
  describe('one date, one issue number', () => {
    it('one date with two issue numbers (inconsistent-issue-number), on the later ZQ value', () => {
      checkList(art('100', '20130908', '1', '1') + art('101', '20130908', '1', '2'), [`${LINES}:7-${LINES}:10 inconsistent-issue-number`]);
    });

    it('issue numbers are compared as numbers: 0100 is 100', () => {
      checkList(art('100', '20130908', '1', '1') + art('0100', '20130908', '1', '2'), []);
    });

    it('every record that differs from the date’s first is reported, citing the first', () => {
      const text = art('100', '20130908', '1', '1') + art('101', '20130908', '1', '2') + art('100', '20130908', '1', '3') + art('102', '20130908', '1', '4');
      checkList(text, [`${LINES}:7-${LINES}:10 inconsistent-issue-number`, `${3 * LINES}:7-${3 * LINES}:10 inconsistent-issue-number`]);
      for (const d of issues(text)) assert.match(d.message, /differs from 100, given for the same date 2013-09-08 on line 1\./);
    });

    it('a warning that gives both numbers, the date and the line, in English and in Chinese', () => {
      // The record before them takes five lines: the first ZQ is on line 6.
      const text = record() + art('100', '20130908', '1', '1') + art('101', '20130908', '1', '2');
      const [en] = issues(text, 'en');
      const [zh] = issues(text, 'zh');
      assert.equal(en.severity, DiagnosticSeverity.Warning);
      assert.equal(en.message, 'ZQ (总期) 101 differs from 100, given for the same date 2013-09-08 on line 6.');
      assert.equal(zh.message, 'ZQ（总期） 101 与第 6 行同一日期 2013-09-08 的 100 不同。');
    });
  });

  describe('issue numbers grow with the date', () => {
    it('issue numbers growing with the date are fine, in any record order', () => {
      checkList(art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('102', '20130910', '1', '1'), []);
      checkList(art('102', '20130910', '1', '1') + art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1'), []);
    });

    it('one mistyped issue number among growing ones: one warning, on it', () => {
      const text = art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('5', '20130910', '1', '1') + art('103', '20130911', '1', '1') + art('104', '20130912', '1', '1');
      checkList(text, [`${2 * LINES}:7-${2 * LINES}:8 inconsistent-issue-number`]);
    });

    it('one mistyped issue number too large, early on: one warning, on it, not one for every later date', () => {
      const text = art('100', '20130908', '1', '1') + art('9999', '20130909', '1', '1') + art('102', '20130910', '1', '1') + art('103', '20130911', '1', '1') + art('104', '20130912', '1', '1');
      checkList(text, [`${LINES}:7-${LINES}:11 inconsistent-issue-number`]);
    });

    it('one mistyped issue number in the first record of a date: one warning, on it, not on the date’s right ones', () => {
      // The 10th has three articles; the first says 5, the other two 102, as the dates around say.
      const text =
        art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('5', '20130910', '1', '1') + art('102', '20130910', '1', '2') + art('102', '20130910', '1', '3') + art('103', '20130911', '1', '1') + art('104', '20130912', '1', '1');
      checkList(text, [`${2 * LINES}:7-${2 * LINES}:8 inconsistent-issue-number`]);
    });

    it('the warning is on the issue number, not on the blanks around it', () => {
      checkList(art('100', '20130908', '1', '1') + art(' 101 ', '20130908', '1', '2'), [`${LINES}:8-${LINES}:11 inconsistent-issue-number`]);
    });

    it('the same issue number on two dates: the later date is reported', () => {
      checkList(art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('101', '20130910', '1', '1'), [`${LINES}:7-${LINES}:10 inconsistent-issue-number`]);
    });

    it('the record a warning cites really disagrees with the one it is on', () => {
      // 100 on the 8th, 99 on the 9th, 102 on the 10th: 100 and 99 disagree; 102 agrees with both.
      const ls = service();
      const text = art('100', '20130908', '1', '1') + art('99', '20130909', '1', '1') + art('102', '20130910', '1', '1');
      const ds = ls.getDiagnostics(ls.parse(text), 'en').filter((d) => d.code === 'inconsistent-issue-number');
      assert.equal(ds.length, 1);
      const m = /ZQ \(总期\) (\d+) on ([\d-]+) does not grow with the date: ([\d-]+) \(line \d+\) has (\d+)/.exec(ds[0].message);
      assert.ok(m, ds[0].message);
      const [, zq, date, otherDate, otherZq] = m;
      const disagree = (date < otherDate && Number(zq) >= Number(otherZq)) || (date > otherDate && Number(zq) <= Number(otherZq));
      assert.ok(disagree, `the warning cites a record it agrees with: ${ds[0].message}`);
    });

    it('the message gives the dates, both numbers and the line, in English and in Chinese', () => {
      const text = art('100', '20130910', '1', '1') + art('101', '20130909', '1', '1');
      const [en] = issues(text, 'en');
      const [zh] = issues(text, 'zh');
      assert.equal(en.message, 'ZQ (总期) 101 on 2013-09-09 does not grow with the date: 2013-09-10 (line 1) has 100.');
      assert.equal(zh.message, 'ZQ（总期） 101（2013-09-09）没有随日期递增：第 1 行 2013-09-10 的总期为 100。');
    });
  });

  describe('what is compared', () => {
    it('records without an issue number or a valid date are not compared', () => {
      checkList(record() + record(), []);
      checkList(art('', '20130908', '1', '1').replace('〖ZQ/总期〗〖-ZQ/总期〗\n', '') + art('', '20130909', '1', '1').replace('〖ZQ/总期〗〖-ZQ/总期〗\n', ''), []);
    });

    it('an issue number that is no number is reported as such, and not compared', () => {
      checkList(art('100', '20130908', '1', '1') + art('1O1', '20130908', '1', '2') + art('x', '20130909', '1', '1'), [
        `${LINES}:7-${LINES}:10 invalid-number`,
        `${2 * LINES}:7-${2 * LINES}:8 invalid-number`,
      ]);
    });

    it('after an edit, checks across records equal those of a fresh parse', () => {
      const ls = service();
      const text = art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('102', '20130910', '1', '1');
      let doc = ls.parse(text);
      ls.getDiagnostics(doc, 'en');
      const at = text.indexOf('101');
      doc = ls.update(doc, [{ start: at, end: at + 3, text: '100' }]);
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), ls.getDiagnostics(ls.parse(doc.text), 'en'));
      assert.equal(ls.getDiagnostics(doc, 'en').length, 1);
    });
  });
});
