// The record parser: structure (fields, values, sections, nested fields) and, through the
// language service, one test per defect class of the format. Each defect must give exactly
// one diagnostic, on the exact tag or value, and no cascade.

import * as assert from 'node:assert/strict';
import { parseRecord, type ParseContext } from '../../../server/src/parser/recordParser';
import { problemsOf, type CheckContext } from '../../../server/src/rules/check';
import { createTagTable } from '../../../server/src/tags/tagTable';
import type { RecordNode } from '../../../server/src/types';
import { check, diagnose, record, SAMPLE, service, TODAY, unmark } from '../helpers';

const ctx: ParseContext = { table: createTagTable() };
const checks: CheckContext = { ...ctx, requiredFields: ['RQ', 'BT', 'ZW'], earliestDate: '19460515', latestDate: TODAY };
/** The record as parsed, its problems those the parser and the rules find (as the diagnostics show them). */
const parse = (text: string, first = true, followed = false): RecordNode => {
  const r = parseRecord(text, ctx, { first, followed });
  const problems = problemsOf(r, text, first, checks).toArray();
  return new Proxy(r, { get: (target, key) => (key === 'problems' ? problems : Reflect.get(target, key, target)) });
};

/** Header lines RQ and BT, valid. */
const H = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n';
/** A valid body. */
const B = '〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
const body = (lines: string) => `${H}〖ZW/正文〗\n${lines}\n〖-ZW/正文〗\n`;

