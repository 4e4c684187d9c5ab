// Which required fields a record lacks, and the one exception: a picture needs no 正文. The
// records are real PLA Daily headers (test/fixtures/archive/ holds whole files).

import * as assert from 'node:assert/strict';
import { createTagTable } from '../../../server/src/tags/tagTable';
import { parseRecord, type ParseContext } from '../../../server/src/parser/recordParser';
import { isPicture, missingRequiredFields } from '../../../server/src/rules/requiredFields';

const ctx: ParseContext = { table: createTagTable() };

/** A record built from `[code, value]` header fields. */
function header(...fields: Array<[string, string]>): { text: string; fields: ReturnType<typeof parseRecord>['fields'] } {
  const table = createTagTable();
  const text = fields.map(([code, value]) => `〖${code}/${table.get(code)!.name}〗${value}〖-${code}/${table.get(code)!.name}〗\r\n`).join('');
  return { text, fields: parseRecord(text, ctx, { first: true, followed: false }).fields };
}

const picture = (...fields: Array<[string, string]>) => {
  const r = header(...fields);
  return isPicture(r.text, r.fields);
};

describe('rules/requiredFields', () => {
  describe('isPicture', () => {
    it('a genre in TC names a picture, alone or run together with another genre', () => {
      for (const tc of ['照片；图片；图片新闻', '图片照片', '通讯照片；图片；图片新闻', '新华社通讯；照片；图片；图片新闻', '漫画', '美术'])
        assert.equal(picture(['BT', '某题'], ['TC', tc]), true, tc);
    });
    it('a keyword in GJ is a kind of picture; persons after RW： are not keywords', () => {
      for (const gj of ['照片', '绘画', '照片RW：毛泽东', '战备教育/图片新闻', '篆刻', '元旦；照片'])
        assert.equal(picture(['BT', '某题'], ['GJ', gj], ['TC', '其他']), true, gj);
    });
    it('GJ 附图片 / 附照片: a picture beside a text article, which is no picture itself', () => {
      for (const gj of ['院校管理/附图片', '毛主席/接见外宾/附照片', '经济特区政策/附图片RW：江泽民'])
        assert.equal(picture(['BT', '某题'], ['GJ', gj], ['TC', '通讯']), false, gj);
    });
    it('the archive’s placeholder headlines for photographs', () => {
      for (const bt of ['图片', '照片', '图片新闻']) assert.equal(picture(['BT', bt]), true, bt);
      for (const bt of ['一张照片的故事', '标题新闻', '图片说明']) assert.equal(picture(['BT', bt]), false, bt);
    });
    it('ordinary articles are not pictures', () => {
      assert.equal(picture(['BT', '文凭大王'], ['LM', '今日世界'], ['GJ', '文凭'], ['TC', '通讯']), false);
      assert.equal(picture(['BT', '凌文铨参加雨花台烈士陵园碑文书写'], ['GJ', '信息角'], ['TC', '短讯']), false);
      assert.equal(picture(['BT', '语录'], ['GJ', '语录']), false);
      assert.equal(picture(['BT', '某题']), false);
    });
  });

  describe('missingRequiredFields', () => {
    const seen = (r: ReturnType<typeof header>) => new Set(r.fields.map((f) => f.code));
    it('the required codes the record lacks, in the setting’s order', () => {
      const r = header(['BT', '文凭大王'], ['TC', '通讯']);
      assert.deepEqual(missingRequiredFields(['ZQ', 'RQ', 'BT', 'ZW'], seen(r), r.text, r.fields), ['ZQ', 'RQ', 'ZW']);
      assert.deepEqual(missingRequiredFields([], seen(r), r.text, r.fields), []);
    });
    it('a picture lacks no 正文, but may lack the others', () => {
      const r = header(['BT', '伟大祖国欣欣向荣'], ['GJ', '照片'], ['TC', '照片；图片；图片新闻']);
      assert.deepEqual(missingRequiredFields(['RQ', 'BT', 'ZW'], seen(r), r.text, r.fields), ['RQ']);
    });
  });
});
