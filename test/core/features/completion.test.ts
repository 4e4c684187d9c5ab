// Completion that knows the record. `|` marks the cursor; a completion is applied as the
// editor would apply it (its text edit, placeholders becoming their text and the snippet's
// `$0` the new cursor) and the resulting text compared.

import * as assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { CompletionOptions } from '../../../server/src/languageService';
import { applyEdits, cursor, service, TODAY } from '../helpers';

const ls = service();
type Options = Omit<CompletionOptions, 'today' | 'fileValues'>;

function items(input: string, locale: 'en' | 'zh' = 'en', options?: Options): CompletionItem[] {
  const { text, position } = cursor(input);
  return ls.getCompletions(ls.parse(text), position, locale, options);
}

const bySortText = (a: CompletionItem, b: CompletionItem) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0);

/** The labels in the order the editor shows them (by sortText). */
function order(input: string, options?: Options): string[] {
  return items(input, 'en', options).sort(bySortText).map((i) => i.label);
}

function preselected(input: string, options?: Options): string[] {
  return items(input, 'en', options)
    .filter((i) => i.preselect)
    .map((i) => i.label);
}

/** Applies the completion labelled `label`; `|` marks where the snippet leaves the cursor. */
function complete(input: string, label: string, options?: Options): string {
  const { text, position } = cursor(input);
  const list = ls.getCompletions(ls.parse(text), position, 'en', options);
  const item = list.find((i) => i.label === label);
  assert.ok(item, `no completion ${label} among ${list.map((i) => i.label).join(' ')}`);
  const edit = item.textEdit as { range: Range; newText: string };
  assert.ok(edit && 'range' in edit, 'a text edit with a range');
  let newText = edit.newText;
  if (item.insertTextFormat === InsertTextFormat.Snippet) {
    newText = newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{[1-9]\d*\}/g, '');
    newText = newText.includes('$0') ? newText.replace('$0', '|') : newText + '|';
    assert.ok(!/\$\d|\$\{/.test(newText), `placeholders left in the snippet: ${edit.newText}`);
  } else {
    newText += '|';
  }
  return applyEdits(text, [{ range: edit.range, newText }]);
}

const f = (code: string, name: string, value: string) => `〖${code}/${name}〗${value}〖-${code}/${name}〗`;
const HEADER_LABELS = ['〖ZQ/总期〗', '〖RQ/日期〗', '〖BH/版号〗', '〖TH/条号〗', '〖YT/引题〗', '〖BT/标题〗', '〖FT/副题〗', '〖ZZ/作者〗', '〖FL/分类〗', '〖LM/栏目〗', '〖BM/版名〗', '〖GJ/关键〗', '〖TC/体裁〗', '〖ZW/正文〗'];

/** An article as the files write them, TH `th`. */
function article(th: string, more: { bm?: string; tc?: string; lm?: string; rq?: string } = {}, eol = '\n'): string {
  return [
    f('ZQ', '总期', '20330'),
    f('RQ', '日期', more.rq ?? '20130908'),
    f('BH', '版号', '002'),
    f('TH', '条号', th),
    f('BT', '标题', `第${th}条`),
    ...(more.lm ? [f('LM', '栏目', more.lm)] : []),
    f('BM', '版名', more.bm ?? '要闻'),
    f('TC', '体裁', more.tc ?? '消息'),
    '〖ZW/正文〗',
    '    正文。',
    '〖-ZW/正文〗',
    '',
  ].join(eol);
}

