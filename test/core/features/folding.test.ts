import * as assert from 'node:assert/strict';
import type { FoldingRange } from 'vscode-languageserver-types';
import { readFixture, record, SAMPLE, service } from '../helpers';

const ls = service();
const fold = (text: string, limit?: number) => ls.getFoldingRanges(ls.parse(text), limit);
const short = (rs: FoldingRange[]) => rs.map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`);

const MULTI = readFixture('multi-record.rmrb');
const MULTI_RECORDS = ['0-17 region', '18-27 region', '28-38 region', '39-43 region'];
const MULTI_FIELDS = ['11-16', '25-26', '32-37', '41-42'];
const MULTI_SECTIONS = ['13-14', '15-16', '34-35', '36-37'];

/** Sorted as the client wants them: by start line, the outer range first. */
const sorted = (xs: string[]) =>
  [...xs].sort((a, b) => {
    const [as, ae] = a.split(/[- ]/).map(Number);
    const [bs, be] = b.split(/[- ]/).map(Number);
    return as - bs || be - ae;
  });

describe('features/folding', () => {
  it('the sample: the record, the body (its closing tag left visible), and sections 一…七', () => {
    assert.deepEqual(short(fold(SAMPLE)), ['0-55 region', '8-54', '12-16', '17-28', '29-36', '37-40', '41-42', '43-45', '46-54']);
  });

  it('the same with CRLF line ends and a BOM', () => {
    assert.deepEqual(fold('\ufeff' + SAMPLE.replace(/\n/g, '\r\n')), fold(SAMPLE));
  });

  it('several records', () => {
    assert.deepEqual(short(fold(MULTI)), sorted([...MULTI_RECORDS, ...MULTI_FIELDS, ...MULTI_SECTIONS]));
  });

  it('ranges are sorted by start line, outer first', () => {
    const rs = fold(MULTI);
    for (let i = 1; i < rs.length; i++) {
      const a = rs[i - 1];
      const b = rs[i];
      assert.ok(a.startLine < b.startLine || (a.startLine === b.startLine && a.endLine >= b.endLine));
    }
  });

  describe('rangeLimit keeps records first, then fields, then sections', () => {
    it('no limit, or a large one: everything', () => {
      assert.equal(fold(MULTI).length, 12);
      assert.equal(fold(MULTI, 1000).length, 12);
      assert.equal(fold(MULTI, 12).length, 12);
    });

    it('as many as there are records: the records only', () => {
      assert.deepEqual(short(fold(MULTI, 4)), MULTI_RECORDS);
    });

    it('fewer than the records: the first records', () => {
      assert.deepEqual(short(fold(MULTI, 2)), MULTI_RECORDS.slice(0, 2));
    });

    it('records and bodies, then the first sections', () => {
      assert.deepEqual(short(fold(MULTI, 8)), sorted([...MULTI_RECORDS, ...MULTI_FIELDS]));
      assert.deepEqual(short(fold(MULTI, 9)), sorted([...MULTI_RECORDS, ...MULTI_FIELDS, MULTI_SECTIONS[0]]));
    });

    it('zero, or less: nothing', () => {
      assert.deepEqual(fold(MULTI, 0), []);
      assert.deepEqual(fold(MULTI, -3), []);
    });
  });

  it('one-line header fields do not fold', () => {
    assert.deepEqual(short(fold('〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n')), ['0-1 region']);
  });

  it('a record of one line does not fold', () => {
    assert.deepEqual(fold('〖BT/标题〗标题〖-BT/标题〗\n'), []);
  });

  it('a body whose closing tag ends a text line folds up to that line', () => {
    assert.deepEqual(short(fold('〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n甲\n乙〖-ZW/正文〗\n')), ['0-3 region', '1-3']);
  });

  it('a body never closed folds to its last line of text', () => {
    assert.deepEqual(short(fold('〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n甲\n乙\n\n\n')), ['0-3 region', '1-3']);
  });

  it('a body left open before the next record stops before it', () => {
    const text = '〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n甲\n乙\n' + record();
    assert.deepEqual(short(fold(text)), ['0-3 region', '1-3', '4-8 region', '6-7']);
  });

  it('nothing to fold in an empty or blank document', () => {
    assert.deepEqual(fold(''), []);
    assert.deepEqual(fold('\n\n\n'), []);
  });

  it('every range starts before it ends and lies in the document', () => {
    for (const text of [SAMPLE, MULTI, record().repeat(3).replace(/\n/g, '\r\n')]) {
      const lines = text.split('\n').length;
      for (const r of fold(text)) {
        assert.ok(r.startLine < r.endLine, JSON.stringify(r));
        assert.ok(r.endLine < lines, JSON.stringify(r));
      }
    }
  });
});