describe('recordParser', () => {
  describe('structure', () => {
    it('keeps a value’s inline tags, known, unknown and broken, and not the fields’ own tags', () => {
      const text = `${H}〖ZW/正文〗\n〖JZ/加重〗重〖-JZ/加重〗〖HH/换行〗〖XX/某某〗〖JZ；x\n〖-ZW/正文〗\n`;
      const r = parse(text);
      const zw = r.fields.find((f) => f.code === 'ZW')!;
      const tags = r.inlineTags(zw.valueStart, zw.valueEnd).map((t) => text.slice(t.start, t.end));
      assert.deepEqual(tags, ['〖JZ/加重〗', '〖-JZ/加重〗', '〖HH/换行〗', '〖XX/某某〗', '〖JZ；']);
      assert.deepEqual(r.inlineTags(0, zw.open.start), []);
    });

    it('reads the sample: nine fields, values between the tags, seven sections', () => {
      const r = parse(SAMPLE);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.fields.map((f) => f.code),
        ['ZQ', 'RQ', 'BH', 'TH', 'BT', 'FL', 'BM', 'TC', 'ZW'],
      );
      const value = (code: string) => {
        const f = r.fields.find((x) => x.code === code)!;
        return SAMPLE.slice(f.valueStart, f.valueEnd);
      };
      assert.equal(value('ZQ'), '20330');
      assert.equal(value('RQ'), '20130908');
      assert.equal(value('BH'), '002');
      assert.equal(value('FL'), 'D822');
      const zw = r.fields.find((f) => f.code === 'ZW')!;
      assert.deepEqual(
        zw.sections.map((s) => s.label),
        ['一', '二', '三', '四', '五', '六', '七'],
      );
      for (const s of zw.sections) {
        assert.equal(SAMPLE.slice(s.headingStart, s.headingEnd), s.label);
        assert.ok(s.start <= s.headingStart && s.headingEnd <= s.end && s.end <= zw.valueEnd);
      }
      assert.equal(r.length, SAMPLE.length);
      assert.equal(r.lineBreaks, SAMPLE.split('\n').length - 1);
      assert.equal(r.lineStarts.length, r.lineBreaks + 1);
    });

    it('sections do not overlap and each ends before the next heading', () => {
      const zw = parse(SAMPLE).fields.find((f) => f.code === 'ZW')!;
      for (let i = 1; i < zw.sections.length; i++) assert.ok(zw.sections[i - 1].end < zw.sections[i].start);
      assert.ok(!/\s$/.test(SAMPLE.slice(zw.sections[0].start, zw.sections[0].end)), 'a section ends at its last character');
    });

    it('a numeral inside a line is not a heading; 十一 and 二十 are', () => {
      const r = parse(body('一二三是数字\n    十一\n正文\n二十\n正文'));
      const zw = r.fields.find((f) => f.code === 'ZW')!;
      assert.deepEqual(
        zw.sections.map((s) => s.label),
        ['十一', '二十'],
      );
    });

    it('a numeral line in a header field is no section', () => {
      const r = parse(`〖BT/标题〗一〖-BT/标题〗\n${B}`);
      assert.deepEqual(r.fields[0].sections, []);
    });

    it('records line starts relative to the record, for LF and CRLF', () => {
      const lf = parse('a\nb\n');
      assert.deepEqual(lf.lineStarts, [0, 2, 4]);
      const crlf = parse('a\r\nb\r\n');
      assert.deepEqual(crlf.lineStarts, [0, 3, 6]);
      assert.equal(crlf.lineBreaks, 2);
    });

    it('contentEnd is the end of the last line holding anything but whitespace', () => {
      const text = `${H}${B}\n  \n`;
      assert.equal(parse(text).contentEnd, text.trimEnd().length);
    });

    it('an unclosed body runs to the end of its content', () => {
      const text = `${H}〖ZW/正文〗\n正文\n\n`;
      const zw = parse(text).fields.find((f) => f.code === 'ZW')!;
      assert.equal(zw.close, undefined);
      assert.equal(text.slice(zw.valueStart, zw.valueEnd).trim(), '正文');
    });

    it('a header field opened inside another field is its child, not a field of the record', () => {
      const r = parse(`〖BT/标题〗标题〖ZZ/作者〗某某〖-ZZ/作者〗〖-BT/标题〗\n〖RQ/日期〗20130908〖-RQ/日期〗\n${B}`);
      assert.deepEqual(
        r.fields.map((f) => f.code),
        ['BT', 'RQ', 'ZW'],
      );
      assert.deepEqual(
        r.fields[0].children.map((f) => f.code),
        ['ZZ'],
      );
    });

    it('problems are sorted by position', () => {
      const r = parse(`〖RQ/日期〗19930230〖-RQ/日期〗\n〖BT/标题〗〖-BT/标题〗\n〖ZW；正文〗\n〖-JZ/加重〗\n〖-ZW/正文〗\n〖XX/某某〗`);
      for (let i = 1; i < r.problems.length; i++) assert.ok(r.problems[i - 1].start <= r.problems[i].start);
      assert.ok(r.problems.length >= 4);
    });

    it('every offset lies inside the record', () => {
      const texts = [SAMPLE, `〖RQ/日期〗2013〖BT/标题〗\n〖ZW/正文〗\n〖JZ/加重〗x\n`, '〖〖〖', '\ufeff〖-', ''];
      for (const text of texts) {
        const r = parse(text);
        for (const p of r.problems) assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, JSON.stringify(p));
        for (const f of r.fields) assert.ok(f.open.start <= f.valueStart && f.valueStart <= f.valueEnd && f.valueEnd <= f.end && f.end <= text.length);
      }
    });

    it('a BOM at the start of the first record is neither stray text nor suspicious', () => {
      assert.deepEqual(parse(`\ufeff${H}${B}`).problems, []);
    });

    it('a BOM at the start of a later record is suspicious', () => {
      // Only the document's first character may be a BOM; in the middle of a file it is a decoding artefact.
      const r = parse(`\ufeff${H}${B}`, false);
      assert.ok(r.problems.length > 0);
    });

    it('values are trimmed when checked: spaces around a date are fine', () => {
      check(`〖RQ/日期〗 20130908 〖-RQ/日期〗\n〖BT/标题〗a〖-BT/标题〗\n${B}`);
    });

    it('standalone and paired inline tags are fine in header values and the body', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗上〖HH/换行〗下〖JZ/加重〗重〖-JZ/加重〗〖-BT/标题〗\n〖ZW/正文〗\n甲〖HH/换行〗乙\n〖JZ/加重〗丙〖ZI/字符〗丁〖-ZI/字符〗〖-JZ/加重〗\n〖JZ/加重〗跨\n行〖-JZ/加重〗\n〖-ZW/正文〗\n`);
    });

    it('the sample gives no diagnostic at all, with LF, CRLF, a BOM, or trailing blank lines', () => {
      check(SAMPLE);
      check(SAMPLE.replace(/\n/g, '\r\n'));
      check('\ufeff' + SAMPLE);
      check(SAMPLE + '\n\n\n');
    });
  });

  // ---------------------------------------------------------------------------------------
  describe('defects: tags never closed (unclosed-field)', () => {
    it('a body never closed, at the end of the file', () => {
      check(`${H}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n`);
    });

    it('a header field never closed on its line', () => {
      check(`⟦unclosed-field:〖RQ/日期〗⟧20130908\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a header field never closed, followed by another field on the same line', () => {
      check(`⟦unclosed-field:〖RQ/日期〗⟧20130908〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('an emphasis never closed inside the body', () => {
      check(body(`甲⟦unclosed-field:〖JZ/加重〗⟧乙`));
    });

    it('a character tag never closed inside a title', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲⟦unclosed-field:〖ZI/字符〗⟧乙〖-BT/标题〗\n${B}`);
    });
  });

  describe('defects: closing tags with no opening (unmatched-closing-tag)', () => {
    it('a second 〖-ZW/正文〗', () => {
      check(`${H}${B}⟦unmatched-closing-tag:〖-ZW/正文〗⟧\n`);
    });

    it('a closing emphasis with no opening', () => {
      check(body(`甲⟦unmatched-closing-tag:〖-JZ/加重〗⟧乙`));
    });

    it('a closing header tag alone on a line between fields', () => {
      check(`${H}⟦unmatched-closing-tag:〖-BT/标题〗⟧\n${B}`);
    });

    it('a closing tag for 〖HH/换行〗, which stands alone', () => {
      check(body(`甲〖HH/换行〗乙⟦unmatched-closing-tag:〖-HH/换行〗⟧`));
    });
  });

  describe('defects: closing tag differs from its opening', () => {
    it('another code on a header line: mismatched-closing-tag', () => {
      check(`〖RQ/日期〗20130908⟦mismatched-closing-tag:〖-BT/标题〗⟧\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a mistyped, unknown code on a header line: one mismatched-closing-tag', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题⟦mismatched-closing-tag:〖-TB/标题〗⟧\n${B}`);
    });

    it('a closing body tag with another name that is no field’s: mismatched-closing-tag', () => {
      check(`${H}〖ZW/正文〗\n正文\n⟦mismatched-closing-tag:〖-ZW/正言〗⟧\n`);
    });

    it('a closing header tag with another name that is no field’s: mismatched-closing-tag', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题⟦mismatched-closing-tag:〖-BT/标提〗⟧\n${B}`);
    });

    it('a closing tag named as another field: wrong-field-name on the name', () => {
      check(`${H}〖ZW/正文〗\n正文\n〖-ZW/⟦wrong-field-name:标题⟧〗\n`);
    });

    it('an opening tag named as another field: wrong-field-name on the name', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/⟦wrong-field-name:总期⟧〗标题〖-BT/标题〗\n${B}`);
    });

    it('both tags named as another field: one wrong-field-name, on the opening tag’s name', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/⟦wrong-field-name:总期⟧〗标题〖-BT/总期〗\n${B}`);
      check(`${H}〖ZW/⟦wrong-field-name:标题⟧〗\n正文\n〖-ZW/标题〗\n`);
      check(`${H}〖ZW/正文〗\n〖JZ/⟦wrong-field-name:标题⟧〗重〖-JZ/标题〗\n〖-ZW/正文〗\n`);
    });

    it('both tags named as another field: the message says so, and where the closing name is', () => {
      const text = `〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖TC/题材〗公报、公告〖-TC/题材〗\n${B}`;
      const ls = service();
      const doc = ls.parse(text);
      assert.deepEqual(ls.getDiagnostics(doc, 'en').map((d) => d.message), ['TC is named 体裁, not 题材 (in both tags).']);
      assert.deepEqual(ls.getDiagnostics(doc, 'zh').map((d) => d.message), ['TC 的名称是“体裁”，不是“题材”（开始和结束标记中都写错了）。']);
      const problem = problemsOf(doc.records[0], doc.recordTexts[0], true, checks).toArray().find((p) => p.code === 'wrong-field-name');
      assert.equal(problem?.args.closeName, String(text.indexOf('题材〗', text.indexOf('〖-TC'))));
    });

    it('both tags with two different wrong names: each is reported', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/⟦wrong-field-name:总期⟧〗标题〖-BT/⟦wrong-field-name:日期⟧〗\n${B}`);
    });

    it('a closing body tag with another code closes the body with one diagnostic', () => {
      const text = `${H}〖ZW/正文〗\n正文\n〖-ZQ/正文〗\n`;
      const got = diagnose(text);
      assert.equal(got.length, 1, `one diagnostic, got ${JSON.stringify(got)}`);
      assert.match(got[0], /^4:0-4:8 (mismatched-closing-tag|wrong-field-name)$|^4:5-4:7 wrong-field-name$/);
    });
  });

  describe('defects: crossing tags (crossing-tags)', () => {
    it('JZ closes while ZI opened inside it is open', () => {
      check(body(`甲〖JZ/加重〗乙〖ZI/字符〗丙⟦crossing-tags:〖-JZ/加重〗⟧丁〖-ZI/字符〗`));
    });

    it('ZI closes while JZ opened inside it is open', () => {
      check(body(`〖ZI/字符〗乙〖JZ/加重〗丙⟦crossing-tags:〖-ZI/字符〗⟧丁〖-JZ/加重〗`));
    });
  });

  describe('inline tags nest to any depth', () => {
    it('33 properly closed pairs give nothing (depth limits bound work, never correctness)', () => {
      assert.deepEqual(diagnose(body('〖JZ/加重〗'.repeat(33) + '甲' + '〖-JZ/加重〗'.repeat(33))), []);
      assert.deepEqual(diagnose(body('〖JZ/加重〗〖ZI/字符〗'.repeat(40) + '甲' + '〖-ZI/字符〗〖-JZ/加重〗'.repeat(40))), []);
    });

    it('a deep crossing is still found, once', () => {
      check(body('〖JZ/加重〗'.repeat(40) + '〖ZI/字符〗甲⟦crossing-tags:〖-JZ/加重〗⟧丙〖-ZI/字符〗' + '〖-JZ/加重〗'.repeat(39)));
    });
  });

  describe('defects: malformed tags (malformed-tag)', () => {
    it('"；" instead of "/" in an opening tag', () => {
      check(`⟦malformed-tag:〖RQ；日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('";" instead of "/" in a closing tag', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题⟦malformed-tag:〖-BT;标题〗⟧\n${B}`);
    });

    it('"；" in the body’s tags', () => {
      check(`${H}⟦malformed-tag:〖ZW；正文〗⟧\n正文\n⟦malformed-tag:〖-ZW；正文〗⟧\n`);
    });

    it('a lost 〗 on an opening tag', () => {
      check(`⟦malformed-tag:〖RQ/日期⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a lost 〗 on a closing tag at the end of a line', () => {
      check(`〖RQ/日期〗20130908⟦malformed-tag:〖-RQ/日期⟧\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a lost 〗 on both body tags', () => {
      check(`${H}⟦malformed-tag:〖ZW/正文⟧\n正文\n⟦malformed-tag:〖-ZW/正文⟧\n`);
    });

    it('a lost 〗 before Chinese text', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n⟦malformed-tag:〖BT/标题⟧中华人民共和国〖-BT/标题〗\n${B}`);
    });

    it('a lowercase code', () => {
      check(`⟦malformed-tag:〖rq/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题⟦malformed-tag:〖-bt/标题〗⟧\n${B}`);
    });

    it('no separator', () => {
      check(`⟦malformed-tag:〖RQ日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('no name', () => {
      check(`⟦malformed-tag:〖RQ/〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('an odd code with a known name is one malformed tag, not a cascade', () => {
      check(`⟦malformed-tag:〖RQQ/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a code with a digit is one malformed tag, not a cascade', () => {
      check(`⟦malformed-tag:〖R1/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a missing code with a known name is one malformed tag, not a cascade', () => {
      check(`⟦malformed-tag:〖/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('a lone 〖 in the body', () => {
      check(body(`甲⟦malformed-tag:〖⟧ 乙`));
    });
  });

  describe('defects: a header tag inside 正文, i.e. the body left open', () => {
    it('unclosed-field on 〖ZW/正文〗, then the next record parses normally', () => {
      const ls = service();
      const text = check(`${H}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n〖ZQ/总期〗1〖-ZQ/总期〗\n${H}${B}`);
      const doc = ls.parse(text);
      assert.equal(doc.records.length, 2);
      assert.deepEqual(
        doc.records[1].fields.map((f) => f.code),
        ['ZQ', 'RQ', 'BT', 'ZW'],
      );
      assert.deepEqual(doc.records[1].problems, []);
    });

    it('when the next record starts with its date', () => {
      const text = check(`${H}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n${H}${B}`);
      assert.equal(service().parse(text).records.length, 2);
    });

    it('the next record’s own defects are still its own', () => {
      check(`${H}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n〖RQ/日期〗⟦invalid-date:19930230⟧〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });
  });

  describe('picture blocks in 正文 (PLA Daily, 2012 on)', () => {
    /** A record with its own page, 03, so that a block's page, 01, is told from it. */
    const H3 = `〖RQ/日期〗20120601〖-RQ/日期〗\n〖BH/版号〗03〖-BH/版号〗\n〖TH/条号〗1〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n`;
    /** A picture block as the archive writes it: 〖TM/中图〗 alone on its line, one field a line. */
    const block = (file = '201206010301.T01', page = '01') => `〖TM/中图〗\n〖BH/版号〗${page}〖-BH/版号〗\n〖WJ/文件〗${file}〖-WJ/文件〗\n〖-TM/中图〗`;
    const zw = (lines: string) => `${H3}〖ZW/正文〗\n${lines}\n〖-ZW/正文〗\n`;

    it('a block gives nothing: its 〖BH/版号〗 is no header field inside 正文 and no second page of the record', () => {
      const text = check(zw(`${block()}\n    正文`));
      check(text.replace(/\n/g, '\r\n'));
      check(text.replace(/\n(?=〖TM|〖BH\/版号〗01|〖WJ|〖-TM)/g, '\n　　'));
    });

    it('the block’s fields are nested in the body, not the record’s: not its fields, identity or required fields', () => {
      const r = parse(zw(`${block()}\n    正文`));
      assert.deepEqual(
        r.fields.map((f) => f.code),
        ['RQ', 'BH', 'TH', 'BT', 'ZW'],
      );
      const body = r.fields[4];
      assert.deepEqual(
        body.children.map((f) => f.code),
        ['BH'],
      );
      assert.equal(body.close?.code, 'ZW');
      assert.equal(r.identity?.bh, '03');
      const visited: string[] = [];
      r.visitFields((code, _def, _o, _vs, _ve, _e, children, nested) => visited.push(`${code}${nested ? ' nested' : ''}${children ? ` ${children}` : ''}`));
      assert.deepEqual(visited, ['RQ', 'BH', 'TH', 'BT', 'ZW 1', 'BH nested']);
      // A record that has no page of its own does not take the picture's.
      const bare = parse(`〖RQ/日期〗20120601〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n${block()}\n〖-ZW/正文〗\n`);
      assert.equal(bare.identity?.bh, '');
      assert.deepEqual(bare.problems, []);
    });

    it('two blocks give nothing, before the text, between its paragraphs or after it', () => {
      check(zw(`${block('201206010301.T01')}\n${block('201206010301.T02')}\n    正文`));
      check(zw(`    正文\n${block()}\n    图片说明\n${block('201206010301.T02')}`));
    });

    it('a body that is one block and nothing else (an advertisement, PLA Daily 20120601 0415) gives nothing', () => {
      check(zw(block()));
    });

    it('a block left open ends at the first line that does not open with a tag: unclosed-field on 〖TM/中图〗, once', () => {
      const open = '⟦unclosed-field:〖TM/中图〗⟧\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗201206010301.T01〖-WJ/文件〗';
      check(zw(`${open}\n    正文`));
      check(zw(`${open}\n\n    正文`));
      check(zw(open));
      check(zw(`${open}\n    正文\n${block()}`));
      // The body left open too: each is reported once.
      check(`${H3}⟦unclosed-field:〖ZW/正文〗⟧\n${open}\n`);
    });

    it('the block ends there: a header tag in the text after it is a header field inside 正文 again', () => {
      check(zw(`⟦unclosed-field:〖TM/中图〗⟧\n〖BH/版号〗01〖-BH/版号〗\n    正文⟦nested-header-field:〖BH/版号〗⟧02〖-BH/版号〗`));
    });

    it('a block’s page is checked as a page is', () => {
      check(zw(`${block('x.T01', '⟦invalid-number:A1⟧')}\n    正文`));
      check(zw(`${block('x.T01', '⟦zero-number:00⟧')}\n    正文`));
    });

    it('a block’s field left open on its line: unclosed-field on it, and nothing else', () => {
      check(zw(`〖TM/中图〗\n⟦unclosed-field:〖BH/版号〗⟧01\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n    正文`));
    });

    it('a 〖TM/中图〗 with a lowercase code or a wrong name is still reported, once, and still read as the block', () => {
      check(zw(`⟦malformed-tag:〖tm/中图〗⟧\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n    正文`));
      check(zw(`⟦malformed-tag:〖TM；中图〗⟧\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n    正文`));
      check(zw(`〖TM/⟦wrong-field-name:中国⟧〗\n〖BH/版号〗01〖-BH/版号〗\n〖WJ/文件〗x.T01〖-WJ/文件〗\n〖-TM/中图〗\n    正文`));
      check(zw(`${block()}\n    正文`).replace('〖-TM/中图〗', '⟦malformed-tag:〖-tm/中图〗⟧'));
    });

    it('a header field in the body outside any block is still a header field inside 正文 (nested-header-field)', () => {
      check(zw(`${block()}\n    正文⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗正文`));
      check(zw(`    正文⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗\n${block()}`));
    });

    it('only 〖TM/中图〗 alone on its line opens a block: not with text or a field after it, not inside a value, not an unknown tag', () => {
      check(zw(`〖TM/中图〗〖-TM/中图〗⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗\n    正文`));
      check(zw(`    图〖TM/中图〗\n〖WJ/文件〗x.T01〖-WJ/文件〗〖-TM/中图〗⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗`));
      check(`〖RQ/日期〗20120601〖-RQ/日期〗\n〖BT/标题〗〖TM/中图〗〖-TM/中图〗标题⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗〖-BT/标题〗\n〖ZW/正文〗\n    正文\n〖-ZW/正文〗\n`);
      // The record splitter keeps the lines of any tag alone on its line together, but the
      // parser knows no block but the picture's.
      check(zw(`⟦unknown-tag:〖XX/某某〗⟧\n⟦nested-header-field:〖BH/版号〗⟧01〖-BH/版号〗\n〖-XX/某某〗\n    正文`));
    });

    it('a header line after a block that is closed, or after its text, starts a new record, as before', () => {
      for (const after of [`${block()}\n`, `${block()}\n    正文\n`, '〖TM/中图〗\n〖BH/版号〗01〖-BH/版号〗\n    正文\n']) {
        const text = `${H3}〖ZW/正文〗\n${after}〖BH/版号〗04〖-BH/版号〗\n〖RQ/日期〗20120601〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`;
        const doc = service().parse(text);
        assert.equal(doc.records.length, 2, after);
        assert.deepEqual(
          doc.records[1].fields.map((f) => f.code),
          ['BH', 'RQ', 'BT', 'ZW'],
        );
        assert.deepEqual(doc.records[1].problems, [], after);
      }
    });

    it('the record’s first field repeated inside a block still starts a new record', () => {
      const text = check(`${H3}⟦unclosed-field:〖ZW/正文〗⟧\n⟦unclosed-field:〖TM/中图〗⟧\n${H3.replace('〖TH/条号〗1', '〖TH/条号〗2')}${B}`);
      assert.equal(service().parse(text).records.length, 2);
    });

    it('a second 〖BH/版号〗 of the record itself is still a duplicate, and the block does not hide it', () => {
      check(`${H3}⟦duplicate-field:〖BH/版号〗⟧04〖-BH/版号〗\n〖ZW/正文〗\n${block()}\n〖-ZW/正文〗\n`);
    });
  });

  describe('defects: a header field opened inside another field (nested-header-field)', () => {
    it('inside a title', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题⟦nested-header-field:〖ZZ/作者〗⟧某某〖-ZZ/作者〗〖-BT/标题〗\n${B}`);
    });

    it('inside a line of the body', () => {
      check(body(`正文⟦nested-header-field:〖ZZ/作者〗⟧某某〖-ZZ/作者〗正文`));
    });

    it('inside a date: the date is not also reported invalid', () => {
      check(`〖RQ/日期〗20130908⟦nested-header-field:〖BT/标题〗⟧标题〖-BT/标题〗〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });

    it('inside a number: the number is not also reported invalid', () => {
      check(`〖ZQ/总期〗12⟦nested-header-field:〖TH/条号〗⟧3〖-TH/条号〗〖-ZQ/总期〗\n${H}${B}`);
    });

    it('inside a classification: the code is not also reported invalid', () => {
      check(`〖FL/分类〗D822⟦nested-header-field:〖ZZ/作者〗⟧某某〖-ZZ/作者〗〖-FL/分类〗\n${H}${B}`);
    });
  });

  describe('defects: dates', () => {
    const rq = (v: string) => `〖RQ/日期〗${v}〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`;
    for (const bad of ['19930230', '19930431', '20131301', '20130900', '20130000', '19000229', '21000229']) {
      it(`${bad} is not a real day (invalid-date)`, () => check(rq(`⟦invalid-date:${bad}⟧`)));
    }
    for (const bad of ['1993-07-13', '1993.7.13', '1993年7月13日', '2013098', '201309080', '２０１３０９０８', 'abc']) {
      it(`${bad} is not YYYYMMDD (invalid-date)`, () => check(rq(`⟦invalid-date:${bad}⟧`)));
    }
    for (const good of ['19460515', '20000229', '20130908', '19991231', TODAY]) {
      it(`${good} is fine`, () => check(rq(good)));
    }
    it('the day before the first issue is out of range (date-out-of-range)', () => check(rq('⟦date-out-of-range:19460514⟧')));
    it('a day after today is out of range (date-out-of-range)', () => check(rq('⟦date-out-of-range:20250102⟧')));
    it('a far future day is out of range', () => check(rq('⟦date-out-of-range:20990101⟧')));
    it('a real day long before 1946 is out of range', () => check(rq('⟦date-out-of-range:19000101⟧')));
  });

  describe('defects: numbers', () => {
    const hdr = (code: string, name: string, v: string) => `〖${code}/${name}〗${v}〖-${code}/${name}〗\n${H}${B}`;
    for (const [code, name] of [
      ['ZQ', '总期'],
      ['TH', '条号'],
    ]) {
      for (const bad of ['2a', '-3', '1.5', '一', '+3', '1 2']) {
        it(`${code} ${JSON.stringify(bad)} is not a positive integer (invalid-number)`, () => check(hdr(code, name, `⟦invalid-number:${bad}⟧`)));
      }
      it(`${code} 0 is zero (zero-number)`, () => check(hdr(code, name, '⟦zero-number:0⟧')));
      it(`${code} 000 is zero (zero-number)`, () => check(hdr(code, name, '⟦zero-number:000⟧')));
      it(`${code} 7 is fine`, () => check(hdr(code, name, '7')));
    }
    it('BH "2.5" is not digits (invalid-number)', () => check(hdr('BH', '版号', '⟦invalid-number:2.5⟧')));
    it('BH "A3" is not digits (invalid-number)', () => check(hdr('BH', '版号', '⟦invalid-number:A3⟧')));
    it('BH "00" is zero (zero-number)', () => check(hdr('BH', '版号', '⟦zero-number:00⟧')));
    it('BH "002" is fine', () => check(hdr('BH', '版号', '002')));
  });

  describe('defects: classification (invalid-classification)', () => {
    const fl = (v: string) => `〖FL/分类〗${v}〖-FL/分类〗\n${H}${B}`;
    for (const good of ['D822', 'F125.5', 'TP3', 'D822;F125.5', 'I247.5', 'K2', 'Z']) {
      it(`${good} is fine`, () => check(fl(good)));
    }
    for (const bad of ['L123', 'W1', '123', '中图', 'd822', 'D8.2.']) {
      it(`${bad} is not a 中图法 code`, () => check(fl(`⟦invalid-classification:${bad}⟧`)));
    }
  });

  describe('defects: empty title or body (empty-value)', () => {
    it('an empty title', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n⟦empty-value:〖BT/标题〗〖-BT/标题〗⟧\n${B}`);
    });
    it('a title of spaces', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n⟦empty-value:〖BT/标题〗　 〖-BT/标题〗⟧\n${B}`);
    });
    it('an empty body', () => {
      check(`${H}⟦empty-value:〖ZW/正文〗\n\n〖-ZW/正文〗⟧\n`);
    });
    it('empty 引题, 副题 and 作者 are fine: they are often empty on purpose', () => {
      check(`〖YT/引题〗〖-YT/引题〗\n〖FT/副题〗〖-FT/副题〗\n〖ZZ/作者〗〖-ZZ/作者〗\n${H}${B}`);
    });
  });

  describe('defects: the same field twice (duplicate-field)', () => {
    it('a second title', () => {
      check(`${H}⟦duplicate-field:〖BT/标题〗⟧又一标题〖-BT/标题〗\n${B}`);
    });
    it('a second page name', () => {
      check(`${H}〖BM/版名〗要闻〖-BM/版名〗\n⟦duplicate-field:〖BM/版名〗⟧要闻〖-BM/版名〗\n${B}`);
    });
    it('the record’s first field repeated starts a new record instead', () => {
      const text = check(`⟦missing-field:〖RQ/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖RQ/日期〗20130909〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
      assert.equal(service().parse(text).records.length, 2);
    });
  });

  describe('defects: required fields missing (missing-field)', () => {
    it('no date', () => {
      check(`⟦missing-field:〖BT/标题〗⟧标题〖-BT/标题〗\n${B}`);
    });
    it('no title and no body: two diagnostics, on the record’s first tag', () => {
      check(`⟦missing-field,missing-field:〖RQ/日期〗⟧20130908〖-RQ/日期〗\n`);
    });
    it('the required fields come from the settings', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n`, { settings: { requiredFields: ['RQ'] } });
      check(`⟦missing-field:〖RQ/日期〗⟧20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`, { settings: { requiredFields: ['RQ', 'ZQ'] } });
    });
    it('text with no field at all is stray, not a record missing its fields', () => {
      check('⟦stray-text:只有文字⟧\n');
    });
    it('a photograph may have no body (PLA Daily 19951001 0104)', () => {
      const photo = '〖RQ/日期〗19951001〖-RQ/日期〗\n〖BT/标题〗伟大祖国欣欣向荣〖-BT/标题〗\n〖GJ/关键〗照片〖-GJ/关键〗\n〖TC/体裁〗照片；图片；图片新闻〖-TC/体裁〗\n';
      check(photo);
      check(photo.replace(/\n/g, '\r\n'));
    });
    it('a drawing may have no body: GJ alone says what it is (PLA Daily 19900701 0314)', () => {
      check('〖RQ/日期〗19900701〖-RQ/日期〗\n〖BT/标题〗没有共产党就没有新中国〖-BT/标题〗\n〖GJ/关键〗绘画〖-GJ/关键〗\n〖TC/体裁〗其他〖-TC/体裁〗\n');
    });
    it('an ordinary article that lost its body is still reported', () => {
      check('⟦missing-field:〖RQ/日期〗⟧19900701〖-RQ/日期〗\n〖BT/标题〗文凭大王〖-BT/标题〗\n〖GJ/关键〗文凭〖-GJ/关键〗\n〖TC/体裁〗通讯〖-TC/体裁〗\n');
      // 附图片: a picture beside the article's text, which is still required.
      check('⟦missing-field:〖RQ/日期〗⟧19850301〖-RQ/日期〗\n〖BT/标题〗打开校门面向世界〖-BT/标题〗\n〖GJ/关键〗院校管理/附图片〖-GJ/关键〗\n〖TC/体裁〗通讯〖-TC/体裁〗\n');
    });
    it('a picture still needs the other required fields', () => {
      check('⟦missing-field:〖GJ/关键〗⟧照片〖-GJ/关键〗\n〖TC/体裁〗照片；图片；图片新闻〖-TC/体裁〗\n', { settings: { requiredFields: ['RQ', 'ZW'] } });
    });
  });

  describe('defects: broken decodes', () => {
    it('GB2312 read as Latin-1 (mojibake)', () => {
      check(body('⟦mojibake:ÖÐ»ªÈËÃñ¹²ºÍ¹ú⟧'));
    });
    it('UTF-8 read as Windows-1252 (mojibake)', () => {
      check(body('新闻⟦mojibake:ä¸­å›½⟧新闻'));
    });
    it('a few Latin-1 signs in Chinese text are fine', () => {
      check(body('气温25°C，3×4，café'));
    });
    it('a zero-width space (suspicious-character)', () => {
      check(body('中\u200b国'.replace('\u200b', '⟦suspicious-character:\u200b⟧')));
    });
    it('a replacement character (suspicious-character)', () => {
      check(body('中⟦suspicious-character:\ufffd⟧国'));
    });
    it('a run of them is one diagnostic', () => {
      check(body('中⟦suspicious-character:\ufffd\ufffd\ufffd⟧国'));
    });
    it('a BOM in the middle of a title (suspicious-character)', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标⟦suspicious-character:\ufeff⟧题〖-BT/标题〗\n${B}`);
    });
  });

  describe('defects: stray text and unknown tags', () => {
    it('text between fields (stray-text)', () => {
      check(`${H}⟦stray-text:多余的文字⟧\n${B}`);
    });
    it('text after a field on its line (stray-text)', () => {
      check(`〖RQ/日期〗20130908〖-RQ/日期〗⟦stray-text:尾巴⟧\n〖BT/标题〗标题〖-BT/标题〗\n${B}`);
    });
    it('text after the body (stray-text)', () => {
      check(`${H}${B}⟦stray-text:后记⟧\n`);
    });
    it('an unknown field (unknown-tag), its closing tag not reported again', () => {
      check(`${H}⟦unknown-tag:〖DW/单位〗⟧本报〖-DW/单位〗\n${B}`);
    });
    it('an unknown inline tag in the body (unknown-tag)', () => {
      check(body('甲⟦unknown-tag:〖QQ/某某〗⟧乙〖-QQ/某某〗丙'));
    });
    it('a tag added in the settings is known', () => {
      check(`${H}〖DW/单位〗本报〖-DW/单位〗\n${B}`, { settings: { extraTags: [{ code: 'DW', name: '单位', placement: 'header' }] } });
      check(body('甲〖QQ/某某〗乙〖-QQ/某某〗丙'), { settings: { extraTags: [{ code: 'QQ', name: '某某' }] } });
    });
  });

  describe('one defect, one diagnostic', () => {
    // Each case holds one defect; whatever the parser reports, it must be one diagnostic.
    const cases: Record<string, string> = {
      'lost 〗 on the body tag': `${H}〖ZW/正文\n正文\n〖-ZW/正文〗\n`,
      '"；" in the closing body tag': `${H}〖ZW/正文〗\n正文\n〖-ZW；正文〗\n`,
      'lowercase closing body tag': `${H}〖ZW/正文〗\n正文\n〖-zw/正文〗\n`,
      'body never closed before the next record': `${H}〖ZW/正文〗\n正文\n${record()}`,
      'header never closed': `〖RQ/日期〗20130908\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
      'mismatched header closing': `〖RQ/日期〗20130908〖-BT/标题〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
      'crossing inline tags': body('〖JZ/加重〗a〖ZI/字符〗b〖-JZ/加重〗c〖-ZI/字符〗'),
      'odd code': `〖RQQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
      'missing code': `〖/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
      'nested header in a date': `〖RQ/日期〗20130908〖BT/标题〗标题〖-BT/标题〗〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n${B}`,
      'closing body tag with another code': `${H}〖ZW/正文〗\n正文\n〖-ZQ/正文〗\n`,
      'mistyped closing code': `〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-TB/标题〗\n${B}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => {
        const got = diagnose(text);
        assert.equal(got.length, 1, JSON.stringify(got));
      });
    }
  });

  it('unmark helper: marks and expected ranges', () => {
    const { text, expected } = unmark('a⟦x:b⟦y,z:c⟧⟧\n⟦w:⟧');
    assert.equal(text, 'abc\n');
    assert.deepEqual(expected, ['0:1-0:3 x', '0:2-0:3 y', '0:2-0:3 z', '1:0-1:0 w']);
  });
});
