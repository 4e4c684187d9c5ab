import * as assert from 'node:assert/strict';
import { BUILT_IN_TAGS, createTagTable, formatTag, isField } from '../../../server/src/tags/tagTable';

describe('tagTable', () => {
  const table = createTagTable();

  it('knows the fields of the format with their names and placements', () => {
    const expected: Array<[string, string, string]> = [
      ['ZQ', '总期', 'header'],
      ['RQ', '日期', 'header'],
      ['BH', '版号', 'header'],
      ['TH', '条号', 'header'],
      ['YT', '引题', 'header'],
      ['BT', '标题', 'header'],
      ['FT', '副题', 'header'],
      ['ZZ', '作者', 'header'],
      ['FL', '分类', 'header'],
      ['LM', '栏目', 'header'],
      ['BM', '版名', 'header'],
      ['GJ', '关键', 'header'],
      ['TC', '体裁', 'header'],
      ['ZW', '正文', 'body'],
      ['HH', '换行', 'inline'],
      ['JZ', '加重', 'inline'],
      ['ZI', '字符', 'inline'],
      ['TM', '中图', 'inline'],
      ['WJ', '文件', 'inline'],
    ];
    for (const [code, name, placement] of expected) {
      const def = table.get(code);
      assert.ok(def, code);
      assert.equal(def.name, name);
      assert.equal(def.placement, placement);
      assert.equal(table.codeOfName(name), code);
    }
    assert.equal(table.all().length, expected.length);
  });

  it('value kinds: ZQ/TH integers, BH digits, RQ a date, FL a classification', () => {
    assert.equal(table.get('ZQ')!.value, 'integer');
    assert.equal(table.get('TH')!.value, 'integer');
    assert.equal(table.get('BH')!.value, 'digits');
    assert.equal(table.get('RQ')!.value, 'date');
    assert.equal(table.get('FL')!.value, 'classification');
    assert.equal(table.get('BT')!.value, 'text');
  });

  it('HH stands alone; JZ, ZI and every field pair up', () => {
    assert.equal(table.get('HH')!.paired, false);
    for (const def of table.all()) if (def.code !== 'HH') assert.equal(def.paired, true, def.code);
  });

  it('TM opens a picture block in the body, WJ is one of its fields: both inline tags that pair up', () => {
    assert.equal(table.get('TM')!.block, 'opens');
    assert.equal(table.get('WJ')!.block, 'field');
    for (const def of table.all()) if (def.code !== 'TM' && def.code !== 'WJ') assert.equal(def.block, undefined, def.code);
  });

  it('TM declared again in the settings as an inline tag (as users did before it was built in) still opens a block', () => {
    assert.equal(createTagTable([{ code: 'TM', name: '中图' }]).get('TM')!.block, 'opens');
    assert.equal(createTagTable([{ code: 'tm', name: '图片' }]).get('TM')!.block, 'opens');
    assert.equal(createTagTable([{ code: 'TM', name: '中图', paired: false }]).get('TM')!.block, undefined);
    assert.equal(createTagTable([{ code: 'TM', name: '中图', placement: 'header' }]).get('TM')!.block, undefined);
  });

  it('every tag has an English and a Chinese description', () => {
    for (const def of BUILT_IN_TAGS) {
      assert.ok(def.en.trim() && !/\p{Script=Han}/u.test(def.en.replace(/〖[^〗]*〗/g, '')), def.code);
      assert.ok(/\p{Script=Han}/u.test(def.zh), def.code);
    }
  });

  it('unknown codes and names', () => {
    assert.equal(table.get('XX'), undefined);
    assert.equal(table.get('rq'), undefined, 'lookups are by the upper-cased code');
    assert.equal(table.codeOfName('某某'), undefined);
  });

  it('names longest first', () => {
    const names = table.namesLongestFirst();
    for (let i = 1; i < names.length; i++) assert.ok(names[i - 1].length >= names[i].length);
    assert.equal(new Set(names).size, names.length);
  });

  it('extra tags: added, upper-cased, placement inline by default, paired unless said', () => {
    const t = createTagTable([
      { code: 'dw', name: '单位', placement: 'header' },
      { code: 'QQ', name: '某某' },
      { code: 'XB', name: '分隔', paired: false },
      { code: 'ZB', name: '正文B', placement: 'body', paired: false },
    ]);
    assert.equal(t.get('DW')!.placement, 'header');
    assert.equal(t.get('DW')!.paired, true);
    assert.equal(t.get('QQ')!.placement, 'inline');
    assert.equal(t.get('QQ')!.paired, true);
    assert.equal(t.get('XB')!.paired, false);
    assert.equal(t.get('ZB')!.paired, true, 'fields always pair');
    assert.equal(t.codeOfName('单位'), 'DW');
    assert.ok(t.namesLongestFirst().includes('正文B'));
  });

  it('extra tags with a bad code or no name are ignored', () => {
    const t = createTagTable([
      { code: 'D1', name: '甲' },
      { code: 'DWX', name: '乙' },
      { code: 'DW', name: '  ' },
      // Untrusted JSON: fields may be missing altogether.
      { code: undefined as unknown as string, name: '丙' },
    ]);
    assert.equal(t.all().length, BUILT_IN_TAGS.length);
  });

  it('an extra tag may rename a built-in one; the built-in name still maps to its code', () => {
    const t = createTagTable([{ code: 'HH', name: '回车' }]);
    assert.equal(t.get('HH')!.name, '回车');
    assert.equal(t.codeOfName('回车'), 'HH');
  });

  it('tables are independent', () => {
    createTagTable([{ code: 'QQ', name: '某某' }]);
    assert.equal(createTagTable().get('QQ'), undefined);
  });

  it('isField and formatTag', () => {
    assert.equal(isField(table.get('RQ')), true);
    assert.equal(isField(table.get('ZW')), true);
    assert.equal(isField(table.get('JZ')), false);
    assert.equal(isField(undefined), false);
    assert.equal(formatTag('RQ', '日期'), '〖RQ/日期〗');
    assert.equal(formatTag('RQ', '日期', true), '〖-RQ/日期〗');
  });
});
