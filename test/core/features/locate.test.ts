// What lies at an offset (`locate`) and the tag being typed there (`tagBeingTyped`). `|`
// marks the cursor; offsets in the answers are relative to the record the cursor is in.

import * as assert from 'node:assert/strict';
import { locate, tagBeingTyped } from '../../../server/src/features/locate';
import { cursor, service } from '../helpers';

const ls = service();

function at(input: string) {
  const { text, offset } = cursor(input);
  return locate(ls.parse(text), offset);
}

function typed(input: string) {
  const { text, offset } = cursor(input);
  return tagBeingTyped(ls.parse(text), offset);
}

describe('features/locate', () => {
  describe('locate', () => {
    it('the innermost field and the tag under the cursor', () => {
      const found = at('〖BT/标题〗甲〖Z|Z/作者〗乙〖-ZZ/作者〗〖-BT/标题〗')!;
      assert.equal(found.field?.code, 'ZZ');
      assert.equal(found.tag?.code, 'ZZ');
      assert.equal(found.tag?.start, 8);
    });

    it('in a value: the field, no tag', () => {
      const found = at('〖BT/标题〗甲|乙〖-BT/标题〗')!;
      assert.equal(found.field?.code, 'BT');
      assert.equal(found.tag, undefined);
      assert.equal(found.rel, 8);
    });

    it('offsets relative to the record the cursor is in', () => {
      const found = at('〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n〖RQ/日期〗|20130909〖-RQ/日期〗\n')!;
      assert.equal(found.record, 1);
      assert.equal(found.rel, 7);
      assert.equal(found.field?.code, 'RQ');
    });
  });

  describe('tagBeingTyped', () => {
    it('after 〖: an opening tag, nothing typed of its code yet', () => {
      assert.deepEqual(typed('〖BT/标题〗甲〖-BT/标题〗\n〖|'), { record: 0, start: 17, codeStart: 18, end: 18, closing: false, field: undefined, openInline: undefined });
    });

    it('up to two letters of the code typed, in either case', () => {
      const t = typed('〖bt|')!;
      assert.equal(t.start, 0);
      assert.equal(t.codeStart, 1);
      assert.equal(t.end, 3);
      assert.equal(typed('〖RQQ|'), undefined, 'three letters are no code');
    });

    it('a 〗 right after the cursor is part of what a completion replaces', () => {
      const t = typed('〖B|〗')!;
      assert.equal(t.codeStart, 1);
      assert.equal(t.end, 3);
    });

    it('after 〖-: a closing tag, in the field it stands in', () => {
      const t = typed('〖BT/标题〗甲〖-|')!;
      assert.equal(t.closing, true);
      assert.equal(t.start, 8);
      assert.equal(t.codeStart, 10);
      assert.equal(t.field?.code, 'BT');
      assert.equal(t.openInline, undefined);
    });

    it('a closing tag knows the inline tag left open before it on its line', () => {
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙〖-|\n〖-ZW/正文〗')!.openInline, 'JZ');
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙〖ZI/字符〗丙〖-|\n〖-ZW/正文〗')!.openInline, 'ZI');
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙〖ZI/字符〗丙〖-ZI/字符〗〖-|\n〖-ZW/正文〗')!.openInline, 'JZ');
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙〖-JZ/加重〗〖-|\n〖-ZW/正文〗')!.openInline, undefined, 'closed');
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙\n〖-|\n〖-ZW/正文〗')!.openInline, undefined, 'on an earlier line');
      assert.equal(typed('〖ZW/正文〗\n甲〖HH/换行〗乙〖-|\n〖-ZW/正文〗')!.openInline, undefined, '〖HH/换行〗 stands alone');
    });

    it('an opening tag does not look for open inline tags', () => {
      assert.equal(typed('〖ZW/正文〗\n甲〖JZ/加重〗乙〖|\n〖-ZW/正文〗')!.openInline, undefined);
    });

    it('with CRLF and characters outside the BMP, in a later record', () => {
      const t = typed('〖BT/标题〗𠀀〖-BT/标题〗\r\n〖ZW/正文〗\r\n𠀀\r\n〖-ZW/正文〗\r\n〖BT/标题〗𠀀〖|\r\n')!;
      assert.equal(t.record, 1);
      assert.equal(t.start, 9);
      assert.equal(t.field?.code, 'BT');
    });

    it('nothing being typed: plain text, a complete tag, an empty document', () => {
      assert.equal(typed('甲乙|'), undefined);
      assert.equal(typed('〖BT/标题〗|甲〖-BT/标题〗'), undefined);
      assert.equal(typed('〖BT/标题〗甲|〖-BT/标题〗'), undefined);
      assert.equal(typed('|'), undefined);
      assert.equal(typed('-|'), undefined);
    });
  });
});
