// A parsed record as it is kept (parser/parsedRecord.ts): its fields compact, made into Field
// objects when read (`record.fields`) or walked without objects (`visitFields`, which the
// rules use). Both must tell the same fields: a field the walk missed, or placed at other
// offsets, would be checked wrongly or not at all.

import * as assert from 'node:assert/strict';
import { parseRecord, type ParseContext } from '../../../server/src/parser/recordParser';
import { createTagTable } from '../../../server/src/tags/tagTable';
import type { Field, RecordNode } from '../../../server/src/types';
import { field, prng, record, SAMPLE } from '../helpers';

const ctx: ParseContext = { table: createTagTable() };
const parse = (text: string): RecordNode => parseRecord(text, ctx, { first: true, followed: false });

/** One field as visitFields gives it. */
interface Visit {
  code: string;
  def: Field['def'];
  openStart: number;
  valueStart: number;
  valueEnd: number;
  end: number;
  children: number;
  nested: boolean;
}

function visits(r: RecordNode): Visit[] {
  const out: Visit[] = [];
  r.visitFields((code, def, openStart, valueStart, valueEnd, end, children, nested) => out.push({ code, def, openStart, valueStart, valueEnd, end, children, nested }));
  return out;
}

/** record.fields in the order visitFields must walk them: each field, then the fields nested in it. */
function flatten(fields: readonly Field[], nested = false, out: Visit[] = []): Visit[] {
  for (const f of fields) {
    out.push({ code: f.code, def: f.def, openStart: f.open.start, valueStart: f.valueStart, valueEnd: f.valueEnd, end: f.end, children: f.children.length, nested });
    flatten(f.children, true, out);
  }
  return out;
}

/** The walk agrees with the fields, whether the fields were read before the walk or after. */
function assertAgree(text: string, what = JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text)): Visit[] {
  const walkedFirst = visits(parse(text));
  const r = parse(text);
  const fields = flatten(r.fields);
  assert.deepEqual(walkedFirst, fields, `visitFields before fields are read: ${what}`);
  assert.deepEqual(visits(r), fields, `visitFields after fields are read: ${what}`);
  // The very tag table entry, not a copy.
  walkedFirst.forEach((v, i) => assert.equal(v.def, fields[i].def, `def of field ${i}: ${what}`));
  for (let i = 1; i < fields.length; i++) assert.ok(fields[i - 1].openStart < fields[i].openStart, `fields in order: ${what}`);
  return fields;
}

const short = (v: Visit) => `${v.code}${v.nested ? ' nested' : ''}${v.children ? ` ${v.children}` : ''}`;

const RQ = field('RQ', '日期', '20130908');
const B = '〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
/** A picture block as the PLA Daily archive writes it inside 正文. */
const block = (file = '201206010301.T01', page = '01') => `〖TM/中图〗\n〖BH/版号〗${page}〖-BH/版号〗\n〖WJ/文件〗${file}〖-WJ/文件〗\n〖-TM/中图〗`;
const PICTURE = `〖RQ/日期〗20120601〖-RQ/日期〗\n〖BH/版号〗03〖-BH/版号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n${block()}\n    正文\n${block('201206010301.T02', '02')}\n〖-ZW/正文〗\n`;
const NESTED = `${RQ}\n〖BT/标题〗标题〖ZZ/作者〗某某〖-ZZ/作者〗又〖FT/副题〗副〖-FT/副题〗〖-BT/标题〗\n〖LM/栏目〗栏目〖-LM/栏目〗\n${B}`;