describe('features/completion', () => {
  describe('after 〖 in a record’s header', () => {
    const header = `${f('ZQ', '总期', '1')}\n${f('RQ', '日期', '20130908')}\n〖|\n${f('BT', '标题', '甲')}\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n`;

    it('the fields the record does not have yet, in the usual order, and nothing else', () => {
      assert.deepEqual(order(header), ['〖BH/版号〗', '〖TH/条号〗', '〖YT/引题〗', '〖FT/副题〗', '〖ZZ/作者〗', '〖FL/分类〗', '〖LM/栏目〗', '〖BM/版名〗', '〖GJ/关键〗', '〖TC/体裁〗']);
      for (const i of items(header)) {
        assert.equal(i.kind, CompletionItemKind.Field);
        assert.ok(i.detail, i.label);
        assert.match(String(i.documentation), /This record has no/);
      }
    });

    it('the next expected field is preselected: the first missing one after the last field before the cursor', () => {
      assert.deepEqual(preselected(header), ['〖BH/版号〗']);
      // TH is missing, but the cursor is past the title: the subtitle comes next.
      const pastTitle = `${f('ZQ', '总期', '1')}\n${f('RQ', '日期', '20130908')}\n${f('BH', '版号', '01')}\n${f('BT', '标题', '甲')}\n〖|\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n`;
      assert.deepEqual(preselected(pastTitle), ['〖FT/副题〗']);
      assert.ok(order(pastTitle).includes('〖TH/条号〗'));
      // At the top of a record that has only a title: ZQ.
      assert.deepEqual(preselected(`〖|\n${f('BT', '标题', '甲')}`), ['〖ZQ/总期〗']);
      // In an empty file: every field, ZQ first and preselected.
      assert.deepEqual(order('〖|'), HEADER_LABELS);
      assert.deepEqual(preselected('〖|'), ['〖ZQ/总期〗']);
    });

    it('the tag being typed is not a field the record has', () => {
      // `〖RQ` reads as an opening RQ already; it is the one being typed.
      const typing = `${f('ZQ', '总期', '1')}\n〖RQ|〗`;
      assert.ok(order(typing).includes('〖RQ/日期〗'));
      assert.deepEqual(preselected(typing), ['〖RQ/日期〗']);
      assert.equal(complete(typing, '〖RQ/日期〗'), `${f('ZQ', '总期', '1')}\n〖RQ/日期〗|〖-RQ/日期〗`);
    });

    it('header tags from the settings come after the usual ones', () => {
      const custom = service({ extraTags: [{ code: 'DW', name: '单位', placement: 'header' }] });
      const { text, position } = cursor('〖|');
      const labels = custom.getCompletions(custom.parse(text), position, 'en').sort(bySortText).map((i) => i.label);
      assert.deepEqual(labels, [...HEADER_LABELS, '〖DW/单位〗']);
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

    it('a field whose values are offered opens the suggestions again once inserted, when the client has the command', () => {
      const again = { suggestAgain: 'editor.action.triggerSuggest' };
      const list = items(`${article('1')}${f('ZQ', '总期', '1')}\n〖|`, 'en', again);
      const withCommand = list.filter((i) => i.command).map((i) => i.label);
      assert.deepEqual(withCommand.sort(), ['〖BM/版名〗', '〖RQ/日期〗', '〖TC/体裁〗']);
      assert.equal(list.find((i) => i.command)?.command?.command, 'editor.action.triggerSuggest');
      assert.ok(items('〖|').every((i) => !i.command), 'no command for a client without one');
    });
  });

  describe('after 〖 inside a field', () => {
    it('only inline tags, in 正文 and in a header field’s value', () => {
      assert.deepEqual(order('〖ZW/正文〗\n甲〖|\n〖-ZW/正文〗'), ['〖HH/换行〗', '〖JZ/加重〗', '〖ZI/字符〗', '〖TM/中图〗']);
      assert.deepEqual(order('〖BT/标题〗甲〖|〖-BT/标题〗'), ['〖HH/换行〗', '〖JZ/加重〗', '〖ZI/字符〗']);
      // A header field left open on its line: the cursor is in its value.
      assert.deepEqual(order('〖BT/标题〗甲〖|'), ['〖HH/换行〗', '〖JZ/加重〗', '〖ZI/字符〗']);
    });

    it('a picture block: 〖TM/中图〗 on its own line, and in one its fields first', () => {
      assert.equal(complete('〖ZW/正文〗\n〖|\n〖-ZW/正文〗', '〖TM/中图〗'), '〖ZW/正文〗\n〖TM/中图〗\n|\n〖-TM/中图〗\n〖-ZW/正文〗');
      const inBlock = '〖ZW/正文〗\n〖TM/中图〗\n〖|\n〖-TM/中图〗\n〖-ZW/正文〗';
      assert.deepEqual(order(inBlock).slice(0, 2), ['〖BH/版号〗', '〖WJ/文件〗']);
      assert.ok(!order(inBlock).includes('〖TM/中图〗'));
      assert.equal(complete(inBlock, '〖WJ/文件〗'), '〖ZW/正文〗\n〖TM/中图〗\n〖WJ/文件〗|〖-WJ/文件〗\n〖-TM/中图〗\n〖-ZW/正文〗');
      for (const i of items(inBlock)) if (/TM|WJ|BH/.test(i.label)) assert.equal(i.kind, CompletionItemKind.Field, i.label);
      // After the block is closed, its fields are no longer offered.
      assert.ok(!order('〖ZW/正文〗\n〖TM/中图〗\n〖WJ/文件〗甲〖-WJ/文件〗\n〖-TM/中图〗\n〖|\n〖-ZW/正文〗').includes('〖WJ/文件〗'));
    });

    it('〖HH/换行〗 stands alone; 〖JZ/加重〗 pairs', () => {
      assert.equal(complete('〖ZW/正文〗\n甲〖|乙\n〖-ZW/正文〗', '〖HH/换行〗'), '〖ZW/正文〗\n甲〖HH/换行〗|乙\n〖-ZW/正文〗');
      assert.equal(complete('〖ZW/正文〗\n甲〖|乙\n〖-ZW/正文〗', '〖JZ/加重〗'), '〖ZW/正文〗\n甲〖JZ/加重〗|〖-JZ/加重〗乙\n〖-ZW/正文〗');
    });
  });

  describe('after 〖-: only the closing tag of what is open', () => {
    it('the open field', () => {
      assert.deepEqual(order('〖BT/标题〗甲〖-|'), ['〖-BT/标题〗']);
      assert.deepEqual(preselected('〖BT/标题〗甲〖-|'), ['〖-BT/标题〗']);
      assert.equal(complete('〖BT/标题〗甲〖-|', '〖-BT/标题〗'), '〖BT/标题〗甲〖-BT/标题〗|');
      assert.match(String(items('〖BT/标题〗甲〖-|')[0].documentation), /Closes the open 〖BT\/标题〗/);
    });

    it('the body', () => {
      assert.deepEqual(order('〖ZW/正文〗\n甲\n〖-|'), ['〖-ZW/正文〗']);
      assert.equal(complete('〖ZW/正文〗\n甲\n〖-Z|〗', '〖-ZW/正文〗'), '〖ZW/正文〗\n甲\n〖-ZW/正文〗|');
    });

    it('an emphasis left open on the line before the field; one closed there is done', () => {
      assert.deepEqual(order('〖ZW/正文〗\n甲〖JZ/加重〗乙〖-|\n〖-ZW/正文〗'), ['〖-JZ/加重〗']);
      assert.deepEqual(order('〖BT/标题〗甲〖JZ/加重〗乙〖-JZ/加重〗丙〖-|'), ['〖-BT/标题〗']);
    });

    it('a picture block open in 正文', () => {
      assert.deepEqual(order('〖ZW/正文〗\n〖TM/中图〗\n〖WJ/文件〗甲〖-WJ/文件〗\n〖-|\n〖-ZW/正文〗'), ['〖-TM/中图〗']);
    });

    it('with CRLF line ends and characters outside the BMP', () => {
      assert.equal(complete('〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀〖-|\r\n', '〖-BT/标题〗'), '〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀〖-BT/标题〗|\r\n');
    });

    it('nothing when nothing is open', () => {
      assert.deepEqual(items('〖BT/标题〗甲〖-BT/标题〗\n〖-|'), []);
      assert.deepEqual(items(`${article('1')}〖-|`), []);
    });
  });

  describe('in a value', () => {
    const two = `${article('1', { rq: '20130907' })}${f('ZQ', '总期', '20330')}\n`;

    it('RQ: the date of the record before, preselected, and today (the service’s)', () => {
      const list = items(`${two}〖RQ/日期〗|〖-RQ/日期〗`).sort(bySortText);
      assert.deepEqual(
        list.map((i) => [i.label, i.detail, !!i.preselect]),
        [
          ['20130907', 'The record before, 2013-09-07', true],
          [TODAY, 'Today, 2025-01-01', false],
        ],
      );
      assert.equal(list[0].kind, CompletionItemKind.Value);
      assert.match(String(list[0].documentation), /2013-09-07, Saturday/);
      assert.equal(complete(`${two}〖RQ/日期〗|〖-RQ/日期〗`, '20130907'), `${two}〖RQ/日期〗20130907|〖-RQ/日期〗`);
    });

    it('RQ: the whole value is replaced from anywhere in it, and an unclosed field takes it too', () => {
      assert.equal(complete(`${two}〖RQ/日期〗2013|0908〖-RQ/日期〗`, '20130907'), `${two}〖RQ/日期〗20130907|〖-RQ/日期〗`);
      assert.equal(complete(`${two}〖RQ/日期〗|`, TODAY), `${two}〖RQ/日期〗${TODAY}|`);
    });

    it('RQ: the first record has no record before; the same date is offered once', () => {
      assert.deepEqual(items('〖RQ/日期〗|〖-RQ/日期〗').map((i) => i.label), [TODAY]);
      const sameDay = items(`${article('1', { rq: TODAY })}〖RQ/日期〗|〖-RQ/日期〗`);
      assert.deepEqual(sameDay.map((i) => [i.label, i.detail]), [[TODAY, 'The record before, 2025-01-01; Today, 2025-01-01']]);
    });

    it('RQ in Chinese', () => {
      const list = items(`${two}〖RQ/日期〗|〖-RQ/日期〗`, 'zh').sort(bySortText);
      assert.deepEqual(list.map((i) => i.detail), ['上一条记录的日期，2013-09-07', '今天，2025-01-01']);
    });

    it('BM, TC and LM: the values this file uses, most used first, the one being written not counted', () => {
      const file = article('1', { bm: '国际', lm: '社论' }) + article('2') + article('3') + article('4', { bm: '国际', tc: '通讯' });
      const at = `${file}${f('ZQ', '总期', '20330')}\n〖BM/版名〗|〖-BM/版名〗\n`;
      assert.deepEqual(
        items(at).sort(bySortText).map((i) => [i.label, i.detail]),
        [
          ['国际', 'Used 2 times in this file'],
          ['要闻', 'Used 2 times in this file'],
        ],
      );
      // Its own value (要闻 here, once more) is what is being written.
      const own = file.replace(`${f('BM', '版名', '要闻')}\n〖TC`, `${f('BM', '版名', '要|闻')}\n〖TC`);
      assert.deepEqual(
        items(own).sort(bySortText).map((i) => [i.label, i.detail]),
        [
          ['国际', 'Used 2 times in this file'],
          ['要闻', 'Used once in this file'],
        ],
      );
      assert.deepEqual(
        items(`${file}〖TC/体裁〗|〖-TC/体裁〗`).sort(bySortText).map((i) => i.label),
        ['消息', '通讯'],
      );
      assert.deepEqual(items(`${file}〖LM/栏目〗|〖-LM/栏目〗`).map((i) => i.label), ['社论']);
      assert.equal(complete(`${file}〖LM/栏目〗社|〖-LM/栏目〗`, '社论'), `${file}〖LM/栏目〗社论|〖-LM/栏目〗`);
    });

    it('BM: the workspace’s values after the file’s, each saying where it comes from', () => {
      const workspaceValues = (code: string) => (code === 'BM' ? new Map([['国际', 7], ['要闻', 30], ['理论', 3]]) : undefined);
      const at = `${article('1')}〖BM/版名〗|〖-BM/版名〗`;
      assert.deepEqual(
        items(at, 'en', { workspaceValues }).sort(bySortText).map((i) => [i.label, i.detail]),
        [
          ['要闻', 'Used once in this file and in 30 files of the workspace'],
          ['国际', 'Used in 7 files of the workspace'],
          ['理论', 'Used in 3 files of the workspace'],
        ],
      );
      assert.deepEqual(
        items(at, 'zh', { workspaceValues }).sort(bySortText).map((i) => i.detail),
        ['本文件中用过 1 次，工作区中 30 个文件用过', '工作区中 7 个文件用过', '工作区中 3 个文件用过'],
      );
    });

    it('other fields’ values, and a value holding markup, get nothing', () => {
      assert.deepEqual(items(`${article('1')}〖BT/标题〗|〖-BT/标题〗`), []);
      assert.deepEqual(items(`${article('1')}〖BM/版名〗甲〖HH/换行〗|〖-BM/版名〗`), []);
      assert.deepEqual(items('甲乙|'), []);
      assert.deepEqual(items('|'), []);
      assert.deepEqual(items('〖RQQ|'), []);
    });
  });

  describe('a new record after the file’s last 正文', () => {
    const file = article('1', { lm: '社论' }) + article('9', { lm: '社论' }).replace(f('TH', '条号', '9'), f('TH', '条号', '09'));
    const skeleton = [
      f('ZQ', '总期', '20330'),
      f('RQ', '日期', '20130908'),
      f('BH', '版号', '002'),
      f('TH', '条号', '10'),
      f('BT', '标题', ''),
      f('LM', '栏目', '社论'),
      f('BM', '版名', '要闻'),
      f('TC', '体裁', ''),
      '〖ZW/正文〗',
      '    |',
      '〖-ZW/正文〗',
    ].join('\n');

    it('on an empty line: a snippet of the whole record, the page’s values carried over, TH one more', () => {
      const list = items(`${file}|`);
      assert.equal(list.length, 1);
      const [item] = list;
      assert.equal(item.label, 'New record, TH 10');
      assert.equal(item.detail, 'A whole record: ZQ, RQ, BH, BM as in the record before; TH 10');
      assert.equal(item.kind, CompletionItemKind.Snippet);
      assert.equal(item.insertTextMode, InsertTextMode.asIs);
      assert.ok(item.preselect);
      assert.equal(complete(`${file}|`, 'New record, TH 10'), file + skeleton);
      // The title is the first tab stop, the column a placeholder holding the one before.
      assert.match((item.textEdit as { newText: string }).newText, /〖BT\/标题〗\$\{1\}〖-BT\/标题〗[\s\S]*〖LM\/栏目〗\$\{\d:社论\}〖-LM\/栏目〗/);
    });

    it('after typing 〖 there: the record first and preselected, then the fields a new record starts with', () => {
      const labels = order(`${file}〖|`);
      assert.equal(labels[0], 'New record, TH 10');
      assert.deepEqual(labels.slice(1), HEADER_LABELS);
      assert.deepEqual(preselected(`${file}〖|`), ['New record, TH 10']);
      assert.equal(complete(`${file}〖|〗`, 'New record, TH 10'), file + skeleton);
      // Typed after the closing tag on its line: the record starts on a line of its own.
      const sameLine = file.replace(/\n$/, '');
      assert.equal(complete(`${sameLine}〖|`, 'New record, TH 10'), `${sameLine}\n${skeleton}`);
    });

    it('in Chinese', () => {
      const [item] = items(`${file}|`, 'zh');
      assert.equal(item.label, '新记录（第10条）');
      assert.equal(item.detail, '整条记录：总期、日期、版号、版名同上一条记录；条号 10');
    });

    it('with CRLF line ends, the record’s lines end as the file’s', () => {
      const crlf = article('1', {}, '\r\n');
      const done = complete(`${crlf}|`, 'New record, TH 2');
      assert.ok(done.startsWith(`${crlf}〖ZQ/总期〗20330〖-ZQ/总期〗\r\n〖RQ/日期〗`), JSON.stringify(done));
      assert.ok(!/[^\r]\n/.test(done), 'every line break is CRLF');
    });

    it('not after a body that is not the file’s last, nor on a blank line of a header', () => {
      assert.deepEqual(items(`${article('1')}|\n${article('2')}`), []);
      assert.ok(!order(`${article('1')}〖|\n${article('2')}`).some((l) => l.startsWith('New record')));
      assert.deepEqual(items(`${f('RQ', '日期', '20130908')}\n|\n${f('BT', '标题', '甲')}`), []);
    });
  });

  it('details in the user’s language', () => {
    const zh = items('〖|', 'zh').find((i) => i.label === '〖RQ/日期〗')!;
    assert.match(zh.detail!, /出版日期/);
    assert.match(String(zh.documentation), /本记录还没有〖RQ\/日期〗/);
    const en = items('〖|', 'en').find((i) => i.label === '〖RQ/日期〗')!;
    assert.match(en.detail!, /Publication date/);
  });

  it('a tag of the settings’ table whose name holds snippet syntax is written as named', () => {
    const extra = service({ extraTags: [{ code: 'XY', name: '价$格}', placement: 'inline', paired: true }] });
    const { text, position } = cursor(`${f('BT', '标题', '甲〖|')}`);
    const item = extra.getCompletions(extra.parse(text), position, 'en').find((i) => i.label === '〖XY/价$格}〗');
    assert.ok(item, 'the settings’ inline tag is offered in a value');
    assert.equal((item.textEdit as { newText: string }).newText, 'XY/价\\$格\\}〗$0〖-XY/价\\$格\\}〗');
  });
});
