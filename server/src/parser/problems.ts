// A record's problems, kept compact. Broken markup can hold a problem for every character
// (a line of `〖`), and an object per problem, with its message arguments, would cost many
// times the text in memory and in collection time. So a problem is a code, two offsets and
// a payload in typed arrays. The payload is the message's arguments, or, for a problem about
// one tag, the tag's shape: the tag without its offsets, one object for every tag written
// alike. Problem objects, and arguments read off a shape, are made only when asked for: the
// diagnostics shown are at most `maxProblems`.

import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../diagnostics/catalogue';
import type { Problem } from '../types';
import { detach } from '../text/chars';
import { TagShape } from './scanner';

type Args = Readonly<Record<string, string>>;

/** Where problems go: the parser's builder, or a plain array (as the tests of the checks use). */
export interface ProblemSink {
  push(p: Problem): unknown;
}

const CODE_INDEX = Object.fromEntries(DIAGNOSTIC_CODES.map((c, i) => [c, i])) as Record<DiagnosticCode, number>;

/** What a malformed tag's message needs: the tag as written and what is wrong with it (message text is the catalogue's). */
function malformedArgs(shape: TagShape): Args {
  return { tag: detach(shape.text()), faults: shape.faults.join(' '), rawCode: detach(shape.rawCode, 12), separator: shape.separator };
}

/** The arguments of a problem whose payload is a tag's shape. */
function shapeArgs(code: DiagnosticCode, shape: TagShape): Args {
  return code === 'malformed-tag' ? malformedArgs(shape) : { tag: detach(shape.text()) };
}

export class ProblemList {
  /** The entry that held the problem asked for last: readers walk the problems in order. */
  #entry = 0;

  constructor(
    private readonly codes: Uint8Array,
    private readonly starts: Int32Array,
    /** Each entry's length, in the narrowest array that holds the longest. */
    private readonly lengths: Uint8Array | Uint16Array | Int32Array,
    private readonly payloadOf: Uint8Array | Uint16Array | Int32Array,
    private readonly payloads: ReadonlyArray<Args | TagShape>,
    /**
     * When some entry is a run (problems alike, each starting where the one before ended), the
     * number of the first problem of each entry, and after them the number of problems; else
     * undefined, and entry k is problem k.
     */
    private readonly firsts: Int32Array | undefined,
  ) {}

  get length(): number {
    return this.firsts ? this.firsts[this.firsts.length - 1] : this.codes.length;
  }

  code(k: number): DiagnosticCode {
    return DIAGNOSTIC_CODES[this.codes[this.entryOf(k)]];
  }

  start(k: number): number {
    const e = this.entryOf(k);
    return this.firsts ? this.starts[e] + (k - this.firsts[e]) * this.lengths[e] : this.starts[e];
  }

  end(k: number): number {
    return this.start(k) + this.lengths[this.entryOf(k)];
  }

  /** Problem `k` as an object, its arguments computed now. */
  get(k: number): Problem {
    const e = this.entryOf(k);
    const code = DIAGNOSTIC_CODES[this.codes[e]];
    const start = this.start(k);
    const end = start + this.lengths[e];
    const payload = this.payloads[this.payloadOf[e]];
    if (!(payload instanceof TagShape)) return { code, start, end, args: payload };
    const args = shapeArgs(code, payload);
    return { code, start, end, args, tag: payload.at(start, end) };
  }

  /** Adds every problem of the list to `out`, runs kept as runs. */
  copyTo(out: ProblemBuilder): void {
    const firsts = this.firsts;
    for (let e = 0; e < this.codes.length; e++) {
      const code = DIAGNOSTIC_CODES[this.codes[e]];
      const start = this.starts[e];
      const length = this.lengths[e];
      const count = firsts ? firsts[e + 1] - firsts[e] : 1;
      const payload = this.payloads[this.payloadOf[e]];
      if (payload instanceof TagShape) out.addRun(code, start, count, payload);
      else for (let j = 0; j < count; j++) out.add(code, start + j * length, start + (j + 1) * length, payload);
    }
  }

  toArray(): Problem[] {
    const out: Problem[] = [];
    for (let k = 0; k < this.length; k++) out.push(this.get(k));
    return out;
  }

  private entryOf(k: number): number {
    const firsts = this.firsts;
    if (!firsts) return k;
    let e = this.#entry;
    if (firsts[e] <= k && k < firsts[e + 1]) return e;
    if (k >= firsts[e + 1] && k < firsts[e + 2]) return (this.#entry = e + 1);
    let lo = 0;
    let hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid + 1] <= k) lo = mid + 1;
      else hi = mid;
    }
    e = lo;
    return (this.#entry = e);
  }
}

