// The server's stdio message reader (server/src/node/messageReader.ts), fed bytes through a
// stream cut at every awkward place: it must read exactly what vscode-jsonrpc's reader reads.

import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message, type PartialMessageInfo } from 'vscode-languageserver/node';
import { BodyBuffer, decodeUtf8, StdioMessageReader, wholeCharacters } from '../../server/src/node/messageReader';

const frame = (body: string | Buffer) => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
};
const note = (method: string, params: unknown) => ({ jsonrpc: '2.0', method, params });
const didOpen = (text: string) => note('textDocument/didOpen', { textDocument: { uri: 'file:///a.rmrb', languageId: 'rmrb', version: 1, text } });

interface Read {
  messages: Message[];
  errors: Error[];
  closed: number;
  partial: PartialMessageInfo[];
  stream: PassThrough;
  reader: StdioMessageReader;
}

function reading(): Read {
  const stream = new PassThrough();
  const reader = new StdioMessageReader(stream);
  const r: Read = { messages: [], errors: [], closed: 0, partial: [], stream, reader };
  reader.onError((e) => r.errors.push(e));
  reader.onClose(() => r.closed++);
  reader.onPartialMessage((p) => r.partial.push(p));
  reader.listen((m) => r.messages.push(m));
  return r;
}

/** Writes `chunks` one at a time, each in its own turn, then lets the reader catch up. */
async function feed(r: Read, chunks: Buffer[]): Promise<void> {
  for (const c of chunks) {
    r.stream.write(c);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setImmediate(resolve));
}

/** `bytes` cut at `cuts` (offsets, any order). */
function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    if (c > prev) out.push(bytes.subarray(prev, c));
    prev = c;
  }
  return out;
}

const everyByte = (bytes: Buffer) => Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));

