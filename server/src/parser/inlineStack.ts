// The inline tags open while a record is parsed.

import type { TagShape } from './scanner';

/**
 * Open inline tags, innermost last, as arrays of their parts: a body can hold a million tags
 * left open. `owners` holds the serial of the field each stands in; `closed` marks one closed
 * out of order (the tags crossed), left on the stack until it surfaces. The innermost open tag
 * of each code is found in `tops`, and the one before it in `prev`, so a closing tag finds
 * its opening in constant time however deep the nesting.
 */
export class InlineStack {
  size = 0;
  starts = new Int32Array(64);
  owners = new Int32Array(64);
  prev = new Int32Array(64);
  shapeIds = new Int32Array(64);
  closed = new Uint8Array(64);
  private shapes: TagShape[] = [];
  private lastShape: TagShape | undefined;
  private lastShapeId = -1;
  private tops = new Map<string, number>();

  push(start: number, shape: TagShape, owner: number): void {
    const k = this.size;
    if (k === this.starts.length) this.grow(k * 4);
    const code = shape.code;
    this.starts[k] = start;
    this.owners[k] = owner;
    this.prev[k] = this.tops.get(code) ?? -1;
    this.tops.set(code, k);
    this.closed[k] = 0;
    if (shape !== this.lastShape) {
      this.lastShape = shape;
      // Tags written alike share an entry; past a few shapes a new one is simply added.
      const known = this.shapes.length < 64 ? this.shapes.indexOf(shape) : -1;
      this.lastShapeId = known >= 0 ? known : this.shapes.push(shape) - 1;
    }
    this.shapeIds[k] = this.lastShapeId;
    this.size = k + 1;
  }

  shape(k: number): TagShape {
    return this.shapes[this.shapeIds[k]];
  }

  /** The innermost open tag of `code`, or -1. */
  innermost(code: string): number {
    return this.tops.get(code) ?? -1;
  }

  /** The innermost open tag of its code, `k`, is closed: the one before it becomes the innermost. */
  closeInnermost(k: number): void {
    this.tops.set(this.shape(k).code, this.prev[k]);
  }

  /** Keeps the first `n` entries: every code's innermost open tag is then below `n`. */
  truncate(n: number): void {
    for (const [code, top] of this.tops) {
      let t = top;
      while (t >= n) t = this.prev[t];
      if (t !== top) this.tops.set(code, t);
    }
    this.size = n;
  }

  private grow(n: number): void {
    const grown = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grown(this.starts);
    this.owners = grown(this.owners);
    this.prev = grown(this.prev);
    this.shapeIds = grown(this.shapeIds);
    const closed = new Uint8Array(n);
    closed.set(this.closed);
    this.closed = closed;
  }

  clear(): void {
    this.size = 0;
    this.shapes = [];
    this.lastShape = undefined;
    this.lastShapeId = -1;
    if (this.tops.size) this.tops = new Map();
    if (this.starts.length > 4096) {
      this.starts = new Int32Array(64);
      this.owners = new Int32Array(64);
      this.prev = new Int32Array(64);
      this.shapeIds = new Int32Array(64);
      this.closed = new Uint8Array(64);
    }
  }
}