export const NO_PROBLEMS = new ProblemList(new Uint8Array(0), new Int32Array(0), new Uint8Array(0), new Uint8Array(0), [], undefined);

/** An array of `n` numbers up to `max`, as narrow as will hold them. */
function narrowest(max: number, n: number): Uint8Array | Uint16Array | Int32Array {
  return max < 0x100 ? new Uint8Array(n) : max < 0x10000 ? new Uint16Array(n) : new Int32Array(n);
}

/**
 * Collects one record's problems in the order they are found, and hands them over sorted by
 * position (ties in the order found). Its buffers are kept for the next record.
 */
export class ProblemBuilder implements ProblemSink {
  // Entries: a problem, or a run of problems alike (code, length, payload), each starting
  // where the one before ended — a line of broken tags is a few entries, not a million.
  private codes = new Uint8Array(64);
  private starts = new Int32Array(64);
  private lengths = new Int32Array(64);
  private payloadOf = new Int32Array(64);
  private counts = new Int32Array(64);
  private entries = 0;
  /** Problems in all. */
  private count = 0;
  private payloads: Array<Args | TagShape> = [];
  private sorted = true;
  private longest = 0;
  /** The last arguments added and their index: problems in a row often share them. */
  private lastArgs: Args | undefined;
  private lastArgsId = -1;
  /** The payload index of each shape used in this record, so a shape is listed once. */
  private shapeIds = new Map<TagShape, number>();
  private lastShape: TagShape | undefined;
  private lastShapeId = -1;
  private lastCode: DiagnosticCode | undefined;
  private lastCodeIndex = 0;

  get length(): number {
    return this.count;
  }

  add(code: DiagnosticCode, start: number, end: number, args: Args): void {
    if (args !== this.lastArgs) {
      this.lastArgs = args;
      this.lastArgsId = this.payloads.push(args) - 1;
    }
    this.append(code, start, end - start, this.lastArgsId);
  }

  /**
   * Gives the problem `code` found at `start` (alone in its entry) other arguments: a problem
   * that turns out, further on, to be more than it seemed (a wrong name repeated in the
   * closing tag). False when there is no such problem.
   */
  amend(code: DiagnosticCode, start: number, args: Args): boolean {
    const index = CODE_INDEX[code];
    for (let e = this.entries - 1; e >= 0; e--) {
      if (this.codes[e] !== index || this.starts[e] !== start || this.counts[e] !== 1) continue;
      this.payloadOf[e] = this.payloads.push(args) - 1;
      this.lastArgs = undefined;
      this.lastArgsId = -1;
      return true;
    }
    return false;
  }

  /** A problem about one tag, whose arguments are read off the tag's shape when asked for. */
  addTag(code: DiagnosticCode, start: number, shape: TagShape): void {
    this.append(code, start, shape.length, this.shapeId(shape));
  }

  /** `count` problems about tags of one shape standing one after another from `start`. */
  addRun(code: DiagnosticCode, start: number, count: number, shape: TagShape): void {
    this.append(code, start, shape.length, this.shapeId(shape));
    this.counts[this.entries - 1] += count - 1;
    this.count += count - 1;
  }

  push(p: Problem): void {
    this.add(p.code, p.start, p.end, p.args);
  }

  private shapeId(shape: TagShape): number {
    let id = shape === this.lastShape ? this.lastShapeId : this.shapeIds.get(shape);
    if (id === undefined) {
      id = this.payloads.push(shape) - 1;
      this.shapeIds.set(shape, id);
    }
    this.lastShape = shape;
    this.lastShapeId = id;
    return id;
  }

  private append(code: DiagnosticCode, start: number, length: number, payload: number): void {
    if (code !== this.lastCode) {
      this.lastCode = code;
      this.lastCodeIndex = CODE_INDEX[code];
    }
    const index = this.lastCodeIndex;
    this.count++;
    const e = this.entries - 1;
    if (e >= 0) {
      const len = this.lengths[e];
      const lastStart = this.starts[e] + (this.counts[e] - 1) * len;
      if (start === lastStart + len && len === length && this.payloadOf[e] === payload && this.codes[e] === index && length > 0) {
        this.counts[e]++;
        return;
      }
      if (start < lastStart || (start === lastStart && length < len)) this.sorted = false;
    }
    const k = e + 1;
    if (k === this.codes.length) this.grow(k + 1);
    this.codes[k] = index;
    if (length > this.longest) this.longest = length;
    this.starts[k] = start;
    this.lengths[k] = length;
    this.payloadOf[k] = payload;
    this.counts[k] = 1;
    this.entries = k + 1;
  }

