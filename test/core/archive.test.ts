// Real archive files under the shipped defaults. test/fixtures/archive/ holds articles from the
// public PLA Daily (解放军报) archive (banned-historical-archives/banned-historical-archives24,
// txt/YYYY/YYYYMM/YYYYMMDD/), kept as the archive has them: one article per file, GB18030
// (GB2312) bytes, CRLF line ends, the archive's file names. Their markup is clean, so a clean
// file must give no Error and no Warning: a checker that warns on them is wrong, not the files.
// Written with scripts/encodeFixture.mjs.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, normalizeSettings } from '../../server/src/languageService';
import { FIXTURES, fmtRange, TODAY } from './helpers';

const DIR = path.join(FIXTURES, 'archive');
const FILES = readdirSync(DIR).filter((f) => /^\d{12}\.TXT$/.test(f)).sort();

/** The settings a user who changed nothing gets: what the client sends, read as the server reads it. */
const ls = createLanguageService({ settings: normalizeSettings({}), today: () => TODAY });

function decode(file: string): string {
  return new TextDecoder('gb18030', { fatal: true }).decode(readFileSync(path.join(DIR, file)));
}

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
const show = (d: Diagnostic) => `${fmtRange(d.range)} ${SEVERITY[d.severity ?? 0] ?? d.severity} ${d.code}: ${d.message}`;

describe('archive files (PLA Daily, one article per file)', () => {
  it('the fixtures are there, named as the archive names them, in its form', () => {
    assert.ok(FILES.length >= 12, `only ${FILES.length} archive fixtures`);
    for (const file of FILES) {
      const bytes = readFileSync(path.join(DIR, file));
      const text = decode(file);
      // GB bytes, not UTF-8: the test reads them the way a user's editor must.
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), `${file} is valid UTF-8`);
      assert.ok(!/(?<!\r)\n/.test(text), `${file} has a line end that is not CRLF`);
      // The name is the article's date, page and item: YYYYMMDD PP NN.
      const rq = /〖RQ\/日期〗(\d{8})〖-RQ\/日期〗/.exec(text)?.[1];
      assert.equal(rq, file.slice(0, 8), `${file}: RQ`);
    }
  });

  for (const file of FILES) {
    it(`${file} gives no error and no warning`, () => {
      const doc = ls.parse(decode(file));
      // Opened where the archive keeps it, so that its name is checked against its fields too.
      const all = ls.getDiagnostics(doc, 'en', { uri: `file:///archive/txt/${file.slice(0, 4)}/${file.slice(0, 6)}/${file.slice(0, 8)}/${file}` });
      const bad = all.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
      assert.equal(bad.length, 0, `${file}:\n  ${all.map(show).join('\n  ')}`);
    });
  }

  it('concatenated into one corpus file, they stay one record each and the checks across records find nothing', () => {
    // Merging an archive's files into one is how corpora are often built: dates, pages, items
    // and issue numbers must not collide or disagree where the files themselves are right.
    const doc = ls.parse(FILES.map(decode).join(''));
    assert.equal(doc.records.length, FILES.length);
    const all = ls.getDiagnostics(doc, 'en');
    assert.equal(all.length, 0, all.map(show).join('\n'));
  });

  it('they hold the shapes the defaults must accept', () => {
    const texts = FILES.map(decode);
    const some = (re: RegExp) => texts.some((t) => re.test(t));
    assert.ok(some(/〖LM\/栏目〗/), 'a column (LM)');
    assert.ok(some(/〖GJ\/关键〗[^〖]*RW：[^〖/]+\//), 'keywords with a person entry RW：name/role (GJ)');
    assert.ok(some(/〖TC\/体裁〗照片；图片；图片新闻〖/), 'a photograph (TC 照片；图片；图片新闻)');
    assert.ok(texts.some((t) => /照片|图片|绘画/.test(t) && !t.includes('〖ZW/正文〗')), 'a header-only picture');
    assert.ok(some(/〖FL\/分类〗[A-Z]{2}\d/), 'a two-letter classification (FL EI279.21)');
    assert.ok(some(/〖ZZ\/作者〗[^〖]*\/[^〖]*〖/), 'authors separated by /');
    assert.ok(some(/〖ZZ\/作者〗[^〖]*〖HH\/换行〗DW：/), 'an author with the unit after 〖HH/换行〗');
    assert.ok(some(/〖BH\/版号〗0\d〖/) && some(/〖TH\/条号〗\d{2}〖/), 'BH two digits, TH unpadded');
    const block = /〖TM\/中图〗\r\n〖BH\/版号〗\d+〖-BH\/版号〗\r\n〖WJ\/文件〗\d{12}\.T\d+〖-WJ\/文件〗\r\n〖-TM\/中图〗\r\n/;
    assert.ok(some(new RegExp(`〖ZW/正文〗\r\n(?:${block.source}){2}    `)), 'two picture blocks before the text (2012 on)');
    assert.ok(some(new RegExp(`〖ZW/正文〗\r\n${block.source}〖-ZW/正文〗`)), 'a body that is one picture block and nothing else');
  });
});