describe('parser/parsedRecord', () => {
  describe('visitFields agrees with record.fields', () => {
    it('the sample: nine fields, none nested, each value and end where the fields say', () => {
      const v = assertAgree(SAMPLE, 'the sample');
      assert.deepEqual(v.map(short), ['ZQ', 'RQ', 'BH', 'TH', 'BT', 'FL', 'BM', 'TC', 'ZW']);
      assert.equal(SAMPLE.slice(v[0].valueStart, v[0].valueEnd), '20330');
      for (const x of v) {
        assert.equal(SAMPLE.slice(x.openStart, x.valueStart), `〖${x.code}/${x.def!.name}〗`);
        assert.equal(SAMPLE.slice(x.valueEnd, x.end), `〖-${x.code}/${x.def!.name}〗`);
      }
    });

    it('the sample with CRLF line ends and a BOM', () => {
      assertAgree('\ufeff' + SAMPLE.replace(/\n/g, '\r\n'), 'the sample, CRLF');
    });

    it('nested header fields: right after their field, nested, and counted as its children', () => {
      const v = assertAgree(NESTED);
      assert.deepEqual(v.map(short), ['RQ', 'BT 2', 'ZZ nested', 'FT nested', 'LM', 'ZW']);
      assert.equal(NESTED.slice(v[2].valueStart, v[2].valueEnd), '某某');
      assert.equal(NESTED.slice(v[3].valueStart, v[3].valueEnd), '副');
    });

    it('a picture block: its page nested in the body, which counts it; the record’s own page is not nested', () => {
      const v = assertAgree(PICTURE);
      assert.deepEqual(v.map(short), ['RQ', 'BH', 'BT', 'ZW 2', 'BH nested', 'BH nested']);
      assert.equal(PICTURE.slice(v[4].valueStart, v[4].valueEnd), '01');
      assert.equal(PICTURE.slice(v[5].valueStart, v[5].valueEnd), '02');
      assert.equal(v[3].def?.code, 'ZW');
    });

    it('fields not closed by their own twin: unclosed, closed by a mismatched or malformed tag, unknown', () => {
      const texts = [
        `〖RQ/日期〗20130908\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
        `〖RQ/日期〗20130908〖-BT/标题〗\n〖BT/标题〗标题〖-BT；标题〗\n${B}`,
        `〖rq/日期〗20130908〖-RQ/日期〗\n〖BT/标〗标题〖-BT/标题〗\n〖XX/某某〗值〖-XX/某某〗\n${B}`,
        `${RQ}\n〖BT/标题〗标题〖ZZ/作者〗某某〖-BT/标题〗\n${B}`,
        `${RQ}\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n一\n正文\n二\n正文\n`,
        `${RQ}\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n${block()}\n`,
      ];
      for (const text of texts) assertAgree(text);
      const unclosed = assertAgree(texts[0]);
      assert.equal(unclosed[0].end, unclosed[0].valueEnd, 'an unclosed field ends with its value');
      const unknown = assertAgree(texts[2]);
      assert.deepEqual(
        unknown.map((x) => [x.code, x.def?.code]),
        [
          ['RQ', 'RQ'],
          ['BT', 'BT'],
          ['XX', undefined],
          ['ZW', 'ZW'],
        ],
      );
    });

    it('no fields: no visit', () => {
      for (const text of ['', '\n\n', '正文', '〖〖〖']) assert.deepEqual(assertAgree(text), []);
    });

    it('random damage: whatever the parse makes of it, both tell the same fields', () => {
      const FRAGMENTS = [
        '〖', '〗', '-', '/', '；', '\n', '\r\n', ' ', '正文', '2013', '〖ZW/正文〗', '〖-ZW/正文〗', '〖BT/标题〗', '〖-BT/标题〗',
        '〖ZZ/作者〗', '〖-ZZ/作者〗', '〖BH/版号〗01〖-BH/版号〗', '〖TM/中图〗\n', '\n〖-TM/中图〗', '〖JZ/加重〗', '〖-JZ/加重〗', '〖XX/某〗', '〖rq；日期',
      ];
      const bases = [SAMPLE.slice(0, 1200), NESTED, PICTURE, record().repeat(2)];
      let nestedSeen = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const rnd = prng(seed);
        let text = bases[seed % bases.length];
        for (let step = 0; step < 12; step++) {
          const at = rnd(text.length + 1);
          const cut = rnd(3) === 0 ? rnd(20) : 0;
          let insert = '';
          for (let k = rnd(3); k > 0; k--) insert += FRAGMENTS[rnd(FRAGMENTS.length)];
          text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
          const v = assertAgree(text, `seed ${seed}, step ${step}`);
          nestedSeen += v.filter((x) => x.nested).length;
        }
      }
      assert.ok(nestedSeen > 0, 'the damage made nested fields too');
    });
  });
});