  /** Room for at least `size` entries, four times as many (a broken line holds one per tag). */
  private grow(size: number): void {
    const n = Math.max(size, this.codes.length * 4);
    const codes = new Uint8Array(n);
    codes.set(this.codes);
    this.codes = codes;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = widen(this.starts);
    this.lengths = widen(this.lengths);
    this.payloadOf = widen(this.payloadOf);
    this.counts = widen(this.counts);
  }

  /** The problems, sorted by position (ties in the order found); the builder is empty again. */
  finish(): ProblemList {
    if (this.count === 0) {
      this.reset();
      return NO_PROBLEMS;
    }
    const list = this.sorted ? this.output(this.codes, this.starts, this.lengths, this.payloadOf, this.counts, this.entries) : this.sortedOutput();
    this.reset();
    return list;
  }

  /** Entries in order as a list: runs are kept only when there are some. */
  private output(codes: Uint8Array, starts: Int32Array, lengths: Int32Array, payloadOf: Int32Array, counts: Int32Array, n: number): ProblemList {
    const outLengths = narrowest(this.longest, n);
    outLengths.set(lengths.subarray(0, n));
    const outPayloads = narrowest(this.payloads.length - 1, n);
    outPayloads.set(payloadOf.subarray(0, n));
    let firsts: Int32Array | undefined;
    if (this.count > n) {
      firsts = new Int32Array(n + 1);
      for (let e = 0; e < n; e++) firsts[e + 1] = firsts[e] + counts[e];
    }
    return new ProblemList(codes.slice(0, n), starts.slice(0, n), outLengths, outPayloads, this.payloads, firsts);
  }

  /**
   * Problems found out of order (a missing field is reported at the first tag once the record
   * is read; a field's value problems once it closes): the stretches of entries already in
   * order are merged, pairwise, as natural merge sort does, and stably. A merge takes from one
   * side as many problems of its next entry as come before the other side's next problem, so
   * runs that do not interleave stay whole.
   */
  private sortedOutput(): ProblemList {
    let src = new Entries(this.entries);
    for (let e = 0; e < this.entries; e++) src.push(this.codes[e], this.starts[e], this.lengths[e], this.payloadOf[e], this.counts[e]);
    let stretches = [0];
    for (let e = 1; e < src.size; e++) {
      const last = src.starts[e - 1] + (src.counts[e - 1] - 1) * src.lengths[e - 1];
      if (src.starts[e] < last || (src.starts[e] === last && src.lengths[e] < src.lengths[e - 1])) stretches.push(e);
    }
    stretches.push(src.size);
    while (stretches.length > 2) {
      const dst = new Entries(src.size + 16);
      const merged = [0];
      for (let r = 0; r + 1 < stretches.length; r += 2) {
        const hi = r + 2 < stretches.length ? stretches[r + 2] : stretches[r + 1];
        mergeStretches(src, stretches[r], stretches[r + 1], hi, dst);
        merged.push(dst.size);
      }
      src = dst;
      stretches = merged;
    }
    return this.output(src.codes, src.starts, src.lengths, src.payloadOf, src.counts, src.size);
  }

  reset(): void {
    this.count = 0;
    this.entries = 0;
    this.sorted = true;
    this.longest = 0;
    this.payloads = [];
    this.lastArgs = undefined;
    this.lastArgsId = -1;
    if (this.shapeIds.size) this.shapeIds = new Map();
    this.lastShape = undefined;
    this.lastShapeId = -1;
    if (this.codes.length > 4096) {
      // A record of many problems does not keep big buffers for the rest of the document.
      this.codes = new Uint8Array(64);
      this.starts = new Int32Array(64);
      this.lengths = new Int32Array(64);
      this.payloadOf = new Int32Array(64);
      this.counts = new Int32Array(64);
    }
  }
}

