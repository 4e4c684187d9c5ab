// Answers sent as JSON bytes made here rather than by JSON.stringify and a UTF-8 encoding of its
// string. The outline of a 10 MB file is some 12 MB of JSON: made as objects (55,000 symbols,
// seven objects each), JSON.stringify then builds it as a string of 24 MB (UTF-16: the names
// are Chinese), and the writer measures that and encodes it to UTF-8. `encodedOutline` writes
// the outline's UTF-8 bytes as features/symbols.ts walks the document (`writeOutline`), with
// no object and no string, and keeps each record's bytes, which an edit elsewhere leaves as
// they were (as symbols.ts keeps each record's symbol).
//
// An encoded answer is an `EncodedJson`: a writer that knows it (node/messageWriter.ts) sends its
// bytes; any other (Node IPC, vscode-jsonrpc's own writer, a trace) serializes it as usual, and
// its `toJSON` gives the value itself, made then, so every client reads the same JSON.

import type { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import { writeOutline, type OutlineWriter } from '../features/symbols';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { RecordNode } from '../types';

export class EncodedJson {
  private encoded: Uint8Array[] | undefined;

  constructor(
    /** What the bytes are the JSON of, made when a writer serializes the answer itself. */
    private readonly value: () => unknown,
    private readonly encode: () => Uint8Array[],
  ) {}

  /** The value's JSON as UTF-8, in pieces (made once). */
  bytes(): Uint8Array[] {
    return (this.encoded ??= this.encode());
  }

  toJSON(): unknown {
    return this.value();
  }
}

/**
 * The outline of `doc` as getDocumentSymbols gives it (`symbols` makes it as objects, for a
 * writer that serializes them), or as its JSON's bytes.
 */
export function encodedOutline(doc: CorpusDocument, locale: Locale, maxSymbols: number, symbols: () => DocumentSymbol[]): EncodedJson {
  return new EncodedJson(symbols, () => {
    const out = new OutlineBytes();
    writeOutline(doc, locale, maxSymbols, out);
    return out.end();
  });
}

// Each record's symbol as bytes, while the record and its first line stay (see symbols.ts).
const recordBytes = new WeakMap<RecordNode, { line: number; locale: Locale; bytes: Uint8Array }>();

/** An outline written as JSON bytes, exactly as JSON.stringify writes getDocumentSymbols' answer. */
class OutlineBytes implements OutlineWriter {
  private readonly out = new JsonBytes();
  /** For each symbol open, outermost first, how many children it has so far. */
  private readonly children: number[] = [];
  private depth = 0;
  private listed = 0;
  /** Where the record's symbol being written began. */
  private mark: Mark = { piece: 0, pos: 0 };
  /** The records written afresh, and where their bytes lie: kept once the answer is whole. */
  private fresh: Array<{ record: RecordNode; line: number; locale: Locale; from: Mark; to: Mark }> = [];

  constructor() {
    this.out.byte(0x5b);
  }

  end(): Uint8Array[] {
    this.out.byte(0x5d);
    const pieces = this.out.end();
    // The records' bytes are copied into one buffer of their own, which each record's entry
    // views: what is kept holds no more than them, and is made with one allocation.
    let total = 0;
    for (const f of this.fresh) total += spanLength(pieces, f.from, f.to);
    const kept = new Uint8Array(total);
    let at = 0;
    for (const f of this.fresh) {
      const start = at;
      at = copySpan(pieces, f.from, f.to, kept, at);
      recordBytes.set(f.record, { line: f.line, locale: f.locale, bytes: kept.subarray(start, at) });
    }
    this.fresh = [];
    return pieces;
  }

  open(name: string, detail: string, kind: SymbolKind, at: readonly number[]): void {
    const out = this.out;
    let before = NOTHING;
    if (this.depth === 0) {
      if (this.listed++ > 0) out.byte(0x2c);
      this.mark = out.mark();
    } else {
      before = this.children[this.depth - 1]++ === 0 ? CHILDREN : COMMA;
    }
    this.children[this.depth++] = 0;
    out.symbol(before, name, detail, kind, at);
  }

  close(): void {
    if (this.children[--this.depth] > 0) this.out.byte(0x5d);
    this.out.byte(0x7d);
  }

  reuse(record: RecordNode, line: number, locale: Locale): boolean {
    const kept = recordBytes.get(record);
    if (!kept || kept.line !== line || kept.locale !== locale) return false;
    if (this.listed++ > 0) this.out.byte(0x2c);
    this.out.raw(kept.bytes);
    return true;
  }

  written(record: RecordNode, line: number, locale: Locale): void {
    this.fresh.push({ record, line, locale, from: this.mark, to: this.out.mark() });
  }
}

/** A place in a JsonBytes' output: piece `piece` (the one being written if none is made yet), byte `pos`. */
interface Mark {
  piece: number;
  pos: number;
}

/** How many bytes lie between two marks of the pieces. */
function spanLength(pieces: readonly Uint8Array[], from: Mark, to: Mark): number {
  if (from.piece === to.piece) return to.pos - from.pos;
  let n = pieces[from.piece].length - from.pos + to.pos;
  for (let k = from.piece + 1; k < to.piece; k++) n += pieces[k].length;
  return n;
}

/** Copies the bytes between two marks into `into` at `at`; where they end. */
function copySpan(pieces: readonly Uint8Array[], from: Mark, to: Mark, into: Uint8Array, at: number): number {
  for (let k = from.piece; k <= to.piece; k++) {
    const part = pieces[k].subarray(k === from.piece ? from.pos : 0, k === to.piece ? to.pos : pieces[k].length);
    into.set(part, at);
    at += part.length;
  }
  return at;
}

const bytesOf = (ascii: string) => Uint8Array.from(ascii, (c) => c.charCodeAt(0));
const NAME = bytesOf('{"name":');
const DETAIL = bytesOf(',"detail":');
const KIND = bytesOf(',"kind":');
const RANGE = bytesOf(',"range":');
const SELECTION = bytesOf(',"selectionRange":');
const CHILDREN = bytesOf(',"children":[');
const START = bytesOf('{"start":{"line":');
const CHARACTER = bytesOf(',"character":');
const END = bytesOf('},"end":{"line":');
const CLOSE_RANGE = bytesOf('}}');
const COMMA = bytesOf(',');
const NOTHING = new Uint8Array(0);

const CHUNK = 1 << 20;
/** A writer's buffer once it is done (off the heap, as every buffer it writes into). */
const EMPTY = new Uint8Array(new ArrayBuffer(128), 0, 0);
const HEX = bytesOf('0123456789abcdef');
/** The escape of each ASCII character JSON.stringify escapes (0: none), as its second byte, or `u`. */
const ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 0x75; // \u00XX
ESCAPE[0x08] = 0x62; // \b
ESCAPE[0x09] = 0x74; // \t
ESCAPE[0x0a] = 0x6e; // \n
ESCAPE[0x0c] = 0x66; // \f
ESCAPE[0x0d] = 0x72; // \r
ESCAPE[0x22] = 0x22; // \"
ESCAPE[0x5c] = 0x5c; // \\

/** JSON written as UTF-8 into pieces of about a megabyte, exactly as JSON.stringify writes it. */
export class JsonBytes {
  private readonly pieces: Uint8Array[] = [];
  private buf = new Uint8Array(CHUNK);
  private pos = 0;

  /** The bytes written, in order; the writer is done. */
  end(): Uint8Array[] {
    if (this.pos > 0) this.pieces.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
    this.buf = EMPTY;
    return this.pieces;
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = b;
  }

  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const b = this.buf;
    if (n > 64) {
      b.set(bytes, this.pos);
      this.pos += n;
      return;
    }
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = bytes[i];
    this.pos = p;
  }

  /** Where the next byte goes. */
  mark(): Mark {
    return { piece: this.pieces.length, pos: this.pos };
  }

  /**
   * A symbol's members up to its children, after `before` (a comma, or the parent's children's
   * opening): `{"name":…,"detail":…,"kind":…,"range":…,"selectionRange":…` (no detail if '').
   */
  symbol(before: Uint8Array, name: string, detail: string, kind: number, at: readonly number[]): void {
    const most = 128 + 6 * (name.length + detail.length) + MAX_NUMBER + 2 * RANGE_MOST;
    if (this.pos + most > this.buf.length) this.room(most);
    const b = this.buf;
    let p = put(b, this.pos, before);
    p = put(b, p, NAME);
    p = putString(b, p, name);
    if (detail) {
      p = put(b, p, DETAIL);
      p = putString(b, p, detail);
    }
    p = put(b, p, KIND);
    p = putNumber(b, p, kind);
    p = put(b, p, RANGE);
    p = putRange(b, p, at[0], at[1], at[2], at[3]);
    p = put(b, p, SELECTION);
    this.pos = putRange(b, p, at[4], at[5], at[6], at[7]);
  }

  /** A number as JSON.stringify writes it. */
  number(n: number): void {
    if (this.pos + MAX_NUMBER > this.buf.length) this.room(MAX_NUMBER);
    this.pos = putNumber(this.buf, this.pos, n);
  }

  /** A string as JSON.stringify writes it: quoted, escaped, in UTF-8 (a lone surrogate as `\udxxx`). */
  string(s: string): void {
    // At most 6 bytes a UTF-16 unit (an escape), and the quotes.
    if (this.pos + 6 * s.length + 2 > this.buf.length) this.room(6 * s.length + 2);
    this.pos = putString(this.buf, this.pos, s);
  }

  /** Room for `n` more bytes: the piece so far is kept, and the next one is at least `n` long. */
  private room(n: number): void {
    if (this.pos > 0) this.pieces.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(Math.max(CHUNK, n));
    this.pos = 0;
  }
}

