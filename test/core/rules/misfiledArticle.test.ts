// The misfiled-article rule: in an archive of one article per file, named
// `…/YYYYMMDD/YYYYMMDDPPNN.TXT`, the name must agree with the record's RQ, BH and TH.

import * as assert from 'node:assert/strict';
import { formatMessage } from '../../../server/src/diagnostics/catalogue';
import { checkAcrossRecords } from '../../../server/src/rules/check';
import type { RecordIdentity } from '../../../server/src/types';
import { checkContext, service } from '../helpers';

const art = (rq: string, bh: string, th: string) =>
  `〖ZQ/总期〗6569〖-ZQ/总期〗\r\n〖RQ/日期〗${rq}〖-RQ/日期〗\r\n〖BH/版号〗${bh}〖-BH/版号〗\r\n〖TH/条号〗${th}〖-TH/条号〗\r\n〖BT/标题〗“工作”小谈〖-BT/标题〗\r\n〖ZW/正文〗\r\n    前不久，听到两个同志在交谈。\r\n〖-ZW/正文〗\r\n`;

/** The misfiled-article messages (English) of the files, each holding the given text. */
function misfiled(files: Array<[string, string]>): string[] {
  const ls = service();
  const identities: Array<RecordIdentity | undefined> = [];
  const fileOfRecord: string[] = [];
  for (const [name, text] of files) {
    for (const r of ls.parse(text).records) {
      identities.push(r.identity);
      fileOfRecord.push(name);
    }
  }
  const found = checkAcrossRecords({ identities, lineOf: () => 1, fileOf: (i) => fileOfRecord[i] }, checkContext());
  return [...found.entries()].flatMap(([i, list]) => list.filter((p) => p.code === 'misfiled-article').map((p) => `${fileOfRecord[i]}: ${formatMessage(p.code, p.args, 'en')}`));
}

describe('rules/misfiledArticle', () => {
  it('a file named after its own date, page and item is right, however BH and TH are padded', () => {
    assert.deepEqual(misfiled([['txt/1976/197601/19760105/197601050304.TXT', art('19760105', '03', '4')]]), []);
    assert.deepEqual(misfiled([['txt/1976/197601/19760105/197601050312.TXT', art('19760105', '3', '12')]]), []);
  });

  it('a name that disagrees with RQ, BH or TH is a misfiled article, shown at the record’s first tag', () => {
    assert.deepEqual(misfiled([['19760105/197601050304.TXT', art('19760105', '03', '5')]]), [
      "19760105/197601050304.TXT: The file name says 1976-01-05, page 3, item 4, but the record's RQ, BH and TH say 1976-01-05, page 3, item 5: the article is misfiled, or its header is wrong.",
    ]);
    assert.equal(misfiled([['197601050304.TXT', art('19760106', '03', '4')]]).length, 1);
    assert.equal(misfiled([['197601050304.TXT', art('19760105', '02', '4')]]).length, 1);
    const ls = service();
    const doc = ls.parse(art('19760105', '03', '5'));
    const [d] = ls.getDiagnostics(doc, 'zh', { uri: 'file:///archive/txt/1976/197601/19760105/197601050304.TXT' }).filter((x) => x.code === 'misfiled-article');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    assert.equal(d.message, '文件名表示 1976-01-05 第3版第4条，而本记录的 RQ、BH、TH 表示 1976-01-05 第3版第5条：文章放错了文件，或记录头有误。');
  });

  it('a file in another day’s folder is misfiled too', () => {
    const [m] = misfiled([['txt/1976/197601/19760106/197601050304.TXT', art('19760105', '03', '4')]]);
    assert.match(m, /The folder \(1976-01-06\) and file name say 1976-01-05, page 3, item 4/);
  });

  it('files not named by date, page and item, and files of several records, are not judged by their name', () => {
    assert.deepEqual(misfiled([['corpus/rmrb-19760105.txt', art('19760105', '03', '5')]]), []);
    assert.deepEqual(misfiled([['19760105/1976010503.TXT', art('19760105', '03', '5')]]), []);
    assert.deepEqual(misfiled([['19760105/197601050304.TXT', art('19760105', '03', '4') + art('19760105', '03', '5')]]), []);
    // In the editor with no URI (an untitled document), nothing is known of the name.
    const ls = service();
    assert.deepEqual(ls.getDiagnostics(ls.parse(art('19760105', '03', '5')), 'en').filter((x) => x.code === 'misfiled-article'), []);
  });
});
