// Diagnostics as the editor sees them: ranges in line/character (UTF-16) positions, with
// CRLF, a BOM and characters outside the BMP; severities; messages in English and Chinese;
// the defect fixtures, one file per defect class.

import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, checkList, diagnose, FIXTURES, readFixture, record, SAMPLE, service } from '../helpers';

/** The diagnostics each defect fixture must give: the defect class is the file name. */
const DEFECTS: Record<string, string[]> = {
  'unclosed-field.rmrb': ['2:0-2:7 unclosed-field'],
  'unmatched-closing-tag.rmrb': ['3:6-3:14 unmatched-closing-tag'],
  'mismatched-closing-tag.rmrb': ['0:15-0:23 mismatched-closing-tag'],
  'wrong-field-name.rmrb': ['0:4-0:6 wrong-field-name'],
  'crossing-tags.rmrb': ['3:20-3:28 crossing-tags'],
  // CRLF line ends, and 𠀀𠀀 (four UTF-16 units) before the defect on line 1.
  'malformed-tag.rmrb': ['0:0-0:7 malformed-tag', '1:11-1:19 malformed-tag', '2:0-2:6 malformed-tag'],
  // The body left open: a header tag inside 正文 starts the next record, which is fine.
  'body-left-open.rmrb': ['2:0-2:7 unclosed-field'],
  'nested-header-field.rmrb': ['1:9-1:16 nested-header-field'],
  // CRLF line ends; the second record's date is on line 5.
  'invalid-date.rmrb': ['0:7-0:15 invalid-date', '5:7-5:17 invalid-date'],
  'date-out-of-range.rmrb': ['0:7-0:15 date-out-of-range'],
  'invalid-number.rmrb': ['0:7-0:9 invalid-number', '1:7-1:10 invalid-number', '2:7-2:9 invalid-number'],
  'zero-number.rmrb': ['1:7-1:8 zero-number'],
  'invalid-classification.rmrb': ['0:7-0:11 invalid-classification'],
  'empty-value.rmrb': ['1:0-1:15 empty-value'],
  'duplicate-field.rmrb': ['2:0-2:7 duplicate-field'],
  'missing-field.rmrb': ['0:0-0:7 missing-field'],
  'mojibake.rmrb': ['3:4-3:12 mojibake'],
  // Starts with a BOM, which is no defect.
  'suspicious-character.rmrb': ['3:5-3:6 suspicious-character', '3:7-3:8 suspicious-character'],
  'stray-text.rmrb': ['2:0-2:5 stray-text'],
  'unknown-tag.rmrb': ['2:0-2:7 unknown-tag'],
};

