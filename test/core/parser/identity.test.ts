// What identifies an article, read off its fields by the parse (parser/identity.ts): the
// date, page and item (RQ, BH, TH) and the issue number (ZQ), with where the checks across
// records point when they report the record.

import * as assert from 'node:assert/strict';
import { parseRecord, type ParseContext } from '../../../server/src/parser/recordParser';
import { createTagTable } from '../../../server/src/tags/tagTable';
import type { RecordNode } from '../../../server/src/types';
import { field, SAMPLE } from '../helpers';

const ctx: ParseContext = { table: createTagTable() };
const parse = (text: string): RecordNode => parseRecord(text, ctx, { first: true, followed: false });
const B = '〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
const BT = field('BT', '标题', '标题');

/** A record of the given header fields, one a line, then a title and a body. */
const rec = (...fields: Array<[string, string]>) => {
  const table = ctx.table;
  return fields.map(([code, value]) => field(code, table.get(code)!.name, value)).join('\n') + `\n${BT}\n${B}`;
};
const valueOf = (r: RecordNode, code: string) => {
  const f = r.fields.find((x) => x.code === code)!;
  return { start: f.valueStart, end: f.valueEnd };
};

describe('parser/identity', () => {
  it('the sample: its ZQ, RQ, BH and TH, as written', () => {
    const r = parse(SAMPLE);
    const id = r.identity!;
    assert.deepEqual({ rq: id.rq, bh: id.bh, th: id.th, zq: id.zq }, { rq: '20130908', bh: '002', th: '3', zq: '20330' });
    assert.deepEqual({ start: id.zqStart, end: id.zqEnd }, valueOf(r, 'ZQ'));
    assert.equal(SAMPLE.slice(id.zqStart, id.zqEnd), '20330');
  });

  it('values are trimmed: spaces, tabs, ideographic spaces around them', () => {
    const id = parse(rec(['ZQ', ' 100 '], ['RQ', '　20130908\t'], ['BH', ' 01'], ['TH', '2　'])).identity!;
    assert.deepEqual({ rq: id.rq, bh: id.bh, th: id.th, zq: id.zq }, { rq: '20130908', bh: '01', th: '2', zq: '100' });
  });

  it('no page or item: empty, and the identity is still there', () => {
    const id = parse(rec(['RQ', '20130908'])).identity!;
    assert.deepEqual({ rq: id.rq, bh: id.bh, th: id.th, zq: id.zq }, { rq: '20130908', bh: '', th: '', zq: '' });
  });

  it('no identity when RQ is not eight digits, or when there is no RQ', () => {
    for (const rq of ['2013098', '201309080', '2013-09-08', '２０１３０９０８', '2013090８', '', '   ', '2013 0908']) {
      assert.equal(parse(rec(['ZQ', '100'], ['RQ', rq], ['BH', '1'], ['TH', '1'])).identity, undefined, JSON.stringify(rq));
    }
    assert.equal(parse(rec(['ZQ', '100'], ['BH', '1'], ['TH', '1'])).identity, undefined);
  });

  it('eight digits that are no real day still identify the record: the date is the dates rule’s to judge', () => {
    assert.equal(parse(rec(['RQ', '19930230'])).identity?.rq, '19930230');
  });

  it('ZQ that is no number, empty or absent: zq is empty and zqStart/zqEnd point at RQ’s value', () => {
    for (const zq of ['1O1', '-1', '１００', '', '  ', undefined]) {
      const r = parse(zq === undefined ? rec(['RQ', '20130908'], ['BH', '1']) : rec(['ZQ', zq], ['RQ', '20130908'], ['BH', '1']));
      const id = r.identity!;
      assert.equal(id.zq, '', JSON.stringify(zq));
      assert.deepEqual({ start: id.zqStart, end: id.zqEnd }, valueOf(r, 'RQ'), JSON.stringify(zq));
    }
  });

  it('ZQ that is digits: zqStart/zqEnd point at ZQ’s value, wherever the field stands', () => {
    const text = rec(['RQ', '20130908'], ['BH', '1'], ['ZQ', '20330']);
    const r = parse(text);
    const id = r.identity!;
    assert.equal(id.zq, '20330');
    assert.deepEqual({ start: id.zqStart, end: id.zqEnd }, valueOf(r, 'ZQ'));
    assert.equal(text.slice(id.zqStart, id.zqEnd), '20330');
  });

  it('start and end are the first field’s opening tag, whichever field it is and wherever it stands', () => {
    for (const [text, tag] of [
      [rec(['ZQ', '100'], ['RQ', '20130908']), '〖ZQ/总期〗'],
      [rec(['BH', '1'], ['RQ', '20130908']), '〖BH/版号〗'],
      [`\n  ${rec(['RQ', '20130908'])}`, '〖RQ/日期〗'],
      [`〖RQ/日期〗20130908\n${BT}\n${B}`, '〖RQ/日期〗'],
    ] as const) {
      const r = parse(text);
      const id = r.identity!;
      assert.ok(id, text);
      assert.equal(id.start, r.fields[0].open.start, text);
      assert.equal(id.end, r.fields[0].open.end, text);
      assert.equal(text.slice(id.start, id.end), tag, text);
    }
  });

  it('a field given twice: the first is the record’s', () => {
    const id = parse(rec(['RQ', '20130908'], ['BH', '1'], ['BH', '2'], ['RQ', '20130909'])).identity!;
    assert.deepEqual({ rq: id.rq, bh: id.bh }, { rq: '20130908', bh: '1' });
  });

  it('a header field nested in another, or a picture block’s page, is not the record’s', () => {
    const nested = parse(`${field('RQ', '日期', '20130908')}\n〖BT/标题〗标题〖BH/版号〗4〖-BH/版号〗〖-BT/标题〗\n${B}`);
    assert.equal(nested.identity?.bh, '');
    const block = parse(`${field('RQ', '日期', '20120601')}\n${BT}\n〖ZW/正文〗\n〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n〖-ZW/正文〗\n`);
    assert.equal(block.identity?.bh, '');
  });

  it('each record has its own values, one parse after another', () => {
    // The parse reuses a string equal to the last value of a field: never one that differs.
    const a = parse(rec(['ZQ', '100'], ['RQ', '20130908'], ['BH', '1'], ['TH', '1'])).identity!;
    const b = parse(rec(['ZQ', '101'], ['RQ', '20130909'], ['BH', '2'], ['TH', '3'])).identity!;
    const c = parse(rec(['ZQ', '101'], ['RQ', '20130909'], ['BH', '12'], ['TH', '1'])).identity!;
    assert.deepEqual([a.zq, a.rq, a.bh, a.th], ['100', '20130908', '1', '1']);
    assert.deepEqual([b.zq, b.rq, b.bh, b.th], ['101', '20130909', '2', '3']);
    assert.deepEqual([c.zq, c.rq, c.bh, c.th], ['101', '20130909', '12', '1']);
  });
});
