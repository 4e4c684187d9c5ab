// The runner of the rules (rules/check.ts): a record's problems are the parser's and the
// rules' in one list sorted by position, memoised per record and check context, so that a
// settings change or a new day re-runs the checks and never the parse; a value with nothing
// in it but blanks and standalone tags is no value.

import * as assert from 'node:assert/strict';
import { parseRecord, type ParseContext } from '../../../server/src/parser/recordParser';
import { checkAcrossRecords, checkFieldValue, problemsOf, ruleFix, ruleFixCodes, type CheckContext } from '../../../server/src/rules/check';
import type { Finding } from '../../../server/src/rules/rule';
import { createTagTable, type ExtraTag, type TagTable } from '../../../server/src/tags/tagTable';
import type { ProblemList } from '../../../server/src/parser/problems';
import { diagnose, field, record, TODAY } from '../helpers';

const table = createTagTable();
const parseCtx: ParseContext = { table };
const context = (over: Partial<CheckContext> = {}): CheckContext => ({ table, requiredFields: ['RQ', 'BT', 'ZW'], earliestDate: '19460515', latestDate: TODAY, ...over });
const parse = (text: string, t: TagTable = table) => parseRecord(text, t === table ? parseCtx : { table: t }, { first: true, followed: false });

/** `code start-end` of each problem, in the list's order. */
const listed = (list: ProblemList) => list.toArray().map((p) => `${p.code} ${p.start}-${p.end}`);

/** `code start-end` of the findings of the value rules for `value` as the value of field `code`, relative to the value. */
function valueFindings(code: string, value: string, t: TagTable = table): string[] {
  const out: Finding[] = [];
  const open = `〖${code}/${t.get(code)!.name}〗`;
  const text = `${open}${value}〖-${code}/${t.get(code)!.name}〗`;
  checkFieldValue(t.get(code)!, text, open.length, open.length + value.length, 0, text.length, context({ table: t }), out);
  return out.map((p) => `${p.code} ${p.start - open.length}-${p.end - open.length}`);
}

