// The front-page rule: BM 头版 names page 1.

import * as assert from 'node:assert/strict';
import { check, diagnose, field, service } from '../helpers';

const rec = (bh: string, bm: string) => `${field('RQ', '日期', '20130908')}\n${field('BH', '版号', bh)}\n${field('BT', '标题', '标题')}\n${bm}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`;

describe('rules/frontPage', () => {
  it('头版 on page 1 is right, however BH is padded', () => {
    for (const bh of ['1', '01', '001']) check(rec(bh, field('BM', '版名', '头版')));
  });

  it('头版 on another page is reported on the page name', () => {
    check(rec('04', `〖BM/版名〗⟦front-page-mismatch:头版⟧〖-BM/版名〗`));
    check(rec('2', `〖BM/版名〗 ⟦front-page-mismatch:第一版⟧ 〖-BM/版名〗`));
  });

  it('another page name, no BM, or a BH that is no number: nothing from this rule', () => {
    check(rec('04', field('BM', '版名', '国际')));
    check(rec('04', ''));
    assert.deepEqual(
      diagnose(rec('A4', field('BM', '版名', '头版'))).map((d) => d.split(' ')[1]),
      ['invalid-number'],
    );
  });

  it('says which page, in English and in Chinese', () => {
    const ls = service();
    const doc = ls.parse(rec('04', field('BM', '版名', '头版')));
    assert.match(ls.getDiagnostics(doc, 'en')[0].message, /“头版”.*page 04/);
    assert.match(ls.getDiagnostics(doc, 'zh')[0].message, /“头版”.*第 04 版/);
  });
});