/** The longest a number is as JSON: `-1.2345678901234567e-308`. */
const MAX_NUMBER = 24;

/** The most bytes a range takes. */
const RANGE_MOST = START.length + 2 * CHARACTER.length + END.length + CLOSE_RANGE.length + 4 * MAX_NUMBER;

function putRange(b: Uint8Array, p: number, line: number, character: number, endLine: number, endCharacter: number): number {
  p = put(b, p, START);
  p = putNumber(b, p, line);
  p = put(b, p, CHARACTER);
  p = putNumber(b, p, character);
  p = put(b, p, END);
  p = putNumber(b, p, endLine);
  p = put(b, p, CHARACTER);
  p = putNumber(b, p, endCharacter);
  return put(b, p, CLOSE_RANGE);
}

/** `s` as JSON.stringify writes it (room for 6 bytes a unit and the quotes), into `b` at `p`; where it ends. */
function putString(b: Uint8Array, p: number, s: string): number {
  const n = s.length;
  b[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const e = ESCAPE[c];
      if (e === 0) {
        b[p++] = c;
      } else if (e !== 0x75) {
        b[p++] = 0x5c;
        b[p++] = e;
      } else {
        p = unicodeEscape(b, p, c);
      }
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    } else {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 0x3f);
        b[p++] = 0x80 | ((cp >> 6) & 0x3f);
        b[p++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        p = unicodeEscape(b, p, c);
      }
    }
  }
  b[p++] = 0x22;
  return p;
}

