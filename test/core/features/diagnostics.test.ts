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

    it('problems of the checks across records take their severity from the settings and count towards maxProblems', () => {
      // The rules themselves are tested in test/core/rules/duplicateArticles.test.ts and issueNumbers.test.ts.
      const twice = record({ extra: '〖BH/版号〗1〖-BH/版号〗\n〖TH/条号〗1〖-TH/条号〗' }).repeat(3);
      const codes = (settings: Parameters<typeof service>[0]) => {
        const s = service(settings);
        return s.getDiagnostics(s.parse(twice), 'en').map((d) => [d.code, d.severity]);
      };
      assert.deepEqual(codes({}), [
        ['duplicate-article', DiagnosticSeverity.Warning],
        ['duplicate-article', DiagnosticSeverity.Warning],
      ]);
      assert.deepEqual(codes({ severity: { 'duplicate-article': 'error' } }), [
        ['duplicate-article', DiagnosticSeverity.Error],
        ['duplicate-article', DiagnosticSeverity.Error],
      ]);
      assert.deepEqual(codes({ severity: { 'duplicate-article': 'off' } }), []);
      assert.deepEqual(codes({ maxProblems: 1 }), [['duplicate-article', DiagnosticSeverity.Warning]]);
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

    it('diagnostics come in document order, those of the checks across records too', () => {
      // The second record repeats the first's date, page and item (duplicate-article on its
      // first tag, line 7 counting from 0) and has an empty title (line 8).
      const rec = (bt: string) => record({ bt, extra: '〖BH/版号〗1〖-BH/版号〗\n〖TH/条号〗1〖-TH/条号〗' });
      const ls = service();
      const ds = ls.getDiagnostics(ls.parse(rec('标题') + rec('')), 'en');
      assert.deepEqual(
        ds.map((d) => `${d.range.start.line} ${d.code}`),
        ['7 duplicate-article', '8 empty-value'],
      );
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

  it('gives a big file the same diagnostics a slice of records at a time as in one go', () => {
    const ls = service();
    const text = readdirSync(path.join(FIXTURES, 'defects'))
      .filter((f) => f.endsWith('.rmrb'))
      .map((f) => readFixture(`defects/${f}`))
      .join('\n');
    const doc = ls.parse(text);
    const whole = ls.getDiagnostics(doc, 'en', { acrossRecords: false });
    const sliced = [];
    for (let from = 0; from < doc.records.length; from += 3) sliced.push(...ls.getDiagnostics(doc, 'en', { acrossRecords: false, records: { from, to: from + 3 } }));
    assert.ok(whole.length > 10, `${whole.length} diagnostics`);
    assert.deepEqual(sliced, whole);
  });
});
