// Splicing edits into a file's bytes: byte offsets walked in step with the text, every byte
// outside the edits kept.

import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { applyToText, byteOffsets, spliceBytes, type OffsetEdit } from '../../../server/src/node/byteSplice';
import { decode, type Encoding } from '../../../server/src/node/corpusFiles';

const encoders: Record<Encoding, (s: string) => Uint8Array> = {
  'utf-8': (s) => new TextEncoder().encode(s),
  gb18030: (s) => iconv.encode(s, 'gb18030'),
};

function roundTrip(bytes: Uint8Array, encoding: Encoding, edits: OffsetEdit[]) {
  const decoded = decode(bytes, encoding)!;
  const out = spliceBytes(bytes, decoded.text, encoding, edits, encoders[encoding]);
  assert.equal(decode(out, encoding)!.text, applyToText(decoded.text, edits));
  return out;
}

describe('byteSplice', () => {
  it('UTF-8 with a BOM, CRLF and a character outside the BMP: offsets count the BOM as one unit, three bytes', () => {
    const text = '\ufeff𠀀〖BT；标题〗\r\n';
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(byteOffsets(bytes, text, 'utf-8', [0, 1, 3, 4]), [0, 3, 7, 10]);
    const start = text.indexOf('；');
    const out = roundTrip(bytes, 'utf-8', [{ start, end: start + 1, newText: '/' }]);
    assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.deepEqual([...out.subarray(out.length - 2)], [0x0d, 0x0a]);
  });

  it('GB18030: two-byte, four-byte and € (0x80) characters; bytes outside the edit are untouched', () => {
    const head = Buffer.concat([Buffer.from([0x80]), iconv.encode('朱镕基𠀀〖BT', 'gb18030')]);
    const tail = iconv.encode('标题〗\r\nx', 'gb18030');
    const bytes = Buffer.concat([head, iconv.encode('；', 'gb18030'), tail]);
    const text = new TextDecoder('gb18030').decode(bytes);
    assert.equal(text, '€朱镕基𠀀〖BT；标题〗\r\nx');
    const start = text.indexOf('；');
    const out = Buffer.from(roundTrip(bytes, 'gb18030', [{ start, end: start + 1, newText: '/' }]));
    assert.deepEqual(out, Buffer.concat([head, Buffer.from('/'), tail]));
  });

  it('refuses overlapping edits and an offset inside a surrogate pair', () => {
    const bytes = new TextEncoder().encode('a𠀀b');
    assert.throws(() => spliceBytes(bytes, 'a𠀀b', 'utf-8', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }], encoders['utf-8']), /overlap/);
    assert.throws(() => byteOffsets(bytes, 'a𠀀b', 'utf-8', [2]), /inside a character/);
  });

  it('any edits on any text, in both encodings, give the bytes of the edited text', () => {
    const char = fc.constantFrom('a', '\r', '\n', '〖', '〗', '；', '标', '镕', '𠀀', '€', 'é', '\ufeff');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 30 }).map((cs) => cs.join('')),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.array(char, { maxLength: 3 }).map((cs) => cs.join(''))), { maxLength: 4 }),
        fc.constantFrom<Encoding>('utf-8', 'gb18030'),
        (text, raw, encoding) => {
          // Boundaries at character starts, sorted, not overlapping.
          const starts = [0];
          for (let i = 0; i < text.length; ) starts.push((i += text.codePointAt(i)! > 0xffff ? 2 : 1));
          const cuts = raw.flatMap(([a, b]) => [starts[a % starts.length], starts[b % starts.length]]).sort((x, y) => x - y);
          const edits = raw.map(([, , newText], k) => ({ start: cuts[2 * k], end: cuts[2 * k + 1], newText }));
          const bytes = encoders[encoding](text);
          if (decode(bytes, encoding)?.text !== text) return; // e.g. a BOM-led GB18030 text
          roundTrip(bytes, encoding, edits);
        },
      ),
    );
  });
});
