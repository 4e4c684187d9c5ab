// Completion after `〖` and `〖-`. `|` marks the cursor; a completion is applied as the
// editor would apply it (its text edit, the snippet's `$0` becoming the new cursor) and the
// resulting text compared.

import * as assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { BUILT_IN_TAGS, isField } from '../../../server/src/tags/tagTable';
import { applyEdits, cursor, service } from '../helpers';

const ls = service();

function items(input: string, locale: 'en' | 'zh' = 'en'): CompletionItem[] {
  const { text, position } = cursor(input);
  return ls.getCompletions(ls.parse(text), position, locale);
}

/** The labels in the order the editor shows them (by sortText). */
function order(input: string): string[] {
  return items(input)
    .sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0))
    .map((i) => i.label);
}

/** Applies the completion labelled `label`; `|` marks where the snippet leaves the cursor. */
function complete(input: string, label: string): string {
  const { text, position } = cursor(input);
  const list = ls.getCompletions(ls.parse(text), position, 'en');
  const item = list.find((i) => i.label === label);
  assert.ok(item, `no completion ${label} among ${list.map((i) => i.label).join(' ')}`);
  const edit = item.textEdit as { range: import('vscode-languageserver-types').Range; newText: string };
  assert.ok(edit && 'range' in edit, 'a text edit with a range');
  let newText = edit.newText;
  if (item.insertTextFormat === InsertTextFormat.Snippet) {
    newText = newText.includes('$0') ? newText.replace('$0', '|') : newText + '|';
    assert.ok(!/\$\d|\$\{/.test(newText), `only $0 in the snippet: ${edit.newText}`);
  } else {
    newText += '|';
  }
  return applyEdits(text, [{ range: edit.range, newText }]);
}

describe('features/completion', () => {
  describe('after 〖, outside any field', () => {
    it('offers every tag, fields first', () => {
      const list = items('〖RQ/日期〗20130908〖-RQ/日期〗\n〖|');
      assert.equal(list.length, BUILT_IN_TAGS.length);
      const labels = order('〖RQ/日期〗20130908〖-RQ/日期〗\n〖|');
      const firstInline = labels.findIndex((l) => /HH|JZ|ZI/.test(l));
      assert.equal(firstInline, BUILT_IN_TAGS.filter(isField).length, labels.join(' '));
      for (const i of list) {
        assert.equal(i.kind, /HH|JZ|ZI/.test(i.label) ? CompletionItemKind.Keyword : CompletionItemKind.Field);
        assert.ok(i.detail, i.label);
      }
    });

    it('a header field: opening and closing tags, the cursor between', () => {
      assert.equal(complete('〖|', '〖RQ/日期〗'), '〖RQ/日期〗|〖-RQ/日期〗');
    });

    it('the body: on lines of its own, the cursor on the indented line', () => {
      assert.equal(complete('〖BT/标题〗甲〖-BT/标题〗\n〖|', '〖ZW/正文〗'), '〖BT/标题〗甲〖-BT/标题〗\n〖ZW/正文〗\n    |\n〖-ZW/正文〗');
    });

    it('letters typed after 〖 are replaced', () => {
      assert.equal(complete('〖R|', '〖RQ/日期〗'), '〖RQ/日期〗|〖-RQ/日期〗');
      assert.equal(complete('〖bt|', '〖BT/标题〗'), '〖BT/标题〗|〖-BT/标题〗');
    });

    it('a 〗 the editor inserted after the cursor is replaced, not doubled', () => {
      assert.equal(complete('〖|〗', '〖RQ/日期〗'), '〖RQ/日期〗|〖-RQ/日期〗');
      assert.equal(complete('〖B|〗', '〖BT/标题〗'), '〖BT/标题〗|〖-BT/标题〗');
    });

    it('with CRLF line ends and characters outside the BMP before the cursor', () => {
      assert.equal(complete('〖BT/标题〗𠀀〖-BT/标题〗\r\n𠀀〖|\r\n', '〖RQ/日期〗'), '〖BT/标题〗𠀀〖-BT/标题〗\r\n𠀀〖RQ/日期〗|〖-RQ/日期〗\r\n');
    });

    it('the filter text matches what is typed after 〖', () => {
      for (const i of items('〖|')) assert.ok((i.filterText ?? i.label).startsWith(i.label.slice(1, 3)), i.label);
    });
  });

  describe('after 〖, inside a field', () => {
    it('inline tags first', () => {
      const labels = order('〖ZW/正文〗\n甲〖|\n〖-ZW/正文〗');
      assert.deepEqual(labels.slice(0, 3), ['〖HH/换行〗', '〖JZ/加重〗', '〖ZI/字符〗']);
      const inTitle = order('〖BT/标题〗甲〖|〖-BT/标题〗');
      assert.deepEqual(inTitle.slice(0, 3), ['〖HH/换行〗', '〖JZ/加重〗', '〖ZI/字符〗']);
    });

    it('a picture block: 〖TM/中图〗 on its own line, its fields on the lines between, after the markup', () => {
      assert.equal(complete('〖ZW/正文〗\n〖|\n〖-ZW/正文〗', '〖TM/中图〗'), '〖ZW/正文〗\n〖TM/中图〗\n|\n〖-TM/中图〗\n〖-ZW/正文〗');
      assert.equal(complete('〖ZW/正文〗\n〖TM/中图〗\n〖|\n〖-TM/中图〗\n〖-ZW/正文〗', '〖WJ/文件〗'), '〖ZW/正文〗\n〖TM/中图〗\n〖WJ/文件〗|〖-WJ/文件〗\n〖-TM/中图〗\n〖-ZW/正文〗');
      const labels = order('〖ZW/正文〗\n〖|\n〖-ZW/正文〗');
      assert.ok(labels.indexOf('〖TM/中图〗') > labels.indexOf('〖ZI/字符〗'), labels.join(' '));
      for (const i of items('〖ZW/正文〗\n〖|\n〖-ZW/正文〗')) if (/TM|WJ/.test(i.label)) assert.equal(i.kind, CompletionItemKind.Field, i.label);
    });

    it('〖HH/换行〗 stands alone; 〖JZ/加重〗 pairs', () => {
      assert.equal(complete('〖ZW/正文〗\n甲〖|乙\n〖-ZW/正文〗', '〖HH/换行〗'), '〖ZW/正文〗\n甲〖HH/换行〗|乙\n〖-ZW/正文〗');
      assert.equal(complete('〖ZW/正文〗\n甲〖|乙\n〖-ZW/正文〗', '〖JZ/加重〗'), '〖ZW/正文〗\n甲〖JZ/加重〗|〖-JZ/加重〗乙\n〖-ZW/正文〗');
    });
  });

  describe('after 〖-', () => {
    it('the open field’s closing tag is preselected and first', () => {
      const list = items('〖BT/标题〗甲〖-|');
      const pre = list.filter((i) => i.preselect);
      assert.deepEqual(
        pre.map((i) => i.label),
        ['〖-BT/标题〗'],
      );
      assert.equal(order('〖BT/标题〗甲〖-|')[0], '〖-BT/标题〗');
      assert.equal(complete('〖BT/标题〗甲〖-|', '〖-BT/标题〗'), '〖BT/标题〗甲〖-BT/标题〗|');
    });

    it('closing the body', () => {
      assert.equal(order('〖ZW/正文〗\n甲\n〖-|')[0], '〖-ZW/正文〗');
      assert.equal(complete('〖ZW/正文〗\n甲\n〖-Z|〗', '〖-ZW/正文〗'), '〖ZW/正文〗\n甲\n〖-ZW/正文〗|');
    });

    it('inside an open emphasis in the body, the emphasis is closed first', () => {
      assert.equal(order('〖ZW/正文〗\n甲〖JZ/加重〗乙〖-|\n〖-ZW/正文〗')[0], '〖-JZ/加重〗');
    });

    it('no closing tag for 〖HH/换行〗, which stands alone', () => {
      const labels = items('〖BT/标题〗甲〖-|').map((i) => i.label);
      assert.ok(!labels.includes('〖-HH/换行〗'));
      assert.equal(labels.length, BUILT_IN_TAGS.length - 1);
    });
  });

  describe('nothing to complete', () => {
    it('in plain text, after a complete tag, or in an empty document', () => {
      assert.deepEqual(items('〖BT/标题〗甲|〖-BT/标题〗'), []);
      assert.deepEqual(items('〖BT/标题〗|甲〖-BT/标题〗'), []);
      assert.deepEqual(items('甲乙|'), []);
      assert.deepEqual(items('|'), []);
      assert.deepEqual(items('〖RQQ|'), []);
    });
  });

  it('details in the user’s language', () => {
    const zh = items('〖|', 'zh').find((i) => i.label === '〖RQ/日期〗')!;
    assert.match(zh.detail!, /出版日期/);
    const en = items('〖|', 'en').find((i) => i.label === '〖RQ/日期〗')!;
    assert.match(en.detail!, /Publication date/);
  });

  it('tags from the settings are offered', () => {
    const custom = service({ extraTags: [{ code: 'DW', name: '单位', placement: 'header' }] });
    const { text, position } = cursor('〖|');
    assert.ok(custom.getCompletions(custom.parse(text), position, 'en').some((i) => i.label === '〖DW/单位〗'));
  });
});
