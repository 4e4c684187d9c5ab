import * as assert from 'node:assert/strict';
import { readTag } from '../../../server/src/parser/scanner';
import { tokenize, type Token } from './tokenize';
import { createTagTable } from '../../../server/src/tags/tagTable';
import type { Tag } from '../../../server/src/types';
import { SAMPLE } from '../helpers';

const table = createTagTable();

/** Reads the tag at the first `〖` of a one-line text. */
function tag(text: string, at = text.indexOf('〖')): Tag {
  return readTag(text, at, text.length, table);
}

/** The tokens as `kind:text` strings. */
function tokens(text: string): string[] {
  return tokenize(text, table).map((t: Token) =>
    t.kind === 'tag' ? `tag:${text.slice(t.tag.start, t.tag.end)}` : `${t.kind}:${JSON.stringify(text.slice(t.start, t.end))}`,
  );
}

describe('scanner', () => {
  describe('readTag: well-formed tags', () => {
    it('reads an opening tag', () => {
      const t = tag('〖RQ/日期〗20130908');
      assert.equal(t.start, 0);
      assert.equal(t.end, 7);
      assert.equal(t.closing, false);
      assert.equal(t.code, 'RQ');
      assert.equal(t.rawCode, 'RQ');
      assert.equal(t.name, '日期');
      assert.equal(t.nameStart, 4);
      assert.equal(t.nameEnd, 6);
      assert.equal(t.separator, '/');
      assert.equal(t.separatorStart, 3);
      assert.equal(t.terminated, true);
      assert.equal(t.def?.code, 'RQ');
      assert.deepEqual(t.faults, []);
    });

    it('reads a closing tag', () => {
      const t = tag('x〖-ZW/正文〗');
      assert.equal(t.start, 1);
      assert.equal(t.end, 9);
      assert.equal(t.closing, true);
      assert.equal(t.code, 'ZW');
      assert.equal(t.name, '正文');
      assert.deepEqual(t.faults, []);
    });

    it('reads every built-in tag without a fault', () => {
      for (const def of table.all()) {
        for (const closing of [false, true]) {
          const t = tag(`〖${closing ? '-' : ''}${def.code}/${def.name}〗`);
          assert.deepEqual(t.faults, [], `${def.code}`);
          assert.equal(t.def, def);
          assert.equal(t.closing, closing);
        }
      }
    });

    it('reads a well-formed unknown tag with no def and no fault', () => {
      const t = tag('〖XX/某某〗');
      assert.equal(t.code, 'XX');
      assert.equal(t.def, undefined);
      assert.deepEqual(t.faults, []);
    });

    it('counts offsets in UTF-16 code units after characters outside the BMP', () => {
      const text = '𠀀𠀀〖BT/标题〗';
      const t = tag(text);
      assert.equal(t.start, 4);
      assert.equal(t.end, 11);
      assert.equal(t.nameStart, 8);
    });
  });

  describe('readTag: broken tags say which tag was meant', () => {
    for (const sep of ['；', ';', '：', ':', '／']) {
      it(`"${sep}" instead of "/" is separator-wrong`, () => {
        const t = tag(`〖RQ${sep}日期〗`);
        assert.deepEqual(t.faults, ['separator-wrong']);
        assert.equal(t.separator, sep);
        assert.equal(t.code, 'RQ');
        assert.equal(t.name, '日期');
        assert.equal(t.def?.code, 'RQ');
        assert.equal(t.end, 7);
      });
    }

    it('a missing separator is separator-missing', () => {
      const t = tag('〖RQ日期〗');
      assert.ok(t.faults.includes('separator-missing'));
      assert.equal(t.def?.code, 'RQ');
      assert.equal(t.end, 6);
    });

    it('a lowercase code is code-lowercase and reads as upper case', () => {
      const t = tag('〖rq/日期〗');
      assert.deepEqual(t.faults, ['code-lowercase']);
      assert.equal(t.code, 'RQ');
      assert.equal(t.rawCode, 'rq');
      assert.equal(t.def?.code, 'RQ');
    });

    it('a mixed-case code is code-lowercase', () => {
      assert.deepEqual(tag('〖Rq/日期〗').faults, ['code-lowercase']);
    });

    it('an odd code is code-odd', () => {
      for (const odd of ['R1', 'RQQ', 'R']) {
        const t = tag(`〖${odd}/日期〗`);
        assert.ok(t.faults.includes('code-odd'), odd);
      }
    });

    it('no code at all is code-missing', () => {
      const t = tag('〖/日期〗');
      assert.ok(t.faults.includes('code-missing'));
      assert.equal(t.end, 5);
    });

    it('an empty name is name-missing', () => {
      const t = tag('〖RQ/〗');
      assert.deepEqual(t.faults, ['name-missing']);
      assert.equal(t.end, 5);
    });

    it('a lost 〗 keeps the expected name and stops before the value', () => {
      const t = tag('〖RQ/日期20130908〖-RQ/日期〗');
      assert.deepEqual(t.faults, ['bracket-missing']);
      assert.equal(t.terminated, false);
      assert.equal(t.name, '日期');
      assert.equal(t.end, 6);
    });

    it('a lost 〗 before Chinese text still recovers the name of the code', () => {
      const t = tag('〖BT/标题中华人民共和国〖-BT/标题〗');
      assert.equal(t.name, '标题');
      assert.equal(t.end, 6);
    });

    it('a lost 〗 before text that is no name takes none of the text as its name', () => {
      for (const [text, end] of [['〖BT中华人民共和国', 3], ['〖BT/中华人民共和国', 4], ['〖BT；中华', 4], ['〖bt中华', 3], ['〖BT/题中华人民', 4], ['〖-JZ声明如下', 4]] as const) {
        const t = tag(text);
        assert.equal(t.name, '', text);
        assert.equal(t.end, end, text);
        assert.ok(t.faults.includes('bracket-missing'), text);
      }
    });

    it('a lost 〗 before another field’s name takes that name', () => {
      const t = tag('〖BT/日期20130908');
      assert.equal(t.name, '日期');
      assert.equal(t.end, 6);
    });

    it('a long name still ends at its 〗', () => {
      const t = tag('〖BT/' + '名'.repeat(40) + '〗');
      assert.equal(t.terminated, true);
      assert.equal(t.name.length, 40);
    });

    it('a lost 〗 at the end of the line', () => {
      const t = tag('x〖-ZW/正文');
      assert.deepEqual(t.faults, ['bracket-missing']);
      assert.equal(t.end, 8);
    });

    it('a lone 〖 consumes itself and no more', () => {
      const t = tag('〖');
      assert.equal(t.start, 0);
      assert.equal(t.end, 1);
      assert.ok(t.faults.includes('code-missing'));
    });

    it('never reads past the line end it is given', () => {
      const text = '〖RQ/日期\n〗';
      const t = readTag(text, 0, text.indexOf('\n'), table);
      assert.ok(t.end <= text.indexOf('\n'));
      assert.equal(t.terminated, false);
    });

    it('always consumes at least the 〖 and stays within the line', () => {
      const samples = ['〖', '〖-', '〖〖', '〖-〗', '〖AB', '〖AB/', '〖AB；', '〖ABCDEFGHIJK/x〗', '〖/〗', '〖' + '名'.repeat(40) + '〗'];
      for (const s of samples) {
        const t = readTag(s, 0, s.length, table);
        assert.ok(t.end > t.start && t.end <= s.length, JSON.stringify(s));
        assert.ok(t.nameStart <= t.nameEnd && t.nameEnd <= t.end, JSON.stringify(s));
      }
    });
  });

  describe('tokenize', () => {
    it('splits text, tags and line breaks', () => {
      assert.deepEqual(tokens('〖BT/标题〗标题〖-BT/标题〗\n正文'), ['tag:〖BT/标题〗', 'text:"标题"', 'tag:〖-BT/标题〗', 'newline:"\\n"', 'text:"正文"']);
    });

    it('keeps CR LF together as one line break', () => {
      assert.deepEqual(tokens('a\r\nb'), ['text:"a"', 'newline:"\\r\\n"', 'text:"b"']);
    });

    it('reads a run of 〖 as one tag each', () => {
      assert.deepEqual(tokens('〖〖〖'), ['tag:〖', 'tag:〖', 'tag:〖']);
    });

    it('covers the whole text, in order, with no gap or overlap', () => {
      const texts = [SAMPLE, SAMPLE.replace(/\n/g, '\r\n'), '\ufeff〖RQ；日期〗x〖-RQ/日期\r\n〖\n〖〖-', '', '\n\n'];
      for (const text of texts) {
        let at = 0;
        for (const t of tokenize(text, table)) {
          const [s, e] = t.kind === 'tag' ? [t.tag.start, t.tag.end] : [t.start, t.end];
          assert.equal(s, at);
          assert.ok(e > s);
          at = e;
        }
        assert.equal(at, text.length);
      }
    });

    it('reads the sample without a single fault', () => {
      for (const t of tokenize(SAMPLE, table)) {
        if (t.kind === 'tag') assert.deepEqual(t.tag.faults, [], SAMPLE.slice(t.tag.start, t.tag.end));
      }
    });
  });
});
