// The outline's bytes as the stdio writer sends them (server/src/lsp/encodedJson.ts,
// server/src/node/messageWriter.ts) must be exactly JSON.stringify's: for every document, cap
// and locale, after edits that reuse kept record bytes, and for any string or number.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/languageService';
import { encodedOutline, JsonBytes } from '../../server/src/lsp/encodedJson';
import { encode } from '../../server/src/node/messageWriter';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const ls = createLanguageService();
const bytes = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));

const texts: string[] = [];
for (const f of readdirSync(FIXTURES)) if (/\.(rmrb|txt)$/.test(f)) texts.push(readFileSync(path.join(FIXTURES, f), 'utf8'));
texts.push(
  '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标"题\\\u0001\ud800x  ',
  '〖ZQ/总期〗〖ZQ/总期〗 ',
  '',
  '只有文字\n',
  '〖BT/标题〗标题𠀀〖ZZ/作者〗某某〖-ZZ/作者〗〖-BT/标题〗\n〖ZW/正文〗\n甲\n〖-ZW/正文〗\n',
);
const many = Array.from({ length: 40 }, (_, k) => texts[0].replace('20130908', `201309${String((k % 28) + 1).padStart(2, '0')}`)).join('');

describe('encodedJson: the outline as bytes', () => {
  it('equals JSON.stringify of the outline, for every fixture, cap and locale, asked twice', () => {
    for (const t of [...texts, many]) {
      for (const locale of ['en', 'zh'] as const) {
        for (const max of [1, 3, 10, 100, 1e5]) {
          const doc = ls.parse(t);
          const want = Buffer.from(JSON.stringify(getDocumentSymbols(doc, locale, max)), 'utf8');
          for (let twice = 0; twice < 2; twice++) {
            const e = encodedOutline(doc, locale, max, () => getDocumentSymbols(doc, locale, max));
            assert.ok(bytes(e.bytes()).equals(want));
            assert.equal(JSON.stringify(e), want.toString('utf8'));
            const message = { jsonrpc: '2.0', id: 7, result: e } as unknown as Parameters<typeof encode>[0];
            assert.ok(bytes(encode(message)).equals(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 7, result: JSON.parse(want.toString()) }))));
          }
        }
      }
    }
  });

  it('stays right after edits, where kept record bytes are reused', () => {
    let doc = ls.parse(many);
    encodedOutline(doc, 'en', 1e5, () => []).bytes();
    for (let k = 0; k < 30; k++) {
      const at = (k * 7919 * 131) % many.length;
      doc = ls.update(doc, [{ start: at, end: at, text: k % 3 ? '\n' : '〖BT/标题〗x〖-BT/标题〗\n' }]);
      const want = Buffer.from(JSON.stringify(getDocumentSymbols(doc, 'en', 1e5)), 'utf8');
      assert.ok(bytes(encodedOutline(doc, 'en', 1e5, () => []).bytes()).equals(want), `edit ${k}`);
    }
  });

  it('writes any string and any number as JSON.stringify does', () => {
    const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: anyChar, maxLength: 50 }), (a, b) => {
        for (const s of [a, b, a + b]) {
          const w = new JsonBytes();
          w.string(s);
          assert.ok(bytes(w.end()).equals(Buffer.from(JSON.stringify(s), 'utf8')), JSON.stringify(s));
        }
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.nat()), (x) => {
        const w = new JsonBytes();
        w.number(x);
        assert.equal(bytes(w.end()).toString(), JSON.stringify(x));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('the writer sends any other message as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const m = { jsonrpc: '2.0', id: 1, result: v } as unknown as Parameters<typeof encode>[0];
        assert.ok(bytes(encode(m)).equals(Buffer.from(JSON.stringify(m))));
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });
});
