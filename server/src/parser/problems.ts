// A record's problems, kept compact. Broken markup can hold a problem for every character
// (a line of `〖`), and an object per problem, with its message arguments, would cost many
// times the text in memory and in collection time. So a problem is a code, two offsets and
// a payload in typed arrays. The payload is the message's arguments, or, for a problem about
// one tag, the tag's shape: the tag without its offsets, one object for every tag written
// alike. Problem objects, and arguments read off a shape, are made only when asked for: the
// diagnostics shown are at most `maxProblems`.

import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../diagnostics/catalogue';
import type { Problem } from '../types';
import { detach } from '../validation/values';
import { TagShape } from './scanner';

type Args = Readonly<Record<string, string>>;

/** Where problems go: the parser's builder, or a plain array (as the tests of the checks use). */
export interface ProblemSink {
  push(p: Problem): unknown;
}

const CODE_INDEX = Object.fromEntries(DIAGNOSTIC_CODES.map((c, i) => [c, i])) as Record<DiagnosticCode, number>;

function malformedArgs(shape: TagShape): Args {
  const en: string[] = [];
  const zh: string[] = [];
  for (const fault of shape.faults) {
    switch (fault) {
      case 'code-missing':
        en.push('no two-letter code after 〖');
        zh.push('〖 之后没有两个字母的代码');
        break;
      case 'code-odd':
        en.push(`“${shape.rawCode}” is not a code of two capital letters`);
        zh.push(`“${shape.rawCode}”不是两个大写字母的代码`);
        break;
      case 'code-lowercase':
        en.push(`the code “${shape.rawCode}” must be upper case`);
        zh.push(`代码“${shape.rawCode}”应为大写`);
        break;
      case 'separator-missing':
        en.push('no “/” after the code');
        zh.push('代码之后缺少“/”');
        break;
      case 'separator-wrong':
        en.push(`“${shape.separator}” instead of “/”`);
        zh.push(`用了“${shape.separator}”而不是“/”`);
        break;
      case 'name-missing':
        en.push('no Chinese name');
        zh.push('缺少中文名称');
        break;
      case 'bracket-missing':
        en.push('the closing 〗 is missing');
        zh.push('缺少结尾的〗');
        break;
      case 'dash-missing':
        en.push('the closing tag lacks its “-”');
        zh.push('结束标记缺少“-”');
        break;
    }
  }
  return { tag: detach(shape.text()), reasonEn: en.join('; '), reasonZh: zh.join('；') };
}

/** The arguments of a problem whose payload is a tag's shape. */
function shapeArgs(code: DiagnosticCode, shape: TagShape): Args {
  return code === 'malformed-tag' ? malformedArgs(shape) : { tag: detach(shape.text()) };
}

export class ProblemList {
  constructor(
    private readonly codes: Uint8Array,
    private readonly starts: Int32Array,
    /** Each problem's length, in the narrowest array that holds the longest. */
    private readonly lengths: Uint8Array | Uint16Array | Int32Array,
    private readonly payloadOf: Uint8Array | Uint16Array | Int32Array,
    private readonly payloads: ReadonlyArray<Args | TagShape>,
  ) {}

  get length(): number {
    return this.codes.length;
  }

  code(k: number): DiagnosticCode {
    return DIAGNOSTIC_CODES[this.codes[k]];
  }

  start(k: number): number {
    return this.starts[k];
  }

  end(k: number): number {
    return this.starts[k] + this.lengths[k];
  }

  /** Problem `k` as an object, its arguments computed now. */
  get(k: number): Problem {
    const code = this.code(k);
    const start = this.starts[k];
    const end = start + this.lengths[k];
    const payload = this.payloads[this.payloadOf[k]];
    if (!(payload instanceof TagShape)) return { code, start, end, args: payload };
    const args = shapeArgs(code, payload);
    return code === 'malformed-tag' ? { code, start, end, args, tag: payload.at(start, end) } : { code, start, end, args };
  }

  toArray(): Problem[] {
    const out: Problem[] = [];
    for (let k = 0; k < this.codes.length; k++) out.push(this.get(k));
    return out;
  }
}

export const NO_PROBLEMS = new ProblemList(new Uint8Array(0), new Int32Array(0), new Uint8Array(0), new Uint8Array(0), []);

/** An array of `n` numbers up to `max`, as narrow as will hold them. */
function narrowest(max: number, n: number): Uint8Array | Uint16Array | Int32Array {
  return max < 0x100 ? new Uint8Array(n) : max < 0x10000 ? new Uint16Array(n) : new Int32Array(n);
}

/**
 * Collects one record's problems in the order they are found, and hands them over sorted by
 * position (ties in the order found). Its buffers are kept for the next record.
 */
export class ProblemBuilder implements ProblemSink {
  private codes = new Uint8Array(64);
  private starts = new Int32Array(64);
  private lengths = new Int32Array(64);
  private payloadOf = new Int32Array(64);
  private payloads: Array<Args | TagShape> = [];
  private count = 0;
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

  /** A problem about one tag, whose arguments are read off the tag's shape when asked for. */
  addTag(code: DiagnosticCode, start: number, shape: TagShape): void {
    this.append(code, start, shape.length, this.shapeId(shape));
  }

