import * as assert from 'node:assert/strict';
import { validTagPart } from '../../../server/src/features/tagPairs';
import { applyEdits, cursor, fmtRange, service } from '../helpers';

const ls = service();

function highlights(input: string): string[] {
  const { text, position } = cursor(input);
  return ls.getDocumentHighlights(ls.parse(text), position).map((h) => fmtRange(h.range));
}

function linked(input: string): string[] | null {
  const { text, position } = cursor(input);
  return ls.getLinkedEditingRanges(ls.parse(text), position)?.ranges.map(fmtRange) ?? null;
}

describe('features/tagPairs', () => {
  describe('document highlights', () => {
    it('a field tag lights up with its partner, from either end', () => {
      assert.deepEqual(highlights('〖B|T/标题〗甲〖-BT/标题〗'), ['0:0-0:7', '0:8-0:16']);
      assert.deepEqual(highlights('〖BT/标题〗甲〖-BT/标|题〗'), ['0:0-0:7', '0:8-0:16']);
    });

    it('across lines in the body, after characters outside the BMP and CRLF', () => {
      assert.deepEqual(highlights('𠀀\r\n〖ZW/正|文〗\r\n甲\r\n〖-ZW/正文〗\r\n'), ['1:0-1:7', '3:0-3:8']);
    });

    it('nothing inside a value, or on a field never closed', () => {
      assert.deepEqual(highlights('〖BT/标题〗甲|乙〖-BT/标题〗'), []);
      assert.deepEqual(highlights('〖B|T/标题〗甲\n'), []);
    });
  });

  describe('linked editing', () => {
    it('the code of the opening tag is linked to the closing tag’s', () => {
      assert.deepEqual(linked('〖R|Q/日期〗20130908〖-RQ/日期〗'), ['0:1-0:3', '0:17-0:19']);
    });

    it('so is the name, from the closing tag too', () => {
      assert.deepEqual(linked('〖RQ/总期〗20130908〖-RQ/总|期〗'), ['0:4-0:6', '0:20-0:22']);
    });

    it('a name corrected once is corrected in both tags', () => {
      const { text, position } = cursor('〖RQ/总|期〗20130908〖-RQ/总期〗');
      const doc = ls.parse(text);
      const ranges = ls.getLinkedEditingRanges(doc, position)!.ranges;
      const fixed = applyEdits(text, ranges.map((range) => ({ range, newText: '日期' })));
      assert.equal(fixed, '〖RQ/日期〗20130908〖-RQ/日期〗');
      assert.deepEqual(ls.getDiagnostics(ls.parse(fixed + '\n'), 'en').filter((d) => d.code === 'wrong-field-name'), []);
    });

    it('not when the two tags differ already, nor in a value', () => {
      assert.equal(linked('〖BT/标|题〗甲〖-BT/标提〗'), null);
      assert.equal(linked('〖BT/标题〗甲|〖-BT/标题〗'), null);
    });
  });

  describe('the matching tag', () => {
    const matching = (input: string) => {
      const { text, position } = cursor(input);
      const r = ls.getMatchingTag(ls.parse(text), position);
      return r ? fmtRange(r) : null;
    };

    it('goes from an opening tag to its closing tag and back, nested fields and CRLF too', () => {
      assert.equal(matching('〖B|T/标题〗甲〖-BT/标题〗'), '0:8-0:16');
      assert.equal(matching('〖BT/标题〗甲〖-BT/标|题〗'), '0:0-0:7');
      assert.equal(matching('〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖ZW/正|文〗\r\n    𠀀字\r\n〖-ZW/正文〗\r\n'), '3:0-3:8');
    });

    it('is nothing off a tag, or for a field never closed', () => {
      assert.equal(matching('〖BT/标题〗|甲〖-BT/标题〗'), null);
      assert.equal(matching('〖B|T/标题〗甲'), null);
    });
  });

  describe('renaming a tag (F2)', () => {
    const rename = (input: string) => {
      const { text, position } = cursor(input);
      const r = ls.getTagRename(ls.parse(text), position);
      return r && { part: r.part, text: r.text, ranges: r.ranges.map(fmtRange) };
    };

    it('renames a name or a code in both tags of the field', () => {
      assert.deepEqual(rename('〖BM/版|名〗要闻〖-BM/版名〗'), { part: 'name', text: '版名', ranges: ['0:4-0:6', '0:14-0:16'] });
      assert.deepEqual(rename('〖BM/版名〗要闻〖-B|M/版名〗'), { part: 'code', text: 'BM', ranges: ['0:1-0:3', '0:11-0:13'] });
    });

    it('is nothing in a value, or where the two tags spell it differently', () => {
      assert.equal(rename('〖BM/版名〗要|闻〖-BM/版名〗'), null);
      assert.equal(rename('〖BM/版|名〗要闻〖-BM/版面〗'), null);
    });

    it('takes a code of two letters and a name without brackets, slashes or spaces', () => {
      assert.equal(validTagPart('code', 'TC'), true);
      assert.equal(validTagPart('code', 'T'), false);
      assert.equal(validTagPart('code', 'T1'), false);
      assert.equal(validTagPart('name', '体裁'), true);
      assert.equal(validTagPart('name', '体/裁'), false);
      assert.equal(validTagPart('name', '体 裁'), false);
      assert.equal(validTagPart('name', ''), false);
    });
  });
});