describe('features/diagnostics', () => {
  describe('defect fixtures', () => {
    const files = readdirSync(path.join(FIXTURES, 'defects')).filter((f) => f.endsWith('.rmrb'));

    it('every fixture has its expectations, and every expectation its fixture', () => {
      assert.deepEqual([...files].sort(), Object.keys(DEFECTS).sort());
    });

    for (const [file, expected] of Object.entries(DEFECTS)) {
      it(file, () => {
        const text = readFixture(`defects/${file}`);
        checkList(text, expected);
        const cls = file.replace(/\.rmrb$/, '');
        if (cls !== 'body-left-open') for (const e of expected) assert.equal(e.split(' ')[1], cls);
      });

      it(`${file} with the other line ends gives the same positions`, () => {
        const text = readFixture(`defects/${file}`);
        const other = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
        checkList(other, expected);
      });
    }
  });

  describe('positions', () => {
    it('CRLF: characters count from the line start, CR not included', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗标题〖-BT/标题〗\r\n〖ZW/正文〗\r\n正文⟦unmatched-closing-tag:〖-JZ/加重〗⟧\r\n〖-ZW/正文〗\r\n`);
    });

    it('a BOM at the start counts as one character of line 0 (it is part of the text given)', () => {
      check(`\ufeff⟦malformed-tag:〖RQ；日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
      checkList(`\ufeff〖RQ；日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`, ['0:1-0:8 malformed-tag']);
    });

    it('characters outside the BMP count as two UTF-16 units', () => {
      checkList(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗𠀀〖-BT；标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`, ['1:9-1:17 malformed-tag']);
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗〖JZ/加重〗𠀀〖ZI/字符〗𠀀⟦crossing-tags:〖-JZ/加重〗⟧𠀀〖-ZI/字符〗〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
    });

    it('all three at once, in a later record', () => {
      const first = record().replace(/\n/g, '\r\n');
      check(`\ufeff${first}〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀标题𠀀〖-BT/标题〗\r\n〖ZW/正文〗\r\n𠀀𠀀正文⟦unknown-tag:〖QQ/某〗⟧𠀀⟦suspicious-character:\u200b⟧\r\n〖-ZW/正文〗\r\n`);
    });

    it('a range that spans lines (an empty body)', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗标题〖-BT/标题〗\r\n⟦empty-value:〖ZW/正文〗\r\n\r\n〖-ZW/正文〗⟧\r\n`);
    });

    it('diagnostics on the last line with no final line break', () => {
      check(`${record()}〖RQ/日期〗20130909〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n⟦unclosed-field:〖ZW/正文〗⟧\n正文`);
    });
  });

  describe('the diagnostic objects', () => {
    const ls = service();
    const doc = ls.parse(`〖RQ/日期〗19930230〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖RQ/日期〗19460101〖-RQ/日期〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);

    it('carry the source, the code, and the default severity', () => {
      const ds = ls.getDiagnostics(doc, 'en');
      assert.ok(ds.length >= 1);
      for (const d of ds) assert.equal(d.source, 'rmrb');
      const invalid = ds.find((d) => d.code === 'invalid-date')!;
      assert.equal(invalid.severity, DiagnosticSeverity.Error);
    });

    it('invalid-date is an Error, date-out-of-range a Warning', () => {
      const a = ls.getDiagnostics(ls.parse(record({ rq: '19930230' })), 'en');
      assert.deepEqual(
        a.map((d) => [d.code, d.severity]),
        [['invalid-date', DiagnosticSeverity.Error]],
      );
      const b = ls.getDiagnostics(ls.parse(record({ rq: '19460514' })), 'en');
      assert.deepEqual(
        b.map((d) => [d.code, d.severity]),
        [['date-out-of-range', DiagnosticSeverity.Warning]],
      );
    });

    it('messages in English and in Chinese', () => {
      const text = record({ rq: '19930230' });
      const en = ls.getDiagnostics(ls.parse(text), 'en')[0].message;
      const zh = ls.getDiagnostics(ls.parse(text), 'zh')[0].message;
      assert.match(en, /19930230/);
      assert.match(en, /not a real day/);
      assert.match(zh, /19930230/);
      assert.match(zh, /不是真实存在的日期/);
    });

    it('each locale is computed for itself', () => {
      const d = ls.parse(record({ bt: '' }));
      const en = ls.getDiagnostics(d, 'en');
      const zh = ls.getDiagnostics(d, 'zh');
      assert.notEqual(en[0].message, zh[0].message);
      assert.deepEqual(
        en.map((x) => x.range),
        zh.map((x) => x.range),
      );
    });

    it('the same answer twice for the same document', () => {
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), ls.getDiagnostics(doc, 'en'));
    });
  });

  describe('checks across records', () => {
    /** A record with an issue number, a date, a page and an item. */
    const art = (zq: string, rq: string, bh: string, th: string) =>
      `〖ZQ/总期〗${zq}〖-ZQ/总期〗\n〖RQ/日期〗${rq}〖-RQ/日期〗\n〖BH/版号〗${bh}〖-BH/版号〗\n〖TH/条号〗${th}〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;
    const LINES = 8;

    it('the same date, page and item twice (duplicate-article), on the second record', () => {
      checkList(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1'), [`${LINES}:0-${LINES}:7 duplicate-article`]);
      const ls = service();
      const d = ls.getDiagnostics(ls.parse(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '1')), 'en')[0];
      assert.match(d.message, /line 1\b/);
    });

    it('another page, item or date is another article', () => {
      checkList(art('100', '20130908', '1', '1') + art('100', '20130908', '1', '2') + art('100', '20130908', '2', '1') + art('101', '20130909', '1', '1'), []);
    });

    it('one date with two issue numbers (inconsistent-issue-number), on the later ZQ value', () => {
      checkList(art('100', '20130908', '1', '1') + art('101', '20130908', '1', '2'), [`${LINES}:7-${LINES}:10 inconsistent-issue-number`]);
    });

    it('issue numbers growing with the date are fine, in any record order', () => {
      checkList(art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('102', '20130910', '1', '1'), []);
      checkList(art('102', '20130910', '1', '1') + art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1'), []);
    });

    it('one mistyped issue number among growing ones: one warning, on it', () => {
      const text = art('100', '20130908', '1', '1') + art('101', '20130909', '1', '1') + art('5', '20130910', '1', '1') + art('103', '20130911', '1', '1') + art('104', '20130912', '1', '1');
      checkList(text, [`${2 * LINES}:7-${2 * LINES}:8 inconsistent-issue-number`]);
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

    it('records without an issue number or a valid date are not compared', () => {
      checkList(record() + record(), []);
      checkList(art('', '20130908', '1', '1').replace('〖ZQ/总期〗〖-ZQ/总期〗\n', '') + art('', '20130909', '1', '1').replace('〖ZQ/总期〗〖-ZQ/总期〗\n', ''), []);
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

  describe('whole files', () => {
    it('the sample: no diagnostic', () => {
      assert.deepEqual(diagnose(SAMPLE), []);
      assert.deepEqual(diagnose(SAMPLE, { locale: 'zh' }), []);
    });

    it('the multi-record fixture: no diagnostic', () => {
      assert.deepEqual(diagnose(readFixture('multi-record.rmrb')), []);
    });

    it('empty and blank documents: no diagnostic', () => {
      for (const t of ['', '\n', '\r\n\r\n', '   ', '\ufeff']) assert.deepEqual(diagnose(t), [], JSON.stringify(t));
    });

    it('diagnostics come in document order', () => {
      const text = readFixture('defects/invalid-number.rmrb') + readFixture('defects/malformed-tag.rmrb') + readFixture('defects/stray-text.rmrb');
      const ls = service();
      const ds = ls.getDiagnostics(ls.parse(text), 'en');
      for (let i = 1; i < ds.length; i++) {
        const a = ds[i - 1].range.start;
        const b = ds[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `${JSON.stringify(a)} before ${JSON.stringify(b)}`);
      }
    });
  });
});
