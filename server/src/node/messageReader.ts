// The server's reader of LSP messages over stdio. vscode-jsonrpc's own reader is correct but
// slow for big messages: a 10 MB didOpen costs it some 55 ms after its last byte, most of it V8
// decoding UTF-8 that is mostly Chinese (about 4 ns a byte); this one, about 25 ms. It reads the same framing
// (`Content-Length: N\r\n…\r\n\r\n` and N bytes of JSON) and:
//
// - decodes each body as its chunks come (BodyBuffer, below), never concatenating them: ASCII
//   as latin1, valid UTF-8 through ICU (`transcode` to UTF-16, several times faster than V8's
//   decoder on CJK text), anything else as `Buffer#toString` does (invalid bytes become
//   U+FFFD), so every body reads as vscode-jsonrpc would read it; a body that lies inside one
//   chunk is decoded from it in one go;
// - hands each message on as soon as it is parsed, in order, several from one chunk if they
//   came together, and keeps no reference to the bytes or the JSON text after that.
//
// A header without a usable Content-Length, a body that is not JSON, or a callback that throws
// is reported on `onError`, and reading goes on with the next message. `onPartialMessage` fires
// when a body has waited `partialMessageTimeout` ms for more bytes, as vscode-jsonrpc's does.

import { Buffer, constants, isAscii, isUtf8, transcode } from 'node:buffer';
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** Headers longer than this without their blank line are not headers: reported and dropped. */
const MAX_HEADER_BYTES = 16 * 1024;
const KEEP_AFTER_JUNK = 256;
/** Runs of bytes shorter than this are decoded by V8 directly: ICU pays off only on longer ones. */
const SMALL_BODY = 2048;

