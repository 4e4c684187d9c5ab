// The parsed model. Offsets are UTF-16 code unit offsets, as LSP and VS Code count them.
// Everything inside a record is relative to the record's start, so a record parsed once
// stays valid when an edit elsewhere moves it: only the document's start tables change.

import type { TagDef } from './tags/tagTable';
import type { DiagnosticCode } from './diagnostics/catalogue';
import type { ProblemList } from './parser/problems';

/** One `〖…〗` tag as written, well formed or not. */
export interface Tag {
  start: number;
  end: number;
  closing: boolean;
  /** The code upper-cased (`rq` reads as `RQ`); empty when the tag has no code at all. */
  code: string;
  /** The code as written. */
  rawCode: string;
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The separator as written (`/` when well formed); empty when missing. */
  separator: string;
  separatorStart: number;
  /** False when the `〗` was lost. */
  terminated: boolean;
  /** The tag table's entry for the code, if the code is known. */
  def: TagDef | undefined;
  /** What is wrong with how the tag is written; empty when it is well formed. */
  faults: TagFault[];
}

export type TagFault =
  | 'code-missing'
  | 'code-odd'
  | 'code-lowercase'
  | 'separator-missing'
  | 'separator-wrong'
  | 'name-missing'
  | 'bracket-missing'
  /** An opening tag where the open field's closing tag belongs (set by the parser). */
  | 'dash-missing';

/** A section of 正文, headed by a line holding only a Chinese numeral. */
export interface Section {
  label: string;
  /** The heading line's text range (the numeral itself). */
  headingStart: number;
  headingEnd: number;
  /** From the heading to the end of the section's last line. */
  start: number;
  end: number;
}

export interface Field {
  code: string;
  def: TagDef | undefined;
  open: Tag;
  close: Tag | undefined;
  /** The value lies between the opening and closing tags (or the line end / record end if never closed). */
  valueStart: number;
  valueEnd: number;
  /** Where the field ends: after its closing tag, or at the end of its value when unclosed. */
  end: number;
  /**
   * Header fields opened inside this field: wrongly (nested-header-field), or, in 正文, as the
   * fields of a picture block (〖TM/中图〗…〖-TM/中图〗), which are the picture's, not the record's.
   */
  children: Field[];
  sections: Section[];
}

/** A problem found in a record, before severities and messages are applied. */
export interface Problem {
  code: DiagnosticCode;
  start: number;
  end: number;
  /** Values for the message (field code, names, the value…). */
  args: Readonly<Record<string, string>>;
  /** The tag the problem is about, as the parser understood it (a malformed, unknown or unmatched tag). */
  tag?: Tag;
  /** The other record a problem across records is about: its index, and a range relative to it. */
  related?: { record: number; start: number; end: number };
}

/** One article: the lines from one record start to the next. */
export interface RecordNode {
  /** The rules' memo of this record's checks (rules/check.ts): not part of the parse. */
  checked?: unknown;
  /** The record's length in UTF-16 code units. */
  length: number;
  /** Offsets of each line's start, relative to the record; lineStarts[0] is 0. */
  lineStarts: number[];
  /** Number of line breaks inside the record (the next record starts that many lines later). */
  lineBreaks: number;
  /** The record's fields, in order; made from the record's compact form when first read. */
  readonly fields: Field[];
  /**
   * The problems, sorted by position, as objects made afresh on each read. Features that walk
   * many read `problemList` instead, which makes only the problems asked for.
   */
  readonly problems: Problem[];
  readonly problemList: ProblemList;
  /** Offset of the end of the last line holding anything but whitespace. */
  contentEnd: number;
  /** The record's identity, for checks across records; undefined when it has no RQ. */
  identity: RecordIdentity | undefined;
  /** Where the record's first tag stands (-1: it has none): where record-wide problems are shown. */
  headStart: number;
  headEnd: number;
  /** The text may hold suspect characters (false when a scan of the document found none in it). */
  suspect: boolean;
  /** Calls `visit` for each field in order, nested ones after their field, making no object. */
  visitFields(visit: FieldVisitor): void;
  /**
   * The tags standing in fields' values that are no field's own tags (inline markup, and
   * unknown or broken tags), in order, that start in [from, to).
   */
  inlineTags(from: number, to: number): Tag[];
}

/**
 * One field, as the rules walk a record: `children` is the number of nested fields (they
 * follow), `nested` says the field is one of them.
 */
export type FieldVisitor = (
  code: string,
  def: TagDef | undefined,
  openStart: number,
  valueStart: number,
  valueEnd: number,
  end: number,
  children: number,
  nested: boolean,
) => void;

/** An article is identified by (RQ, BH, TH); one RQ has one ZQ within a newspaper. */
export interface RecordIdentity {
  rq: string;
  bh: string;
  th: string;
  zq: string;
  /** Where to point at the ZQ value (or the RQ value when there is no ZQ), relative to the record. */
  zqStart: number;
  zqEnd: number;
  /** Where to point at the record as a whole: its first tag. */
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