/** Entries written in order, joined into runs where they continue one another. */
class Entries {
  codes: Uint8Array;
  starts: Int32Array;
  lengths: Int32Array;
  payloadOf: Int32Array;
  counts: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.payloadOf = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
  }

  push(code: number, start: number, length: number, payload: number, count: number): void {
    const e = this.size - 1;
    if (
      e >= 0 &&
      length > 0 &&
      this.codes[e] === code &&
      this.lengths[e] === length &&
      this.payloadOf[e] === payload &&
      start === this.starts[e] + this.counts[e] * length
    ) {
      this.counts[e] += count;
      return;
    }
    const k = this.size++;
    if (k === this.codes.length) this.grow();
    this.codes[k] = code;
    this.starts[k] = start;
    this.lengths[k] = length;
    this.payloadOf[k] = payload;
    this.counts[k] = count;
  }

  /** Entries [from, to) of `src`, the first of them from its `skip`-th problem on. */
  pushRange(src: Entries, from: number, to: number, skip: number): void {
    if (from >= to) return;
    this.push(src.codes[from], src.starts[from] + skip * src.lengths[from], src.lengths[from], src.payloadOf[from], src.counts[from] - skip);
    const n = to - from - 1;
    if (n === 0) return;
    while (this.size + n > this.codes.length) this.grow();
    this.codes.set(src.codes.subarray(from + 1, to), this.size);
    this.starts.set(src.starts.subarray(from + 1, to), this.size);
    this.lengths.set(src.lengths.subarray(from + 1, to), this.size);
    this.payloadOf.set(src.payloadOf.subarray(from + 1, to), this.size);
    this.counts.set(src.counts.subarray(from + 1, to), this.size);
    this.size += n;
  }

  /**
   * Two runs of tags' problems at the same places, one tag after another (a broken inline tag
   * left open is malformed and unclosed): `periods` of them, one of each in turn.
   */
  pushAlternating(src: Entries, a: number, da: number, b: number, periods: number): void {
    const L = src.lengths[a];
    const sa = src.starts[a] + da * L;
    this.push(src.codes[a], sa, L, src.payloadOf[a], 1);
    this.push(src.codes[b], sa, L, src.payloadOf[b], 1);
    while (this.size + 2 * periods > this.codes.length) this.grow();
    const ca = src.codes[a];
    const cb = src.codes[b];
    const pa = src.payloadOf[a];
    const pb = src.payloadOf[b];
    let k = this.size;
    for (let i = 1; i < periods; i++, k += 2) {
      const start = sa + i * L;
      this.codes[k] = ca;
      this.starts[k] = start;
      this.lengths[k] = L;
      this.payloadOf[k] = pa;
      this.counts[k] = 1;
      this.codes[k + 1] = cb;
      this.starts[k + 1] = start;
      this.lengths[k + 1] = L;
      this.payloadOf[k + 1] = pb;
      this.counts[k + 1] = 1;
    }
    this.size = k;
  }

  private grow(): void {
    const n = this.codes.length * 2 + 16;
    const codes = new Uint8Array(n);
    codes.set(this.codes);
    this.codes = codes;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = widen(this.starts);
    this.lengths = widen(this.lengths);
    this.payloadOf = widen(this.payloadOf);
    this.counts = widen(this.counts);
  }
}

/**
 * How many problems of a run (first start S, length L, count c), from its d-th on, come
 * before a problem at (s, l): those starting earlier, and at the same start the shorter, or
 * with `ties` the as long too.
 */
function countBefore(S: number, L: number, c: number, d: number, s: number, l: number, ties: boolean): number {
  let k = L > 0 ? Math.min(c, Math.max(0, Math.ceil((s - S) / L))) : S < s ? c : 0;
  if (k < c && S + k * L === s && (ties ? L <= l : L < l)) k++;
  return Math.max(0, k - d);
}

/** Merges stretches [lo, mid) and [mid, hi) of `src`, each in order, into `dst`; ties take the first. */
function mergeStretches(src: Entries, lo: number, mid: number, hi: number, dst: Entries): void {
  let a = lo;
  let b = mid;
  let da = 0; // problems of entry a already taken
  let db = 0;
  const { starts, lengths, counts } = src;
  while (a < mid && b < hi) {
    const la = lengths[a];
    const lb = lengths[b];
    const sa = starts[a] + da * la;
    const sb = starts[b] + db * lb;
    if (sa === sb && la === lb && la > 0 && counts[a] - da > 1 && counts[b] - db > 1) {
      const periods = Math.min(counts[a] - da, counts[b] - db);
      dst.pushAlternating(src, a, da, b, periods);
      da += periods;
      db += periods;
      if (da === counts[a]) {
        a++;
        da = 0;
      }
      if (db === counts[b]) {
        b++;
        db = 0;
      }
      continue;
    }
    if (sb < sa || (sb === sa && lb < la)) {
      // Where runs interleave, one problem at a time: known without dividing.
      const next = sb + lb;
      const one = db + 1 === counts[b] || !(next < sa || (next === sa && lb < la));
      const n = one ? 1 : Math.max(1, countBefore(starts[b], lb, counts[b], db, sa, la, false));
      dst.push(src.codes[b], sb, lb, src.payloadOf[b], n);
      db += n;
      if (db === src.counts[b]) {
        b++;
        db = 0;
      }
    } else {
      const next = sa + la;
      const one = da + 1 === counts[a] || !(next < sb || (next === sb && la <= lb));
      const n = one ? 1 : Math.max(1, countBefore(starts[a], la, counts[a], da, sb, lb, true));
      dst.push(src.codes[a], sa, la, src.payloadOf[a], n);
      da += n;
      if (da === src.counts[a]) {
        a++;
        da = 0;
      }
    }
  }
  if (a < mid) dst.pushRange(src, a, mid, da);
  if (b < hi) dst.pushRange(src, b, hi, db);
}