  /** `count` problems about tags of one shape standing one after another from `start`. */
  addRun(code: DiagnosticCode, start: number, count: number, shape: TagShape): void {
    const length = shape.length;
    this.append(code, start, length, this.shapeId(shape));
    const k = this.count;
    if (k + count - 1 > this.codes.length) this.grow(k + count - 1);
    this.codes.fill(CODE_INDEX[code], k, k + count - 1);
    this.lengths.fill(length, k, k + count - 1);
    this.payloadOf.fill(this.lastShapeId, k, k + count - 1);
    const starts = this.starts;
    for (let i = 1; i < count; i++) starts[k + i - 1] = start + i * length;
    this.count = k + count - 1;
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
    const k = this.count;
    if (k === this.codes.length) this.grow(k + 1);
    if (k > 0 && (start < this.starts[k - 1] || (start === this.starts[k - 1] && length < this.lengths[k - 1]))) this.sorted = false;
    if (code !== this.lastCode) {
      this.lastCode = code;
      this.lastCodeIndex = CODE_INDEX[code];
    }
    this.codes[k] = this.lastCodeIndex;
    if (length > this.longest) this.longest = length;
    this.starts[k] = start;
    this.lengths[k] = length;
    this.payloadOf[k] = payload;
    this.count = k + 1;
  }

  /** Room for at least `size` problems: four times as many, since a line of broken tags holds a problem per character. */
  private grow(size: number): void {
    const n = Math.max(size, this.codes.length * 4);
    const codes = new Uint8Array(n);
    codes.set(this.codes);
    this.codes = codes;
    const starts = new Int32Array(n);
    starts.set(this.starts);
    this.starts = starts;
    const lengths = new Int32Array(n);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const payloadOf = new Int32Array(n);
    payloadOf.set(this.payloadOf);
    this.payloadOf = payloadOf;
  }

  /** Does problem `a` sort before problem `b`? (With equal starts, the shorter ends first.) */
  private before(a: number, b: number): boolean {
    const sa = this.starts[a];
    const sb = this.starts[b];
    return sa < sb || (sa === sb && this.lengths[a] < this.lengths[b]);
  }

  /** The problems, sorted by position (ties in the order found); the builder is empty again. */
  finish(): ProblemList {
    const n = this.count;
    if (n === 0) {
      this.reset();
      return NO_PROBLEMS;
    }
    const out = new Output(n, this.longest, this.payloads.length - 1);
    // Problems are found nearly in order: what comes late (a missing field, reported at the
    // first tag once the record is read) is a short tail, merged into the rest as stretches.
    let p = 1;
    if (!this.sorted) while (p < n && !this.before(p, p - 1)) p++;
    else p = n;
    if (n - p <= 32) {
      const tail: number[] = [];
      for (let t = p; t < n; t++) {
        let k = tail.length;
        while (k > 0 && this.before(t, tail[k - 1])) k--;
        tail.splice(k, 0, t);
      }
      let i = 0;
      for (const t of tail) {
        let lo = i;
        let hi = p;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.before(t, mid)) hi = mid;
          else lo = mid + 1;
        }
        this.copy(out, i, lo);
        i = lo;
        this.copy(out, t, t + 1);
      }
      this.copy(out, i, p);
    } else {
      const order = this.order(n);
      for (let k = 0; k < n; k++) {
        const j = order[k];
        out.codes[k] = this.codes[j];
        out.starts[k] = this.starts[j];
        out.lengths[k] = this.lengths[j];
        out.payloadOf[k] = this.payloadOf[j];
      }
    }
    const list = new ProblemList(out.codes, out.starts, out.lengths, out.payloadOf, this.payloads);
    this.reset();
    return list;
  }

  /** Appends problems [from, to) to `out`. */
  private copy(out: Output, from: number, to: number): void {
    if (to - from > 16) {
      out.codes.set(this.codes.subarray(from, to), out.at);
      out.starts.set(this.starts.subarray(from, to), out.at);
      out.lengths.set(this.lengths.subarray(from, to), out.at);
      out.payloadOf.set(this.payloadOf.subarray(from, to), out.at);
      out.at += to - from;
      return;
    }
    for (let k = from; k < to; k++, out.at++) {
      out.codes[out.at] = this.codes[k];
      out.starts[out.at] = this.starts[k];
      out.lengths[out.at] = this.lengths[k];
      out.payloadOf[out.at] = this.payloadOf[k];
    }
  }

  /** The order of problems found in many runs: a merge of the runs, stable. */
  private order(n: number): Int32Array {
    let src = new Int32Array(n);
    for (let k = 0; k < n; k++) src[k] = k;
    let dst = new Int32Array(n);
    let runs = [0];
    for (let k = 1; k < n; k++) if (this.before(k, k - 1)) runs.push(k);
    runs.push(n);
    const st = this.starts;
    const len = this.lengths;
    while (runs.length > 2) {
      const merged = [0];
      for (let r = 0; r + 1 < runs.length; r += 2) {
        const lo = runs[r];
        const mid = runs[r + 1];
        const hi = r + 2 < runs.length ? runs[r + 2] : mid;
        let i = lo;
        let j = mid;
        let o = lo;
        while (i < mid && j < hi) {
          const a = src[i];
          const b = src[j];
          // The right one goes first only when strictly before: ties keep the order found.
          if (st[b] < st[a] || (st[b] === st[a] && len[b] < len[a])) {
            dst[o++] = b;
            j++;
          } else {
            dst[o++] = a;
            i++;
          }
        }
        while (i < mid) dst[o++] = src[i++];
        while (j < hi) dst[o++] = src[j++];
        merged.push(hi);
      }
      [src, dst] = [dst, src];
      runs = merged;
    }
    return src;
  }

  reset(): void {
    this.count = 0;
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
    }
  }
}

/** A record's problems as they are kept: lengths and payload numbers in the narrowest arrays. */
class Output {
  readonly codes: Uint8Array;
  readonly starts: Int32Array;
  readonly lengths: Uint8Array | Uint16Array | Int32Array;
  readonly payloadOf: Uint8Array | Uint16Array | Int32Array;
  at = 0;

  constructor(n: number, longest: number, lastPayload: number) {
    this.codes = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.lengths = narrowest(longest, n);
    this.payloadOf = narrowest(lastPayload, n);
  }
}
