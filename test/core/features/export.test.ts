import * as assert from 'node:assert/strict';
import { csvField, csvHeader, csvRecord, exportRecords } from '../../../server/src/features/export';
import { SAMPLE, service } from '../helpers';

const ls = service();
const exported = (text: string) => {
  const doc = ls.parse(text);
  return exportRecords(doc, ls.getDiagnostics(doc, 'en'), 'f.rmrb');
};

const TWO =
  '\n〖RQ/日期〗19930230〖-RQ/日期〗\n〖BT/标题〗上〖HH/换行〗下 〖JZ/加重〗重〖-JZ/加重〗〖-BT/标题〗\n〖ZW/正文〗\n  一段〖HH/换行〗续\n  一\n  甲\n\n  二\n  乙\n〖-ZW/正文〗\n' +
  '〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n x\n〖-ZW/正文〗\n';

describe('features/export', () => {
  it('one object per record, in order, with the 1-based line of its first tag', () => {
    const rs = exported(TWO);
    assert.deepEqual(
      rs.map((r) => `${r.file}:${r.line}`),
      ['f.rmrb:2', 'f.rmrb:12'],
    );
  });

  it('values without inline tags, 〖HH/换行〗 as a line break, trimmed', () => {
    const [r] = exported(TWO);
    assert.equal(r.fields.RQ, '19930230');
    assert.equal(r.fields.BT, '上\n下 重');
    assert.equal(r.fields.ZW, '一段\n续\n一\n甲\n二\n乙');
  });

  it('正文 as paragraphs without headings, sections as indices into them', () => {
    const [r] = exported(TWO);
    assert.deepEqual(r.body, ['一段\n续', '甲', '乙']);
    assert.deepEqual(r.sections, [
      { title: '一', start: 1, end: 2 },
      { title: '二', start: 2, end: 3 },
    ]);
  });

  it('problems counted by severity, each in its own record', () => {
    const [a, b] = exported(TWO);
    assert.deepEqual(a.problems, { error: 1, warning: 0, information: 0, hint: 0 });
    assert.equal(b.problems.error, 0);
  });

  it('the sample: every field, seven sections that cover the body after the preamble', () => {
    const [r] = exported(SAMPLE);
    assert.deepEqual(Object.keys(r.fields), ['ZQ', 'RQ', 'BH', 'TH', 'BT', 'FL', 'BM', 'TC', 'ZW']);
    assert.equal(r.sections.length, 7);
    assert.equal(r.sections[0].start, 3);
    assert.equal(r.sections.at(-1)!.end, r.body.length);
    for (let k = 1; k < r.sections.length; k++) assert.equal(r.sections[k].start, r.sections[k - 1].end);
    assert.ok(r.body.every((p) => p === p.trim() && p && !/[〖〗]/.test(p)));
  });

  it('a picture block in 正文: its fields are not text', () => {
    const text = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n  文\n〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗201206010101.T01〖-WJ/文件〗\n〖-TM/中图〗\n  后\n〖-ZW/正文〗\n';
    const [r] = exported(text);
    assert.deepEqual(r.body, ['文', '后']);
  });

  it('CSV quoting as RFC 4180', () => {
    assert.equal(csvField('plain 文'), 'plain 文');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('a\rb'), '"a\rb"');
    assert.equal(csvHeader(['RQ', 'BT']), 'file,line,RQ,BT\r\n');
    const [r] = exported(TWO);
    assert.equal(csvRecord(r, ['RQ', 'BT', 'XX']), 'f.rmrb,2,19930230,"上\n下 重",\r\n');
  });
});
