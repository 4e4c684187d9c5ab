// A parsed record as it is kept: lines, fields as numbers, problems compact. Fields become
// Field and Tag objects only when a feature reads them (see ParsedRecord).

import type { TagDef, TagTable } from '../tags/tagTable';
import type { Field, FieldVisitor, Problem, RecordIdentity, RecordNode, Section, Tag } from '../types';
import type { ProblemList } from './problems';
import { shapeOfRef, shapeRef, WELL_FORMED_SLOTS, type TagShape } from './scanner';

/**
 * A field while its record is parsed. Tags are kept as where they start and their shapes (a
 * tag ends at `start + shape.length`): the parser makes no object for a tag.
 */
export interface OpenField {
  /** The field's number in its record, from 1. */
  serial: number;
  code: string;
  def: TagDef | undefined;
  openStart: number;
  open: TagShape;
  closeStart: number;
  close: TagShape | undefined;
  valueStart: number;
  valueEnd: number;
  /** Where the field ends: after its closing tag, or at the end of its value when unclosed. */
  end: number;
  children: OpenField[];
  sections: Section[];
  /** Codes of unknown tags opened inside, so their closing tags are not reported twice. */
  unknownOpen: Set<string> | undefined;
  headings: Array<{ label: string; start: number; end: number; lineStart: number }> | undefined;
}

/**
 * A parsed record. Its fields are kept compact (see encodeFields) and made into Field and Tag
 * objects when first read: open → diagnostics never reads them, and a corpus of a hundred
 * thousand tiny records would otherwise hold and collect fifteen objects for each.
 */
export class ParsedRecord implements RecordNode {
  // Private, so that two parses of one text compare equal whether or not one was read.
  #fields: Field[] | undefined;
  #checked: unknown;

  /**
   * A slot for the rules' memo of this record's checks (rules/check.ts), which is no part of
   * the parse: private, so records compare equal whether or not they were checked, and cheaper
   * than a WeakMap entry per record of a hundred thousand.
   */
  get checked(): unknown {
    return this.#checked;
  }
  set checked(memo: unknown) {
    this.#checked = memo;
  }

  constructor(
    readonly length: number,
    readonly lineStarts: number[],
    readonly lineBreaks: number,
    private readonly fieldData: readonly number[],
    private readonly fieldShapes: readonly TagShape[],
    private readonly fieldSections: readonly Section[][],
    private readonly table: TagTable,
    readonly problemList: ProblemList,
    readonly contentEnd: number,
    readonly identity: RecordIdentity | undefined,
    readonly headStart: number,
    readonly headEnd: number,
    readonly suspect: boolean,
    /** Inline tags as pairs: where each starts, its shape's number. */
    private readonly inlineData: readonly number[],
  ) {}