/** `bytes` into `b` at `p`; where they end. */
function put(b: Uint8Array, p: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) b[p++] = bytes[i];
  return p;
}

/** `n` as JSON.stringify writes it, into `b` at `p` (room for MAX_NUMBER bytes); where it ends. */
function putNumber(b: Uint8Array, p: number, n: number): number {
  let v = n | 0;
  if (v !== n || v < 0) {
    const text = JSON.stringify(n);
    for (let i = 0; i < text.length; i++) b[p++] = text.charCodeAt(i);
    return p;
  }
  if (v < 10) {
    b[p] = 0x30 + v;
    return p + 1;
  }
  const end = p + (v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10);
  p = end;
  while (v >= 10) {
    const q = (v / 10) | 0;
    b[--p] = 0x30 + (v - q * 10);
    v = q;
  }
  b[--p] = 0x30 + v;
  return end;
}

/** `\u` and four lowercase hex digits, as JSON.stringify escapes a control character or a lone surrogate. */
function unicodeEscape(b: Uint8Array, p: number, c: number): number {
  b[p++] = 0x5c;
  b[p++] = 0x75;
  b[p++] = HEX[(c >> 12) & 15];
  b[p++] = HEX[(c >> 8) & 15];
  b[p++] = HEX[(c >> 4) & 15];
  b[p++] = HEX[c & 15];
  return p;
}
