// The one scan behind the characters and mojibake rules: what it finds, and where.

import * as assert from 'node:assert/strict';
import { suspiciousCharacter } from '../../../server/src/rules/characters';
import { mojibakeFinding } from '../../../server/src/rules/mojibake';
import { createTagTable, type TagDef } from '../../../server/src/tags/tagTable';
import { scanSuspectText } from '../../../server/src/text/suspectText';
import type { Finding } from '../../../server/src/rules/rule';

const table = createTagTable();

/** Both rules' findings in one scan, in the order found. */
function checkCharacters(text: string, fieldAt: (offset: number) => TagDef | undefined, out: Finding[], skipAt = -1): void {
  scanSuspectText(
    text,
    fieldAt,
    {
      invisible: (start, end, c, def) => out.push(suspiciousCharacter(start, end, c, def)),
      mojibake: (start, end, def) => out.push(mojibakeFinding(text, start, end, def)),
    },
    skipAt,
  );
}

describe('text/suspectText', () => {
  describe('checkCharacters', () => {
    const bt = table.get('BT')!;
    const scan = (text: string, skipAt = -1) => {
      const out: Finding[] = [];
      checkCharacters(text, () => bt, out, skipAt);
      return out.map((p) => `${p.code} ${p.start}-${p.end}`);
    };
    it('zero-width, bidi, word joiner, BOM and U+FFFD characters', () => {
      for (const c of ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\ufeff', '\ufffd']) {
        assert.deepEqual(scan(`中${c}国`), ['suspicious-character 1-2'], c.charCodeAt(0).toString(16));
      }
    });
    it('a run is one problem, a BOM at skipAt none', () => {
      assert.deepEqual(scan('中\u200b\u200b\ufffd国'), ['suspicious-character 1-4']);
      assert.deepEqual(scan('\ufeff中', 0), []);
      assert.deepEqual(scan('\ufeff\ufeff中', 0), ['suspicious-character 0-2']);
    });
    it('mojibake: GBK as Latin-1, UTF-8 as Windows-1252', () => {
      assert.deepEqual(scan('ÖÐ»ªÈËÃñ'), ['mojibake 0-8']);
      assert.deepEqual(scan('中国ä¸­å›½中国'), ['mojibake 2-8']);
    });
    it('not mojibake: Chinese punctuation, a lone accented letter, °C and ×', () => {
      assert.deepEqual(scan('“中国”——人民·日报'), []);
      assert.deepEqual(scan('café 25°C 3×4'), []);
    });
    it('outside every value: nothing', () => {
      const out: Finding[] = [];
      checkCharacters('中\u200b国ÖÐ»ª', () => undefined, out);
      assert.deepEqual(out, []);
    });
    it('names the character in the arguments', () => {
      const out: Finding[] = [];
      checkCharacters('中\u200b国', () => bt, out);
      assert.equal(out[0].args.character, 'U+200B');
      assert.equal(out[0].args.field, 'BT');
    });
  });
});
