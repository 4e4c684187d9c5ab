// Quick fixes: apply the fix, parse again, and the diagnostic is gone (and nothing new
// appears). "Fix all" applies every safe fix at once.

import * as assert from 'node:assert/strict';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../../server/src/languageService';
import { applyEdits, diagnose, fmtDiagnostic, record, service, unmark } from '../helpers';

const URI = 'file:///test.rmrb';
const ls = service();

/** The quick fixes offered for the one diagnostic `code` of the text. */
function fixesFor(text: string, code: string, settings = ls): { diagnostic: Diagnostic; actions: CodeAction[] } {
  const doc = settings.parse(text);
  const diagnostics = settings.getDiagnostics(doc, 'en').filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code} in ${JSON.stringify(text)}: ${diagnose(text).join(', ')}`);
  const diagnostic = diagnostics[0];
  const actions = settings.getCodeActions(doc, URI, diagnostic.range, 'en', [CodeActionKind.QuickFix]).filter((a) => a.diagnostics?.some((d) => d.code === code));
  return { diagnostic, actions };
}

function edits(action: CodeAction): TextEdit[] {
  const changes = action.edit?.changes?.[URI];
  assert.ok(changes && changes.length > 0, `edits for ${action.title}`);
  return changes;
}

/**
 * The input's marks give the one diagnostic to fix; the fix is applied and the result must
 * be `expected` (when given) and free of that diagnostic and of any other new one.
 */
function fix(input: string, expected?: string): string {
  const { text, expected: marks } = unmark(input);
  assert.equal(marks.length, 1, 'mark one diagnostic');
  const code = marks[0].split(' ')[1];
  const { diagnostic, actions } = fixesFor(text, code);
  assert.equal(fmtDiagnostic(diagnostic), marks[0]);
  assert.equal(actions.length, 1, `one quick fix for ${code}, got ${actions.map((a) => a.title).join(' / ')}`);
  const action = actions[0];
  assert.equal(action.kind, CodeActionKind.QuickFix);
  assert.deepEqual(action.diagnostics, [diagnostic]);
  const fixed = applyEdits(text, edits(action));
  if (expected !== undefined) assert.equal(fixed, expected);
  // Nothing new: the diagnostics left are those there were, less the one fixed (by code,
  // since an edit may move the others along their line).
  const codes = (t: string) => diagnose(t).map((d) => d.split(' ')[1]).sort();
  const before = codes(text);
  before.splice(before.indexOf(code), 1);
  assert.deepEqual(codes(fixed), before, `diagnostics after the fix: ${diagnose(fixed).join(', ')}`);
  return fixed;
}

const B = '〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
const BT = '〖BT/标题〗标题〖-BT/标题〗\n';

describe('features/codeActions', () => {
  describe('quick fixes remove their diagnostic', () => {
    it('malformed-tag: "；" → "/"', () => {
      assert.equal(fix(`⟦malformed-tag:〖RQ；日期〗⟧20130908〖-RQ/日期〗\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('malformed-tag: lowercase code', () => {
      assert.equal(fix(`〖RQ/日期〗20130908⟦malformed-tag:〖-rq/日期〗⟧\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('malformed-tag: a lost 〗', () => {
      assert.equal(fix(`⟦malformed-tag:〖RQ/日期⟧20130908〖-RQ/日期〗\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('malformed-tag: a lost 〗 at the end of a CRLF line', () => {
      const text = `〖RQ/日期〗20130908⟦malformed-tag:〖-RQ/日期⟧\r\n${BT}${B}`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r');
      assert.equal(fix(text), `〖RQ/日期〗20130908〖-RQ/日期〗\r\n${BT}${B}`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'));
    });

    it('malformed-tag: after characters outside the BMP', () => {
      fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗𠀀𠀀⟦malformed-tag:〖-BT；标题〗⟧\n${B}`);
    });

    it('wrong-field-name: the name of the code', () => {
      assert.equal(fix(`〖RQ/⟦wrong-field-name:总期⟧〗20130908〖-RQ/日期〗\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('wrong-field-name in both tags: one fix renames both, in one edit', () => {
      const input = `〖RQ/日期〗20130908〖-RQ/日期〗\n〖TC/⟦wrong-field-name:题材⟧〗公报、公告〖-TC/题材〗\n${BT}${B}`;
      assert.equal(fix(input), `〖RQ/日期〗20130908〖-RQ/日期〗\n〖TC/体裁〗公报、公告〖-TC/体裁〗\n${BT}${B}`);
      const { text } = unmark(input);
      const { actions } = fixesFor(text, 'wrong-field-name');
      assert.equal(actions[0].title, 'Use the name 体裁');
      assert.deepEqual(
        edits(actions[0]).map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.newText}`),
        ['1:4-1:6 体裁', '1:17-1:19 体裁'],
      );
    });

    it('wrong-field-name in the opening tag only: the fix renames that one', () => {
      assert.equal(fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/⟦wrong-field-name:总期⟧〗标题〖-BT/标题〗\n${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('wrong-field-name in the closing tag only: the fix renames that one', () => {
      assert.equal(fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/⟦wrong-field-name:总期⟧〗\n${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('wrong-field-name in both tags of the body, after characters outside the BMP', () => {
      assert.equal(
        fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}〖ZW/⟦wrong-field-name:标题⟧〗\n𠀀𠀀正文\n〖-ZW/标题〗\n`),
        `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B.replace('\n正文', '\n𠀀𠀀正文')}`,
      );
    });

    it('invalid-date: a date written another way', () => {
      assert.equal(fix(`〖RQ/日期〗⟦invalid-date:1993-07-13⟧〖-RQ/日期〗\n${BT}${B}`), `〖RQ/日期〗19930713〖-RQ/日期〗\n${BT}${B}`);
      fix(`〖RQ/日期〗⟦invalid-date:1993年7月13日⟧〖-RQ/日期〗\n${BT}${B}`);
    });

    it('suspicious-character: a zero-width space is removed', () => {
      assert.equal(fix(`${BT}〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n正⟦suspicious-character:\u200b⟧文\n〖-ZW/正文〗\n`), `${BT}〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n`);
    });

    it('mismatched-closing-tag: replaced by the expected one', () => {
      assert.equal(fix(`〖RQ/日期〗20130908⟦mismatched-closing-tag:〖-BT/标题〗⟧\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('unmatched-closing-tag: removed', () => {
      assert.equal(fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}⟦unmatched-closing-tag:〖-ZW/正文〗⟧\n`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}\n`);
    });

    it('unclosed-field: a header field closed at its value’s end', () => {
      assert.equal(fix(`⟦unclosed-field:〖RQ/日期〗⟧20130908\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });

    it('unclosed-field: the body closed at the end of the file', () => {
      fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n`);
    });

    it('unclosed-field: the body left open before the next record', () => {
      const fixed = fix(`〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}⟦unclosed-field:〖ZW/正文〗⟧\n正文\n${record()}`);
      assert.deepEqual(diagnose(fixed), []);
    });

    it('unclosed-field: with CRLF line ends', () => {
      const fixed = fix(`〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗标题〖-BT/标题〗\r\n⟦unclosed-field:〖ZW/正文〗⟧\r\n正文\r\n${record({}, '\r\n')}`);
      assert.deepEqual(diagnose(fixed), []);
    });
  });

  describe('fixes never lose the article’s words (a tag that lost its name and 〗)', () => {
    const H = '〖RQ/日期〗20130908〖-RQ/日期〗\n';
    /** The preferred fix of the first malformed-tag, and fix all, on the line; both must give `expected`. */
    const mend = (line: string, expected: string) => {
      const text = `${H}${line}\n${B}`;
      const doc = ls.parse(text);
      const d = ls.getDiagnostics(doc, 'en').find((x) => x.code === 'malformed-tag');
      assert.ok(d, `a malformed tag in ${line}`);
      const actions = ls.getCodeActions(doc, URI, d.range, 'en', [CodeActionKind.QuickFix]);
      for (const a of actions) {
        const fixed = applyEdits(text, edits(a));
        assert.ok(fixed.includes(expected.replace(/〖[^〗]*〗/g, '').slice(0, 4)), `${a.title} keeps the text: ${fixed}`);
      }
      const preferred = actions.find((a) => a.isPreferred && a.diagnostics?.[0].code === 'malformed-tag');
      assert.ok(preferred, `a preferred fix for ${line}`);
      assert.equal(applyEdits(text, edits(preferred)), `${H}${expected}\n${B}`);
      assert.equal(applyEdits(text, ls.getFixAllEdits(doc)), `${H}${expected}\n${B}`);
    };

    it('〖BT中华人民共和国〖-BT/标题〗: the name and 〗 are inserted, no character replaced', () =>
      mend('〖BT中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗'));
    it('〖BT/中华…, 〖BT；中华…, 〖bt中华…', () => {
      mend('〖BT/中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗');
      mend('〖BT；中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗');
      mend('〖bt中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗');
    });
    it('〖BT/题中华…: half a name is text the reader cannot tell from the title, so it stays', () =>
      mend('〖BT/题中华人民共和国〖-BT/标题〗', '〖BT/标题〗题中华人民共和国〖-BT/标题〗'));
    it('〖ZZ本报记者李军: the author stays', () => mend('〖ZZ本报记者李军〖-ZZ/作者〗', '〖ZZ/作者〗本报记者李军〖-ZZ/作者〗'));
    it('the shapes that were fine stay fine', () => {
      mend('〖BT/标题中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗');
      mend('〖BT标题中华人民共和国〖-BT/标题〗', '〖BT/标题〗中华人民共和国〖-BT/标题〗');
    });
    it('〖-JZ声明如下 in the body: every fix keeps 声明如下', () => {
      const text = `${H}${BT}〖ZW/正文〗\n〖-JZ声明如下\n〖-ZW/正文〗\n`;
      const doc = ls.parse(text);
      const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
      const actions = ls.getCodeActions(doc, URI, all, 'en', [CodeActionKind.QuickFix]);
      assert.ok(actions.length > 0);
      for (const a of actions) assert.match(applyEdits(text, edits(a)), /声明如下/, a.title);
      assert.match(applyEdits(text, ls.getFixAllEdits(doc)), /声明如下/);
    });
    it('a name run into the text (〖BT/标题中华〗) is not replaced', () => {
      const text = `${H}〖BT/标题中华〗人民〖-BT/标题〗\n${B}`;
      const doc = ls.parse(text);
      const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
      for (const a of ls.getCodeActions(doc, URI, all, 'en')) {
        for (const e of a.edit?.changes?.[URI] ?? []) assert.match(applyEdits(text, [e]), /标题中华/, a.title);
      }
    });
  });

  describe('fixes never make a problem that was not there', () => {
    it('an opening tag where the closing tag belongs lost its "-": one diagnostic, one fix', () => {
      const text = `〖RQ/日期〗20130908〖RQ/日期〗\n${BT}${B}`;
      assert.deepEqual(diagnose(text), ['0:15-0:22 malformed-tag']);
      assert.equal(fix(`〖RQ/日期〗20130908⟦malformed-tag:〖RQ/日期〗⟧\n${BT}${B}`), `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`);
    });
    it('the body’s closing tag that lost its "-"', () => {
      const text = `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}〖ZW/正文〗\n正文\n〖ZW/正文〗\n`;
      assert.deepEqual(diagnose(text), ['4:0-4:7 malformed-tag']);
    });
  });

  describe('quick fixes in a huge record are checked when picked', () => {
    const line = '〖ZW/正文〗\n' + '〖JZ；'.repeat(20000) + '\n〖-ZW/正文〗\n';
    const text = `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${line}`;
    const at = { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } };

    it('offered at once without the edit, with what identifies the problem; resolving gives the checked edit', () => {
      const doc = ls.parse(text);
      const lazy = ls.getCodeActions(doc, URI, at, 'en', [CodeActionKind.QuickFix], { resolveEdits: true });
      const rewrite = lazy.find((a) => a.title === 'Rewrite as 〖JZ/加重〗');
      assert.ok(rewrite, lazy.map((a) => a.title).join(' | '));
      assert.equal(rewrite.edit, undefined);
      const edit = ls.resolveQuickFix(doc, URI, rewrite.data as never);
      assert.ok(edit);
      const eager = ls.getCodeActions(doc, URI, at, 'en', [CodeActionKind.QuickFix]).find((a) => a.title === rewrite.title);
      assert.deepEqual(edit, eager?.edit, 'the same edit as when checked at once');
    });

    it('a problem gone since is not fixed', () => {
      const doc = ls.parse(text);
      const [action] = ls.getCodeActions(doc, URI, at, 'en', [CodeActionKind.QuickFix], { resolveEdits: true });
      const edited = ls.update(doc, [{ start: 0, end: 0, text: '\n' }]);
      assert.equal(ls.resolveQuickFix(edited, URI, action.data as never), undefined);
    });
  });

  describe('an unknown tag can be added to the tag table', () => {
    const H = '〖RQ/日期〗20130908〖-RQ/日期〗\n';
    const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const adopt = (text: string, locale: 'en' | 'zh' = 'en') =>
      ls.getCodeActions(ls.parse(text), URI, all, locale, [CodeActionKind.QuickFix], { addTagCommand: 'rmrb.addTagToTable' }).filter((a) => a.command);

    it('a field of another database: added as a header field, by the client’s command', () => {
      const [action] = adopt(`${H}〖DW/单位〗某部队〖-DW/单位〗\n${BT}${B}`);
      assert.equal(action.title, 'Add 〖DW/单位〗 to the tag table (rmrb.tags.extra)');
      assert.equal(action.kind, CodeActionKind.QuickFix);
      assert.equal(action.edit, undefined, 'it edits the settings, not the file');
      assert.deepEqual(action.command?.arguments, [{ uri: URI, code: 'DW', name: '单位', placement: 'header' }]);
      assert.deepEqual(action.diagnostics?.map((d) => d.code), ['unknown-tag']);
    });

    it('an inline tag: added as inline, once per tag, titled in Chinese too', () => {
      const actions = adopt(`${H}${BT}〖ZW/正文〗\n甲〖QQ/某某〗乙〖-QQ/某某〗\n〖-ZW/正文〗\n`, 'zh');
      assert.ok(actions.length >= 1);
      assert.equal(actions[0].title, '将 〖QQ/某某〗 加入标记表（rmrb.tags.extra）');
      assert.equal((actions[0].command?.arguments?.[0] as { placement: string }).placement, 'inline');
    });

    it('not offered to a client without the command', () => {
      const doc = ls.parse(`${H}〖DW/单位〗某部队〖-DW/单位〗\n${BT}${B}`);
      assert.ok(ls.getCodeActions(doc, URI, all, 'en', [CodeActionKind.QuickFix]).every((a) => !a.command));
    });

    it('once added, the tag is known: no diagnostic left', () => {
      const text = `${H}〖DW/单位〗某部队〖-DW/单位〗\n${BT}${B}`;
      const [action] = adopt(text);
      const { code, name, placement } = action.command!.arguments![0] as { code: string; name: string; placement: 'header' };
      assert.deepEqual(diagnose(text, { settings: { extraTags: [{ code, name, placement }] } }), []);
    });
  });

  describe('what is not fixed automatically', () => {
    it('a date that is no real day: a person must decide', () => {
      assert.deepEqual(fixesFor(record({ rq: '19930230' }), 'invalid-date').actions, []);
    });

    it('a replacement character: what it replaced is lost', () => {
      assert.deepEqual(fixesFor(record({ zw: '正\ufffd文' }), 'suspicious-character').actions, []);
    });
  });

  describe('preferred fixes', () => {
    it('mechanical rewrites are preferred; removing or inserting tags is not', () => {
      assert.equal(fixesFor(`〖RQ；日期〗20130908〖-RQ/日期〗\n${BT}${B}`, 'malformed-tag').actions[0].isPreferred, true);
      assert.equal(fixesFor(`〖RQ/日期〗20130908〖-BT/标题〗\n${BT}${B}`, 'mismatched-closing-tag').actions[0].isPreferred, false);
    });
  });

  describe('which actions are offered', () => {
    const text = `〖RQ；日期〗1993-07-13〖-RQ/日期〗\n${BT}${B}`;
    const doc = ls.parse(text);
    const all = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };

    it('only the fixes of diagnostics in the requested range', () => {
      const at = ls.getCodeActions(doc, URI, { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, 'en', [CodeActionKind.QuickFix]);
      assert.deepEqual(
        at.map((a) => a.diagnostics![0].code),
        ['invalid-date'],
      );
      assert.deepEqual(ls.getCodeActions(doc, URI, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, 'en', [CodeActionKind.QuickFix]), []);
    });

    it('"quickfix" only: no fix-all', () => {
      const acts = ls.getCodeActions(doc, URI, all, 'en', [CodeActionKind.QuickFix]);
      assert.ok(acts.length >= 2);
      assert.ok(acts.every((a) => a.kind === CodeActionKind.QuickFix));
    });

    it('"source.fixAll" (or "source"): only the fix-all action', () => {
      for (const only of [[CodeActionKind.SourceFixAll], [CodeActionKind.Source], [FIX_ALL_KIND]]) {
        const acts = ls.getCodeActions(doc, URI, all, 'en', only);
        assert.deepEqual(
          acts.map((a) => a.kind),
          [FIX_ALL_KIND],
          JSON.stringify(only),
        );
      }
    });

    it('no kind asked: both', () => {
      const kinds = new Set(ls.getCodeActions(doc, URI, all, 'en').map((a) => a.kind));
      assert.deepEqual([...kinds].sort(), [FIX_ALL_KIND, CodeActionKind.QuickFix].sort());
    });

    it('titles in the user’s language', () => {
      const en = ls.getCodeActions(doc, URI, all, 'en', [CodeActionKind.QuickFix]).map((a) => a.title);
      const zh = ls.getCodeActions(doc, URI, all, 'zh', [CodeActionKind.QuickFix]).map((a) => a.title);
      assert.ok(en.some((t) => /Rewrite/.test(t)));
      assert.ok(zh.every((t) => /\p{Script=Han}/u.test(t)));
      const fixAll = ls.getCodeActions(doc, URI, all, 'zh', [CodeActionKind.SourceFixAll])[0];
      assert.match(fixAll.title, /修复全部/);
    });

    it('no fix for a diagnostic turned off', () => {
      const quiet = service({ severity: { 'malformed-tag': 'off' } });
      const d = quiet.parse(text);
      const acts = quiet.getCodeActions(d, URI, all, 'en', [CodeActionKind.QuickFix]);
      assert.ok(!acts.some((a) => a.diagnostics![0].code === 'malformed-tag'));
      const fixed = applyEdits(text, quiet.getFixAllEdits(d));
      assert.match(fixed, /〖RQ；日期〗/);
    });
  });

  describe('fix all', () => {
    const text = [
      '〖RQ；日期〗1993-07-13〖-rq/日期〗',
      '〖BT/总期〗标\u200b题〖-BT/标题〗',
      '〖ZW/正文〗',
      '正文〖-JZ/加重〗',
      '〖-ZW;正文〗',
      '〖RQ/日期〗2013.9.8〖-RQ/日期',
      '〖bt/标题〗标题〖-BT/标题〗',
      '〖ZW/正文〗',
      '正文',
      '〖-ZW/正文〗',
      '',
    ].join('\r\n');

    it('applies every safe fix in one go; what needs a person stays', () => {
      const doc = ls.parse(text);
      const all = ls.getFixAllEdits(doc);
      const fixed = applyEdits(text, all);
      assert.equal(
        fixed,
        [
          '〖RQ/日期〗19930713〖-RQ/日期〗',
          '〖BT/标题〗标题〖-BT/标题〗',
          '〖ZW/正文〗',
          '正文〖-JZ/加重〗',
          '〖-ZW/正文〗',
          '〖RQ/日期〗20130908〖-RQ/日期〗',
          '〖BT/标题〗标题〖-BT/标题〗',
          '〖ZW/正文〗',
          '正文',
          '〖-ZW/正文〗',
          '',
        ].join('\r\n'),
      );
      assert.deepEqual(diagnose(fixed), ['3:2-3:10 unmatched-closing-tag']);
    });

    it('renames a wrong name in both tags once, and still makes the fixes between them', () => {
      const input = `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}〖ZW/标题〗\n正\u200b文〖JZ；加重〗重〖-JZ/加重〗\n〖-ZW/标题〗\n`;
      assert.deepEqual(diagnose(input), ['2:4-2:6 wrong-field-name', '3:1-3:2 suspicious-character', '3:3-3:10 malformed-tag']);
      const es = ls.getFixAllEdits(ls.parse(input));
      assert.equal(es.filter((e) => e.newText === '正文').length, 2);
      const fixed = applyEdits(input, es);
      assert.equal(fixed, `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}〖ZW/正文〗\n正文〖JZ/加重〗重〖-JZ/加重〗\n〖-ZW/正文〗\n`);
      assert.deepEqual(diagnose(fixed), []);
      for (let i = 1; i < es.length; i++) {
        const a = es[i - 1].range.end;
        const b = es[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character));
      }
    });

    it('mends a wrong name in both tags when one of the tags is also rewritten whole', () => {
      for (const [open, close] of [['〖BT；总期〗', '〖-BT/总期〗'], ['〖bt/总期〗', '〖-BT/总期〗'], ['〖BT/总期〗', '〖-BT；总期〗']]) {
        const input = `〖RQ/日期〗20130908〖-RQ/日期〗\n${open}标题${close}\n${B}`;
        assert.equal(diagnose(input).length, 2, diagnose(input).join(', '));
        const fixed = applyEdits(input, ls.getFixAllEdits(ls.parse(input)));
        assert.equal(fixed, `〖RQ/日期〗20130908〖-RQ/日期〗\n${BT}${B}`, `${open}…${close}`);
      }
    });

    it('its edits do not overlap and are in order', () => {
      const es = ls.getFixAllEdits(ls.parse(text));
      for (let i = 1; i < es.length; i++) {
        const a = es[i - 1].range.end;
        const b = es[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character));
      }
    });

    it('the fix-all action carries the same edits and counts them', () => {
      const doc = ls.parse(text);
      const [action] = ls.getCodeActions(doc, URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'en', [CodeActionKind.SourceFixAll]);
      assert.deepEqual(action.edit!.changes![URI], ls.getFixAllEdits(doc));
      assert.match(action.title, new RegExp(`\\(${ls.getFixAllEdits(doc).length}\\)`));
    });

    it('nothing to fix: no edits and no action', () => {
      const doc = ls.parse(record());
      assert.deepEqual(ls.getFixAllEdits(doc), []);
      assert.deepEqual(ls.getCodeActions(doc, URI, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, 'en'), []);
    });

    it('is idempotent: fixing the fixed text changes nothing', () => {
      const once = applyEdits(text, ls.getFixAllEdits(ls.parse(text)));
      assert.deepEqual(ls.getFixAllEdits(ls.parse(once)), []);
    });
  });
});