  inlineTags(from: number, to: number): Tag[] {
    const data = this.inlineData;
    // The first pair starting at or after `from`: pairs are in the order the tags stand.
    let lo = 0;
    let hi = data.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (data[2 * mid] < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Tag[] = [];
    for (let k = lo; k < data.length >> 1 && data[2 * k] < to; k++) {
      const shape = shapeOfRef(data[2 * k + 1], this.fieldShapes, this.table);
      out.push(shape.at(data[2 * k], data[2 * k] + shape.length));
    }
    return out;
  }

  visitFields(visit: FieldVisitor): void {
    walkFields(this.fieldData, this.fieldShapes, this.table, visit);
  }

  get fields(): Field[] {
    return (this.#fields ??= decodeFields(this.fieldData, this.fieldShapes, this.fieldSections, this.table));
  }

  get problems(): Problem[] {
    return this.problemList.toArray();
  }
}

/**
 * The fields as numbers, in order, each followed by its nested fields. Most fields are closed
 * by their own closing tag, right after the value, and hold no nested field and no section:
 * such a field is three numbers, where its opening tag starts, its shape's number times two
 * plus one, and where its closing tag starts. Any other is six: where the opening tag starts
 * and its shape's number times two, where the closing tag starts (-1: none) and its shape's
 * number, where the value ends, and the number of nested fields times two plus one when it
 * has sections (kept as they are, in order). Every other offset follows from a tag's start
 * and shape.
 */
export function encodeFields(fields: readonly OpenField[], data: number[], at: number, shapes: TagShape[], sections: Section[][], index: Map<TagShape, number>): number {
  for (const f of fields) {
    const open = shapeRef(f.open, shapes, index);
    const close = f.close ? shapeRef(f.close, shapes, index) : -1;
    data[at] = f.openStart;
    if (close === open + 1 && open < WELL_FORMED_SLOTS && f.valueEnd === f.closeStart && f.children.length === 0 && f.sections.length === 0) {
      data[at + 1] = open * 2 + 1;
      data[at + 2] = f.closeStart;
      at += 3;
      continue;
    }
    data[at + 1] = open * 2;
    data[at + 2] = f.close ? f.closeStart : -1;
    data[at + 3] = f.close ? close : 0;
    data[at + 4] = f.valueEnd;
    data[at + 5] = f.children.length * 2 + (f.sections.length ? 1 : 0);
    at += 6;
    if (f.sections.length) sections.push(f.sections);
    if (f.children.length) at = encodeFields(f.children, data, at, shapes, sections, index);
  }
  return at;
}

function decodeFields(data: readonly number[], shapes: readonly TagShape[], sections: readonly Section[][], table: TagTable): Field[] {
  let k = 0;
  let section = 0;
  const read = (): Field => {
    const ref = data[k + 1];
    const openShape = shapeOfRef(Math.floor(ref / 2), shapes, table);
    const open = openShape.at(data[k], data[k] + openShape.length);
    let close: Tag | undefined;
    let valueEnd: number;
    let extra = 0;
    if (ref & 1) {
      // A well-formed field closed by its closing twin, the shape after its own.
      const closeShape = shapeOfRef(Math.floor(ref / 2) + 1, shapes, table);
      close = closeShape.at(data[k + 2], data[k + 2] + closeShape.length);
      valueEnd = close.start;
      k += 3;
    } else {
      if (data[k + 2] >= 0) {
        const closeShape = shapeOfRef(data[k + 3], shapes, table);
        close = closeShape.at(data[k + 2], data[k + 2] + closeShape.length);
      }
      valueEnd = data[k + 4];
      extra = data[k + 5];
      k += 6;
    }
    const field: Field = {
      code: openShape.code,
      def: openShape.def,
      open,
      close,
      valueStart: open.end,
      valueEnd,
      end: close ? close.end : valueEnd,
      children: NO_FIELDS,
      sections: extra & 1 ? sections[section++] : NO_SECTIONS,
    };
    const children = Math.floor(extra / 2);
    if (children > 0) {
      field.children = [];
      for (let c = 0; c < children; c++) field.children.push(read());
    }
    return field;
  };
  const fields: Field[] = [];
  while (k < data.length) fields.push(read());
  return fields;
}

/** Calls `visit` for each field in order, nested ones after their field, making no object. */
function walkFields(data: readonly number[], shapes: readonly TagShape[], table: TagTable, visit: FieldVisitor): void {
  let k = 0;
  // Fields still to visit at each depth: nested fields follow their field in the data.
  let left = 0;
  while (k < data.length) {
    const ref = data[k + 1];
    const openShape = shapeOfRef(Math.floor(ref / 2), shapes, table);
    const openStart = data[k];
    const valueStart = openStart + openShape.length;
    let valueEnd: number;
    let end: number;
    let children = 0;
    if (ref & 1) {
      // Closed by its well-formed twin: the same tag with a `-`, one character longer.
      valueEnd = data[k + 2];
      end = valueEnd + openShape.length + 1;
      k += 3;
    } else {
      valueEnd = data[k + 4];
      end = data[k + 2] >= 0 ? data[k + 2] + shapeOfRef(data[k + 3], shapes, table).length : valueEnd;
      children = Math.floor(data[k + 5] / 2);
      k += 6;
    }
    const nested = left > 0;
    if (nested) left--;
    visit(openShape.code, openShape.def, openStart, valueStart, valueEnd, end, children, nested);
    if (children) left = children;
  }
}

// Most fields have no nested fields and no sections: they share these (never written to).
const NO_FIELDS = Object.freeze([]) as unknown as Field[];
export const NO_SECTIONS = Object.freeze([]) as unknown as Section[];
export const NO_INLINE_TAGS: readonly number[] = Object.freeze([]);
export const NO_SHAPES: readonly TagShape[] = Object.freeze([]);
export const NO_SECTION_LISTS: readonly Section[][] = Object.freeze([]);

