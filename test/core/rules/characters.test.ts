// The characters rule: invisible characters and U+FFFD in a value (suspicious-character), as
// the editor shows them: one warning per run, on exactly the run; a BOM at the file's start
// is the file's, not the text's; the quick fix removes what is invisible and leaves U+FFFD.

import * as assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyEdits, check, diagnose, field, record, service } from '../helpers';

const URI = 'file:///characters.rmrb';
const ls = service();

const RQ = field('RQ', '日期', '20130908');
const BT = field('BT', '标题', '标题');
/** A record whose title line and body line are given as written (marks allowed). */
const rec = (bt: string, zw = '正文') => `${RQ}\n〖BT/标题〗${bt}〖-BT/标题〗\n〖ZW/正文〗\n${zw}\n〖-ZW/正文〗\n`;

/** Every invisible character the rule knows, with the name its message gives (none: no name). */
const INVISIBLE: Array<[number, string]> = [
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, ''],
  [0x202b, ''],
  [0x202c, ''],
  [0x202d, ''],
  [0x202e, ''],
  [0x2060, 'WORD JOINER'],
  [0x2061, ''],
  [0x2062, ''],
  [0x2063, ''],
  [0x2064, ''],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (BOM)'],
  [0xfffd, 'REPLACEMENT CHARACTER'],
];

const hex = (c: number) => 'U+' + c.toString(16).toUpperCase().padStart(4, '0');

/** The quick fixes offered for the one suspicious-character diagnostic of the text. */
function quickFixes(text: string) {
  const doc = ls.parse(text);
  const ds = ls.getDiagnostics(doc, 'en').filter((d) => d.code === 'suspicious-character');
  assert.equal(ds.length, 1, `one suspicious-character in ${JSON.stringify(text)}: ${diagnose(text).join(', ')}`);
  const actions = ls.getCodeActions(doc, URI, ds[0].range, 'en', [CodeActionKind.QuickFix]).filter((a) => a.diagnostics?.some((d) => d.code === 'suspicious-character'));
  return { diagnostic: ds[0], actions };
}

describe('rules/characters', () => {
  describe('suspicious-character', () => {
    it('each invisible character in a title or a body is one warning, on exactly that character', () => {
      for (const [c] of INVISIBLE) {
        const ch = String.fromCharCode(c);
        check(rec(`标⟦suspicious-character:${ch}⟧题`));
        check(rec('标题', `正⟦suspicious-character:${ch}⟧文`));
      }
    });

    it('is a warning whose message names the character and the field, in English and in Chinese', () => {
      for (const [c, name] of INVISIBLE) {
        const doc = ls.parse(rec(`标${String.fromCharCode(c)}题`));
        const [en] = ls.getDiagnostics(doc, 'en');
        const [zh] = ls.getDiagnostics(doc, 'zh');
        assert.equal(en.code, 'suspicious-character');
        assert.equal(en.severity, DiagnosticSeverity.Warning, hex(c));
        assert.ok(en.message.startsWith(`${hex(c)}${name ? ` ${name}` : ''} in BT (标题)`), en.message);
        assert.ok(zh.message.includes(hex(c)) && zh.message.startsWith('BT（标题）'), zh.message);
      }
      const [zh] = ls.getDiagnostics(ls.parse(rec('标题', '正\ufffd文')), 'zh');
      assert.match(zh.message, /^ZW（正文） 中有替换字符 U\+FFFD/);
    });

    it('a run of invisible characters, of one kind or mixed, is one warning on the whole run', () => {
      check(rec('标⟦suspicious-character:\u200b\u200b\u200b⟧题'));
      check(rec('标题', '正⟦suspicious-character:\u200b\u200c\u200d\u2060\ufeff\ufffd⟧文'));
      check(rec('标题', '⟦suspicious-character:\u202a⟧正文⟦suspicious-character:\u2064⟧'));
    });

    it('two runs with a character between them are two warnings', () => {
      check(rec('标⟦suspicious-character:\u200b⟧题⟦suspicious-character:\u200b⟧'));
      // An inline tag between them is no value of its own: still two runs of the title.
      check(rec('标⟦suspicious-character:\u200b⟧〖JZ/加重〗⟦suspicious-character:\u200b⟧题〖-JZ/加重〗'));
    });

    it('in any field’s value: a date holding one is also no date', () => {
      check(`〖RQ/日期〗⟦invalid-date:2013⟦suspicious-character:\u200b⟧0908⟧〖-RQ/日期〗\n${BT}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
    });

    it('a value outside any field gives nothing: text outside the fields is stray, an unknown field’s value is not checked', () => {
      check(`${RQ}\n⟦stray-text:正\u200b文⟧\n${BT}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
      check(`${RQ}\n⟦unknown-tag:〖XX/某某〗⟧正\u200b文\ufffd〖-XX/某某〗\n${BT}\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
      check(`${record()}⟦stray-text:\u200b⟧\n`);
    });

    it('no invisible character: nothing', () => {
      check(rec('“标题”——人民·日报', '正文　内容 25°C'));
    });
  });

  describe('a BOM', () => {
    it('at the file’s start is not reported, with LF or CRLF, or a blank line before the first record', () => {
      check(`\ufeff${record()}`);
      check(`\ufeff${record({}, '\r\n')}`);
      check(`\ufeff\n${record()}`);
      check(`\ufeff${record()}${record({ rq: '20130909' })}`);
    });

    it('anywhere later is reported: in a value of the first record, or in a later record', () => {
      check(`\ufeff${RQ}\n${BT}\n〖ZW/正文〗\n⟦suspicious-character:\ufeff⟧正文\n〖-ZW/正文〗\n`);
      check(`${record()}${RQ}\n〖BT/标题〗标⟦suspicious-character:\ufeff⟧题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
    });

    it('a BOM before a later record’s first tag, or a second one at the file’s start, is text outside the fields', () => {
      check(`${record()}⟦stray-text:\ufeff⟧${record()}`);
      check(`\ufeff⟦stray-text:\ufeff⟧${record()}`);
    });
  });

  describe('the quick fix', () => {
    it('removes an invisible character, and the warning goes with it', () => {
      for (const [c] of INVISIBLE) {
        if (c === 0xfffd) continue;
        const text = rec('标题', `正${String.fromCharCode(c)}文`);
        const { actions } = quickFixes(text);
        assert.equal(actions.length, 1, hex(c));
        assert.equal(actions[0].title, `Remove ${hex(c)}`);
        const fixed = applyEdits(text, actions[0].edit!.changes![URI]);
        assert.equal(fixed, rec('标题', '正文'));
        assert.deepEqual(diagnose(fixed), []);
      }
    });

    it('removes a whole run at once', () => {
      const text = rec('标\u200b\u200c\u2060题');
      const { actions } = quickFixes(text);
      assert.equal(actions.length, 1);
      assert.equal(applyEdits(text, actions[0].edit!.changes![URI]), rec('标题'));
    });

    it('none for U+FFFD, alone or in a run: what it replaced is lost', () => {
      assert.deepEqual(quickFixes(rec('标题', '正\ufffd文')).actions, []);
      assert.deepEqual(quickFixes(rec('标题', '正\u200b\ufffd文')).actions, []);
    });

    it('fix all removes the invisible characters and leaves U+FFFD to a person', () => {
      const text = rec('标\u200b题', '正\ufffd文');
      const fixed = applyEdits(text, ls.getFixAllEdits(ls.parse(text)));
      assert.equal(fixed, rec('标题', '正\ufffd文'));
    });
  });
});