describe('rules/check', () => {
  describe('problemsOf: the parser’s problems and the rules’, in one list sorted by position', () => {
    // A record rule at the first tag (no ZQ), a value rule on the date, the parser on line 1,
    // a record rule on line 3, the parser on line 4.
    const text = [
      '〖RQ/日期〗19930230〖-RQ/日期〗',
      '〖BT；标题〗标题〖-BT/标题〗',
      '〖ZW/正文〗',
      '正\u200b文',
      '〖-JZ/加重〗',
      '〖-ZW/正文〗',
      '',
    ].join('\n');
    const at = (s: string, from = 0) => text.indexOf(s, from);

    it('merges them, in the order they stand in the record', () => {
      const r = parse(text);
      const list = problemsOf(r, text, true, context({ requiredFields: ['ZQ', 'RQ', 'BT', 'ZW'] }));
      assert.deepEqual(listed(list), [
        `missing-field 0-7`,
        `invalid-date ${at('1993')}-${at('1993') + 8}`,
        `malformed-tag ${at('〖BT；')}-${at('〖BT；') + 7}`,
        `suspicious-character ${at('\u200b')}-${at('\u200b') + 1}`,
        `unmatched-closing-tag ${at('〖-JZ')}-${at('〖-JZ') + 8}`,
      ]);
      // The parser's own list is left as it was.
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['malformed-tag', 'unmatched-closing-tag'],
      );
    });

    it('a record with no findings of the rules: the parser’s own list', () => {
      const broken = `${field('RQ', '日期', '20130908')}\n${field('BT', '标题', '标题')}\n〖ZW/正文〗\n正文〖-JZ/加重〗\n〖-ZW/正文〗\n`;
      const r = parse(broken);
      const list = problemsOf(r, broken, true, context());
      assert.equal(list, r.problemList);
      assert.deepEqual(
        listed(list).map((s) => s.split(' ')[0]),
        ['unmatched-closing-tag'],
      );
      const clean = record();
      const c = parse(clean);
      assert.equal(problemsOf(c, clean, true, context()), c.problemList);
      assert.equal(c.problemList.length, 0);
    });
  });

  describe('problemsOf: memoised per record and check context', () => {
    const text = record({ rq: '20250102' });

    it('the same context: the same list object, not checked again', () => {
      const r = parse(text);
      const ctx = context();
      const first = problemsOf(r, text, true, ctx);
      assert.deepEqual(listed(first), ['date-out-of-range 7-15']);
      assert.equal(problemsOf(r, text, true, ctx), first);
    });

    it('a new context object re-runs the checks, even when it says the same', () => {
      const r = parse(text);
      const ctx = context();
      const first = problemsOf(r, text, true, ctx);
      const again = problemsOf(r, text, true, { ...ctx });
      assert.notEqual(again, first);
      assert.deepEqual(listed(again), listed(first));
    });

    it('a later latest date (a new day) changes the result on the same parsed record, which is not parsed again', () => {
      const r = parse(text);
      const fields = r.fields;
      const problems = r.problemList;
      const today = context();
      const tomorrow = context({ latestDate: '20250102' });
      assert.deepEqual(listed(problemsOf(r, text, true, today)), ['date-out-of-range 7-15']);
      assert.deepEqual(listed(problemsOf(r, text, true, tomorrow)), []);
      assert.deepEqual(listed(problemsOf(r, text, true, today)), ['date-out-of-range 7-15']);
      // The record is the one parsed: its fields and the parser's problems are the same objects.
      assert.equal(r.fields, fields);
      assert.equal(r.problemList, problems);
    });

    it('other settings in the context: the required fields', () => {
      const r = parse(text);
      assert.deepEqual(listed(problemsOf(r, text, true, context({ latestDate: '20991231', requiredFields: ['ZQ'] }))), ['missing-field 0-7']);
      assert.deepEqual(listed(problemsOf(r, text, true, context({ latestDate: '20991231', requiredFields: [] }))), []);
    });

    it('each record is memoised for itself', () => {
      const a = parse(text);
      const b = parse(record());
      const ctx = context();
      const la = problemsOf(a, text, true, ctx);
      const lb = problemsOf(b, record(), true, ctx);
      assert.equal(problemsOf(a, text, true, ctx), la);
      assert.equal(problemsOf(b, record(), true, ctx), lb);
      assert.deepEqual(listed(la), ['date-out-of-range 7-15']);
      assert.deepEqual(listed(lb), []);
    });
  });

  describe('checkFieldValue: a blank value is no value', () => {
    const blanks = ['', '   ', '　\t', '〖HH/换行〗', ' 〖HH/换行〗　〖HH/换行〗 '];

    it('only blanks and standalone tags: empty-value on the whole field for BT, nothing for YT', () => {
      for (const v of blanks) {
        const open = '〖BT/标题〗'.length;
        assert.deepEqual(valueFindings('BT', v), [`empty-value ${-open}-${v.length + '〖-BT/标题〗'.length}`], JSON.stringify(v));
        assert.deepEqual(valueFindings('YT', v), [], JSON.stringify(v));
      }
    });

    it('a user’s own standalone tag (rmrb.tags.extra) is as blank as 〖HH/换行〗', () => {
      const extra: ExtraTag[] = [{ code: 'KG', name: '空格', placement: 'inline', paired: false }];
      const own = createTagTable(extra);
      assert.deepEqual(valueFindings('BT', ' 〖KG/空格〗 ', own), ['empty-value -7-17']);
      assert.deepEqual(valueFindings('YT', '〖KG/空格〗', own), []);
      // Through the service, from the settings.
      const rec = record({ bt: '〖KG/空格〗〖HH/换行〗' });
      assert.deepEqual(diagnose(rec, { settings: { extraTags: extra } }), ['1:0-1:29 empty-value']);
    });

    it('anything else is a value: text, a paired tag, an unknown or a misspelt standalone tag', () => {
      assert.deepEqual(valueFindings('BT', ' 〖HH/换行〗标题 '), []);
      assert.deepEqual(valueFindings('BT', '〖JZ/加重〗〖-JZ/加重〗'), []);
      assert.deepEqual(valueFindings('BT', '〖KG/空格〗'), []);
      const paired = createTagTable([{ code: 'KG', name: '空格', placement: 'inline', paired: true }]);
      assert.deepEqual(valueFindings('BT', '〖KG/空格〗', paired), []);
      assert.deepEqual(valueFindings('BT', '〖HH/换〗'), []);
      assert.deepEqual(valueFindings('BT', '〖-HH/换行〗'), []);
    });
  });

  describe('checkAcrossRecords', () => {
    const art = (zq: string, th: string) =>
      `${field('ZQ', '总期', zq)}\n${field('RQ', '日期', '20130908')}\n${field('BH', '版号', '1')}\n${field('TH', '条号', th)}\n${field('BT', '标题', '标题')}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;

    it('the problems of every rule across records, by record index; a record may have several', () => {
      const texts = [art('100', '1'), art('101', '1'), art('100', '2')];
      const found = checkAcrossRecords({ identities: texts.map((t) => parse(t).identity), lineOf: (i) => 1 + 8 * i, fileOf: () => undefined }, context());
      assert.deepEqual([...found.keys()], [1]);
      assert.deepEqual(
        found.get(1)!.map((p) => `${p.code} ${p.start}-${p.end} ${p.args.line}`),
        ['duplicate-article 0-7 1', 'inconsistent-issue-number 7-10 1'],
      );
    });

    it('records with no identity are skipped', () => {
      assert.equal(checkAcrossRecords({ identities: [undefined, undefined], lineOf: () => 1, fileOf: () => undefined }, context()).size, 0);
    });
  });

  describe('the rules’ fixes', () => {
    it('are found by the problem’s code; the parser’s codes have none here', () => {
      assert.ok(ruleFixCodes().includes('suspicious-character'));
      assert.ok(ruleFixCodes().includes('invalid-date'));
      assert.ok(!ruleFixCodes().includes('malformed-tag'));
      const text = '标\u200b题';
      const fix = ruleFix({ code: 'suspicious-character', start: 1, end: 2, args: { character: 'U+200B' } }, text, context());
      assert.deepEqual(fix && { start: fix.start, end: fix.end, newText: fix.newText, safe: fix.safe }, { start: 1, end: 2, newText: '', safe: true });
      assert.equal(ruleFix({ code: 'malformed-tag', start: 0, end: 1, args: {} }, text, context()), undefined);
    });
  });
});