/** What vscode-jsonrpc's own reader makes of the same chunks. */
async function jsonrpcReads(chunks: Buffer[]): Promise<Message[]> {
  const stream = new PassThrough();
  const reader = new StreamMessageReader(stream);
  const out: Message[] = [];
  reader.listen((m) => out.push(m));
  for (const c of chunks) stream.write(c);
  // Its decoding is asynchronous: wait until the count holds still.
  for (let last = -1; last !== out.length; ) {
    last = out.length;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  reader.dispose();
  return out;
}

const textOf = (m: Message) => (m as unknown as { params: { textDocument: { text: string } } }).params.textDocument.text;
const methodOf = (m: Message) => (m as unknown as { method: string }).method;

const CJK = '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言。';

describe('node/messageReader: the stdio message reader', () => {
  it('reads a message that comes in one chunk', async () => {
    const r = reading();
    await feed(r, [frame(JSON.stringify(note('initialized', {})))]);
    assert.deepEqual(r.messages, [note('initialized', {})]);
    assert.deepEqual(r.errors, []);
  });

  it('reads several messages from one chunk, in order', async () => {
    const r = reading();
    const messages = [note('a', { n: 1 }), note('b', { n: 2, s: CJK }), didOpen(CJK.repeat(100)), note('c', [])];
    await feed(r, [Buffer.concat(messages.map((m) => frame(JSON.stringify(m))))]);
    assert.deepEqual(r.messages, messages);
  });

  it('reads headers split across chunks, down to one byte a chunk', async () => {
    const r = reading();
    const bytes = frame(JSON.stringify(note('x', { y: 1 })));
    const headerEnd = bytes.indexOf('\r\n\r\n');
    // Every byte of the header on its own, the body in one piece.
    await feed(r, [...everyByte(bytes.subarray(0, headerEnd + 4)), bytes.subarray(headerEnd + 4)]);
    // The blank line split between its two CRLFs, and inside one.
    const r2 = reading();
    await feed(r2, cut(Buffer.concat([bytes, bytes]), [headerEnd + 1, headerEnd + 2, headerEnd + 3, bytes.length + headerEnd + 2]));
    assert.deepEqual(r.messages, [note('x', { y: 1 })]);
    assert.deepEqual(r2.messages, [note('x', { y: 1 }), note('x', { y: 1 })]);
    assert.deepEqual([...r.errors, ...r2.errors], []);
  });

  it('reads a body split across many chunks, of every size', async () => {
    const text = (CJK + 'abc\n\t"quoted"\\ 𠀀😀\r\n').repeat(2000);
    const bytes = frame(JSON.stringify(didOpen(text)));
    for (const size of [1, 7, 1000, 65536]) {
      const r = reading();
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      await feed(r, chunks);
      assert.equal(r.messages.length, 1, `chunks of ${size}`);
      assert.equal(textOf(r.messages[0]), text, `chunks of ${size}`);
    }
  });

  it('reads multi-byte UTF-8 split inside its characters', async () => {
    for (const text of ['中', '𠀀', CJK, `${CJK}😀`.repeat(500)]) {
      const bytes = frame(JSON.stringify(didOpen(text)));
      const body = bytes.indexOf('\r\n\r\n') + 4;
      // Cut inside the first character of each kind: after its first and its second byte.
      const cuts = [0xe4, 0xf0].flatMap((lead) => {
        const i = bytes.indexOf(lead, body);
        return i < 0 ? [] : [i + 1, i + 2];
      });
      const r = reading();
      await feed(r, cut(bytes, cuts));
      assert.equal(textOf(r.messages[0]), text);
    }
  });

  it('decodes every body as Buffer#toString does: valid, invalid and ASCII-only, small and big', () => {
    const samples = [
      Buffer.from(`"${CJK}"`),
      Buffer.from(`"${'ascii only '.repeat(1000)}"`),
      Buffer.from(`"${CJK.repeat(200)}😀"`),
      Buffer.concat([Buffer.from('"'), Buffer.from(CJK.repeat(200)), Buffer.from([0xe4, 0xb8, 0x22, 0xff, 0xed, 0xa0, 0x80, 0xc0, 0x80]), Buffer.from('"')]),
    ];
    for (const b of samples) assert.equal(decodeUtf8(b), b.toString('utf8'));
    // A byte order mark is dropped, as vscode-jsonrpc's TextDecoder drops it.
    assert.equal(decodeUtf8(Buffer.from(`\ufeff"${CJK.repeat(200)}"`)), `"${CJK.repeat(200)}"`);
  });

  describe('a body, decoded as its chunks come', () => {
    const big = (unit: string) => unit.repeat(Math.ceil((300 * 1024) / Buffer.byteLength(unit)));
    /** What BodyBuffer makes of `bytes` written in `chunks`, beside what Buffer#toString makes of them. */
    const both = (bytes: Buffer, chunks: Buffer[]) => {
      const body = new BodyBuffer();
      for (const c of chunks) body.write(c, 0, c.length);
      const expected = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3).toString('utf8') : bytes.toString('utf8');
      return [body.text(), expected];
    };

    it('finds where the whole characters end', () => {
      const b = Buffer.from('a中𠀀');
      assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((to) => wholeCharacters(b, 0, to)), [0, 1, 1, 1, 4, 4, 4, 4, 8]);
    });

    it('reads as Buffer#toString does, cut anywhere: CJK, astral, ASCII first, a BOM, bad bytes, a cut-off end', () => {
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const inputs: Array<[string, Buffer]> = [
        ['CJK', Buffer.from(big(CJK))],
        ['astral', Buffer.from(big('𠀀😀a'))],
        ['ASCII only', Buffer.from(big('ascii '))],
        ['ASCII, then CJK', Buffer.from(big('ascii ') + CJK)],
        ['a BOM', Buffer.concat([bom, Buffer.from(big(CJK))])],
        ['a bad byte in the middle', Buffer.concat([Buffer.from(big(CJK)), Buffer.from([0xff, 0xe4, 0xb8]), Buffer.from(big(CJK))])],
        ['an encoded surrogate', Buffer.concat([Buffer.from(big(CJK)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(CJK)])],
        ['cut off inside its last character', Buffer.from(big(CJK)).subarray(0, 300 * 1024 + 1)],
      ];
      for (const [name, bytes] of inputs) {
        for (const size of [1000, 4096, 65536, 65537]) {
          const chunks: Buffer[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          const [got, expected] = both(bytes, chunks);
          assert.ok(got === expected, `${name}, chunks of ${size}`);
        }
      }
    });

    it('reads as Buffer#toString does, for any text cut at any places', function () {
      this.timeout(60_000);
      fc.assert(
        fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 20 }), fc.option(fc.nat()), (unit, cuts, bad) => {
          let bytes = Buffer.from(big(unit));
          if (bad !== null) bytes = Buffer.concat([bytes.subarray(0, bad % bytes.length), Buffer.from([0x80 + (bad % 0x7f)]), bytes.subarray(bad % bytes.length)]);
          const [got, expected] = both(bytes, cut(bytes, cuts.map((c) => c % bytes.length)));
          return got === expected;
        }),
        { numRuns: 60 },
      );
    });

    it('through the reader: a 10 MB didOpen in chunks of 64 KB', async function () {
      this.timeout(20_000);
      const text = big(`${CJK}\n`).repeat(34);
      const bytes = frame(JSON.stringify(didOpen(text)));
      assert.ok(bytes.length > 10 * 1024 * 1024);
      const r = reading();
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
      await feed(r, chunks);
      assert.ok(textOf(r.messages[0]) === text);
    });
  });

  it('reports a bad header and reads the messages after it', async () => {
    const r = reading();
    await feed(r, [
      Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'), // no length
      frame(JSON.stringify(note('first', {}))),
      Buffer.from('Content-Length: lots\r\n\r\n'),
      Buffer.from('no colon here\r\n\r\n'),
      frame(JSON.stringify(note('second', {}))),
    ]);
    assert.deepEqual(r.messages, [note('first', {}), note('second', {})]);
    assert.equal(r.errors.length, 3);
    assert.match(r.errors[0].message, /Content-Length/);
    assert.match(r.errors[1].message, /must be a number/);
    assert.match(r.errors[2].message, /separate key and value/);
  });

  it('takes headers in any case, with other headers beside Content-Length', async () => {
    const r = reading();
    const body = Buffer.from(JSON.stringify(note('x', { s: CJK })));
    await feed(r, [Buffer.concat([Buffer.from(`content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:${body.length}\r\n\r\n`), body])]);
    assert.deepEqual(r.messages, [note('x', { s: CJK })]);
  });

  it('reports a body that is not JSON, and a callback that throws, and goes on', async () => {
    const stream = new PassThrough();
    const reader = new StdioMessageReader(stream);
    const errors: Error[] = [];
    const seen: string[] = [];
    reader.onError((e) => errors.push(e));
    reader.listen((m) => {
      seen.push(methodOf(m));
      if (methodOf(m) === 'throws') throw new Error('a bug in the handler');
    });
    stream.write(Buffer.concat([frame('{"jsonrpc":"2.0",'), frame(JSON.stringify(note('throws', {}))), frame(''), frame(JSON.stringify(note('after', {})))]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, ['throws', 'after']);
    assert.deepEqual(
      errors.map((e) => e.message.split(':')[0]),
      ['Message body is not JSON', 'a bug in the handler', 'Message body is not JSON'],
    );
  });

  it('reports a header that never ends, and reads on after it', async () => {
    const r = reading();
    await feed(r, [Buffer.alloc(40 * 1024, 'x'), frame(JSON.stringify(note('after', {})))]);
    assert.match(r.errors[0].message, /not ended/);
    // What is left of the junk runs into the next header: reported, and that header is read.
    assert.match(r.errors[1].message, /separate key and value|Content-Length/);
    assert.equal(r.errors.length, 2);
    await feed(r, [Buffer.from('junk without end of line'), frame(JSON.stringify(note('later', {})))]);
    assert.deepEqual(r.messages, [note('after', {}), note('later', {})]);
  });

  it('tells when a body waits for its bytes, and when the stream closes or fails', async () => {
    const r = reading();
    r.reader.partialMessageTimeout = 20;
    const bytes = frame(JSON.stringify(note('slow', { s: CJK })));
    await feed(r, [bytes.subarray(0, 30)]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.ok(r.partial.length >= 1, 'onPartialMessage fired');
    assert.ok(r.partial[0].waitingTime >= 20);
    await feed(r, [bytes.subarray(30)]);
    assert.deepEqual(r.messages, [note('slow', { s: CJK })]);
    const fired = r.partial.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(r.partial.length, fired, 'no more once the body is whole');

    r.stream.emit('error', new Error('broken pipe'));
    assert.equal(r.errors.at(-1)?.message, 'broken pipe');
    r.stream.end();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(r.closed, 1, 'onClose fired once for end and close');
  });

  it('stops reading once disposed', async () => {
    const r = reading();
    r.reader.dispose();
    await feed(r, [frame(JSON.stringify(note('x', {})))]);
    assert.deepEqual(r.messages, []);
  });

  it('reads what vscode-jsonrpc reads, however the stream is cut', async function () {
    this.timeout(60_000);
    const message = fc.oneof(
      fc.record({ jsonrpc: fc.constant('2.0'), method: fc.string(), params: fc.record({ text: fc.string({ unit: 'binary' }) }) }),
      fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), result: fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.constant(null))) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), async (messages, cuts) => {
        const bytes = Buffer.concat(messages.map((m) => frame(JSON.stringify(m))));
        const chunks = cut(bytes, cuts.map((c) => c % (bytes.length + 1)));
        const r = reading();
        await feed(r, chunks);
        assert.deepEqual(r.errors, []);
        assert.deepEqual(r.messages, await jsonrpcReads(chunks));
        assert.deepEqual(r.messages, JSON.parse(JSON.stringify(messages)));
      }),
      { numRuns: 150 },
    );
  });
});
