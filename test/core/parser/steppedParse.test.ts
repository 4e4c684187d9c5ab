// The parse in slices: whatever the slice sizes, it ends in the same document as
// parseDocument (records, starts, lines, texts), so a server that parses a big file a slice
// at a time shows the same diagnostics, outline and folds as one that parses it at once.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument, type CorpusDocument } from '../../../server/src/parser/corpusDocument';
import type { ParseContext } from '../../../server/src/parser/recordParser';
import { startParse } from '../../../server/src/parser/steppedParse';
import { createTagTable } from '../../../server/src/tags/tagTable';
import { readFixture, record, SAMPLE, service } from '../helpers';

const ctx: ParseContext = { table: createTagTable() };
const MULTI = readFixture('multi-record.rmrb');

/** Runs a stepped parse to its end with the given slice sizes (cycled); returns the document and the number of steps. */
function stepped(text: string, sizes: readonly number[], context = ctx): { doc: CorpusDocument; steps: number } {
  const parse = startParse(text, context);
  for (let steps = 1; ; steps++) {
    const doc = parse.step(sizes[(steps - 1) % sizes.length]);
    if (doc) return { doc, steps };
    assert.ok(steps <= text.length + 2, 'the parse makes progress at every step');
  }
}

function assertSameDocument(got: CorpusDocument, want: CorpusDocument, what = ''): void {
  assert.equal(got.text, want.text, `text ${what}`);
  assert.equal(got.length, want.length, `length ${what}`);
  assert.deepEqual(got.recordStarts, want.recordStarts, `record starts ${what}`);
  assert.deepEqual(got.recordLines, want.recordLines, `record lines ${what}`);
  assert.deepEqual(got.recordTexts, want.recordTexts, `record texts ${what}`);
  assert.equal(got.records.length, want.records.length, `record count ${what}`);
  for (let i = 0; i < want.records.length; i++) assert.deepEqual(got.records[i], want.records[i], `record ${i} ${what}`);
  assert.equal(got.context, want.context, `context ${what}`);
}

describe('steppedParse', () => {
  const texts: Record<string, string> = {
    'the sample': SAMPLE,
    'the multi-record fixture': MULTI,
    'the multi-record fixture with CRLF': MULTI.replace(/\n/g, '\r\n'),
    'records that repeat their first field, no body between': '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗甲〖-BT/标题〗\n'.repeat(5),
    'a header after an unclosed body': '〖RQ/日期〗20130908〖-RQ/日期〗\n〖ZW/正文〗\n正文\n' + record(),
    'an empty text': '',
    'a lone line break': '\n',
    'text without tags': '正文\n正文\n',
  };

  for (const [name, text] of Object.entries(texts)) {
    it(`gives what parseDocument gives: ${name}`, () => {
      const want = parseDocument(text, ctx);
      for (const sizes of [[1], [7], [100], [1e9], [1, 50, 3, 1000]]) assertSameDocument(stepped(text, sizes).doc, want, `in slices of ${sizes}`);
    });
  }

  it('parses a document of many records in many steps, and one step when the slice is large', () => {
    const text = MULTI.repeat(50);
    const want = parseDocument(text, ctx);
    const small = stepped(text, [1]);
    assert.equal(small.steps, want.records.length, 'one record per step');
    assertSameDocument(small.doc, want);
    assert.equal(stepped(text, [text.length]).steps, 1);
  });

  it('keeps answering the finished document', () => {
    const parse = startParse(MULTI, ctx);
    const doc = parse.step(1e9);
    assert.ok(doc);
    assert.equal(parse.step(1), doc);
  });

  it('the language service starts one under its settings', () => {
    const ls = service({ requiredFields: ['RQ'] });
    const doc = ls.startParse(MULTI).step(1e9);
    assert.ok(doc);
    assert.deepEqual(ls.getDiagnostics(doc, 'en'), ls.getDiagnostics(ls.parse(MULTI), 'en'));
  });

  describe('texts without tags, or with tags far apart', () => {
    /** Bytes of a seeded generator (xorshift32): a binary file, the same on every run. */
    function binary(length: number, seed = 20130908): Buffer {
      const bytes = Buffer.alloc(length);
      let x = seed;
      for (let i = 0; i < length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        bytes[i] = x & 0xff;
      }
      return bytes;
    }

    it('a corpus, then a binary file read as Latin-1, then as UTF-8: each as parseDocument gives it, one record per step at most', () => {
      const bytes = binary(1 << 20);
      const texts = { corpus: MULTI.repeat(200), latin1: bytes.toString('latin1'), utf8: bytes.toString('utf8') };
      for (const [name, text] of Object.entries(texts)) {
        const want = parseDocument(text, ctx);
        const { doc, steps } = stepped(text, [65536]);
        assertSameDocument(doc, want, name);
        assert.ok(steps <= want.records.length, `${name}: ${steps} steps for ${want.records.length} records`);
      }
    });

    // The scan once searched the text for a tag in its walk over the lines and again after it.
    // V8's optimizing compiler made the two searches one and ran it on every line: from the
    // start of a window without tags through all of it, for each of its lines. The language
    // server, which had parsed a file or two before, never finished parsing a binary file. A
    // child process forces that compilation (optimizedScan.ts) and parses such texts; the
    // scan's search is native work, which nothing in the child can count without changing the
    // code the compiler makes, so the check is that the child ends at all: it does in about a
    // second, the scan compiled as it was took minutes per text.
    it('under the optimizing compiler, after tag-rich text: the same document as parseDocument, in as many steps as records', function () {
      this.timeout(60_000);
      const root = path.join(__dirname, '..', '..', '..');
      const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', path.join(__dirname, 'optimizedScan.ts')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(child.signal, null, `the child did not end in 30 s, and was stopped: the scan runs once per line\n${child.stderr}`);
      assert.equal(child.status, 0, child.stderr);
      assert.deepEqual(JSON.parse(child.stdout), {
        'no tags': { length: 3_600_000, steps: 1, records: 1, optimized: true },
        'tags far apart': { length: 3_600_177, steps: 2, records: 2, optimized: true },
      });
    });
  });

  describe('property: any text, any slice sizes, the same document as parseDocument', () => {
    const TAGS = ['ZQ/总期', 'RQ/日期', 'BH/版号', 'BT/标题', 'ZW/正文', 'JZ/加重', 'HH/换行'];
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...TAGS.map((t) => `〖${t}〗`), ...TAGS.map((t) => `〖-${t}〗`), '〖', '〗', '〖JZ；', '〖rq/日期〗', '〖XX/某某〗') },
      { weight: 4, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '  ', '　', '\t', '\ufeff', '正文', '𠀀', '20130908', '一\n') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    );
    const line = fc.array(piece, { maxLength: 6 }).map((xs) => xs.join('') + '\n');
    const text = fc.oneof(fc.array(line, { maxLength: 40 }).map((xs) => xs.join('')), fc.array(piece, { maxLength: 60 }).map((xs) => xs.join('')));
    const sizes = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 });

    it('holds for 300 random texts (seed 20250101)', () => {
      fc.assert(
        fc.property(text, sizes, (t, s) => assertSameDocument(stepped(t, s).doc, parseDocument(t, ctx))),
        { numRuns: 300, seed: 20250101 },
      );
    });
  });
});