export class StdioMessageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  /** Header bytes received so far, while the blank line that ends them has not come. */
  private header: Buffer | undefined;
  /** The length of the body being read, or -1 while reading headers. */
  private length = -1;
  /** The body being read, once it spans more than one chunk, and how much of it has come. */
  private body: BodyBuffer | undefined;
  private filled = 0;
  private messageToken = 0;
  private lastData = 0;
  private partialTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private listening: Disposable | undefined;

  /** How long a body may wait for more bytes before `onPartialMessage` fires (ms; 0 or less: never). */
  partialMessageTimeout = 10_000;

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (error: unknown) => this.fireError(error);
    const onClose = () => {
      if (this.closed) return;
      this.closed = true;
      this.clearPartialTimer();
      this.fireClose();
    };
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    this.readable.on('end', onClose);
    this.listening = Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
      this.readable.off('end', onClose);
      this.clearPartialTimer();
    });
    return this.listening;
  }

  override dispose(): void {
    this.listening?.dispose();
    this.listening = undefined;
    super.dispose();
  }

  private onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) at = this.length < 0 ? this.readHeader(chunk, at) : this.readBody(chunk, at);
  }

  /** Reads header bytes from `chunk` at `at`; returns where the body starts, or the chunk's end. */
  private readHeader(chunk: Buffer, at: number): number {
    const prior = this.header;
    const data = prior ? Buffer.concat([prior, chunk.subarray(at)]) : chunk.subarray(at);
    const end = data.indexOf(HEADER_END, prior ? Math.max(0, prior.length - 3) : 0);
    if (end < 0) {
      if (data.length > MAX_HEADER_BYTES) {
        this.fireError(new Error(`Message header not ended by an empty line within ${MAX_HEADER_BYTES} bytes: dropped`));
        // Its last bytes may be the start of a real header: kept, and read as one.
        this.header = Buffer.from(data.subarray(data.length - KEEP_AFTER_JUNK));
      } else {
        this.header = Buffer.from(data); // a copy: the chunk is not kept for a few bytes of it
      }
      return chunk.length;
    }
    this.header = undefined;
    const next = at + end + HEADER_END.length - (prior?.length ?? 0);
    const block = data.toString('latin1', 0, end);
    let length = contentLength(block, (e) => this.fireError(e));
    if (length === undefined) {
      // Junk before a header (what is left of a lost message): reported above, and the header
      // that follows it is read, so one bad message does not take the next ones with it.
      const start = block.toLowerCase().lastIndexOf('content-length:');
      if (start > 0) length = contentLength(block.slice(start), () => undefined);
    }
    if (length !== undefined) this.startBody(length);
    return next;
  }

  private startBody(length: number): void {
    this.length = length;
    this.filled = 0;
    this.body = undefined;
    this.messageToken++;
    if (length === 0) {
      this.bodyEnded();
      this.bodyRead(''); // reported: an empty body is no JSON
    }
  }

  /** Reads body bytes from `chunk` at `at`; returns where the next message starts, or the chunk's end. */
  private readBody(chunk: Buffer, at: number): number {
    const take = Math.min(this.length - this.filled, chunk.length - at);
    if (this.filled === 0 && take === this.length) {
      this.bodyEnded();
      this.bodyRead(decodeUtf8(chunk.subarray(at, at + take))); // the whole body in this chunk: no copy
      return at + take;
    }
    this.body ??= new BodyBuffer();
    this.body.write(chunk, at, at + take);
    this.filled += take;
    if (this.filled < this.length) {
      this.waitForMore();
    } else {
      const body = this.body;
      this.bodyEnded();
      this.bodyRead(body.text());
    }
    return at + take;
  }

  private bodyEnded(): void {
    this.length = -1;
    this.filled = 0;
    this.body = undefined;
    this.clearPartialTimer();
  }

  private bodyRead(json: string): void {
    let message: Message;
    try {
      message = JSON.parse(json) as Message;
    } catch (e) {
      this.fireError(new Error(`Message body is not JSON: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    try {
      this.callback?.(message);
    } catch (e) {
      this.fireError(e);
    }
  }

  // ——— a body that waits for its bytes ———

  private waitForMore(): void {
    this.lastData = Date.now();
    if (this.partialTimer || this.partialMessageTimeout <= 0) return;
    this.armPartialTimer(this.partialMessageTimeout);
  }

  private armPartialTimer(ms: number): void {
    const token = this.messageToken;
    this.partialTimer = setTimeout(() => {
      this.partialTimer = undefined;
      if (token !== this.messageToken || this.length < 0) return;
      const waited = Date.now() - this.lastData;
      if (waited >= this.partialMessageTimeout) {
        this.firePartialMessage({ messageToken: token, waitingTime: waited });
        this.lastData = Date.now();
        this.armPartialTimer(this.partialMessageTimeout);
      } else {
        this.armPartialTimer(this.partialMessageTimeout - waited);
      }
    }, ms);
    // A stalled message never keeps the process alive by itself.
    this.partialTimer.unref?.();
  }

  private clearPartialTimer(): void {
    if (this.partialTimer) clearTimeout(this.partialTimer);
    this.partialTimer = undefined;
  }
}

/**
 * The Content-Length of a header block (lines `Name: value`, names in any case), or
 * undefined, reported through `fail`, when it has none that is a byte count.
 */
export function contentLength(block: string, fail: (e: Error) => void): number | undefined {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) {
      fail(new Error(`Message header must separate key and value using ':'\n${line}`));
      return undefined;
    }
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value) || Number(value) > constants.MAX_LENGTH) {
      fail(new Error(`Content-Length value must be a number of bytes. Got ${value}`));
      return undefined;
    }
    length = Number(value);
  }
  if (length === undefined) fail(new Error(`Header must provide a Content-Length property.\n${block}`));
  return length;
}

/**
 * One body, decoded as its chunks come, a run of whole characters at a time: ASCII as latin1,
 * valid UTF-8 through ICU (`transcode` to UTF-16, then a string), a character split between
 * two chunks on its own. When the last chunk comes, only it is left to decode and the pieces to
 * join. Nothing is allocated at the body's size but the text itself: no buffer of all its bytes,
 * no UTF-16 buffer of all of it (big ones would be malloc'd, and glibc, having handed out one,
 * raises its thresholds and keeps what is freed after it, megabytes the server would hold for
 * good). The chunks are kept, for one case: bytes that are not valid UTF-8 (or a Node without
 * ICU) stop the decoding, and the whole body is then decoded at the end by `decodeUtf8`, as V8
 * decodes it, so every body reads exactly as `Buffer#toString` reads it.
 */
export class BodyBuffer {
  private chunks: Buffer[] = [];
  private pieces: string[] = [];
  /** The first bytes of a character whose last ones are in the next chunk. */
  private carry: Buffer | undefined;
  private atEnd = false;

  write(chunk: Buffer, from: number, to: number): void {
    const part = chunk.subarray(from, to);
    this.chunks.push(part);
    if (!this.atEnd) this.decode(part);
  }

  /** The body's text: call once all its bytes are written. */
  text(): string {
    if (this.atEnd || this.carry) return decodeUtf8(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks));
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    // A byte order mark is dropped, as decodeUtf8 drops it (only its bytes decode to U+FEFF).
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private decode(part: Buffer): void {
    if (this.carry) {
      const lead = this.carry[0];
      const missing = (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2) - this.carry.length;
      if (part.length < missing) {
        this.carry = Buffer.concat([this.carry, part]);
        return;
      }
      const character = Buffer.concat([this.carry, part.subarray(0, missing)]);
      this.carry = undefined;
      if (!this.run(character)) return;
      part = part.subarray(missing);
    }
    const end = wholeCharacters(part, 0, part.length);
    if (end < part.length) this.carry = Buffer.from(part.subarray(end)); // a copy of 1 to 3 bytes
    if (end > 0) this.run(part.subarray(0, end));
  }

  /** Decodes a run of whole characters into a piece; false (and decoding stops) if it is not UTF-8. */
  private run(bytes: Buffer): boolean {
    try {
      if (isAscii(bytes)) this.pieces.push(bytes.toString('latin1'));
      else if (!isUtf8(bytes)) throw new Error('not UTF-8');
      else this.pieces.push(bytes.length < SMALL_BODY ? bytes.toString('utf8') : transcode(bytes, 'utf8', 'utf16le').toString('utf16le'));
      return true;
    } catch {
      this.atEnd = true;
      this.pieces = [];
      this.carry = undefined;
      return false;
    }
  }
}

/**
 * Where the last whole character in `bytes[from, to)` ends: `to`, or the start of a character
 * whose bytes have not all come yet.
 */
export function wholeCharacters(bytes: Buffer, from: number, to: number): number {
  for (let i = to - 1; i >= from && i >= to - 4; i--) {
    const b = bytes[i];
    if (b < 0x80) return to; // ASCII: whatever came before it is whole, or invalid anyway
    if (b >= 0xc0) return i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) <= to ? to : i; // a lead byte
  }
  return to; // only continuation bytes: invalid, found out by isUtf8
}

/**
 * `bytes` as text, exactly as `bytes.toString('utf8')` reads them but faster on big bodies; a
 * leading byte order mark is dropped, as TextDecoder (vscode-jsonrpc's decoder) drops it.
 */
export function decodeUtf8(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.length < SMALL_BODY) return bytes.toString('utf8');
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) {
    try {
      return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
    } catch {
      // A Node without ICU: V8's decoder below.
    }
  }
  return bytes.toString('utf8');
}
