// The mojibake rule: GB2312/GBK (or UTF-8) text decoded with the wrong encoding, as the
// editor shows it: one warning on exactly the run of wrongly decoded characters, none for
// the few Latin-1 characters Chinese text itself uses.

import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, field, record, service } from '../helpers';

const ls = service();
const RQ = field('RQ', '日期', '20130908');
const BT = field('BT', '标题', '标题');
/** A record whose title and body line are given as written (marks allowed). */
const rec = (bt: string, zw = '正文') => `${RQ}\n〖BT/标题〗${bt}〖-BT/标题〗\n〖ZW/正文〗\n${zw}\n〖-ZW/正文〗\n`;

/** 中华人民 in GBK, read as Latin-1. */
const GBK_AS_LATIN1 = 'ÖÐ»ªÈËÃñ';
/** 人民日报 in GBK, read as Latin-1. */
const GBK_AS_LATIN1_2 = 'ÈËÃñÈÕ±¨';
/** 中国 in UTF-8, read as Windows-1252 (­ is U+00AD, › U+203A). */
const UTF8_AS_1252 = 'ä¸­å›½';
/** 人民 in UTF-8, read as Windows-1252 (‘ is U+2018, Windows-1252's 0x91). */
const UTF8_AS_1252_2 = 'äººæ°‘';

describe('rules/mojibake', () => {
  it('GBK read as Latin-1: one warning on exactly the run, in a title or a body', () => {
    check(rec(`⟦mojibake:${GBK_AS_LATIN1}⟧`));
    check(rec('标题', `    新闻⟦mojibake:${GBK_AS_LATIN1_2}⟧报道`));
  });

  it('UTF-8 read as Windows-1252: one warning on exactly the run, its Windows-1252 punctuation included', () => {
    check(rec(`中国⟦mojibake:${UTF8_AS_1252}⟧中国`));
    check(rec('标题', `⟦mojibake:${UTF8_AS_1252_2}⟧日报`));
  });

  it('two runs with Chinese between them are two warnings', () => {
    check(rec('标题', `⟦mojibake:${GBK_AS_LATIN1}⟧，⟦mojibake:${UTF8_AS_1252}⟧`));
  });

  it('in any field: a date that is mojibake is also no date', () => {
    check(`〖RQ/日期〗⟦invalid-date,mojibake:${GBK_AS_LATIN1}⟧〖-RQ/日期〗\n${BT}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
  });

  it('not mojibake: Chinese punctuation, 25°C 3×4, a lone accented letter, two letters', () => {
    check(rec('“中国”——人民·日报……', '    气温25°C，3×4＝12，《人民日报》、新华社'));
    check(rec('café', '    Ö 中 ÖÐ 中 àé'));
  });

  it('outside any field: nothing of this rule', () => {
    check(`${RQ}\n⟦stray-text:${GBK_AS_LATIN1}⟧\n${BT}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
    check(`${record()}⟦stray-text:${UTF8_AS_1252}⟧\n`);
  });

  it('beside an invisible character: each is reported on its own run', () => {
    check(rec(`⟦mojibake:${GBK_AS_LATIN1}⟧⟦suspicious-character:\u200b⟧`));
  });

  it('a warning whose message names the value and the field and says to reopen as GB18030, in English and in Chinese', () => {
    for (const [run, text] of [
      [GBK_AS_LATIN1, rec(GBK_AS_LATIN1)],
      [UTF8_AS_1252, rec('标题', `中国${UTF8_AS_1252}`)],
    ]) {
      const doc = ls.parse(text);
      const [en] = ls.getDiagnostics(doc, 'en');
      const [zh] = ls.getDiagnostics(doc, 'zh');
      assert.equal(en.code, 'mojibake');
      assert.equal(en.severity, DiagnosticSeverity.Warning);
      assert.ok(en.message.includes(`“${run}”`), en.message);
      assert.match(en.message, /GB18030/);
      assert.ok(zh.message.includes(`“${run}”`), zh.message);
      assert.match(zh.message, /GB18030/);
      assert.match(zh.message, /乱码/);
    }
    const [title] = ls.getDiagnostics(ls.parse(rec(GBK_AS_LATIN1)), 'en');
    assert.match(title.message, /in BT \(标题\)/);
  });
});
